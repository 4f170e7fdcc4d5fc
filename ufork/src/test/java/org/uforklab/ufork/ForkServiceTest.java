package org.uforklab.ufork;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.KernelConfig;
import org.uforklab.sasos.proc.MicroProcess;
import org.uforklab.ufork.baseline.MonolithicFork;

/** μFork and the monolithic baseline read through one {@link ForkService}: stats by child, PSS at reap, ASLR reseeding. */
class ForkServiceTest {

    @Test
    void bothImplementationsAreFoundOnTheirKernelAndRecordTheChildsFinalPss() {
        Kernel k = Kernel.boot(KernelConfig.defaults());
        UFork u = UFork.install(k);
        assertThat(ForkService.of(k)).containsSame(u);
        MicroProcess p = k.runUntilExit(k.launch("fork_hello"));
        assertThat(p.exitCode()).isZero();
        ForkStats f = u.forks().get(0);
        assertThat(u.forkOf(f.childPid())).containsSame(f);
        assertThat(u.forkOf(p.pid())).isEmpty();
        // the child was reaped by the parent's wait: its PSS then counts the pages it shared and those it copied
        assertThat(f.pssChildAtExit()).isPositive().isGreaterThanOrEqualTo(f.pssChild() / 2);

        Kernel km = Kernel.boot(MonolithicFork.kernelConfig());
        MonolithicFork m = MonolithicFork.install(km);
        assertThat(ForkService.of(km)).containsSame(m);
        km.runUntilExit(km.launch("fork_hello"));
        assertThat(m.forks().get(0).pssChildAtExit()).isPositive();
        assertThat(ForkService.of(Kernel.boot(KernelConfig.defaults()))).isEmpty();
    }

    @Test
    void reseedingAslrDrawsAsAFreshInstallWithThatSeed() {
        Kernel fresh = Kernel.boot(KernelConfig.defaults());
        UFork seeded = UFork.install(fresh, UForkConfig.defaults().withAslr(7));
        fresh.runUntilExit(fresh.launch("fork_hello"));
        Kernel k = Kernel.boot(KernelConfig.defaults());
        UFork u = UFork.install(k, UForkConfig.defaults().withAslr(1)).reseedAslr(7);
        k.runUntilExit(k.launch("fork_hello"));
        assertThat(u.forks().get(0).childBase()).isEqualTo(seeded.forks().get(0).childBase());
        Kernel other = Kernel.boot(KernelConfig.defaults());
        UFork unseeded = UFork.install(other, UForkConfig.defaults().withAslr(1));
        other.runUntilExit(other.launch("fork_hello"));
        assertThat(unseeded.forks().get(0).childBase()).as("the seed matters").isNotEqualTo(u.forks().get(0).childBase());
    }
}
