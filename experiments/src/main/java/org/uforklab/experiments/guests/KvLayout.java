package org.uforklab.experiments.guests;

/** How the kvstore guest lays out a key (unikraft-and-simulators.md §C.4). */
public enum KvLayout {
    /** Redis ≤ 7: bucket → dictEntry {key, val, next} → robj → sds; 4 capabilities per key. */
    CLASSIC(0, 4),
    /** Redis 8 kvobj: bucket → one object holding the key (and a small value) → value sds; 2 capabilities per key. */
    COMPACT(1, 2);

    private final int flag;
    private final int pointersPerKey;

    KvLayout(int flag, int pointersPerKey) {
        this.flag = flag;
        this.pointersPerKey = pointersPerKey;
    }

    /** The value of the guest's {@code COMPACT} assembly constant. */
    public int flag() {
        return flag;
    }

    /** Capabilities stored per key by design (bucket or next, plus the object pointers). */
    public int pointersPerKey() {
        return pointersPerKey;
    }

    /** Parses {@code classic} / {@code compact} (any case). */
    public static KvLayout parse(String s) {
        for (KvLayout l : values()) {
            if (l.name().equalsIgnoreCase(s.strip())) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown kvstore layout '" + s + "' (classic or compact)");
    }
}
