package org.uforklab.machine.stats;

/**
 * One named event counter. Components keep a direct reference to their counters and bump them on the hot
 * path (a field increment: no map lookup per event); the {@link Stats} tree finds them by path for display.
 */
public final class Counter {
    private final String path;
    private long value;

    Counter(String path) {
        this.path = path;
    }

    /** Adds one. */
    public void inc() {
        value++;
    }

    /** Adds {@code n} (may be any value; counters of bytes grow by sizes). */
    public void add(long n) {
        value += n;
    }

    /** The current count. */
    public long get() {
        return value;
    }

    /** Sets the count back to zero. */
    public void reset() {
        value = 0;
    }

    /** The full dotted path, e.g. {@code core0.mmu.tlb.hits}. */
    public String path() {
        return path;
    }

    @Override
    public String toString() {
        return path + " = " + value;
    }
}
