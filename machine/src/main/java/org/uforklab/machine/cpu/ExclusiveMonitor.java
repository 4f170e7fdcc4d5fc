package org.uforklab.machine.cpu;

/**
 * The local exclusive monitor of one core, modelled simply and deterministically: LDXR/LDAXR mark the
 * accessed virtual range; a store-exclusive succeeds iff the monitor is armed and its range equals the
 * marked one; CLREX and exceptions disarm it. Whether an ordinary store by the same core to the marked range
 * clears the local monitor is IMPLEMENTATION DEFINED (Arm ARM B2.9); this model does not, so the fast store
 * paths need no monitor check. (Other cores' stores are not snooped: uforklab runs cores one at a time.)
 */
final class ExclusiveMonitor {
    private boolean armed;
    private long start;
    private long size;

    void mark(long va, long len) {
        armed = true;
        start = va;
        size = len;
    }

    /** Whether a store-exclusive of {@code [va, va+len)} passes; the monitor is cleared either way. */
    boolean checkAndClear(long va, long len) {
        boolean ok = armed && va == start && len == size;
        armed = false;
        return ok;
    }

    void clear() {
        armed = false;
    }

    boolean isArmed() {
        return armed;
    }

    @Override
    public String toString() {
        return armed ? String.format("exclusive [0x%x, +%d)", start, size) : "exclusive open";
    }
}
