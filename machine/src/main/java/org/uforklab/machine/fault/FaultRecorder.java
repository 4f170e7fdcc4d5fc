package org.uforklab.machine.fault;

import org.uforklab.machine.stats.Counter;
import org.uforklab.machine.stats.Stats;
import org.uforklab.machine.time.CycleCounter;

/**
 * Where a core's faults are made: counts each by kind ({@code faults.capBounds}, ...) and charges the
 * exception-entry cost to the core's clock (every architectural fault is taken as a synchronous exception;
 * the return is charged by whoever performs the ERET), then hands back the exception to throw.
 */
public final class FaultRecorder {
    private final Counter[] byKind;
    private final Counter total;
    private final CycleCounter cycles;
    private final long entryCycles;

    /**
     * @param stats       the scope the {@code faults.*} counters go under (a core's scope)
     * @param cycles      the core's clock
     * @param entryCycles cycles per exception entry ({@code faultEntry})
     */
    public FaultRecorder(Stats stats, CycleCounter cycles, long entryCycles) {
        FaultKind[] kinds = FaultKind.values();
        this.byKind = new Counter[kinds.length];
        for (FaultKind k : kinds) {
            byKind[k.ordinal()] = stats.counter("faults." + k.statName());
        }
        this.total = stats.counter("faults.total");
        this.cycles = cycles;
        this.entryCycles = entryCycles;
    }

    /** Records a fault on a virtual access and returns it, for the caller to throw. */
    public ArchitecturalFault fault(FaultKind kind, int level, long va, AccessKind access, int el, String detail) {
        return record(ArchitecturalFault.atVa(kind, level, va, access, el, detail));
    }

    /** Records a fault built elsewhere (e.g. by physical memory) and returns it. */
    public ArchitecturalFault record(ArchitecturalFault f) {
        byKind[f.kind().ordinal()].inc();
        total.inc();
        cycles.add(entryCycles);
        return f;
    }
}
