package org.uforklab.machine.time;

/**
 * The named parameters of the cost model: what each modelled event costs in emulated cycles, with the unit
 * and where the default comes from. Morello publishes almost no latencies (morello.md §5 lists TLB-miss and
 * page-fault costs as "not found"), so most defaults are stated assumptions; the page copy/scan defaults are
 * derived from the uFork paper's full-copy throughput, and pteWrite is part of the fit of fork latency. Every value
 * can be overridden per machine ({@link CostModel#with(String, long)}). The whole calibrated model (these, the
 * kernel's, μFork's and the baseline's costs), its fits and the measured fidelity: README.md in this package.
 */
public enum Cost {
    LOAD("load", "cycles/access", 4,
            "assumption: L1D load-to-use latency of an N1-class core (Morello core = Neoverse N1, morello.md §5)"),
    STORE("store", "cycles/access", 1,
            "morello.md §5: a 64-bit store takes 1 cycle and 1 store-buffer entry (TR-986)"),
    CAP_LOAD("capLoad", "cycles/access", 4,
            "morello.md §5 timing suggestion: capability load ≈ 64-bit load latency"),
    CAP_STORE("capStore", "cycles/access", 2,
            "morello.md §5: capability stores take 2 cycles / 2 store-buffer entries vs 1 (TR-986)"),
    FETCH("fetch", "cycles/access", 0,
            "assumption: fetch is part of the CPU's per-instruction cost"),
    TLB_HIT("tlbHit", "cycles/access", 0,
            "assumption: an L1 TLB hit is hidden in the load/store pipeline"),
    TLB_MISS_PER_LEVEL("tlbMissPerLevel", "cycles/level", 25,
            "assumption: one descriptor read per level hitting L2 (TLB-miss cost not published, morello.md §5)"),
    DESCRIPTOR_UPDATE("descriptorUpdate", "cycles/update", 25,
            "assumption: atomic read-modify-write of a descriptor (hardware SC set, CDBM=1)"),
    PTE_WRITE("pteWrite", "cycles/descriptor", 3,
            "fit to ufork-paper.md §7.1/§7.4: a descriptor store (attribute bits OR-ed in, the publishing DSB amortised"
                    + " over a table); with the fork's 1-cycle PTE visit it makes the 4 cycles per PTE copied that the"
                    + " paper's hello (54 µs, 10k-page heap) and Redis 0 B (120 µs, 33.4k pages) forks imply (about 4.4)"),
    TLBI_VA("tlbiVa", "cycles/TLBI", 50,
            "assumption: TLBI by VA + DSB + ISB on one core (uFork handler does these, ufork-paper.md §5)"),
    TLBI_ALL("tlbiAll", "cycles/TLBI", 250,
            "assumption: TLBI VMALLE1/ASIDE1 + DSB + ISB (uFork prototype does full flushes, ufork-paper.md §8)"),
    PAGE_COPY("pageCopy", "cycles/4KiB page", 1300,
            "ufork-paper.md §7.5: full copy 144 MB in 23.2 ms ≈ 0.63 µs/page incl. tag scan = 1575 cycles"
                    + " at 2.5 GHz; copy share 1300 (split is an assumption)"),
    PAGE_ZERO("pageZero", "cycles/4KiB page", 650,
            "assumption: zeroing (DC ZVA) at twice the copy rate"),
    TAG_SCAN_PER_PAGE("tagScanPerPage", "cycles/4KiB page", 275,
            "ufork-paper.md §7.5: the scan share (256 granules) of the 1575-cycle copy+scan per page"),
    FAULT_ENTRY("faultEntry", "cycles/fault", 100,
            "assumption: synchronous exception entry to the EL1 vector incl. pipeline flush"
                    + " (morello.md §5: charge LC/SC faults like a normal data abort)"),
    FAULT_RETURN("faultReturn", "cycles/fault", 50,
            "assumption: ERET back to the faulting context"),
    INSN_ALU("insnAlu", "cycles/instruction", 1,
            "assumption: single-cycle integer ALU op (Neoverse N1 optimization guide: ALU/shift/logical latency 1)"),
    INSN_MULTIPLY("insnMultiply", "cycles/instruction", 2,
            "assumption: Neoverse N1 optimization guide MUL/MADD latency 2 (SMULH/UMULH charged the same)"),
    INSN_DIVIDE("insnDivide", "cycles/instruction", 12,
            "assumption: Neoverse N1 optimization guide SDIV/UDIV 5-12 (W) / 5-20 (X); a typical middle value"),
    INSN_BRANCH("insnBranch", "cycles/instruction", 1,
            "assumption: a branch issues in one cycle; a not-taken conditional branch costs only this"),
    INSN_BRANCH_TAKEN("insnBranchTaken", "cycles/taken branch", 1,
            "assumption: extra front-end bubble of a taken, predicted branch"),
    INSN_MEMORY("insnMemory", "cycles/instruction", 1,
            "assumption: address generation / issue of a load or store; the access adds load/store/capLoad/capStore"),
    INSN_CAPABILITY("insnCapability", "cycles/instruction", 1,
            "assumption: Morello capability manipulation (bounds, perms, seal, CVT) as one ALU op (TR-986 gives none)"),
    INSN_SYSTEM_REGISTER("insnSystemRegister", "cycles/instruction", 5,
            "assumption: MRS/MSR of a system register serialises a few cycles"),
    INSN_SYSTEM("insnSystem", "cycles/instruction", 1,
            "assumption: hints, barriers and exception-generating instructions issue in one cycle"
                    + " (exception entry is charged separately as faultEntry)"),
    BULK_COPY_PER_GRANULE("bulkCopyPerGranule", "cycles/16-byte granule", 1,
            "morello.md §5: the Morello core is a Neoverse N1, which sustains two 16-byte loads and one 16-byte"
                    + " store per cycle, so a memcpy of cache-resident data moves ~16 B/cycle; ufork-paper.md §7.1's"
                    + " TOCTTOU cost (Fig 3: +2.6% at"
                    + " 100 MB, 112.5 vs 109.7 ms = 2.8 ms for 100 MB through a 64 KiB bounce buffer hot in L1/L2)"
                    + " needs about that speed. Charged per granule of a tag-free bulk copy (memcpy, kernel bounce"
                    + " copies) instead of one load and one store per 8 bytes");

    private final String parameterName;
    private final String unit;
    private final long defaultValue;
    private final String source;

    Cost(String parameterName, String unit, long defaultValue, String source) {
        this.parameterName = parameterName;
        this.unit = unit;
        this.defaultValue = defaultValue;
        this.source = source;
    }

    /** The parameter's name as used in overrides and printouts, e.g. {@code tlbMissPerLevel}. */
    public String parameterName() {
        return parameterName;
    }

    /** The unit of the value, e.g. {@code cycles/level}. */
    public String unit() {
        return unit;
    }

    /** The default value. */
    public long defaultValue() {
        return defaultValue;
    }

    /** Where the default comes from: morello.md §5, the uFork paper, or "assumption". */
    public String source() {
        return source;
    }

    /**
     * The parameter with this name.
     *
     * @throws IllegalArgumentException naming the known parameters if there is none
     */
    public static Cost byName(String name) {
        for (Cost c : values()) {
            if (c.parameterName.equals(name)) {
                return c;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Cost c : values()) {
            known.append(known.isEmpty() ? "" : ", ").append(c.parameterName);
        }
        throw new IllegalArgumentException("unknown cost parameter '" + name + "' (known: " + known + ")");
    }
}
