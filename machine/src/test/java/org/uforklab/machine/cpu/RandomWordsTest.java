package org.uforklab.machine.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.uforklab.machine.cap.Capability;

/**
 * Issue 3 §6: 1,000,000 random words executed in a sandbox never make the emulator throw; every outcome is
 * normal execution or an architectural exception, after which the handler resets the state and redirects
 * back into the sandbox.
 */
class RandomWordsTest {

    @Test
    void millionRandomWordsNeverEscapeTheEmulator() {
        StringBuilder src = new StringBuilder(".text\n_start:\n");
        int words = 4096; // four pages of code
        for (int i = 0; i < words; i++) {
            src.append("    nop\n");
        }
        GuestLoader g = new GuestLoader(src.toString());
        SplittableRandom rnd = new SplittableRandom(0x5eed);
        long textPa = g.paOf(GuestLoader.TEXT);
        Capability pcc = g.cpu.pcc();
        Capability stack = g.cpu.c(31);
        Map<ExceptionClass, Integer> seen = new EnumMap<>(ExceptionClass.class);
        g.cpu.setExceptionHandler((cpu, r) -> {
            seen.merge(r.kind(), 1, Integer::sum);
            // reset registers to known capabilities and continue at a random place in the sandbox
            for (int i = 0; i < 31; i++) {
                cpu.setC(i, i % 3 == 0 ? stack.setValue(GuestLoader.STACK_TOP - 1024) : Capability.ofInteger(rnd.nextLong()));
            }
            cpu.setC(31, stack.setValue(GuestLoader.STACK_TOP - 2048));
            return Resolution.redirect(pcc.setValue((GuestLoader.TEXT + 4L * rnd.nextInt(words)) | 1));
        });
        long executed = 0;
        int rounds = 0;
        while (executed < 1_000_000) {
            for (int i = 0; i < words; i++) {
                g.machine.memory().write32(textPa + 4L * i, rnd.nextInt());
            }
            RunResult r = g.cpu.run(20_000);
            executed += 20_000;
            rounds++;
            assertThat(r.reason()).isIn(StopReason.INSTRUCTION_LIMIT, StopReason.STOPPED);
            g.cpu.resume();
        }
        assertThat(rounds).isGreaterThan(0);
        assertThat(seen).containsKeys(ExceptionClass.UNDEFINED, ExceptionClass.DATA_ABORT);
    }
}
