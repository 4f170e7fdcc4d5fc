package org.uforklab.ufork;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.KernelConfig;
import org.uforklab.sasos.proc.MicroProcess;

class ForkSmokeTest {
    @ParameterizedTest
    @EnumSource(ForkStrategy.class)
    void forkHeap(ForkStrategy s) {
        Kernel k = Kernel.boot(KernelConfig.defaults().withStrace(true));
        UFork u = UFork.install(k, UForkConfig.defaults().withStrategy(s));
        MicroProcess p = k.launch("fork_heap");
        k.runUntilExit(p);
        System.out.println(k.log());
        System.out.println(u.forks());
        assertThat(p.exitCode()).as("%s%n%s", k, k.strace()).isZero();
    }
}
