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
import org.openjdk.jmh.infra.Blackhole;
import org.uforklab.machine.mem.PhysicalMap;
import org.uforklab.machine.mem.PhysicalMemory;
import org.uforklab.machine.stats.Stats;

/**
 * The fork hot loop: tag-preserving 4 KiB page copy followed by a tag scan of the copy, over 256 pages
 * (1 MiB) with one capability in every 8th granule (target: >= 2 GB/s, i.e. >= ~490 k pages/s).
 * The score is pages per second; multiply by 4096 for bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PageCopyScanBench {
    static final int PAGES = 256;
    static final long SRC = PhysicalMap.MORELLO_DRAM0_BASE;
    static final long DST = SRC + (16L << 20);

    PhysicalMemory memory;
    final int[] tagged = new int[256];

    @Setup
    public void setup() {
        memory = new PhysicalMemory(PhysicalMap.morello(64L << 20), new Stats());
        for (int p = 0; p < PAGES; p++) {
            for (int g = 0; g < 256; g++) {
                long pa = SRC + p * 4096L + g * 16L;
                if (g % 8 == 0) {
                    memory.writeCap(pa, pa, 0xFFFF_C000_0001_0005L, true);
                } else {
                    memory.write64(pa, g);
                    memory.write64(pa + 8, p);
                }
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public void copyAndScan(Blackhole bh) {
        for (int p = 0; p < PAGES; p++) {
            memory.copyPage(SRC + p * 4096L, DST + p * 4096L);
            int n = memory.scanTags(DST + p * 4096L, tagged);
            bh.consume(n);
        }
    }
}
