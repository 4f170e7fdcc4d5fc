package org.uforklab.machine.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.uforklab.machine.Core;
import org.uforklab.machine.Machine;
import org.uforklab.machine.MachineConfig;
import org.uforklab.machine.access.AccessWindow;
import org.uforklab.machine.access.CheckedAccess;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.mem.LinearFrameSource;
import org.uforklab.machine.mem.PhysicalMap;
import org.uforklab.machine.mmu.PageAttributes;
import org.uforklab.machine.mmu.PageTables;
import org.uforklab.machine.mmu.SystemRegisters;

/**
 * Checked 8-byte loads through the capability checks and the MMU, all TLB hits (target: >= 100 M loads/s on
 * one core). {@code samePage} stays on one page (the MRU entry); {@code sixteenPages} strides over 16 pages
 * (set-associative lookups). The {@code ...Window} variants pass an {@link AccessWindow}, as the interpreter
 * does for base-plus-immediate addressing: on one page every load after the first skips the checks and the
 * translation; over sixteen pages each load re-proves the window (its worst case).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CheckedLoadBench {
    static final long VA = 0x40_0000L;
    static final int N = 1024;

    CheckedAccess access;
    Capability cap;
    final AccessWindow window = new AccessWindow();

    @Setup
    public void setup() {
        Machine m = new Machine(MachineConfig.morello().withCores(1).withMemoryBytes(64L << 20));
        Core core = m.core(0);
        long dram = PhysicalMap.MORELLO_DRAM0_BASE;
        PageTables t = m.newPageTables(new LinearFrameSource(m.memory(), dram, dram + (1L << 20)), core);
        t.mapRange(VA, dram + (8L << 20), 16 * 4096L, PageAttributes.kernelData());
        core.mmu().setTtbr0(t.ttbr(1));
        core.mmu().setSctlr(SystemRegisters.SCTLR_M);
        access = core.access();
        cap = Capability.root().setValue(VA).setBounds(16 * 4096L);
        for (int i = 0; i < 16 * 512; i++) {
            access.store64(cap, VA + 8L * i, i);
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long samePage() {
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += access.load64(cap, VA + ((i & 511) << 3));
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long sixteenPages() {
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += access.load64(cap, VA + ((long) (i & 15) << 12) + ((i >>> 4 & 511) << 3));
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long samePageWindow() {
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += access.load(cap, VA + ((i & 511) << 3), 8, window);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long sixteenPagesWindow() {
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += access.load(cap, VA + ((long) (i & 15) << 12) + ((i >>> 4 & 511) << 3), 8, window);
        }
        return sum;
    }
}
