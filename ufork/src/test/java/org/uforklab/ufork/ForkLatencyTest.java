package org.uforklab.ufork;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.KernelConfig;
import org.uforklab.sasos.proc.MicroProcess;

/** fork_hello's fork latency per strategy: deterministic, and ordered as the paper's Fig 4 (CoPA ≈ CoA ≪ full copy). */
class ForkLatencyTest {

    static ForkStats forkOf(String guest, ForkStrategy s) {
        Kernel k = Kernel.boot(KernelConfig.defaults());
        UFork u = UFork.install(k, UForkConfig.defaults().withStrategy(s));
        MicroProcess p = k.runUntilExit(k.launch(guest));
        assertThat(p.exitCode()).isZero();
        return u.forks().get(0);
    }

    @Test
    void helloLatencyPerStrategy() {
        Map<ForkStrategy, ForkStats> byStrategy = new EnumMap<>(ForkStrategy.class);
        List<ForkStats> all = new ArrayList<>();
        for (ForkStrategy s : ForkStrategy.values()) {
            if (!s.isUFork()) {
                continue; // the monolithic baseline: baseline.MonolithicForkTest
            }
            ForkStats st = forkOf("fork_hello", s);
            assertThat(forkOf("fork_hello", s).latencyCycles()).as("deterministic").isEqualTo(st.latencyCycles());
            byStrategy.put(s, st);
            all.add(st);
        }
        System.out.println(ForkStats.table(all));
        all.forEach(System.out::println);
        long copy = byStrategy.get(ForkStrategy.FULL_COPY).latencyCycles();
        long coa = byStrategy.get(ForkStrategy.COPY_ON_ACCESS).latencyCycles();
        long copa = byStrategy.get(ForkStrategy.COPY_ON_POINTER_ACCESS).latencyCycles();
        assertThat(copa).isLessThan(copy);
        assertThat(coa).isLessThan(copy);
        // the difference is the pages full copy copies and scans
        ForkStats full = byStrategy.get(ForkStrategy.FULL_COPY);
        assertThat(full.pagesCopiedEagerly()).isGreaterThan(byStrategy.get(ForkStrategy.COPY_ON_POINTER_ACCESS).pagesCopiedEagerly());
    }
}
