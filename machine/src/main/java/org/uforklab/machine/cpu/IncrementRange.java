package org.uforklab.machine.cpu;

import org.uforklab.machine.cap.Capability;

/**
 * For one capability register: a page of values between which {@code CapAdd} is proved to keep the tag of
 * a given capability object ({@link Capability#addKeepsTagWithin}), so that pointer increments inside the
 * page (post-indexed loads and stores, ADD Cd, Cn, #imm) are decided by two compares instead of
 * {@code CapIsRepresentableFast}. Keyed by the object's identity: a capability is immutable, and the
 * register file's cached object always has the register's pesbt and tag.
 */
final class IncrementRange {
    private Capability cap;
    private long lo;
    private long len;

    /** True when CapAdd of {@code c} from {@code from} to {@code to} is proved to keep the tag. */
    boolean covers(Capability c, long from, long to) {
        return c == cap && Long.compareUnsigned(from - lo, len) < 0 && Long.compareUnsigned(to - lo, len) < 0;
    }

    /** Proves the page of {@code value} for {@code c} if it can (else the range is emptied). */
    void prove(Capability c, long value) {
        long page = value & ~0xFFFL;
        if (c.addKeepsTagWithin(page, page + 4096)) {
            lo = page;
            len = 4096;
            if (cap != c) {
                cap = c;
            }
        } else {
            len = 0;
        }
    }

    @Override
    public String toString() {
        return len == 0 ? "IncrementRange(empty)" : String.format("IncrementRange([0x%x, 0x%x) for %s)", lo, lo + len, cap);
    }
}
