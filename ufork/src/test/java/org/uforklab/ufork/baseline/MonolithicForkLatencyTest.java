package org.uforklab.ufork.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.KernelConfig;
import org.uforklab.sasos.Personality;
import org.uforklab.sasos.proc.MicroProcess;
import org.uforklab.ufork.ForkStats;
import org.uforklab.ufork.ForkStrategy;
import org.uforklab.ufork.UFork;
import org.uforklab.ufork.UForkConfig;

/**
 * Fork latency and PSS of fork_hello and fork_heap on the monolithic baseline next to μFork CoPA, measured the
 * same way (ForkLatencyTest): the first fork's {@link ForkStats}. μFork runs with both personalities; the
 * SVC one is the like-for-like comparison (same system-call path as the baseline).
 */
class MonolithicForkLatencyTest {

    static ForkStats mono(String guest) {
        Kernel k = Kernel.boot(MonolithicFork.kernelConfig());
        MonolithicFork m = MonolithicFork.install(k);
        MicroProcess p = k.runUntilExit(k.launch(guest));
        assertThat(p.exitCode()).isZero();
        return m.forks().get(0);
    }

    static ForkStats copa(String guest, Personality personality) {
        Kernel k = Kernel.boot(KernelConfig.defaults().withPersonality(personality));
        UFork u = UFork.install(k, UForkConfig.defaults().withStrategy(ForkStrategy.COPY_ON_POINTER_ACCESS));
        MicroProcess p = k.runUntilExit(k.launch(guest));
        assertThat(p.exitCode()).isZero();
        return u.forks().get(0);
    }

    @Test
    void helloAndHeapOnTheBaselineNextToCoPA() {
        List<ForkStats> all = new ArrayList<>();
        for (String guest : new String[] {"fork_hello", "fork_heap"}) {
            ForkStats m = mono(guest);
            assertThat(mono(guest).latencyCycles()).as("deterministic").isEqualTo(m.latencyCycles());
            ForkStats svc = copa(guest, Personality.TRAP);
            ForkStats sentry = copa(guest, Personality.SENTRY);
            all.add(m);
            all.add(svc);
            all.add(sentry);
            System.out.printf("%s: Mono-CoW %.2f µs, CoPA (svc) %.2f µs, CoPA (sentry) %.2f µs%n", guest, m.latencyMicros(),
                    svc.latencyMicros(), sentry.latencyMicros());
            System.out.println(m + "\n" + svc);
            // the same pages go through fork: the baseline shares every data page CoPA shares or copies eagerly
            assertThat(m.pagesShared()).isEqualTo(svc.pagesShared() + svc.pagesCopiedEagerly());
            assertThat(m.pagesSharedCode()).isEqualTo(svc.pagesSharedCode());
            // the baseline copies only the TLS page at fork and never scans; CoPA copies and scans GOT, allocator page, TLS
            assertThat(m.pagesCopiedEagerly()).isLessThan(svc.pagesCopiedEagerly());
            assertThat(m.granulesScanned()).isZero();
            // μFork's slot has a PTE for every heap page, demand-zero ones included (the child maps the zero frame too);
            // the baseline's space has none for memory never touched (a vm_map entry stands for it)
            assertThat(svc.pagesZero()).isPositive();
            assertThat(m.pagesZero()).isZero();
        }
        System.out.println(ForkStats.table(all));
    }
}
