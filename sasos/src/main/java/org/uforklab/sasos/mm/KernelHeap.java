package org.uforklab.sasos.mm;

import java.util.Map;
import java.util.TreeMap;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.Perm;

/**
 * The kernel heap: a first-fit allocator over a mapped virtual range that hands out capabilities bounded to
 * each allocation (read/write, no execute). Its bookkeeping is kernel state (Java); the memory is real, so
 * bounce buffers and kernel objects are copied and charged like any memory.
 */
public final class KernelHeap {
    private final long base;
    private final long size;
    private final Capability authority;
    /** free blocks: start -> length, coalesced. */
    private final TreeMap<Long, Long> free = new TreeMap<>();
    private final TreeMap<Long, Long> used = new TreeMap<>();
    private long peak;

    /** A heap over {@code [base, base+size)}, which must be mapped read/write. */
    public KernelHeap(long base, long size) {
        this.base = base;
        this.size = size;
        this.authority = Capability.root().setValue(base).setBoundsExact(size).clearPerms(Perm.EXECUTE | Perm.SYSTEM);
        free.put(base, size);
    }

    /**
     * A capability to {@code bytes} fresh bytes: 16-byte aligned, its length the request rounded to 16 and then to
     * a representable length (CRRL), its base aligned as that length needs (CRAM), so the bounds are exact and the
     * capability tagged whatever the size (a 99,975-byte bounce buffer at an arbitrary 16-byte boundary would not
     * be: SCBNDSE would clear its tag).
     *
     * @throws IllegalStateException when the heap is exhausted
     */
    public Capability allocate(long bytes) {
        long len = Capability.representableLength(Math.max(16, (bytes + 15) & -16L));
        long mask = Capability.representableAlignmentMask(len);
        for (Map.Entry<Long, Long> e : free.entrySet()) {
            long start = e.getKey();
            long end = start + e.getValue();
            long at = (start + ~mask) & mask;
            if (at >= start && at + len <= end) {
                free.remove(start);
                if (at > start) {
                    free.put(start, at - start);
                }
                if (at + len < end) {
                    free.put(at + len, end - at - len);
                }
                used.put(at, len);
                peak = Math.max(peak, inUse());
                return authority.setValue(at).setBoundsExact(len);
            }
        }
        throw new IllegalStateException("kernel heap exhausted allocating " + bytes + " bytes: " + this);
    }

    /** Frees the allocation a capability from {@link #allocate} points to. */
    public void free(Capability c) {
        Long len = used.remove(c.base());
        if (len == null) {
            throw new IllegalArgumentException(String.format("0x%x is not a kernel heap allocation", c.base()));
        }
        long at = c.base();
        long l = len;
        Map.Entry<Long, Long> after = free.ceilingEntry(at);
        if (after != null && after.getKey() == at + l) {
            l += after.getValue();
            free.remove(after.getKey());
        }
        Map.Entry<Long, Long> before = free.floorEntry(at);
        if (before != null && before.getKey() + before.getValue() == at) {
            at = before.getKey();
            l += before.getValue();
        }
        free.put(at, l);
    }

    /** Bytes allocated now. */
    public long inUse() {
        return used.values().stream().mapToLong(Long::longValue).sum();
    }

    /** First address. */
    public long base() {
        return base;
    }

    /** Size in bytes. */
    public long size() {
        return size;
    }

    @Override
    public String toString() {
        return String.format("KernelHeap(0x%x +%d KiB, %d B in %d allocations, peak %d B)", base, size >> 10, inUse(),
                used.size(), peak);
    }
}
