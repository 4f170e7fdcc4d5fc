package org.uforklab.machine.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.Perm;
import org.uforklab.machine.cpu.GuestLoader;
import org.uforklab.machine.cpu.RunResult;
import org.uforklab.machine.mmu.PageAttributes;

/**
 * Runs the speed-anchor loop (guest/speed-anchor.s) for N iterations and prints
 * {@code instructions seconds rate acc cpuSeconds cpuRate} on one line; used by scripts/speed-anchor.sh.
 * Wall-clock time and the thread's CPU time are measured here, outside the model (the model itself never
 * reads a clock); the CPU-time rate is the one to trust on a machine shared with other work. The timed part
 * is the run alone: the machine (assembly, loading, the table) is built before the clock starts.
 */
public final class SpeedAnchor {
    private SpeedAnchor() {
    }

    static final long TABLE = 0x20_0000L;

    public static void main(String[] args) throws IOException {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 20_000_000L;
        String src = source();
        // warm-up run, then the timed run on a fresh machine
        run(load(src, Math.min(n, 2_000_000L)));
        GuestLoader g = load(src, n);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long[] r = run(g);
        double s = (System.nanoTime() - t0) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        System.out.printf("%d %.3f %.1f %d %.3f %.1f%n", r[0], s, r[0] / s / 1e6, r[1], cpu, r[0] / cpu / 1e6);
    }

    /** The loop's C64 source (guest/speed-anchor.s). */
    static String source() throws IOException {
        try (InputStream in = SpeedAnchor.class.getResourceAsStream("/guest/speed-anchor.s")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A machine ready to run {@code n} iterations: the table mapped, C5 its capability, X2 the count. */
    static GuestLoader load(String src, long n) {
        GuestLoader g = new GuestLoader(src);
        g.mapData(TABLE, 1 << 19, PageAttributes.kernelData());
        Capability table = Capability.root().setValue(TABLE).setBoundsExact(1 << 19).clearPerms(Perm.EXECUTE);
        g.cpu.setC(5, table);
        g.cpu.setX(2, n);
        return g;
    }

    private static long[] run(GuestLoader g) {
        RunResult r = g.cpu.run(Long.MAX_VALUE);
        if (g.reported().isEmpty()) {
            throw new IllegalStateException("speed-anchor loop did not finish: " + r + "; last exception "
                    + (g.exceptions().isEmpty() ? "none" : g.exceptions().get(g.exceptions().size() - 1)));
        }
        return new long[] {r.instructions(), g.reported().get(0)};
    }
}
