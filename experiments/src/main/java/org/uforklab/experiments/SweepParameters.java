package org.uforklab.experiments;

import java.util.ArrayList;
import java.util.List;
import org.uforklab.experiments.guests.KvLayout;

/**
 * Reading and checking the parameters the sweeps beyond the paper share (sizes, fork systems, layouts, seeds,
 * machine memory, rates), each failure naming the parameter and its value.
 */
final class SweepParameters {
    private SweepParameters() {
    }

    /** The common tail of every such sweep's parameters: DRAM, seeds, first seed, threads. */
    static List<Parameter> common(String seedsDefault, String seedsWhy) {
        return List.of(
                new Parameter("memoryBytes", "16GiB", "emulated DRAM: the Morello SDP's 16 GiB (the tests' 1 GiB default cannot hold a 1 GiB "
                        + "dataset beside its copies); frames are host-allocated on first write, so unused DRAM costs nothing"),
                new Parameter("seeds", seedsDefault, seedsWhy),
                new Parameter("seed", "1", "first seed (ASLR, and any random choice of the run)"),
                new Parameter("threads", "0", "runs in parallel (each on its own kernel, within the JVM heap; 0 = one per processor)"));
    }

    /** Non-negative longs, at least one. */
    static List<Long> sizes(Parameters p, String name) {
        List<Long> v = p.getLongs(name);
        if (v.isEmpty() || v.stream().anyMatch(s -> s < 0)) {
            throw new IllegalArgumentException("parameter '" + name + "' needs values >= 0, got '" + p.get(name) + "'");
        }
        return v;
    }

    /** A long of at least {@code min}. */
    static long atLeast(Parameters p, String name, long min) {
        long v = p.getLong(name);
        if (v < min) {
            throw new IllegalArgumentException("parameter '" + name + "' must be at least " + min + ", got " + v);
        }
        return v;
    }

    /** Fork systems, at least one, each once. */
    static List<ForkSystem> systems(Parameters p, String name) {
        List<ForkSystem> s = p.getList(name).stream().map(ForkSystem::parse).distinct().toList();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("parameter '" + name + "' is empty");
        }
        return s;
    }

    /** Layouts, at least one, each once. */
    static List<KvLayout> layouts(Parameters p, String name) {
        List<KvLayout> l = p.getList(name).stream().map(KvLayout::parse).distinct().toList();
        if (l.isEmpty()) {
            throw new IllegalArgumentException("parameter '" + name + "' is empty");
        }
        return l;
    }

    /** Finite non-negative decimals, at least one. */
    static List<Double> rates(Parameters p, String name) {
        List<Double> out = new ArrayList<>();
        for (String s : p.getList(name)) {
            double d;
            try {
                d = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("parameter '" + name + "': '" + s + "' is not a number");
            }
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("parameter '" + name + "': '" + s + "' must be finite and >= 0");
            }
            out.add(d);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("parameter '" + name + "' is empty");
        }
        return out;
    }

    /** The seeds of a run: {@code seeds} from {@code seed} for μFork (ASLR), one for the baseline (no ASLR, deterministic). */
    static List<Long> seedsFor(ForkSystem system, long seed, long seeds) {
        List<Long> out = new ArrayList<>();
        for (long s = seed; s < seed + (system.isUFork() ? seeds : 1); s++) {
            out.add(s);
        }
        return out;
    }

    /** Mean of {@code values} (NaN if empty). */
    static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** A number as an x label: integral values without a fraction ("2", "0.5"). */
    static String label(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }
}
