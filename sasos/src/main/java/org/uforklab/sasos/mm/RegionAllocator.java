package org.uforklab.sasos.mm;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Hands out the contiguous virtual ranges µprocess regions live in, inside {@code [start, end)}: first fit at a
 * given alignment, or (ASLR) a uniformly chosen aligned base among all that fit, drawn from a caller-supplied
 * seeded generator so runs stay reproducible. Freed ranges are merged with their neighbours and reused, so a
 * long fork/exit loop does not exhaust the area (the fragmentation the μFork paper lists as a limitation is
 * still visible here when sizes differ).
 */
public final class RegionAllocator {
    private final long start;
    private final long end;
    /** Free ranges: start → end (exclusive), disjoint and non-adjacent. */
    private final TreeMap<Long, Long> free = new TreeMap<>();
    private long inUse;

    /** An allocator over {@code [start, end)} (page aligned). */
    public RegionAllocator(long start, long end) {
        if ((start & 0xFFF) != 0 || (end & 0xFFF) != 0 || Long.compareUnsigned(start, end) >= 0) {
            throw new IllegalArgumentException(String.format("bad region area [0x%x, 0x%x)", start, end));
        }
        this.start = start;
        this.end = end;
        free.put(start, end);
    }

    /** The lowest base aligned to {@code align} with {@code size} bytes free; -1 if none. */
    public long allocate(long size, long align) {
        check(size, align);
        for (Map.Entry<Long, Long> e : free.entrySet()) {
            long base = alignUp(e.getKey(), align);
            if (base >= e.getKey() && base + size <= e.getValue()) {
                take(e.getKey(), e.getValue(), base, size);
                return base;
            }
        }
        return -1;
    }

    /**
     * A base aligned to {@code align} chosen uniformly among every aligned base with {@code size} bytes free
     * (ASLR of the region); -1 if none.
     */
    public long allocateRandom(long size, long align, SplittableRandom random) {
        check(size, align);
        long candidates = 0;
        for (Map.Entry<Long, Long> e : free.entrySet()) {
            candidates += count(e.getKey(), e.getValue(), size, align);
        }
        if (candidates == 0) {
            return -1;
        }
        long pick = random.nextLong(candidates);
        for (Map.Entry<Long, Long> e : free.entrySet()) {
            long n = count(e.getKey(), e.getValue(), size, align);
            if (pick < n) {
                long base = alignUp(e.getKey(), align) + pick * align;
                take(e.getKey(), e.getValue(), base, size);
                return base;
            }
            pick -= n;
        }
        throw new IllegalStateException("unreachable: candidate count changed");
    }

    /** Returns {@code [base, base+size)} to the free ranges. */
    public void free(long base, long size) {
        if (size <= 0 || base < start || base + size > end) {
            throw new IllegalArgumentException(String.format("cannot free [0x%x, +0x%x): outside the area", base, size));
        }
        Map.Entry<Long, Long> below = free.floorEntry(base);
        if (below != null && below.getValue() > base) {
            throw new IllegalArgumentException(String.format("double free of region [0x%x, +0x%x)", base, size));
        }
        long s = base;
        long e = base + size;
        Map.Entry<Long, Long> above = free.ceilingEntry(base);
        if (above != null && above.getKey() < e) {
            throw new IllegalArgumentException(String.format("double free of region [0x%x, +0x%x)", base, size));
        }
        if (below != null && below.getValue() == s) {
            s = below.getKey();
            free.remove(below.getKey());
        }
        if (above != null && above.getKey() == e) {
            e = above.getValue();
            free.remove(above.getKey());
        }
        free.put(s, e);
        inUse -= size;
    }

    /** Bytes currently allocated. */
    public long inUse() {
        return inUse;
    }

    /** Number of free ranges (1 when nothing is allocated or everything was freed). */
    public int freeRanges() {
        return free.size();
    }

    private void take(long fs, long fe, long base, long size) {
        free.remove(fs);
        if (base > fs) {
            free.put(fs, base);
        }
        if (base + size < fe) {
            free.put(base + size, fe);
        }
        inUse += size;
    }

    private static long count(long fs, long fe, long size, long align) {
        long first = alignUp(fs, align);
        if (first < fs || first + size > fe) {
            return 0;
        }
        return (fe - size - first) / align + 1;
    }

    private static long alignUp(long v, long align) {
        return (v + align - 1) & -align;
    }

    private static void check(long size, long align) {
        if (size <= 0 || (size & 0xFFF) != 0) {
            throw new IllegalArgumentException("region size must be a positive multiple of 4 KiB, got " + size);
        }
        if (align < 4096 || Long.bitCount(align) != 1) {
            throw new IllegalArgumentException("region alignment must be a power of two >= 4 KiB, got " + align);
        }
    }

    @Override
    public String toString() {
        return String.format("RegionAllocator([0x%x, 0x%x), %,d bytes in use, %d free range(s))", start, end, inUse, free.size());
    }
}
