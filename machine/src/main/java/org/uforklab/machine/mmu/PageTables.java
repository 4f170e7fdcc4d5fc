package org.uforklab.machine.mmu;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongUnaryOperator;
import org.uforklab.machine.mem.FrameSource;
import org.uforklab.machine.mem.PhysicalMemory;
import org.uforklab.machine.time.CycleCounter;

/**
 * Builds and edits one tree of stage-1 translation tables in emulated physical memory, in the real
 * descriptor format: 4 levels for 48-bit VAs (TxSZ = 16, 4 KiB granule), table frames taken from a
 * {@link FrameSource}. This is what a kernel uses to map, unmap and protect pages; it writes descriptors to
 * memory only — as on hardware, changes reach a core's TLB only after a TLBI.
 *
 * <p>Also walks the whole tree for display ({@link #mappings()}, {@link #dump()}).
 */
public final class PageTables {

    private final PhysicalMemory memory;
    private final FrameSource frames;
    private final long root;
    private CycleCounter chargeTo;
    private long pteWriteCycles;
    private long descriptorWrites;
    private long tablesAllocated;

    private PageTables(PhysicalMemory memory, FrameSource frames, long root) {
        this.memory = memory;
        this.frames = frames;
        this.root = root;
    }

    /** A new, empty tree with a level-0 table from {@code frames}. */
    public static PageTables create(PhysicalMemory memory, FrameSource frames) {
        PageTables t = new PageTables(memory, frames, newTable(memory, frames));
        t.tablesAllocated = 1;
        return t;
    }

    /** The existing tree rooted at {@code rootPa}; {@code frames} may be null for a read-only view. */
    public static PageTables at(PhysicalMemory memory, FrameSource frames, long rootPa) {
        if ((rootPa & 0xFFF) != 0 || !memory.contains(rootPa, 4096)) {
            throw new IllegalArgumentException(String.format("table root 0x%x is not a 4 KiB aligned RAM frame", rootPa));
        }
        return new PageTables(memory, frames, rootPa);
    }

    private static long newTable(PhysicalMemory memory, FrameSource frames) {
        if (frames == null) {
            throw new IllegalStateException("this page-table view has no frame source to allocate tables from");
        }
        long pa = frames.allocateFrame();
        if ((pa & 0xFFF) != 0 || !memory.contains(pa, 4096)) {
            throw new IllegalStateException(String.format("frame source returned 0x%x, not a 4 KiB aligned RAM frame", pa));
        }
        memory.zeroPage(pa);
        return pa;
    }

    /** Charges {@code cyclesPerWrite} to {@code cycles} for every descriptor written from now on. */
    public PageTables chargingTo(CycleCounter cycles, long cyclesPerWrite) {
        this.chargeTo = cycles;
        this.pteWriteCycles = cyclesPerWrite;
        return this;
    }

    /** Physical address of the level-0 table (TTBR BADDR). */
    public long root() {
        return root;
    }

    /** A TTBR value for this tree with {@code asid}. */
    public long ttbr(int asid) {
        return SystemRegisters.ttbr(root, asid);
    }

    /** Descriptors written so far by this builder. */
    public long descriptorWrites() {
        return descriptorWrites;
    }

    /** Table frames allocated so far by this builder. */
    public long tablesAllocated() {
        return tablesAllocated;
    }

    private static int index(long va, int level) {
        return (int) (va >>> (12 + 9 * (3 - level))) & 511;
    }

    private void write(long descriptorPa, long value) {
        memory.write64(descriptorPa, value);
        descriptorWrites++;
        if (chargeTo != null) {
            chargeTo.add(pteWriteCycles);
        }
    }

    /**
     * The PA of the level-{@code leafLevel} descriptor for {@code va}, creating tables on the way when
     * {@code create}; -1 if a table is missing (and not created) or a block is in the way.
     */
    private long slot(long va, int leafLevel, boolean create) {
        long table = root;
        for (int level = 0; level < leafLevel; level++) {
            long dpa = table + index(va, level) * 8L;
            long d = memory.read64(dpa);
            if (Descriptor.isTable(d, level)) {
                table = Descriptor.outputAddress(d);
            } else if (!Descriptor.isValid(d) && create) {
                long t = newTable(memory, frames);
                tablesAllocated++;
                write(dpa, Descriptor.table(t));
                table = t;
            } else if (Descriptor.isValid(d) && create) {
                throw new IllegalStateException(String.format("VA 0x%x is inside a level-%d block mapping", va, level));
            } else {
                return -1;
            }
        }
        return table + index(va, leafLevel) * 8L;
    }

    private static void checkVa(long va, long alignment) {
        if ((va & (alignment - 1)) != 0) {
            throw new IllegalArgumentException(String.format("VA 0x%x is not %d-byte aligned", va, alignment));
        }
        long top = va >> 47;
        if (top != 0 && top != -1) {
            throw new IllegalArgumentException(String.format("VA 0x%x is not a 48-bit address of either half", va));
        }
    }

    /**
     * Maps the 4 KiB page at {@code va} to the frame at {@code pa}, replacing any page mapping there.
     *
     * @throws IllegalArgumentException for unaligned addresses
     */
    public void map(long va, long pa, PageAttributes attrs) {
        checkVa(va, 4096);
        write(slot(va, 3, true), Descriptor.page(pa, attrs.bits()));
    }

    /**
     * The PA of the level-{@code level} table that translates {@code va} (level 0 is the root), or -1 when the
     * tree has no table there. Lets another tree link the same subtree ({@link #linkTable}).
     */
    public long tableAt(long va, int level) {
        if (level < 0 || level > 3) {
            throw new IllegalArgumentException("table levels are 0..3, not " + level);
        }
        long table = root;
        for (int l = 0; l < level; l++) {
            long d = memory.read64(table + index(va, l) * 8L);
            if (!Descriptor.isTable(d, l)) {
                return -1;
            }
            table = Descriptor.outputAddress(d);
        }
        return table;
    }

    /**
     * Makes the level-{@code level} descriptor for {@code va} a table descriptor pointing at the existing
     * level-{@code level + 1} table {@code tablePa} (creating the tables above it): the subtree is then shared
     * by both trees, as kernels share their kernel mappings between per-process tables. Edits through either
     * tree are seen by both; this tree never frees the linked table.
     *
     * @throws IllegalStateException if a valid descriptor is already there
     */
    public void linkTable(long va, int level, long tablePa) {
        if (level < 0 || level > 2) {
            throw new IllegalArgumentException("a table descriptor lives at levels 0..2, not " + level);
        }
        if ((tablePa & 0xFFF) != 0 || !memory.contains(tablePa, 4096)) {
            throw new IllegalArgumentException(String.format("table 0x%x is not a 4 KiB aligned RAM frame", tablePa));
        }
        long dpa = slot(va, level, true);
        if (Descriptor.isValid(memory.read64(dpa))) {
            throw new IllegalStateException(String.format("VA 0x%x already has a level-%d descriptor", va, level));
        }
        write(dpa, Descriptor.table(tablePa));
    }

    /**
     * Every table frame reachable from the root (the root first, then depth first), except the subtrees whose
     * table PA is in {@code shared} (tables linked from another tree): what to free when the tree is dropped.
     */
    public List<Long> tableFrames(java.util.Set<Long> shared) {
        List<Long> out = new ArrayList<>();
        collectTables(root, 0, shared, out);
        return out;
    }

    private void collectTables(long table, int level, java.util.Set<Long> shared, List<Long> out) {
        out.add(table);
        if (level == 3) {
            return;
        }
        for (int i = 0; i < 512; i++) {
            long d = memory.read64(table + i * 8L);
            if (Descriptor.isTable(d, level)) {
                long next = Descriptor.outputAddress(d);
                if (!shared.contains(next) && memory.contains(next, 4096)) {
                    collectTables(next, level + 1, shared, out);
                }
            }
        }
    }

    /** Maps {@code length} bytes (a multiple of 4 KiB) of consecutive pages starting at {@code va} → {@code pa}. */
    public void mapRange(long va, long pa, long length, PageAttributes attrs) {
        if (length <= 0 || (length & 0xFFF) != 0) {
            throw new IllegalArgumentException("length " + length + " is not a positive multiple of 4 KiB");
        }
        for (long off = 0; off < length; off += 4096) {
            map(va + off, pa + off, attrs);
        }
    }

    /** Maps a block: 2 MiB at level 2 or 1 GiB at level 1. */
    public void mapBlock(long va, long pa, int level, PageAttributes attrs) {
        if (level != 1 && level != 2) {
            throw new IllegalArgumentException("blocks exist at levels 1 and 2 only (4 KiB granule), not " + level);
        }
        long size = 1L << (12 + 9 * (3 - level));
        checkVa(va, size);
        if ((pa & (size - 1)) != 0) {
            throw new IllegalArgumentException(String.format("block PA 0x%x is not %d-byte aligned", pa, size));
        }
        write(slot(va, level, true), pa | attrs.bits() | Descriptor.VALID);
    }

    /**
     * Removes the page mapping of {@code va} (writes an invalid descriptor).
     *
     * @return true if a page was mapped there
     */
    public boolean unmap(long va) {
        checkVa(va, 4096);
        long dpa = slot(va, 3, false);
        if (dpa < 0 || !Descriptor.isValid(memory.read64(dpa))) {
            return false;
        }
        write(dpa, 0);
        return true;
    }

    /**
     * What {@link #unmapRange} removed: the page mappings that were there (their frames are the caller's to free)
     * and the level-3 tables it dropped whole (free frames now).
     */
    public record RangeUnmap(List<Mapping> pages, List<Long> tables) {
    }

    /**
     * Removes every page mapping in {@code [va, va+len)} (4 KiB aligned) the way an exiting process's range is torn
     * down: a level-3 table the range covers whole is dropped with one write to its level-2 descriptor (and handed
     * back to be freed); in a table the range covers in part each mapped page's descriptor is written invalid.
     * No TLB maintenance: the caller invalidates.
     */
    public RangeUnmap unmapRange(long va, long len) {
        checkVa(va, 4096);
        if (len < 0 || (len & 0xFFF) != 0) {
            throw new IllegalArgumentException("length " + len + " is not a non-negative multiple of 4 KiB");
        }
        List<Mapping> pages = new ArrayList<>();
        List<Long> tables = new ArrayList<>();
        long end = va + len;
        long span = 1L << 21; // what one level-3 table translates
        long a = va;
        while (Long.compareUnsigned(a, end) < 0) {
            long tableStart = a & -span;
            long tableEnd = tableStart + span;
            long l2 = slot(a, 2, false);
            long d = l2 < 0 ? 0 : memory.read64(l2);
            if (!Descriptor.isTable(d, 2)) {
                a = Long.compareUnsigned(tableEnd, end) < 0 ? tableEnd : end; // nothing mapped here (or a block: not ours)
                continue;
            }
            long table = Descriptor.outputAddress(d);
            boolean whole = a == tableStart && Long.compareUnsigned(tableEnd, end) <= 0;
            long stop = whole ? tableEnd : (Long.compareUnsigned(tableEnd, end) < 0 ? tableEnd : end);
            for (long p = a; Long.compareUnsigned(p, stop) < 0; p += 4096) {
                long dpa = table + index(p, 3) * 8L;
                long pd = memory.read64(dpa);
                if (Descriptor.isValid(pd)) {
                    pages.add(new Mapping(p, Descriptor.outputAddress(pd), 4096, 3, pd, dpa));
                    if (!whole) {
                        write(dpa, 0);
                    }
                }
            }
            if (whole) {
                write(l2, 0);
                tables.add(table);
            }
            a = stop;
        }
        return new RangeUnmap(pages, tables);
    }

    /**
     * Replaces the attributes of the page at {@code va}, keeping its frame.
     *
     * @throws IllegalStateException if the page is not mapped
     */
    public void protect(long va, PageAttributes attrs) {
        update(va, d -> Descriptor.page(Descriptor.outputAddress(d), attrs.bits()));
    }

    /**
     * Rewrites the page descriptor of {@code va} with {@code f} (raw bit editing, e.g. flipping LC).
     *
     * @return the new descriptor
     * @throws IllegalStateException if the page is not mapped
     */
    public long update(long va, LongUnaryOperator f) {
        checkVa(va, 4096);
        long dpa = slot(va, 3, false);
        long d = dpa < 0 ? 0 : memory.read64(dpa);
        if (!Descriptor.isValid(d)) {
            throw new IllegalStateException(String.format("VA 0x%x has no page mapping to update", va));
        }
        long n = f.applyAsLong(d);
        write(dpa, n);
        return n;
    }

    /** The page descriptor of {@code va}, or 0 if there is none. */
    public long descriptor(long va) {
        long dpa = descriptorAddress(va);
        return dpa < 0 ? 0 : memory.read64(dpa);
    }

    /** The PA of the level-3 descriptor slot of {@code va}, or -1 if its tables do not exist. */
    public long descriptorAddress(long va) {
        return slot(va & ~0xFFFL, 3, false);
    }

    /** The mapping (page or block) translating {@code va}, if any. */
    public Optional<Mapping> lookup(long va) {
        long table = root;
        for (int level = 0; level <= 3; level++) {
            long dpa = table + index(va, level) * 8L;
            long d = memory.read64(dpa);
            if (Descriptor.isTable(d, level)) {
                table = Descriptor.outputAddress(d);
                continue;
            }
            if (!Descriptor.isLeaf(d, level)) {
                return Optional.empty();
            }
            long size = 1L << (12 + 9 * (3 - level));
            return Optional.of(new Mapping(va & ~(size - 1), Descriptor.outputAddress(d) & ~(size - 1), size, level, d, dpa));
        }
        return Optional.empty();
    }

    /** Every leaf mapping in VA order. */
    public List<Mapping> mappings() {
        List<Mapping> out = new ArrayList<>();
        collect(root, 0, 0, out);
        return out;
    }

    private void collect(long table, int level, long vaPrefix, List<Mapping> out) {
        for (int i = 0; i < 512; i++) {
            long dpa = table + i * 8L;
            long d = memory.read64(dpa);
            if (!Descriptor.isValid(d)) {
                continue;
            }
            long va = vaPrefix | ((long) i << (12 + 9 * (3 - level)));
            if (level == 0 && (va & (1L << 47)) != 0) {
                va |= 0xFFFF_0000_0000_0000L; // sign-extend: the TTBR1 half
            }
            if (Descriptor.isTable(d, level)) {
                long next = Descriptor.outputAddress(d);
                if (memory.contains(next, 4096)) {
                    collect(next, level + 1, va, out);
                }
            } else if (Descriptor.isLeaf(d, level)) {
                long size = 1L << (12 + 9 * (3 - level));
                out.add(new Mapping(va, Descriptor.outputAddress(d) & ~(size - 1), size, level, d, dpa));
            }
        }
    }

    /**
     * The mappings, one line per range of virtually and physically contiguous pages with the same
     * attributes: {@code VA first-last -> PA first-last  (n pages)  attributes}.
     */
    public String dump() {
        return dump(Integer.MAX_VALUE);
    }

    /** As {@link #dump()}, at most {@code maxRanges} lines, then a line saying how many ranges were left out. */
    public String dump(int maxRanges) {
        List<Mapping> maps = mappings();
        StringBuilder sb = new StringBuilder();
        if (maps.isEmpty()) {
            return "(no mappings)\n";
        }
        int i = 0;
        int ranges = 0;
        while (i < maps.size()) {
            Mapping first = maps.get(i);
            long attrs = first.descriptor() & ~Descriptor.OUTPUT_ADDRESS_MASK;
            long endVa = first.va() + first.size();
            long endPa = first.pa() + first.size();
            int j = i + 1;
            while (j < maps.size()) {
                Mapping m = maps.get(j);
                if (m.va() != endVa || m.pa() != endPa || m.size() != first.size()
                        || (m.descriptor() & ~Descriptor.OUTPUT_ADDRESS_MASK) != attrs) {
                    break;
                }
                endVa += m.size();
                endPa += m.size();
                j++;
            }
            int n = j - i;
            if (ranges++ >= maxRanges) {
                i = j;
                continue; // counted, not printed
            }
            String unit = first.size() == 4096 ? "page" : first.size() == (2L << 20) ? "2M block" : "1G block";
            sb.append(String.format("VA 0x%016x-0x%016x -> PA 0x%012x-0x%012x %5d %s%s  %s%n", first.va(), endVa - 1,
                    first.pa(), endPa - 1, n, unit, n == 1 ? " " : "s", first.attributes()));
            i = j;
        }
        if (ranges > maxRanges) {
            sb.append(String.format("... %,d more ranges (%,d in all)%n", ranges - maxRanges, ranges));
        }
        return sb.toString();
    }

    /** The header and the first 20 ranges of {@link #dump()} (a prompt must not drown in a large address space). */
    @Override
    public String toString() {
        return String.format("PageTables root=0x%x (%d tables allocated, %d descriptor writes)%n%s", root,
                tablesAllocated, descriptorWrites, dump(20));
    }
}
