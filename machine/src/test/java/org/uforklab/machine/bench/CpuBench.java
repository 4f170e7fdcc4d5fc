package org.uforklab.machine.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.uforklab.machine.cpu.GuestLoader;
import org.uforklab.machine.cpu.RunResult;
import org.uforklab.machine.cpu.StopReason;

/**
 * Interpreter throughput in C64 with every capability check and the cost accounting on (issue 3 §5): each
 * invocation runs {@link #N} guest instructions of an endless loop; the score is instructions per second.
 * {@code alu}: add/eor/and/subs/b.ne; {@code memcpy}: capability load/store pairs with post-increment;
 * {@code probe}: a hash-table probe and update through register-offset capability loads and stores;
 * {@code anchor}: the speed-anchor loop (guest/speed-anchor.s: xorshift and a probe/update of a 512 KiB table of
 * 64-bit words through a capability, the loop scripts/speed-anchor.sh compares with qemu-user).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CpuBench {
    static final int N = 1_000_000;

    @Param({"alu", "memcpy", "probe", "anchor"})
    public String loop;

    private GuestLoader guest;

    static final String ALU = """
            .text
            _start:
                mov x1, #0
            1:  add x0, x0, #1
                eor x2, x2, #0xff
                and x3, x0, #0xfff
                add x4, x4, #5
                subs x1, x1, #1
                b.ne 1b
                b _start
            """;

    static final String MEMCPY = """
            .text
            _start:
                sub csp, csp, #2048
                mov c0, csp
                add c1, csp, #1024
                mov x3, #64
            1:  ldr c2, [c0], #16
                str c2, [c1], #16
                subs x3, x3, #1
                b.ne 1b
                add csp, csp, #2048
                b _start
            """;

    static final String PROBE = """
            .text
            _start:
                sub csp, csp, #0x10, lsl #12
                mov c5, csp
                mov x6, #1
            1:  add x6, x6, #0x9e3
                and x7, x6, #0xff0
                ldr c4, [c5, x7, lsl #4]
                add c4, c4, #16
                str c4, [c5, x7, lsl #4]
                ubfx x8, x6, #3, #20
                subs x9, x8, #7
                b.ne 1b
                b 1b
            """;

    @Setup
    public void setup() throws java.io.IOException {
        if (loop.equals("anchor")) {
            guest = SpeedAnchor.load(SpeedAnchor.source(), Long.MAX_VALUE);
        } else {
            guest = new GuestLoader(switch (loop) {
                case "alu" -> ALU;
                case "memcpy" -> MEMCPY;
                default -> PROBE;
            });
        }
        RunResult r = guest.cpu.run(100_000);
        if (r.reason() != StopReason.INSTRUCTION_LIMIT) {
            throw new IllegalStateException("benchmark loop stopped: " + r + "\n" + guest.cpu);
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long run() {
        return guest.cpu.run(N).instructions();
    }
}
