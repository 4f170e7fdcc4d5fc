package org.uforklab.sasos.mm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.uforklab.machine.Core;
import org.uforklab.machine.Machine;
import org.uforklab.machine.mmu.Descriptor;
import org.uforklab.machine.mmu.Mapping;
import org.uforklab.machine.mmu.PageAttributes;
import org.uforklab.machine.mmu.PageTables;

/**
 * A tree of translation tables in emulated memory with frames from the {@link FrameAllocator}, and the ASID it
 * runs under. The kernel's space (ASID 0) is the single address space every core's TTBR0 points at; with
 * per-process address spaces ({@link org.uforklab.sasos.AddressSpaceModel#PER_PROCESS}) each process gets its
 * own tree and ASID from {@link #forProcess}, sharing the kernel's mappings: the kernel's level-2 tables below
 * {@link VirtualLayout#PROCESS_AREA} are linked into the new tree, as a monolithic kernel shares its half of the
 * address space between all page tables. Pages a process space maps are always non-global (nG), so their TLB
 * entries are tagged with its ASID and never hit under another process's.
 *
 * <p>Unmapping invalidates the TLB entry on every core (a broadcast TLBI: VAAE1IS for the kernel's space,
 * VAE1IS for the ASID of a process space).
 */
public final class AddressSpace {
    private final Machine machine;
    private final FrameAllocator frames;
    private final PageTables tables;
    private final int asid;
    private final Set<Long> linked;
    private boolean destroyed;

    /** The kernel's space: empty tables (ASID 0) whose descriptor writes are charged to core 0 (the boot core). */
    public AddressSpace(Machine machine, FrameAllocator frames) {
        this(machine, frames, machine.newPageTables(frames, machine.core(0)), 0, Set.of());
    }

    private AddressSpace(Machine machine, FrameAllocator frames, PageTables tables, int asid, Set<Long> linked) {
        this.machine = machine;
        this.frames = frames;
        this.tables = tables;
        this.asid = asid;
        this.linked = linked;
    }

    /**
     * A new process address space under {@code asid} (non-zero) holding the kernel's mappings of this (the
     * kernel's) space by linking its level-2 tables below the process area; table writes charged to {@code charge}.
     */
    public AddressSpace forProcess(int asid, Core charge) {
        if (isProcessSpace()) {
            throw new IllegalStateException("only the kernel's address space can seed a process address space");
        }
        if (asid <= 0 || asid > 0xFFFF) {
            throw new IllegalArgumentException("a process address space needs an ASID in 1..65535, got " + asid);
        }
        PageTables t = machine.newPageTables(frames, charge);
        Set<Long> shared = new HashSet<>();
        for (long va = 0; va < VirtualLayout.PROCESS_AREA; va += KERNEL_SLOT) {
            long l2 = tables.tableAt(va, 2);
            if (l2 >= 0) {
                t.linkTable(va, 1, l2);
                shared.add(l2);
            }
        }
        return new AddressSpace(machine, frames, t, asid, Set.copyOf(shared));
    }

    /** Bytes translated by one level-1 descriptor: the unit in which kernel mappings are shared. */
    private static final long KERNEL_SLOT = 1L << 30;

    /** Charges descriptor writes from now on to {@code core} (the core doing the kernel work). */
    public void chargeTo(Core core) {
        tables.chargingTo(core.cycles(), machine.config().costs().get(org.uforklab.machine.time.Cost.PTE_WRITE));
    }

    /** The translation tables. */
    public PageTables tables() {
        return tables;
    }

    /** The frame allocator. */
    public FrameAllocator frames() {
        return frames;
    }

    /** The ASID this space runs under (0: the kernel's). */
    public int asid() {
        return asid;
    }

    /** The TTBR0_EL1 value selecting this space: table base and ASID. */
    public long ttbr() {
        return tables.ttbr(asid);
    }

    /** Whether this is a process's own space (not the kernel's single space). */
    public boolean isProcessSpace() {
        return asid != 0;
    }

    /** Physical addresses of the kernel's tables linked into this space (shared, never freed with it). */
    public Set<Long> linkedTables() {
        return linked;
    }

    /** The attributes this space maps pages with: a process space's pages are non-global. */
    private PageAttributes own(PageAttributes attrs) {
        return isProcessSpace() ? attrs.withNonGlobal(true) : attrs;
    }

    /** Maps fresh zeroed frames at {@code [va, va+len)} (page-rounded); returns the pages mapped. */
    public long mapFresh(long va, long len, PageAttributes attrs) {
        long n = 0;
        for (long a = va & -VirtualLayout.PAGE; a < va + len; a += VirtualLayout.PAGE) {
            tables.map(a, frames.allocateFrame(), own(attrs));
            n++;
        }
        return n;
    }

    /**
     * Maps {@code [va, va+len)} (page-rounded) demand-zero. In the kernel's single space (μFork's slots, whose
     * every page has a PTE) each page maps the {@linkplain FrameAllocator#zeroFrame() zero frame} read-only and the
     * first write faults into {@link #populateZeroPage}. A process's own space (the monolithic kernel) maps nothing:
     * like a vm_map entry, the range gets PTEs only when touched ({@link #faultInZero}). Returns the PTEs written.
     */
    public long mapZero(long va, long len, PageAttributes attrs) {
        if (isProcessSpace()) {
            return 0;
        }
        long zero = frames.zeroFrame();
        PageAttributes ro = zeroPageAttributes(attrs);
        long n = 0;
        for (long a = va & -VirtualLayout.PAGE; a < va + len; a += VirtualLayout.PAGE) {
            tables.map(a, zero, own(ro));
            n++;
        }
        return n;
    }

    /** The attributes of a demand-zero page mapped for {@code attrs}: read-only (a write faults), as the zero frame must never change. */
    public static PageAttributes zeroPageAttributes(PageAttributes attrs) {
        return switch (attrs.ap()) {
            case Descriptor.AP_RW_EL1 -> attrs.withAp(Descriptor.AP_RO_EL1);
            case Descriptor.AP_RW_ALL -> attrs.withAp(Descriptor.AP_RO_ALL);
            default -> attrs;
        };
    }

    /** Whether the page holding {@code va} is mapped demand-zero (to the zero frame). */
    public boolean isZeroPage(long va) {
        Optional<Mapping> m = tables.lookup(va);
        return m.isPresent() && frames.isZeroFrame(m.get().pa());
    }

    /**
     * Gives the demand-zero page holding {@code va} a frame of its own, mapped writable: break-before-make (the
     * zero-frame PTE invalid, its TLB entry invalidated on every core), then a fresh frame (free when never used,
     * zeroed at the page-zero cost when recycled) mapped with the page's attributes made writable. Returns false if
     * the page is not demand-zero.
     */
    public boolean populateZeroPage(long va) {
        long page = va & -VirtualLayout.PAGE;
        Optional<Mapping> m = tables.lookup(page);
        if (m.isEmpty() || !frames.isZeroFrame(m.get().pa())) {
            return false;
        }
        tables.unmap(page);
        invalidate(page);
        tables.map(page, frames.allocateFrame(), populatedAttributes(m.get().attributes()));
        return true;
    }

    /**
     * Maps the unmapped demand-zero page holding {@code va} at its first touch: a frame of its own for a write, the
     * zero frame read-only for a read (a later write then goes through {@link #populateZeroPage}). {@code attrs} are
     * the page's writable attributes.
     */
    public void faultInZero(long va, PageAttributes attrs, boolean write) {
        long page = va & -VirtualLayout.PAGE;
        if (write) {
            tables.map(page, frames.allocateFrame(), own(attrs));
        } else {
            tables.map(page, frames.zeroFrame(), own(zeroPageAttributes(attrs)));
        }
    }

    /** The attributes a demand-zero page mapped with {@code zeroAttrs} gets with a frame of its own: writable again. */
    public static PageAttributes populatedAttributes(PageAttributes zeroAttrs) {
        return switch (zeroAttrs.ap()) {
            case Descriptor.AP_RO_EL1 -> zeroAttrs.withAp(Descriptor.AP_RW_EL1);
            case Descriptor.AP_RO_ALL -> zeroAttrs.withAp(Descriptor.AP_RW_ALL);
            default -> zeroAttrs;
        };
    }

    /** Maps an existing frame (shared code, a copy-on-write frame) at {@code va}. */
    public void mapFrame(long va, long pa, PageAttributes attrs) {
        tables.map(va, pa, own(attrs));
    }

    /** Replaces the attributes of the mapped page at {@code va} (no TLB invalidation: see {@link #invalidate}). */
    public void protect(long va, PageAttributes attrs) {
        tables.protect(va, own(attrs));
    }

    /** Broadcast invalidation of the page of {@code va} under this space's ASID (all ASIDs for the kernel's space). */
    public void invalidate(long va) {
        for (Core c : machine.cores()) {
            if (isProcessSpace()) {
                c.mmu().tlbiVa(va, asid);
            } else {
                c.mmu().tlbiVaAllAsids(va);
            }
        }
    }

    /** Broadcast invalidation of every entry of this space's ASID (TLBI ASIDE1IS; everything for the kernel's space). */
    public void invalidateAll() {
        for (Core c : machine.cores()) {
            if (isProcessSpace()) {
                c.mmu().tlbiAsid(asid);
            } else {
                c.mmu().tlbiAll();
            }
        }
    }

    /** Above this many pages an unmap flushes the whole TLB (of this space's ASID) once instead of page by page. */
    public static final int FLUSH_ALL_THRESHOLD = 8;

    /**
     * Unmaps the pages of {@code [va, va+len)} that are mapped, as a kernel tears down a range: level-3 tables the
     * range covers whole are dropped (one descriptor write each, the table frame freed), the rest cleared page by
     * page; then the pages are invalidated on every core, one by one up to {@link #FLUSH_ALL_THRESHOLD} pages and by
     * one whole flush above it. Frames are freed unless {@code keepFrames} (shared code frames); the zero frame
     * always stays. Returns the pages unmapped.
     */
    public long unmap(long va, long len, boolean keepFrames) {
        long start = va & -VirtualLayout.PAGE;
        long end = VirtualLayout.pageUp(va + len);
        PageTables.RangeUnmap r = tables.unmapRange(start, end - start);
        for (Mapping m : r.pages()) {
            if (!keepFrames) {
                frames.free(m.pa());
            }
        }
        for (long t : r.tables()) {
            frames.free(t);
        }
        if (r.pages().size() > FLUSH_ALL_THRESHOLD) {
            invalidateAll();
        } else {
            for (Mapping m : r.pages()) {
                invalidate(m.va());
            }
        }
        return r.pages().size();
    }

    /**
     * Drops a process space whose process pages are all unmapped: its own table frames go back to the allocator
     * (the linked kernel tables stay) and its ASID's TLB entries are invalidated on every core, so the ASID can
     * be given out again. Returns the table frames freed.
     *
     * @throws IllegalStateException for the kernel's space, a space dropped twice, or pages still mapped
     */
    public int destroy() {
        if (!isProcessSpace() || destroyed) {
            throw new IllegalStateException(destroyed ? "address space ASID " + asid + " was already destroyed"
                    : "the kernel's address space is never destroyed");
        }
        List<Mapping> left = mappings(VirtualLayout.PROCESS_AREA, VirtualLayout.PROCESS_AREA_END - VirtualLayout.PROCESS_AREA);
        if (!left.isEmpty()) {
            throw new IllegalStateException(String.format("address space ASID %d still maps %d page(s), first at 0x%x",
                    asid, left.size(), left.get(0).va()));
        }
        List<Long> own = new ArrayList<>(tables.tableFrames(linked));
        for (long f : own) {
            frames.free(f);
        }
        invalidateAll();
        destroyed = true;
        return own.size();
    }

    /** Whether {@link #destroy} has run. */
    public boolean isDestroyed() {
        return destroyed;
    }

    /** The mapping of the page holding {@code va}, if any. */
    public Optional<Mapping> lookup(long va) {
        return tables.lookup(va);
    }

    /** Whether the page holding {@code va} is mapped. */
    public boolean isMapped(long va) {
        return tables.lookup(va).isPresent();
    }

    /** The physical address backing {@code va}. */
    public long paOf(long va) {
        Mapping m = tables.lookup(va).orElseThrow(() -> new IllegalArgumentException(String.format("VA 0x%x is not mapped", va)));
        return m.pa() + (va - m.va());
    }

    /** Every leaf mapping inside {@code [va, va+len)}. */
    public List<Mapping> mappings(long va, long len) {
        return tables.mappings().stream()
                .filter(m -> Long.compareUnsigned(m.va(), va) >= 0 && Long.compareUnsigned(m.va(), va + len) < 0).toList();
    }

    @Override
    public String toString() {
        return String.format("AddressSpace(%s, root PA 0x%x, %d table frames, %d descriptor writes%s)",
                isProcessSpace() ? "ASID " + asid : "kernel, ASID 0", tables.root(), tables.tablesAllocated(),
                tables.descriptorWrites(), destroyed ? ", destroyed" : "");
    }
}
