package org.uforklab.experiments.guests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.uforklab.machine.mmu.Mapping;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.KernelConfig;
import org.uforklab.sasos.proc.GuestThread;
import org.uforklab.sasos.proc.MicroProcess;
import org.uforklab.sasos.proc.Segment;
import org.uforklab.ufork.CopyCause;
import org.uforklab.ufork.ForkService;
import org.uforklab.ufork.ForkStats;
import org.uforklab.ufork.ForkStrategy;
import org.uforklab.ufork.UFork;
import org.uforklab.ufork.UForkConfig;
import org.uforklab.ufork.baseline.MonolithicFork;

/**
 * The Zygote FaaS guest: its interpreter computes float_operation's result, its children run on the function
 * cores and return n, its throughput scales with the cores, and what its children copy follows each strategy.
 * Small n and heaps keep it quick; the coordinator and the interpreter are the same code as at the paper's sizes.
 */
class FaasTest {
    private static final long SMALL_HEAP = 256 << 10;

    private static Faas.Config small(long n, int inFlight) {
        return Faas.Config.defaults().withIterations(n).withHeapBytes(SMALL_HEAP).withInFlight(inFlight).withWindow(0, 500_000);
    }

    private static ForkService ufork(int cores, ForkStrategy s) {
        return UFork.install(Kernel.boot(KernelConfig.defaults().withCores(cores)), UForkConfig.defaults().withStrategy(s).withAslr(7));
    }

    private static ForkService monolithic(int cores) {
        return MonolithicFork.install(Kernel.boot(MonolithicFork.kernelConfig().withCores(cores)));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 300, 1000})
    void theInterpreterComputesFloatOperationsResult(long n) {
        // the self-test runs main(event) in the Zygote itself: float_operation returns `added`, that is n
        Faas.Config c = small(n, 1);
        Kernel k = Kernel.boot();
        MicroProcess p = k.runUntilExit(k.launch(c.selftest(), c.launchOptions()));
        assertThat(p.fault()).isNull();
        assertThat(p.exitCode()).isEqualTo((int) (n & 0xFF));
    }

    @Test
    void theLoopCostsTheSameEveryIteration() {
        // one more iteration = the same 12 opcodes: the cycle count is affine in n
        long[] cycles = new long[3];
        long[] ns = {200, 400, 600};
        for (int i = 0; i < 3; i++) {
            Faas.Config c = small(ns[i], 1);
            Kernel k = Kernel.boot();
            k.runUntilExit(k.launch(c.selftest(), c.launchOptions()));
            cycles[i] = k.machine().elapsedCycles();
        }
        assertThat(cycles[2] - cycles[1]).isEqualTo(cycles[1] - cycles[0]).isGreaterThan(200 * 12 * 3);
    }

    @Test
    void theZygoteHeapIsPointerRich() {
        Faas.Config c = small(1, 1);
        Kernel k = Kernel.boot();
        MicroProcess p = k.launch(c.selftest(), c.launchOptions());
        k.runUntilExit(p);
        Segment heap = p.segment("heap");
        long caps = k.inspect().capabilities(p).stream().filter(s -> heap.contains(s.va())).count();
        // init fills half the 256 KiB pool: module dicts, functions, code objects, tuples, strs, ints, all with capabilities
        assertThat(caps).isGreaterThan(SMALL_HEAP / 2 / 16 / 4);
    }

    @Test
    void childrenRunOnTheFunctionCoresAndReturnN() {
        ForkService svc = ufork(3, ForkStrategy.COPY_ON_POINTER_ACCESS);
        Faas.Run r = Faas.run(svc, small(500, 2));
        Kernel k = svc.kernel();
        assertThat(r.report().failed()).isZero();
        assertThat(r.report().windowFunctions()).isPositive().matches(w -> w % 2 == 0, "whole rounds of 2 children");
        assertThat(r.report().functions()).isGreaterThanOrEqualTo(r.report().windowFunctions() + 1);
        assertThat(r.functionCores()).containsExactly(1, 2);
        assertThat(r.zygote().threads().get(0).core()).isZero();
        List<MicroProcess> children = k.processes().stream().filter(p -> p.ppid() == r.zygote().pid()).toList();
        assertThat(children).hasSize((int) r.report().forks());
        assertThat(children).allSatisfy(ch -> assertThat(ch.threads()).extracting(GuestThread::core).allMatch(c -> c == 1 || c == 2));
        // every child reaped in the loop exited 0 (it returned n); the ones in flight when the window closed were killed
        assertThat(children.stream().filter(ch -> ch.exitCode() == 0).count()).isEqualTo(r.report().functions());
        assertThat(children.stream().filter(ch -> ch.exitCode() != 0).count()).isEqualTo(r.report().forks() - r.report().functions());
    }

    @Test
    void aChildThatComputesSomethingElseIsCountedAsFailed() {
        ForkService svc = ufork(2, ForkStrategy.COPY_ON_POINTER_ACCESS);
        Faas.Config c = small(777, 1);
        Kernel k = svc.kernel();
        MicroProcess z = Faas.launch(svc, c);
        k.runUntil(() -> !svc.forks().isEmpty(), Long.MAX_VALUE);
        // the event dict's value 'n' is the small int 777 << 1 | 1: make it 778 in the Zygote's heap
        Segment heap = z.segment("heap");
        long hits = 0;
        for (Mapping m : k.inspect().pages(z)) {
            if (!heap.contains(m.va())) {
                continue;
            }
            byte[] page = k.inspect().memory(z, m.va(), 4096);
            for (int off = 0; off < 4096; off += 16) {
                if (java.nio.ByteBuffer.wrap(page, off, 16).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong() == (777 << 1 | 1)
                        && !k.inspect().tag(z, m.va() + off)) {
                    k.machine().memory().write64(m.pa() + off, 778 << 1 | 1);
                    hits++;
                }
            }
        }
        assertThat(hits).isEqualTo(1);
        k.runUntilExit(z);
        Faas.Report r = Faas.Report.parse(k.console());
        assertThat(r.failed()).isGreaterThanOrEqualTo(r.functions() - 1).isPositive();
        assertThatThrownBy(() -> Faas.collect(svc, c, z, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not return n = 777");
    }

    @Test
    void throughputScalesWithTheFunctionCores() {
        double one = Faas.run(ufork(2, ForkStrategy.COPY_ON_POINTER_ACCESS), small(2000, 1)).report().throughput();
        double two = Faas.run(ufork(3, ForkStrategy.COPY_ON_POINTER_ACCESS), small(2000, 2)).report().throughput();
        double three = Faas.run(ufork(4, ForkStrategy.COPY_ON_POINTER_ACCESS), small(2000, 3)).report().throughput();
        assertThat(two).isCloseTo(2 * one, Percentage.withPercentage(8));
        assertThat(three).isCloseTo(3 * one, Percentage.withPercentage(8));
        // two children on one core take turns: far from two cores' rate (what they gain over one is the coordinator's
        // fork of the next child overlapping the running one, which matters only for such short functions)
        double shared = Faas.run(ufork(2, ForkStrategy.COPY_ON_POINTER_ACCESS), small(2000, 2)).report().throughput();
        assertThat(shared).isLessThan(0.75 * two);
    }

    @Test
    void aShortWindowMeasuresTheSteadyRate() {
        // whole rounds in a deterministic steady state: one round gives the rate of four (what makes the short default sound)
        Faas.Report oneRound = Faas.run(ufork(3, ForkStrategy.COPY_ON_POINTER_ACCESS), small(3000, 2).withWindow(0, 100_000)).report();
        Faas.Report fourRounds = Faas.run(ufork(3, ForkStrategy.COPY_ON_POINTER_ACCESS), small(3000, 2).withWindow(0, 1_400_000)).report();
        assertThat(oneRound.windowFunctions()).isEqualTo(2);
        assertThat(fourRounds.windowFunctions()).isGreaterThanOrEqualTo(8);
        assertThat(oneRound.throughput()).isCloseTo(fourRounds.throughput(), Percentage.withPercentage(0.5));
    }

    @Test
    void runsAreDeterministic() {
        Faas.Report a = Faas.run(ufork(3, ForkStrategy.COPY_ON_POINTER_ACCESS), small(300, 2)).report();
        Faas.Report b = Faas.run(ufork(3, ForkStrategy.COPY_ON_POINTER_ACCESS), small(300, 2)).report();
        assertThat(b).isEqualTo(a);
    }

    private static double mean(Faas.Run r, CopyCause... causes) {
        return r.forks().stream().filter(f -> f.pssChildAtExit() >= 0).mapToLong(f -> {
            long n = 0;
            for (CopyCause c : causes) {
                n += f.pagesCopied(c);
            }
            return n;
        }).average().orElseThrow();
    }

    @Test
    void copaCopiesWhatTheChildLoadsPointersFromCoaWhatItTouchesTheBaselineWhatItWrites() {
        Faas.Config c = small(300, 1).withHeapBytes(1 << 20);
        Faas.Run copa = Faas.run(ufork(2, ForkStrategy.COPY_ON_POINTER_ACCESS), c);
        Faas.Run coa = Faas.run(ufork(2, ForkStrategy.COPY_ON_ACCESS), c);
        Faas.Run mono = Faas.run(monolithic(2), c);
        CopyCause[] lazy = {CopyCause.CHILD_CAP_LOAD, CopyCause.CHILD_WRITE, CopyCause.CHILD_ACCESS, CopyCause.PARENT_WRITE,
            CopyCause.PARENT_ACCESS};
        double copaChild = mean(copa, lazy);
        double coaChild = mean(coa, lazy);
        // CoPA: the pages a capability is loaded from (the runtime state, the opcode table, the types, the function and
        // code objects, the dict tables) and the pages written (the stack); CoA: every page touched. The interpreter
        // reads next to no pointer-free page (interned keys compare by identity, the bytecode sits beside its code
        // object), so the two copy nearly the same pages here: CoPA never more
        assertThat(mean(copa, CopyCause.CHILD_CAP_LOAD)).isGreaterThanOrEqualTo(3);
        assertThat(mean(copa, CopyCause.CHILD_ACCESS, CopyCause.PARENT_ACCESS)).isZero();
        assertThat(mean(coa, CopyCause.CHILD_CAP_LOAD, CopyCause.CHILD_WRITE, CopyCause.PARENT_WRITE)).isZero();
        assertThat(copaChild).isLessThanOrEqualTo(coaChild).isGreaterThanOrEqualTo(4);
        // the baseline copies what the child writes (its stack), never what it only reads
        assertThat(mean(mono, CopyCause.CHILD_CAP_LOAD, CopyCause.CHILD_ACCESS)).isZero();
        assertThat(mean(mono, CopyCause.CHILD_WRITE)).isLessThan(copaChild);
        assertThat(copa.forks()).allSatisfy(f -> assertThat(f.strategy()).isEqualTo(ForkStrategy.COPY_ON_POINTER_ACCESS));
        // every page the Zygote wrote is shared (at least half the 1 MiB heap); the untouched rest stays demand-zero
        assertThat(copa.forks().get(0).pagesShared()).isGreaterThan((1 << 19) / 4096);
    }

    @Test
    void badConfigurationsAreRejectedWithTheirRange() {
        Faas.Config d = Faas.Config.defaults();
        assertThatThrownBy(() -> d.withIterations(0)).hasMessageContaining("iterations must be in [1, 2^40)");
        assertThatThrownBy(() -> d.withHeapBytes(64 << 10)).hasMessageContaining("heap must be a multiple of 4 KiB in [128 KiB, 1 GiB]");
        assertThatThrownBy(() -> d.withHeapBytes((256 << 10) + 100)).hasMessageContaining("multiple of 4 KiB");
        assertThatThrownBy(() -> d.withInFlight(65)).hasMessageContaining("in flight must be in [1, 64]");
        assertThatThrownBy(() -> d.withWindow(-1, 5)).hasMessageContaining("warm-up and window");
        assertThatThrownBy(() -> Faas.Report.parse("hello\n")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no 'faas:' report line");
        ForkService svc = ufork(2, ForkStrategy.COPY_ON_POINTER_ACCESS);
        svc.kernel().launch("hello");
        assertThatThrownBy(() -> Faas.run(svc, small(10, 1))).hasMessageContaining("needs a kernel of its own");
    }

    @Test
    void theReportLineParses() {
        Faas.Report r = Faas.Report.parse("x\nfaas: functions=9 window=6 t0=1000000 t1=61000000 failed=0 forks=12\n");
        assertThat(r).isEqualTo(new Faas.Report(9, 6, 1_000_000, 61_000_000, 0, 12));
        assertThat(r.throughput()).isEqualTo(100.0);
        assertThat(r.windowMillis()).isEqualTo(60.0);
        assertThat(new Faas.Report(1, 0, 5, 5, 0, 1).throughput()).isNaN();
        assertThat(r.toString()).contains("100.0 functions/s");
    }

    @Test
    void forksCarryTheirStatistics() {
        Faas.Run r = Faas.run(monolithic(2), small(200, 1));
        assertThat(r.forks()).hasSize((int) r.report().forks()).allSatisfy(f -> {
            assertThat(f.strategy()).isEqualTo(ForkStrategy.MONOLITHIC_COW);
            assertThat(f.latencyCycles()).isPositive();
        });
        assertThat(r.forks().stream().map(ForkStats::parentPid).distinct()).containsExactly(r.zygote().pid());
        assertThat(r.toString()).contains("functions/s").contains("function cores [1]");
    }
}
