package org.uforklab.sasos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.uforklab.sasos.proc.MicroProcess;

/** Each system-call test guest checks results from inside the guest; exit code 0 means every check passed. */
class GuestSyscallTest {

    static Stream<Arguments> guests() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String g : new String[] {"sys_basic", "sys_files", "sys_pipe", "sys_proc", "sys_mem", "natives"}) {
            for (Personality p : Personality.values()) {
                for (IsolationLevel i : IsolationLevel.values()) {
                    b.add(Arguments.of(g, p, i));
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("guests")
    void guestPassesItsOwnChecks(String guest, Personality personality, IsolationLevel isolation) {
        Kernel k = Kernel.boot(KernelConfig.defaults().withPersonality(personality).withIsolation(isolation).withStrace(true));
        MicroProcess p = k.launch(guest);
        k.runUntilExit(p);
        assertThat(p.isDead()).as("%s did not finish:%n%s%n%s", guest, k, k.strace()).isTrue();
        assertThat(p.exitCode()).as("%s failed check %d%n%s%n%s", guest, p.exitCode(), p, k.strace()).isEqualTo(0);
        assertThat(p.fault()).isNull();
        if (guest.equals("natives")) {
            assertThat(p.console()).isEqualTo("n=42 s=hello x=ff\n");
        }
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(IsolationLevel.class)
    void argumentChecksFollowTheIsolationLevel(IsolationLevel level) {
        Kernel k = Kernel.boot(KernelConfig.defaults().withIsolation(level));
        MicroProcess p = k.runUntilExit(k.launch("sys_isolation"));
        assertThat(p.exitCode()).isEqualTo(level.checksArguments() ? 0 : 1);
        assertThat(k.argumentChecks()).isEqualTo(level.checksArguments() ? 1 : 0);
    }

    @org.junit.jupiter.api.Test
    void adversarialCopiesBuffersAndCostsMore() {
        long[] cycles = new long[2];
        long[] copied = new long[2];
        IsolationLevel[] levels = {IsolationLevel.ADVERSARIAL, IsolationLevel.NON_ADVERSARIAL};
        for (int i = 0; i < 2; i++) {
            Kernel k = Kernel.boot(KernelConfig.defaults().withIsolation(levels[i]));
            k.runUntilExit(k.launch("hello"));
            cycles[i] = k.machine().elapsedCycles();
            copied[i] = k.bytesCopied();
        }
        assertThat(copied[0]).isEqualTo(13);
        assertThat(copied[1]).isZero();
        assertThat(cycles[0]).isGreaterThan(cycles[1]);
    }
}
