package org.uforklab.sasos.sched;

import java.util.Arrays;
import org.uforklab.sasos.proc.GuestThread;

/**
 * Which core a new thread (a launched µprocess's, a created thread, a forked child's) is put on. Threads
 * never migrate afterwards, so placement is the whole SMP policy. The default puts a thread on the core with
 * the fewest live threads; {@link #among} restricts that to some cores, which is how the μFork artifact's SMP
 * build runs the FaaS benchmark: the coordinator on core 0, each forked child pinned to a free function core
 * (ufork-paper.md §4.4).
 */
@FunctionalInterface
public interface Placement {

    /**
     * The core for {@code t}.
     *
     * @param t           the new thread
     * @param liveThreads live (not dead) threads per core, before {@code t}
     * @return a core number in {@code [0, liveThreads.length)}
     */
    int core(GuestThread t, int[] liveThreads);

    /** The core with the fewest live threads; ties go to the lowest number (free cores first). */
    Placement LEAST_LOADED = new Placement() {
        @Override
        public int core(GuestThread t, int[] live) {
            return leastLoaded(live, null);
        }

        @Override
        public String toString() {
            return "least loaded";
        }
    };

    /**
     * The least-loaded core among {@code cores} (ties: the first listed).
     *
     * @throws IllegalArgumentException if no core is given or one is negative
     */
    static Placement among(int... cores) {
        if (cores.length == 0 || Arrays.stream(cores).anyMatch(c -> c < 0)) {
            throw new IllegalArgumentException("placement needs at least one core, all >= 0: " + Arrays.toString(cores));
        }
        int[] allowed = cores.clone();
        return new Placement() {
            @Override
            public int core(GuestThread t, int[] live) {
                for (int c : allowed) {
                    if (c >= live.length) {
                        throw new IllegalStateException("placement on core " + c + " but the machine has " + live.length + " core(s)");
                    }
                }
                return leastLoaded(live, allowed);
            }

            @Override
            public String toString() {
                return "least loaded among cores " + Arrays.toString(allowed);
            }
        };
    }

    private static int leastLoaded(int[] live, int[] allowed) {
        int best = -1;
        int bestLoad = Integer.MAX_VALUE;
        int n = allowed == null ? live.length : allowed.length;
        for (int i = 0; i < n; i++) {
            int c = allowed == null ? i : allowed[i];
            if (live[c] < bestLoad) {
                bestLoad = live[c];
                best = c;
            }
        }
        return best;
    }
}
