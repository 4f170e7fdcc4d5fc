package org.uforklab.sasos.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.KernelConfig;
import org.uforklab.sasos.proc.MicroProcess;

class PlacementTest {

    @Test
    void leastLoadedPrefersFreeCoresThenTheLowestNumber() {
        assertThat(Placement.LEAST_LOADED.core(null, new int[] {1, 0, 0, 2})).isEqualTo(1);
        assertThat(Placement.LEAST_LOADED.core(null, new int[] {1, 1, 1, 1})).isZero();
        assertThat(Placement.LEAST_LOADED.core(null, new int[] {3, 2, 4})).isEqualTo(1);
    }

    @Test
    void amongKeepsThreadsOffTheOtherCores() {
        Placement p = Placement.among(1, 2, 3);
        assertThat(p.core(null, new int[] {0, 1, 1, 1})).isEqualTo(1); // core 0 is free but not a function core
        assertThat(p.core(null, new int[] {0, 1, 0, 1})).isEqualTo(2);
        assertThat(p.core(null, new int[] {5, 2, 2, 1})).isEqualTo(3);
        assertThat(Placement.among(2).core(null, new int[] {0, 0, 7})).isEqualTo(2);
        assertThat(p).hasToString("least loaded among cores [1, 2, 3]");
        assertThat(Placement.LEAST_LOADED).hasToString("least loaded");
    }

    @Test
    void badPlacementsAreRejected() {
        assertThatThrownBy(Placement::among).hasMessageContaining("at least one core");
        assertThatThrownBy(() -> Placement.among(1, -2)).hasMessageContaining("all >= 0");
        assertThatThrownBy(() -> Placement.among(4).core(null, new int[] {0, 0})).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("core 4 but the machine has 2 core(s)");
    }

    @Test
    void theKernelPlacesNewThreadsWithThePolicy() {
        Kernel k = Kernel.boot(KernelConfig.defaults().withCores(3));
        MicroProcess first = k.launch("sys_files");
        assertThat(k.scheduler().placement()).isSameAs(Placement.LEAST_LOADED);
        k.scheduler().setPlacement(Placement.among(1, 2));
        List<MicroProcess> rest = List.of(k.launch("sys_pipe"), k.launch("natives"), k.launch("sys_mem"));
        k.run();
        assertThat(first.threads().get(0).core()).isZero();
        assertThat(first.exitCode()).isZero();
        for (MicroProcess p : rest) {
            assertThat(p.exitCode()).as(p.toString()).isZero();
            // sys_pipe's writer thread too: every thread created after the policy was set
            assertThat(p.threads()).allSatisfy(t -> assertThat(t.core()).isIn(1, 2));
        }
        assertThat(k.scheduler().toString()).contains("placement: least loaded among cores [1, 2]");
        // a policy naming a core the machine lacks fails the launch with a clear error
        k.scheduler().setPlacement(Placement.among(5));
        assertThatThrownBy(() -> k.launch("hello")).hasMessageContaining("core 5 but the machine has 3 core(s)");
    }
}
