package org.uforklab.machine.bench;

import java.util.SplittableRandom;
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
import org.uforklab.machine.cap.Capability;

/**
 * Capability hot paths: the bounds check done on every emulated access ({@code inBounds}), pointer
 * arithmetic ({@code add}, which re-decodes bounds) and set-bounds. Results are operations per microsecond.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CapabilityBench {

    private static final int N = 1024;

    private Capability[] caps;
    private long[] addresses;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(42);
        caps = new Capability[N];
        addresses = new long[N];
        for (int i = 0; i < N; i++) {
            long base = rnd.nextLong(1L << 40) & ~15L;
            long len = 16 + rnd.nextLong(1 << 20);
            caps[i] = Capability.root().setValue(base).setBounds(len);
            // Mostly in bounds, sometimes just outside, as real accesses are.
            addresses[i] = base + rnd.nextLong(len + 64) - 32;
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int inBounds() {
        int ok = 0;
        Capability[] cs = caps;
        long[] as = addresses;
        for (int i = 0; i < N; i++) {
            if (cs[i].inBounds(as[i], 8)) {
                ok++;
            }
        }
        return ok;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long add() {
        long sum = 0;
        Capability[] cs = caps;
        for (int i = 0; i < N; i++) {
            sum += cs[i].add(16).base();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long setBounds() {
        long sum = 0;
        Capability[] cs = caps;
        for (int i = 0; i < N; i++) {
            sum += cs[i].setBounds(64).topLow();
        }
        return sum;
    }
}
