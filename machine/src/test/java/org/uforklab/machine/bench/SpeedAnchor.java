package org.uforklab.machine.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.Perm;
import org.uforklab.machine.cpu.GuestLoader;
import org.uforklab.machine.cpu.RunResult;
import org.uforklab.machine.mmu.PageAttributes;

/**
 * Runs the speed-anchor loop (guest/speed-anchor.s) for N iterations and prints
 * {@code instructions seconds rate acc} on one line; used by scripts/speed-anchor.sh. Wall-clock time is
 * measured here, outside the model (the model itself never reads a clock).
 */
public final class SpeedAnchor {
    private SpeedAnchor() {
    }

    static final long TABLE = 0x20_0000L;

    public static void main(String[] args) throws IOException {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 20_000_000L;
        String src;
        try (InputStream in = SpeedAnchor.class.getResourceAsStream("/guest/speed-anchor.s")) {
            src = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // warm-up run, then the timed run on a fresh machine
        run(src, Math.min(n, 2_000_000L));
        long t0 = System.nanoTime();
        long[] r = run(src, n);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%d %.3f %.1f %d%n", r[0], s, r[0] / s / 1e6, r[1]);
    }

    private static long[] run(String src, long n) {
        GuestLoader g = new GuestLoader(src);
        g.mapData(TABLE, 1 << 19, PageAttributes.kernelData());
        Capability table = Capability.root().setValue(TABLE).setBoundsExact(1 << 19).clearPerms(Perm.EXECUTE);
        g.cpu.setC(5, table);
        g.cpu.setX(2, n);
        RunResult r = g.cpu.run(Long.MAX_VALUE);
        if (g.reported().isEmpty()) {
            throw new IllegalStateException("speed-anchor loop did not finish: " + r + "; last exception "
                    + (g.exceptions().isEmpty() ? "none" : g.exceptions().get(g.exceptions().size() - 1)));
        }
        return new long[] {r.instructions(), g.reported().get(0)};
    }
}
