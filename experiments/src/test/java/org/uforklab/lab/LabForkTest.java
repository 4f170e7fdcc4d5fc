package org.uforklab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.uforklab.experiments.ExperimentResult;
import org.uforklab.experiments.Provenance;
import org.uforklab.experiments.ResultRow;
import org.uforklab.lab.display.Table;
import org.uforklab.sasos.AddressSpaceModel;
import org.uforklab.sasos.Personality;
import org.uforklab.ufork.ForkStrategy;
import org.uforklab.ufork.UFork;
import org.uforklab.ufork.baseline.MonolithicFork;

/** The facade's kernels with fork, its experiment registry view, and results against the paper. */
class LabForkTest {

    @Test
    void uforkBootsAKernelThatForksWithTheStrategyAsked() {
        for (ForkStrategy s : List.of(ForkStrategy.FULL_COPY, ForkStrategy.COPY_ON_ACCESS, ForkStrategy.COPY_ON_POINTER_ACCESS)) {
            UFork u = Lab.ufork(s);
            var p = u.kernel().runUntilExit(u.kernel().launch("fork_hello"));
            assertThat(p.exitCode()).isZero();
            assertThat(u.forks()).singleElement().satisfies(f -> assertThat(f.strategy()).isEqualTo(s));
        }
        assertThat(Lab.ufork().config().strategy()).isEqualTo(ForkStrategy.COPY_ON_POINTER_ACCESS);
    }

    @Test
    void monolithicBootsThePerProcessTrapKernel() {
        MonolithicFork m = Lab.monolithic();
        assertThat(m.kernel().config().addressSpaces()).isEqualTo(AddressSpaceModel.PER_PROCESS);
        assertThat(m.kernel().config().personality()).isEqualTo(Personality.TRAP);
        var p = m.kernel().runUntilExit(m.kernel().launch("fork_hello"));
        assertThat(p.exitCode()).isZero();
        assertThat(m.forks()).singleElement().satisfies(f -> assertThat(f.strategy()).isEqualTo(ForkStrategy.MONOLITHIC_COW));
    }

    @Test
    void knowsWhichExperimentsAreRegistered() {
        assertThat(Lab.experiments()).contains("fig4", "fig5", "fig8", "fig9").doesNotHaveDuplicates();
        assertThat(Lab.hasExperiment("fig4")).isTrue();
        assertThat(Lab.hasExperiment("no-such-figure")).isFalse();
    }

    @Test
    void versusPaperPutsOursAndThePapersSideBySide() {
        List<ResultRow> rows = List.of(new ResultRow("fig4", "lat", "a", "0", 2, 4, "us"), new ResultRow("fig4", "lat", "b", "0", 3, Double.NaN, "us"),
                new ResultRow("fig4", "lat", "a", "10", 1.23456, 1, "us"), new ResultRow("fig4", "mem", "a", "0", 9, 9, "MB"));
        ExperimentResult r = new ExperimentResult("fig4", "t", rows, List.of(), List.of(), Provenance.capture(
                org.uforklab.sasos.KernelConfig.defaults(), org.uforklab.experiments.Parameters.of(java.util.Map.of()), 1));
        Table t = Lab.versusPaper(r, "lat");
        assertThat(t.columns()).containsExactly("x", "a", "a (paper)", "ratio", "b", "b (paper)", "ratio");
        assertThat(t.rows()).containsExactly(java.util.Arrays.asList("0", 2.0, 4.0, 0.5, 3.0, null, null),
                java.util.Arrays.asList("10", 1.235, 1.0, 1.235, null, null, null));
        assertThat(t.title()).isEqualTo("fig4 lat (us): ours vs the paper");
        assertThatThrownBy(() -> Lab.versusPaper(r, "pss")).hasMessageContaining("metrics: lat, mem");
    }
}
