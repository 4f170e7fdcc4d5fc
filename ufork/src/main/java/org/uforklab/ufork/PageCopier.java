package org.uforklab.ufork;

import org.uforklab.machine.Core;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.mem.PhysicalMemory;
import org.uforklab.machine.time.Cost;
import org.uforklab.machine.time.CostModel;

/**
 * The copy at the heart of μFork (ufork-paper.md §4.2): copy a 4 KiB frame with its tags (the machine's
 * physical page copy), scan its 256 granules for tags, and rewrite every tagged capability with a
 * {@link Relocator}. All work is charged to the core doing it through the machine's cost model: the page copy
 * ({@code pageCopy}) and tag scan ({@code tagScanPerPage}) by the access path, then per tagged granule a
 * capability load, and per rewritten one the capability operations to rebuild it and a capability store.
 */
public final class PageCopier {
    /** Counts of one page copy. */
    public record Copy(int tagged, int relocated, int invalidated) {
    }

    private final long capLoad;
    private final long capStore;
    private final long capOp;

    /** A copier charging with {@code costs}. */
    public PageCopier(CostModel costs) {
        this.capLoad = costs.get(Cost.CAP_LOAD);
        this.capStore = costs.get(Cost.CAP_STORE);
        this.capOp = costs.get(Cost.INSN_CAPABILITY);
    }

    /** Copies frame {@code srcPa} to {@code dstPa} on {@code core} and relocates the copy's capabilities. */
    public Copy copy(Core core, long srcPa, long dstPa, Relocator relocator) {
        core.access().copyPagePhysical(srcPa, dstPa);
        return relocateInPlace(core, dstPa, relocator);
    }

    /** Scans frame {@code pa} and relocates its capabilities in place. */
    public Copy relocateInPlace(Core core, long pa, Relocator relocator) {
        PhysicalMemory mem = core.mmu().memory();
        int[] idx = new int[PhysicalMemory.GRANULES_PER_FRAME];
        int n = core.access().scanTagsPhysical(pa, idx);
        int relocated = 0;
        int invalidated = 0;
        long cycles = 0;
        for (int i = 0; i < n; i++) {
            long g = pa + (long) idx[i] * PhysicalMemory.GRANULE_SIZE;
            Capability c = Capability.fromMemory(mem.capLow(g), mem.capHigh(g), true);
            cycles += capLoad;
            Relocator.Result r = relocator.relocate(c);
            switch (r.outcome()) {
                case RELOCATED -> {
                    relocated++;
                    cycles += 3 * capOp + capStore; // set value, set bounds, clear perms/seal; store back
                    mem.writeCap(g, r.capability().memoryLow(), r.capability().memoryHigh(), true);
                }
                case INVALIDATED -> {
                    invalidated++;
                    cycles += capOp + capStore;
                    mem.writeCap(g, c.memoryLow(), c.memoryHigh(), false);
                }
                default -> cycles += capOp;
            }
        }
        core.cycles().add(cycles);
        return new Copy(n, relocated, invalidated);
    }
}
