package org.uforklab.sasos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.uforklab.sasos.proc.GuestThread;
import org.uforklab.sasos.proc.MicroProcess;

class MultiCoreTest {

    private static long runFour(int cores) {
        Kernel k = Kernel.boot(KernelConfig.defaults().withCores(cores));
        List<MicroProcess> ps = List.of(k.launch("sys_files"), k.launch("sys_pipe"), k.launch("natives"), k.launch("sys_mem"));
        k.run();
        for (MicroProcess p : ps) {
            assertThat(p.exitCode()).as(p.toString()).isZero();
        }
        if (cores == 4) {
            // new threads go to free cores: the four main threads land on four different cores
            assertThat(ps.stream().map(p -> p.threads().get(0).core()).distinct().count()).isEqualTo(4);
            assertThat(k.bigKernelLock().acquisitions()).isEqualTo(k.machine().stats().get("kernel.syscalls"));
        } else {
            assertThat(k.scheduler().threads()).extracting(GuestThread::core).containsOnly(0);
        }
        return k.machine().elapsedCycles();
    }

    @Test
    void guestsRunInParallelOnFreeCoresDeterministically() {
        long one = runFour(1);
        long four = runFour(4);
        assertThat(four).isLessThan(one);
        assertThat(runFour(4)).isEqualTo(four);
    }

    @Test
    void bigKernelLockSerialisesOverlappingKernelEntries() {
        var l = new org.uforklab.sasos.sched.BigKernelLock();
        assertThat(l.acquire(100)).isEqualTo(100);
        l.held(100, 200);
        assertThat(l.acquire(150)).isEqualTo(200);
        l.held(200, 260);
        assertThat(l.acquire(120)).isEqualTo(260);
        assertThat(l.acquire(300)).isEqualTo(300);
        assertThat(l.contended()).isEqualTo(2);
        assertThat(l.waitCycles()).isEqualTo(50 + 140);
    }

    @Test
    void sleepingUsesEmulatedTimeAndIdleCoresSkipAhead() {
        Kernel k = Kernel.boot(KernelConfig.defaults().withCores(2));
        MicroProcess p = k.runUntilExit(k.launch("sys_basic"));
        assertThat(p.exitCode()).isZero();
        // sys_basic sleeps 1 ms = 2.5 M cycles at 2.5 GHz; the run takes at least that long
        assertThat(k.machine().elapsedCycles()).isGreaterThanOrEqualTo(2_500_000L);
        assertThat(k.machine().cores().get(0).stats().get("cpu.instructions")).isLessThan(1000);
    }
}
