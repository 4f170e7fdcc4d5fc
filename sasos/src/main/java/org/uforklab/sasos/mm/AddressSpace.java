package org.uforklab.sasos.mm;

import java.util.List;
import java.util.Optional;
import org.uforklab.machine.Core;
import org.uforklab.machine.Machine;
import org.uforklab.machine.mmu.Mapping;
import org.uforklab.machine.mmu.PageAttributes;
import org.uforklab.machine.mmu.PageTables;

/**
 * The one address space: a tree of translation tables in emulated memory shared by every core (all TTBR0s
 * point at it), with frames from the {@link FrameAllocator}. Unmapping and protection changes invalidate
 * the TLB entry on every core (a broadcast TLBI, as TLBI VAE1IS would).
 */
public final class AddressSpace {
    private final Machine machine;
    private final FrameAllocator frames;
    private final PageTables tables;

    /** Builds empty tables whose descriptor writes are charged to core 0 (the boot core). */
    public AddressSpace(Machine machine, FrameAllocator frames) {
        this.machine = machine;
        this.frames = frames;
        this.tables = machine.newPageTables(frames, machine.core(0));
    }

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

    /** Maps fresh zeroed frames at {@code [va, va+len)} (page-rounded); returns the pages mapped. */
    public long mapFresh(long va, long len, PageAttributes attrs) {
        long n = 0;
        for (long a = va & -VirtualLayout.PAGE; a < va + len; a += VirtualLayout.PAGE) {
            tables.map(a, frames.allocateFrame(), attrs);
            n++;
        }
        return n;
    }

    /** Maps an existing frame (shared code) at {@code va}. */
    public void mapFrame(long va, long pa, PageAttributes attrs) {
        tables.map(va, pa, attrs);
    }

    /**
     * Unmaps the pages of {@code [va, va+len)} that are mapped, invalidating them on every core; frames are
     * freed unless {@code keepFrames} (shared code frames).
     */
    public long unmap(long va, long len, boolean keepFrames) {
        long n = 0;
        for (long a = va & -VirtualLayout.PAGE; a < va + len; a += VirtualLayout.PAGE) {
            Optional<Mapping> m = tables.lookup(a);
            if (m.isPresent() && tables.unmap(a)) {
                if (!keepFrames) {
                    frames.free(m.get().pa());
                }
                for (Core c : machine.cores()) {
                    c.mmu().tlbiVaAllAsids(a);
                }
                n++;
            }
        }
        return n;
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
        return String.format("AddressSpace(root PA 0x%x, %d table frames, %d descriptor writes)", tables.root(),
                tables.tablesAllocated(), tables.descriptorWrites());
    }
}
