package org.uforklab.sasos.sched;

import java.util.Map;
import java.util.TreeMap;

/**
 * The big kernel lock around kernel code (Unikraft SMP). Cores run interleaved in slices, so one core may
 * have already executed past a time at which another enters the kernel: the lock keeps the intervals of
 * emulated time during which it was held, and a core entering at time {@code t} waits until every
 * interval covering {@code t} has ended.
 */
public final class BigKernelLock {
    private final TreeMap<Long, Long> held = new TreeMap<>();
    private long acquisitions;
    private long contended;
    private long waitCycles;

    /** The time at which a core arriving at {@code now} gets the lock. */
    public long acquire(long now) {
        acquisitions++;
        long t = now;
        boolean moved = true;
        while (moved) {
            moved = false;
            Map.Entry<Long, Long> e = held.floorEntry(t);
            if (e != null && e.getValue() > t) {
                t = e.getValue();
                moved = true;
            }
        }
        if (t > now) {
            contended++;
            waitCycles += t - now;
        }
        return t;
    }

    /** Records that the lock was held over {@code [from, to)}. */
    public void held(long from, long to) {
        if (to > from) {
            held.merge(from, to, Math::max);
        }
    }

    /** Forgets intervals that end before {@code horizon} (no core can arrive before it any more). */
    public void prune(long horizon) {
        // only intervals that start by the horizon can end by it: visiting just those keeps a slice O(log n + pruned)
        // even while an idle core holds the horizon back and the map grows (a full scan per slice was quadratic)
        held.headMap(horizon, true).values().removeIf(end -> end <= horizon);
    }

    /** Acquisitions so far. */
    public long acquisitions() {
        return acquisitions;
    }

    /** Acquisitions that had to wait. */
    public long contended() {
        return contended;
    }

    /** Cycles spent waiting in total. */
    public long waitCycles() {
        return waitCycles;
    }

    @Override
    public String toString() {
        return String.format("BigKernelLock(%d acquisitions, %d contended, %d cycles waited)", acquisitions, contended, waitCycles);
    }
}
