package org.uforklab.machine.mmu;

import java.util.ArrayList;
import java.util.List;
import org.uforklab.machine.fault.AccessKind;
import org.uforklab.machine.fault.ArchitecturalFault;
import org.uforklab.machine.fault.FaultKind;
import org.uforklab.machine.fault.FaultRecorder;
import org.uforklab.machine.mem.Frame;
import org.uforklab.machine.mem.PhysicalMemory;
import org.uforklab.machine.stats.Counter;
import org.uforklab.machine.stats.Stats;
import org.uforklab.machine.time.Cost;
import org.uforklab.machine.time.CostModel;
import org.uforklab.machine.time.CycleCounter;

/**
 * One core's stage-1 MMU for the EL1&amp;0 regime: its translation registers (TTBR0/1_EL1, TCR_EL1,
 * SCTLR_EL1, CCTLR_EL1, the current EL), its {@link Tlb} and the table walker that reads descriptors from
 * emulated physical memory.
 *
 * <p>{@link #translate(long, AccessKind)} returns a {@link TlbEntry} that permits the access (AP/XN), walking
 * on a miss and raising architectural faults: translation, address size, external abort on walk, access
 * flag (AF=0 always faults: hardware AF update, TCR.HA, is not modelled) and permission. The Morello
 * capability checks that depend on the data are separate calls made by the access path:
 * {@link #checkLoadedTag} (LC, after the tag has been read) and {@link #checkCapabilityStore} (SC/CDBM, for
 * tagged stores only).
 *
 * <p>Model choices, documented: PSTATE.PAN and SCTLR.WXN are not modelled; EL1 cannot execute memory that
 * EL0 can write, and EL0 can execute only memory it can read; hierarchical table permissions (APTable,
 * XNTable) apply when TCR.HPDx = 0. With SCTLR.M = 0 addresses are identity-mapped with Normal memory
 * semantics and capability loads behave as LC = 01.
 */
public final class Mmu {

    private final PhysicalMemory memory;
    private final Tlb tlb;
    private final CycleCounter cycles;
    private final FaultRecorder faults;

    private final long tlbHitCycles;
    private final long missPerLevelCycles;
    private final long descriptorUpdateCycles;
    private final long tlbiVaCycles;
    private final long tlbiAllCycles;

    private final Counter hits;
    private final Counter misses;
    private final Counter walks;
    private final Counter walkReads;
    private final Counter scUpdates;
    private final Counter tlbis;

    private long ttbr0;
    private long ttbr1;
    private long tcr = Tcr.morelloDefault();
    private long sctlr;
    private long cctlr;
    private int el = 1;

    private int asid;
    private boolean mmuOn;
    private boolean alignCheck;
    private boolean tbi0;
    private boolean tbi1;
    private int[] needByKind = needs(1);
    private int[] kindsByPerms = kindsByPerms(needByKind);
    private final TlbEntry identity = new TlbEntry();
    private TlbEntry last = new TlbEntry();
    /** Bumped whenever a cached translation may stop being the one {@link #translate} returns (see {@link #translationEpoch()}). */
    private long epoch;

    /**
     * @param memory     the physical memory the tables and data live in
     * @param tlbEntries TLB size (a power of two >= 4)
     * @param costs      the cost model (TLB and walk costs are read once)
     * @param cycles     the core's clock
     * @param stats      the core's stats scope ({@code mmu.*} counters go under it)
     * @param faults     the core's fault recorder
     */
    public Mmu(PhysicalMemory memory, int tlbEntries, CostModel costs, CycleCounter cycles, Stats stats,
               FaultRecorder faults) {
        this.memory = memory;
        this.tlb = new Tlb(tlbEntries);
        this.cycles = cycles;
        this.faults = faults;
        this.tlbHitCycles = costs.get(Cost.TLB_HIT);
        this.missPerLevelCycles = costs.get(Cost.TLB_MISS_PER_LEVEL);
        this.descriptorUpdateCycles = costs.get(Cost.DESCRIPTOR_UPDATE);
        this.tlbiVaCycles = costs.get(Cost.TLBI_VA);
        this.tlbiAllCycles = costs.get(Cost.TLBI_ALL);
        this.hits = stats.counter("mmu.tlb.hits");
        this.misses = stats.counter("mmu.tlb.misses");
        this.walks = stats.counter("mmu.walks");
        this.walkReads = stats.counter("mmu.walkDescriptorReads");
        this.scUpdates = stats.counter("mmu.hwScUpdates");
        this.tlbis = stats.counter("mmu.tlb.invalidations");
        recompute();
    }

    // ------------------------------------------------------------------ registers

    /** TTBR0_EL1. */
    public long ttbr0() {
        return ttbr0;
    }

    /** Writes TTBR0_EL1 (table base and ASID). Does not invalidate the TLB: ASIDs keep old entries apart. */
    public void setTtbr0(long value) {
        ttbr0 = value;
        recompute();
    }

    /** TTBR1_EL1. */
    public long ttbr1() {
        return ttbr1;
    }

    /** Writes TTBR1_EL1. */
    public void setTtbr1(long value) {
        ttbr1 = value;
        recompute();
    }

    /** TCR_EL1. */
    public long tcr() {
        return tcr;
    }

    /** Writes TCR_EL1. As on hardware, TCR fields may be cached in TLB entries: invalidate after changing them. */
    public void setTcr(long value) {
        tcr = value;
        recompute();
    }

    /** SCTLR_EL1. */
    public long sctlr() {
        return sctlr;
    }

    /** Writes SCTLR_EL1 (M: translation on; A: alignment checks). */
    public void setSctlr(long value) {
        sctlr = value;
        recompute();
    }

    /** CCTLR_EL1. */
    public long cctlr() {
        return cctlr;
    }

    /** Writes CCTLR_EL1; TGEN0/TGEN1 are read at every capability load, so a flip takes effect at once. */
    public void setCctlr(long value) {
        cctlr = value;
    }

    /** The exception level accesses are made at (0 or 1). */
    public int exceptionLevel() {
        return el;
    }

    /** Sets the exception level of subsequent accesses. */
    public void setExceptionLevel(int newEl) {
        if (newEl != 0 && newEl != 1) {
            throw new IllegalArgumentException("exception level " + newEl + " is not 0 or 1 (EL1&0 regime)");
        }
        el = newEl;
        needByKind = needs(newEl);
        kindsByPerms = kindsByPerms(needByKind);
        epoch++;
    }

    /**
     * A counter that changes whenever a translation obtained earlier may no longer be what {@link #translate}
     * would return: TLB fills and evictions, invalidations, translation-register and EL changes. The CPU keeps
     * a pre-checked fetch window per page and re-translates when the epoch moved (a cheap stand-in for
     * snooping every TLB change).
     */
    public long translationEpoch() {
        return epoch;
    }

    /** The current ASID (from TTBR0, or TTBR1 when TCR.A1; 8 bits unless TCR.AS). */
    public int asid() {
        return asid;
    }

    /** True when SCTLR_EL1.A requires every data access to be size-aligned. */
    public boolean alignmentChecks() {
        return alignCheck;
    }

    /** The effective TGEN for a VA: CCTLR_EL1.TGEN1 if VA[55] = 1, else TGEN0. */
    public int tgen(long va) {
        return (int) (va >>> 55 & 1) == 1 ? (int) (cctlr >>> 1) & 1 : (int) cctlr & 1;
    }

    /** The TLB. */
    public Tlb tlb() {
        return tlb;
    }

    /** The physical memory. */
    public PhysicalMemory memory() {
        return memory;
    }

    private void recompute() {
        epoch++;
        long t = (tcr & Tcr.A1) != 0 ? ttbr1 : ttbr0;
        asid = SystemRegisters.asid(t) & ((tcr & Tcr.AS) != 0 ? 0xFFFF : 0xFF);
        boolean on = (sctlr & SystemRegisters.SCTLR_M) != 0;
        if (on != mmuOn) {
            identity.invalidate();
            last = identity;
        }
        mmuOn = on;
        alignCheck = (sctlr & SystemRegisters.SCTLR_A) != 0;
        tbi0 = (tcr & Tcr.TBI0) != 0;
        tbi1 = (tcr & Tcr.TBI1) != 0;
    }

    // ------------------------------------------------------------------ translation

    /** The permission bit an access of this kind needs at the current EL (precomputed per EL: no switch on the hot path). */
    private int need(AccessKind kind) {
        return needByKind[kind.ordinal()];
    }

    private static int[] needs(int el) {
        int[] n = new int[AccessKind.values().length];
        for (AccessKind k : AccessKind.values()) {
            int bit = switch (k) {
                case LOAD, CAP_LOAD -> TlbEntry.R1;
                case STORE, CAP_STORE -> TlbEntry.W1;
                case FETCH -> TlbEntry.X1;
            };
            n[k.ordinal()] = el == 0 ? bit << 3 : bit;
        }
        return n;
    }

    /** The TLB key of a VA: bits 63:12, with the top byte replaced by VA[55]'s sign when TBI applies. */
    private long key(long va) {
        boolean tbi = (va >>> 55 & 1) != 0 ? tbi1 : tbi0;
        return tbi ? (va << 8) >> 20 : va >> 12;
    }

    /**
     * Translates {@code va} for an access of {@code kind} at the current EL: a TLB hit, or a walk that fills
     * the TLB. The returned entry permits the access.
     *
     * @throws ArchitecturalFault translation, address size, external abort on walk, access flag or permission
     */
    public TlbEntry translate(long va, AccessKind kind) {
        long key = key(va);
        TlbEntry e = last;
        if (!(e.key == key && e.asid >= 0 && (e.global || e.asid == asid))) {
            // Not the most recently used entry: look in the set (still a hit), else walk.
            e = mmuOn ? tlb.lookup(key, asid) : null;
            if (e == null) {
                return translateSlow(va, key, kind);
            }
            last = e;
        }
        if ((e.perms & need(kind)) == 0) {
            return translateSlow(va, key, kind);
        }
        hits.inc();
        cycles.add(tlbHitCycles);
        return e;
    }

    /** Whether {@code e} permits an access of {@code kind} at the current EL (the AP/XN part of {@link #translate}). */
    public boolean permits(TlbEntry e, AccessKind kind) {
        return (e.perms & need(kind)) != 0;
    }

    /** The kinds of access {@code e} {@link #permits} at the current EL, as bits {@code 1 << AccessKind.ordinal()}. */
    public int permittedKinds(TlbEntry e) {
        return kindsByPerms[e.perms & 63];
    }

    /** For each value of the six TlbEntry permission bits, the kinds of access they permit (one EL's needs). */
    private static int[] kindsByPerms(int[] need) {
        int[] t = new int[64];
        for (int perms = 0; perms < 64; perms++) {
            for (AccessKind k : AccessKind.values()) {
                if ((perms & need[k.ordinal()]) != 0) {
                    t[perms] |= 1 << k.ordinal();
                }
            }
        }
        return t;
    }

    /**
     * Counts and charges one TLB hit, exactly as {@link #translate} does on a hit: for an access path that
     * re-uses an entry {@code translate} returned in the current {@link #translationEpoch() epoch} for an access
     * kind the entry {@link #permits}, where {@code translate} would have hit on that entry.
     */
    public void chargeHit() {
        hits.inc();
        cycles.add(tlbHitCycles);
    }

    /**
     * {@link #chargeHit()} without the charge: for an access path that adds the {@link Cost#TLB_HIT} cycles
     * to its own charge for the access (one clock update instead of two; the total is the same).
     */
    public void countHit() {
        hits.inc();
    }

    private TlbEntry translateSlow(long va, long key, AccessKind kind) {
        if (!mmuOn) {
            return identityEntry(va, kind);
        }
        TlbEntry e = tlb.lookup(key, asid);
        if (e != null) {
            hits.inc();
            cycles.add(tlbHitCycles);
        } else {
            misses.inc();
            epoch++;
            e = tlb.victim(key);
            fill(e, va, key, kind);
            tlb.filled(e);
        }
        last = e;
        if ((e.perms & need(kind)) == 0) {
            // A permission fault may come from a cached entry: a descriptor upgraded in memory but not yet
            // invalidated keeps faulting, as on hardware.
            throw faults.fault(FaultKind.PERMISSION, e.level, va, kind, el, permissionDetail(e, kind));
        }
        return e;
    }

    private TlbEntry identityEntry(long va, AccessKind kind) {
        if ((va >>> 48) != 0) {
            throw faults.fault(FaultKind.ADDRESS_SIZE, 0, va, kind, el, "MMU off, VA beyond the PA size");
        }
        TlbEntry e = identity;
        long pagePa = va & ~0xFFFL;
        if (!(e.isValid() && e.pagePa == pagePa)) {
            epoch++;
            e.key = va >> 12;
            e.asid = 0;
            e.global = true;
            e.pagePa = pagePa;
            e.ram = memory.contains(pagePa, 1);
            e.frame = null;
            e.perms = TlbEntry.R1 | TlbEntry.W1 | TlbEntry.X1 | TlbEntry.R0 | TlbEntry.W0 | TlbEntry.X0;
            e.lc = Descriptor.LC_NORMAL;
            e.sc = true;
            e.cdbm = false;
            e.upper = false;
            e.descriptor = 0;
            e.descriptorPa = -1;
            e.level = 0;
            e.blockPageMask = 0;
        }
        last = e;
        return e;
    }

    /** Walk state shared by the translating walk and the inspection walk. */
    private static final class WalkState {
        long descriptor;
        long descriptorPa;
        int level;
        long pagePa;
        long blockPageMask;
        boolean upper;
        int apTable;
        boolean uxnTable;
        boolean pxnTable;
        FaultKind fault;
        int faultLevel;
        String detail;
        int reads;
        List<Walk.Step> steps;
    }

    /** The stage-1 walk (AArch64.TranslationTableWalk for the 4 KiB granule). Returns false on a fault. */
    private boolean walkInto(long va, WalkState s) {
        boolean upper = (va >>> 55 & 1) != 0;
        s.upper = upper;
        int txsz = Tcr.txsz(tcr, upper);
        int vaBits = 64 - txsz;
        boolean tbi = (tcr & (upper ? Tcr.TBI1 : Tcr.TBI0)) != 0;
        // Bits [top:vaBits] must all equal VA[55] (top = 55 with TBI, else 63).
        int top = tbi ? 55 : 63;
        int width = top - vaBits + 1;
        long field = (va << (63 - top)) >>> (64 - width);
        if (field != (upper ? (1L << width) - 1 : 0)) {
            return fail(s, FaultKind.TRANSLATION, 0, "VA outside the TTBR" + (upper ? 1 : 0) + " range");
        }
        if ((tcr & (upper ? Tcr.EPD1 : Tcr.EPD0)) != 0) {
            return fail(s, FaultKind.TRANSLATION, 0, "walks disabled by TCR.EPD" + (upper ? 1 : 0));
        }
        boolean hpd = (tcr & (upper ? Tcr.HPD1 : Tcr.HPD0)) != 0;
        int paBits = Tcr.paBits(tcr);
        int startLevel = 4 - ((vaBits - 12) + 8) / 9;
        int startBits = vaBits - (12 + 9 * (3 - startLevel));
        long ttbr = upper ? ttbr1 : ttbr0;
        long table = ttbr & SystemRegisters.TTBR_BADDR_MASK & ~((8L << startBits) - 1);
        if ((table >>> paBits) != 0) {
            return fail(s, FaultKind.ADDRESS_SIZE, startLevel, "table base beyond the PA size");
        }
        for (int level = startLevel; level <= 3; level++) {
            int shift = 12 + 9 * (3 - level);
            long idx = (va >>> shift) & ((1L << (level == startLevel ? startBits : 9)) - 1);
            long dpa = table + idx * 8;
            if (!memory.contains(dpa, 8)) {
                return fail(s, FaultKind.EXTERNAL_ABORT_ON_WALK, level, String.format("descriptor at PA 0x%x", dpa));
            }
            long d = memory.read64(dpa);
            s.reads++;
            if (s.steps != null) {
                s.steps.add(new Walk.Step(level, dpa, d));
            }
            s.descriptor = d;
            s.descriptorPa = dpa;
            s.level = level;
            if (!Descriptor.isValid(d)) {
                return fail(s, FaultKind.TRANSLATION, level, null);
            }
            if (Descriptor.isTable(d, level)) {
                table = Descriptor.outputAddress(d);
                if ((table >>> paBits) != 0) {
                    return fail(s, FaultKind.ADDRESS_SIZE, level, "next table beyond the PA size");
                }
                if (!hpd) {
                    s.apTable |= (int) (d >>> Descriptor.AP_TABLE_SHIFT) & 3;
                    s.uxnTable |= (d & Descriptor.UXN_TABLE) != 0;
                    s.pxnTable |= (d & Descriptor.PXN_TABLE) != 0;
                }
                continue;
            }
            if (!Descriptor.isLeaf(d, level)) {
                return fail(s, FaultKind.TRANSLATION, level, "reserved descriptor encoding");
            }
            long blockSize = 1L << shift;
            long oa = Descriptor.outputAddress(d) & ~(blockSize - 1);
            if ((oa >>> paBits) != 0) {
                return fail(s, FaultKind.ADDRESS_SIZE, level, "output address beyond the PA size");
            }
            if ((d & Descriptor.AF) == 0) {
                return fail(s, FaultKind.ACCESS_FLAG, level, null);
            }
            s.pagePa = oa | (va & (blockSize - 1) & ~0xFFFL);
            s.blockPageMask = (blockSize >>> 12) - 1;
            return true;
        }
        throw new IllegalStateException("unreachable: walk ended without a leaf");
    }

    private static boolean fail(WalkState s, FaultKind kind, int level, String detail) {
        s.fault = kind;
        s.faultLevel = level;
        s.detail = detail;
        return false;
    }

    private void fill(TlbEntry e, long va, long key, AccessKind kind) {
        WalkState s = new WalkState();
        boolean ok = walkInto(va, s);
        walks.inc();
        walkReads.add(s.reads);
        cycles.add(missPerLevelCycles * s.reads);
        if (!ok) {
            throw faults.fault(s.fault, s.faultLevel, va, kind, el, s.detail);
        }
        long d = s.descriptor;
        int ap = Descriptor.ap(d);
        if ((s.apTable & 1) != 0) {
            ap &= 0b10; // APTable[0]: no EL0 access below this table
        }
        if ((s.apTable & 2) != 0) {
            ap |= 0b10; // APTable[1]: read-only below this table
        }
        boolean el0r = (ap & 1) != 0;
        boolean el0w = ap == Descriptor.AP_RW_ALL;
        boolean el1w = (ap & 2) == 0;
        boolean uxn = (d & Descriptor.UXN) != 0 || s.uxnTable;
        boolean pxn = (d & Descriptor.PXN) != 0 || s.pxnTable;
        int perms = TlbEntry.R1;
        if (el1w) {
            perms |= TlbEntry.W1;
        }
        if (!pxn && !el0w) {
            perms |= TlbEntry.X1;
        }
        if (el0r) {
            perms |= TlbEntry.R0;
            if (!uxn) {
                perms |= TlbEntry.X0;
            }
        }
        if (el0w) {
            perms |= TlbEntry.W0;
        }
        int ehwu = Tcr.effectiveHwu(tcr, s.upper);
        e.key = key;
        e.global = (d & Descriptor.NG) == 0;
        e.asid = asid;
        e.pagePa = s.pagePa;
        e.ram = memory.contains(s.pagePa, 1);
        e.frame = e.ram ? memory.frameIfPresent(s.pagePa, kind) : null;
        e.perms = perms;
        e.lc = (ehwu >>> 2) & Descriptor.lc(d);
        e.sc = (ehwu & 2) != 0 && (d & Descriptor.SC) != 0;
        e.cdbm = (ehwu & 1) != 0 && (d & Descriptor.CDBM) != 0;
        e.upper = s.upper;
        e.descriptor = d;
        e.descriptorPa = s.descriptorPa;
        e.level = s.level;
        e.blockPageMask = s.blockPageMask;
    }

    private static String permissionDetail(TlbEntry e, AccessKind kind) {
        return switch (kind) {
            case FETCH -> "not executable";
            case STORE, CAP_STORE -> "not writable";
            default -> "not readable";
        } + " (" + Descriptor.apName(Descriptor.ap(e.descriptor)) + ")";
    }

    // ------------------------------------------------------------------ frames behind entries

    /**
     * The frame behind a translation for reading, or null if the page was never touched (reads are zero).
     *
     * @throws ArchitecturalFault external abort (0x10) if the page is not RAM
     */
    public Frame frameForRead(TlbEntry e, long va, AccessKind kind) {
        Frame f = e.frame;
        if (f == null) {
            if (!e.ram) {
                throw faults.fault(FaultKind.EXTERNAL_ABORT, 0, va, kind, el, String.format("PA 0x%x outside RAM", e.pagePa | (va & 0xFFF)));
            }
            f = memory.frameIfPresent(e.pagePa, kind);
            e.frame = f;
        }
        return f;
    }

    /**
     * The frame behind a translation for writing, allocated on first touch.
     *
     * @throws ArchitecturalFault external abort (0x10) if the page is not RAM
     */
    public Frame frameForWrite(TlbEntry e, long va, AccessKind kind) {
        Frame f = e.frame;
        if (f == null) {
            if (!e.ram) {
                throw faults.fault(FaultKind.EXTERNAL_ABORT, 0, va, kind, el, String.format("PA 0x%x outside RAM", e.pagePa | (va & 0xFFF)));
            }
            f = memory.frame(e.pagePa, kind);
            e.frame = f;
        }
        return f;
    }

    // ------------------------------------------------------------------ Morello capability page checks

    /**
     * Applies the page's LC to a tag read by a capability load (CheckLoadTagsPermission): LC=00 reads the tag
     * as 0; LC=01 keeps it; LC=1x faults (DFSC 0x2C, WnR=0) when the tag is 1 and LC[0] differs from the
     * effective TGEN for the VA. An untagged load never faults.
     *
     * @return the tag the load returns
     */
    public boolean checkLoadedTag(TlbEntry e, long va, boolean tag) {
        if (!tag) {
            return false;
        }
        int lc = e.lc;
        if (lc == Descriptor.LC_NORMAL) {
            return true;
        }
        if (lc == Descriptor.LC_STRIP) {
            return false;
        }
        if ((lc & 1) != tgen(va)) {
            throw faults.fault(FaultKind.CAP_PAGE_PERMISSION, 0, va, AccessKind.CAP_LOAD, el,
                    "LC=" + (lc == Descriptor.LC_GEN0 ? "10" : "11") + ", TGEN" + (va >>> 55 & 1) + "=" + tgen(va));
        }
        return true;
    }

    /**
     * The page rule for storing a tagged capability (AArch64.CheckAndUpdateDescriptor): SC=1 allows it;
     * SC=0 with CDBM=1 allows it and the hardware sets SC in the descriptor in memory (and in the TLB entry);
     * SC=0 with CDBM=0 faults (DFSC 0x2C, WnR=1). Untagged stores never call this.
     */
    public void checkCapabilityStore(TlbEntry e, long va) {
        if (e.sc) {
            return;
        }
        if (!e.cdbm) {
            throw faults.fault(FaultKind.CAP_PAGE_PERMISSION, 0, va, AccessKind.CAP_STORE, el, "SC=0, CDBM=0");
        }
        if (e.descriptorPa >= 0) {
            long cur = memory.read64(e.descriptorPa);
            if (Descriptor.isValid(cur)) {
                memory.write64(e.descriptorPa, cur | Descriptor.SC);
            }
            e.descriptor |= Descriptor.SC;
            e.sc = (Tcr.effectiveHwu(tcr, e.upper) & 2) != 0;
            scUpdates.inc();
            cycles.add(descriptorUpdateCycles);
        }
    }

    /** Raises an alignment fault (DFSC 0x21) for {@code va}. */
    public ArchitecturalFault alignmentFault(long va, AccessKind kind, String detail) {
        return faults.fault(FaultKind.ALIGNMENT, 0, va, kind, el, detail);
    }

    // ------------------------------------------------------------------ TLB maintenance

    /** TLBI VMALLE1: invalidate every entry. */
    public void tlbiAll() {
        epoch++;
        tlb.invalidateAll();
        tlbis.inc();
        cycles.add(tlbiAllCycles);
    }

    /** TLBI ASIDE1: invalidate the non-global entries of {@code asidToInvalidate}. */
    public void tlbiAsid(int asidToInvalidate) {
        epoch++;
        tlb.invalidateAsid(asidToInvalidate);
        tlbis.inc();
        cycles.add(tlbiAllCycles);
    }

    /** TLBI VAE1: invalidate the page of {@code va} for {@code forAsid} and global entries. */
    public void tlbiVa(long va, int forAsid) {
        epoch++;
        tlb.invalidateVa(key(va), forAsid);
        tlbis.inc();
        cycles.add(tlbiVaCycles);
    }

    /** TLBI VAAE1: invalidate the page of {@code va} for every ASID. */
    public void tlbiVaAllAsids(long va) {
        epoch++;
        tlb.invalidateVaAllAsids(key(va));
        tlbis.inc();
        cycles.add(tlbiVaCycles);
    }

    // ------------------------------------------------------------------ inspection

    /** Walks the tables for {@code va} as the hardware would, without the TLB, faults or costs. */
    public Walk walk(long va) {
        WalkState s = new WalkState();
        s.steps = new ArrayList<>();
        boolean ok = walkInto(va, s);
        return new Walk(va, s.upper, List.copyOf(s.steps), ok ? null : s.fault, ok ? -1 : s.faultLevel,
                ok ? s.pagePa | (va & 0xFFF) : 0, ok ? s.descriptor : 0);
    }

    /** The tables reachable from TTBR0 and TTBR1 (when their bases are RAM), one line per mapped range. */
    public String dumpTables() {
        StringBuilder sb = new StringBuilder();
        long[] ttbrs = {ttbr0, ttbr1};
        for (int i = 0; i < 2; i++) {
            long base = ttbrs[i] & SystemRegisters.TTBR_BADDR_MASK & ~0xFFFL;
            sb.append(String.format("TTBR%d_EL1 = 0x%016x (ASID %d)%n", i, ttbrs[i], SystemRegisters.asid(ttbrs[i])));
            if (memory.contains(base, 4096) && (tcr & (i == 0 ? Tcr.EPD0 : Tcr.EPD1)) == 0) {
                sb.append(PageTables.at(memory, null, base).dump().indent(2));
            } else {
                sb.append("  (no tables)\n");
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return String.format("Mmu %s EL%d ASID %d%n  TTBR0_EL1=0x%016x TTBR1_EL1=0x%016x%n  %s%n  SCTLR_EL1=0x%x CCTLR_EL1=0x%x (TGEN0=%d TGEN1=%d)%n  %s",
                mmuOn ? "on" : "off", el, asid, ttbr0, ttbr1, Tcr.describe(tcr), sctlr, cctlr, cctlr & 1, cctlr >>> 1 & 1, tlb);
    }
}
