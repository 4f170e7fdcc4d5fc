package org.uforklab.machine.access;

import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.Perm;
import org.uforklab.machine.fault.AccessKind;
import org.uforklab.machine.fault.ArchitecturalFault;
import org.uforklab.machine.fault.FaultKind;
import org.uforklab.machine.fault.FaultRecorder;
import org.uforklab.machine.mem.Frame;
import org.uforklab.machine.mem.PhysicalMemory;
import org.uforklab.machine.mmu.Mmu;
import org.uforklab.machine.mmu.TlbEntry;
import org.uforklab.machine.stats.Counter;
import org.uforklab.machine.stats.Stats;
import org.uforklab.machine.time.Cost;
import org.uforklab.machine.time.CostModel;
import org.uforklab.machine.time.CycleCounter;

/**
 * A core's checked memory access path: the only way instructions and kernel natives touch virtual memory.
 * Every access is authorised by a {@link Capability} and goes, in this order, through
 * <ol>
 *   <li>the capability checks of Sail {@code CheckCapability} (morello.md §2.2): tag (DFSC 0x28), seal
 *       (0x29), permissions (0x2B), bounds (0x2A, via {@link Capability#inBounds}, which also fails invalid
 *       exponents);</li>
 *   <li>alignment (capability accesses must be 16-aligned, DFSC 0x21; data accesses only with SCTLR.A);</li>
 *   <li>translation by the core's {@link Mmu} (TLB or walk, AP/XN/AF faults);</li>
 *   <li>the memory access, with Morello's page rules: LC on a capability load that returns a tag, SC/CDBM on
 *       a store of a tagged capability; data stores clear the tags they overlap.</li>
 * </ol>
 * Capability loads then apply {@code CapSquashPostLoadCap} ({@link Capability#squashAfterLoadVia}): LoadCap
 * stripping and MutableLoad squashing. Every completed access charges the cost model and bumps the core's
 * {@code access.*} counters; faults are counted and charged by the {@link FaultRecorder}.
 *
 * <p>Bulk helpers (copy, fill, byte arrays, C strings) behave as the equivalent loop of accesses: they make
 * progress page by page and stop with the fault the loop would take at the first failing address, and they
 * are charged as one 8-byte access per 8 bytes.
 *
 * <p>The hot paths allocate nothing: a TLB hit hands back an entry that caches the backing {@link Frame}.
 * The load, store, capability load and capability store methods also come in a form taking a caller-owned
 * {@link AccessWindow} (or null): an access the window already proves skips the capability checks and the
 * translation, with the same result, faults, counters and cycles as the full path.
 */
public final class CheckedAccess {

    private static final int PAGE = PhysicalMemory.FRAME_SIZE;
    /** Where the 18 permission bits start in a capability's pesbt (bit 110 of the capability). */
    private static final int PERMS_SHIFT = 46;
    private static final int LOAD_BIT = 1 << AccessKind.LOAD.ordinal();
    private static final int STORE_BIT = 1 << AccessKind.STORE.ordinal();
    private static final int CAP_LOAD_BIT = 1 << AccessKind.CAP_LOAD.ordinal();
    private static final int CAP_STORE_BIT = 1 << AccessKind.CAP_STORE.ordinal();

    private final Mmu mmu;
    private final PhysicalMemory memory;
    private final CycleCounter cycles;
    private final FaultRecorder faults;

    private final long loadCycles;
    private final long storeCycles;
    private final long capLoadCycles;
    private final long capStoreCycles;
    private final long fetchCycles;
    private final long pageCopyCycles;
    private final long pageZeroCycles;
    private final long tagScanCycles;
    private final long copyGranuleCycles;
    // an access through a window hit is charged as a TLB hit plus the access, in one clock update
    private final long loadHitCycles;
    private final long storeHitCycles;
    private final long capStoreHitCycles;

    private final Counter loads;
    private final Counter stores;
    private final Counter capLoads;
    private final Counter capStores;
    private final Counter fetches;
    private final Counter tagsStrippedByLc;
    private final Counter tagsStrippedByLoadCap;
    private final Counter bulkBytesRead;
    private final Counter bulkBytesWritten;
    private final Counter pagesCopied;
    private final Counter pagesZeroed;
    private final Counter pagesScanned;
    /** Resolves page faults of bulk accesses in place (null: they propagate); see {@link #setBulkFaultResolver}. */
    private java.util.function.Predicate<ArchitecturalFault> bulkResolver;
    /** Faults resolved in place so far. */
    private long bulkResolved;

    /**
     * @param mmu    the core's MMU
     * @param costs  the cost model (values read once)
     * @param cycles the core's clock
     * @param stats  the core's stats scope ({@code access.*} counters go under it)
     * @param faults the core's fault recorder
     */
    public CheckedAccess(Mmu mmu, CostModel costs, CycleCounter cycles, Stats stats, FaultRecorder faults) {
        this.mmu = mmu;
        this.memory = mmu.memory();
        this.cycles = cycles;
        this.faults = faults;
        this.loadCycles = costs.get(Cost.LOAD);
        this.storeCycles = costs.get(Cost.STORE);
        this.capLoadCycles = costs.get(Cost.CAP_LOAD);
        this.capStoreCycles = costs.get(Cost.CAP_STORE);
        this.fetchCycles = costs.get(Cost.FETCH);
        this.pageCopyCycles = costs.get(Cost.PAGE_COPY);
        this.pageZeroCycles = costs.get(Cost.PAGE_ZERO);
        this.tagScanCycles = costs.get(Cost.TAG_SCAN_PER_PAGE);
        this.copyGranuleCycles = costs.get(Cost.BULK_COPY_PER_GRANULE);
        long tlbHit = costs.get(Cost.TLB_HIT);
        this.loadHitCycles = tlbHit + loadCycles;
        this.storeHitCycles = tlbHit + storeCycles;
        this.capStoreHitCycles = tlbHit + capStoreCycles;
        this.loads = stats.counter("access.loads");
        this.stores = stats.counter("access.stores");
        this.capLoads = stats.counter("access.capLoads");
        this.capStores = stats.counter("access.capStores");
        this.fetches = stats.counter("access.fetches");
        this.tagsStrippedByLc = stats.counter("access.tagsStrippedByLc");
        this.tagsStrippedByLoadCap = stats.counter("access.tagsStrippedByLoadCap");
        this.bulkBytesRead = stats.counter("access.bulkBytesRead");
        this.bulkBytesWritten = stats.counter("access.bulkBytesWritten");
        this.pagesCopied = stats.counter("kernel.pagesCopied");
        this.pagesZeroed = stats.counter("kernel.pagesZeroed");
        this.pagesScanned = stats.counter("kernel.pagesTagScanned");
    }

    /** The MMU this path translates through. */
    public Mmu mmu() {
        return mmu;
    }

    // ------------------------------------------------------------------ capability checks

    /**
     * Sail {@code CheckCapability}: tag, then seal, then permissions, then bounds of {@code [va, va+size)}.
     *
     * @throws ArchitecturalFault CapTag 0x28, CapSeal 0x29, CapPerm 0x2B or CapBounds 0x2A
     */
    public void checkCapability(Capability auth, long va, long size, int perms, AccessKind kind) {
        // One combined test on the hot path; the fault (chosen in Sail's check order) is built out of line so
        // this method stays small enough for the JIT to inline into every access.
        if (!auth.isTagged() || auth.isSealed() || !auth.hasPerms(perms) || !auth.inBounds(va, size)) {
            throw capabilityFault(auth, va, size, perms, kind);
        }
    }

    /** The fault {@link #checkCapability} raises for an authority that failed one of its four checks. */
    private ArchitecturalFault capabilityFault(Capability auth, long va, long size, int perms, AccessKind kind) {
        if (!auth.isTagged()) {
            return faults.fault(FaultKind.CAP_TAG, 0, va, kind, mmu.exceptionLevel(), "authority untagged");
        }
        if (auth.isSealed()) {
            return faults.fault(FaultKind.CAP_SEAL, 0, va, kind, mmu.exceptionLevel(), "authority sealed (otype " + auth.otype() + ")");
        }
        if (!auth.hasPerms(perms)) {
            return faults.fault(FaultKind.CAP_PERM, 0, va, kind, mmu.exceptionLevel(), "missing " + permNames(perms & ~auth.perms()));
        }
        return faults.fault(FaultKind.CAP_BOUNDS, 0, va, kind, mmu.exceptionLevel(),
                size + " bytes outside " + boundsText(auth));
    }

    private static String boundsText(Capability c) {
        if (!c.boundsValid()) {
            return "invalid bounds (exponent " + c.exponent() + ")";
        }
        return String.format("[0x%x, 0x%s%x)", c.base(), c.topBit64() ? "1" : "", c.topLow());
    }

    /** Names of the permission bits in {@code mask}, Morello style. */
    static String permNames(int mask) {
        String[] names = {"Global", "Executive", "User0", "User1", "User2", "User3", "MutableLoad", "CompartmentID",
                "BranchSealedPair", "System", "Unseal", "Seal", "StoreLocalCap", "StoreCap", "LoadCap", "Execute",
                "Store", "Load"};
        StringBuilder sb = new StringBuilder();
        for (int i = names.length - 1; i >= 0; i--) {
            if ((mask & (1 << i)) != 0) {
                sb.append(sb.isEmpty() ? "" : "+").append(names[i]);
            }
        }
        return sb.toString();
    }

    private void checkDataAlignment(long va, int size, AccessKind kind) {
        if ((va & (size - 1)) != 0 && mmu.alignmentChecks()) {
            throw mmu.alignmentFault(va, kind, "SCTLR_EL1.A=1, " + size + "-byte access");
        }
    }

    private static void checkSize(int size) {
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw new IllegalArgumentException("access size " + size + " is not 1, 2, 4 or 8");
        }
    }

    // ------------------------------------------------------------------ data loads and stores

    /** Checked 8-byte load. */
    public long load64(Capability auth, long va) {
        checkCapability(auth, va, 8, Perm.LOAD, AccessKind.LOAD);
        int off = (int) va & (PAGE - 1);
        if (off > PAGE - 8) {
            return loadSlow(va, 8);
        }
        checkDataAlignment(va, 8, AccessKind.LOAD);
        TlbEntry e = mmu.translate(va, AccessKind.LOAD);
        Frame f = e.frame();
        if (f == null) {
            f = mmu.frameForRead(e, va, AccessKind.LOAD);
        }
        loads.inc();
        cycles.add(loadCycles);
        return f == null ? 0 : f.read64(off);
    }

    /** Checked load of {@code size} (1, 2, 4, 8) bytes, zero-extended. */
    public long load(Capability auth, long va, int size) {
        return loadFull(auth, va, size, null);
    }

    /**
     * {@link #load(Capability, long, int)} through a caller-owned {@link AccessWindow}: when the window already
     * proves this access (same authority object, inside its range, aligned, translation unchanged, Load
     * permitted) the checks and the translation are skipped and the access is counted and charged as the full
     * path would charge it (a TLB hit plus the load); otherwise the full path runs and proves the window for
     * the page. Result, faults, counters and cycles are those of the method without a window. {@code w} may
     * be null: the full path, nothing proved.
     */
    public long load(Capability auth, long va, int size, AccessWindow w) {
        checkSize(size);
        if (w != null && w.covers(auth, va, size, mmu.translationEpoch()) && (w.kinds & LOAD_BIT) != 0
                && (w.perms & Perm.LOAD) != 0) {
            mmu.countHit();
            loads.inc();
            cycles.add(loadHitCycles);
            return w.frame.read((int) va & (PAGE - 1), size);
        }
        return loadFull(auth, va, size, w);
    }

    /** The full checked load; proves {@code w} (if not null) after an aligned access that stays in one page. */
    private long loadFull(Capability auth, long va, int size, AccessWindow w) {
        checkSize(size);
        checkCapability(auth, va, size, Perm.LOAD, AccessKind.LOAD);
        int off = (int) va & (PAGE - 1);
        if (off > PAGE - size) {
            return loadSlow(va, size);
        }
        checkDataAlignment(va, size, AccessKind.LOAD);
        TlbEntry e = mmu.translate(va, AccessKind.LOAD);
        Frame f = e.frame();
        if (f == null) {
            f = mmu.frameForRead(e, va, AccessKind.LOAD);
        }
        loads.inc();
        cycles.add(loadCycles);
        if (w != null && (va & (size - 1)) == 0) {
            w.proveIfRepeated(auth, va, e, f, mmu);
        }
        return f == null ? 0 : f.read(off, size);
    }

    /** Checked 4-byte load, zero-extended. */
    public long load32(Capability auth, long va) {
        return load(auth, va, 4);
    }

    /** Checked 2-byte load, zero-extended. */
    public long load16(Capability auth, long va) {
        return load(auth, va, 2);
    }

    /** Checked 1-byte load, zero-extended. */
    public long load8(Capability auth, long va) {
        return load(auth, va, 1);
    }

    /** A load that crosses into the next page: both pages are translated before any byte is read. */
    private long loadSlow(long va, int size) {
        checkDataAlignment(va, size, AccessKind.LOAD);
        int first = PAGE - ((int) va & (PAGE - 1));
        TlbEntry e1 = mmu.translate(va, AccessKind.LOAD);
        Frame f1 = mmu.frameForRead(e1, va, AccessKind.LOAD);
        TlbEntry e2 = mmu.translate(va + first, AccessKind.LOAD);
        Frame f2 = mmu.frameForRead(e2, va + first, AccessKind.LOAD);
        long v = 0;
        for (int i = 0; i < size; i++) {
            Frame f = i < first ? f1 : f2;
            int off = (int) (va + i) & (PAGE - 1);
            v |= (f == null ? 0 : f.read8(off)) << (8 * i);
        }
        loads.inc();
        cycles.add(loadCycles);
        return v;
    }

    /** Checked 8-byte store; clears the tags of the granules it overlaps. */
    public void store64(Capability auth, long va, long value) {
        store(auth, va, 8, value);
    }

    /** Checked store of the low {@code size} (1, 2, 4, 8) bytes of {@code value}; clears overlapped tags. */
    public void store(Capability auth, long va, int size, long value) {
        store(auth, va, size, value, null);
    }

    /**
     * {@link #store(Capability, long, int, long)} through a caller-owned {@link AccessWindow} (see
     * {@link #load(Capability, long, int, AccessWindow)}): the same effects, faults, counters and cycles.
     */
    public void store(Capability auth, long va, int size, long value, AccessWindow w) {
        checkSize(size);
        if (w != null && w.covers(auth, va, size, mmu.translationEpoch()) && (w.kinds & STORE_BIT) != 0
                && (w.perms & Perm.STORE) != 0) {
            mmu.countHit();
            w.frame.write((int) va & (PAGE - 1), size, value);
            stores.inc();
            cycles.add(storeHitCycles);
            return;
        }
        storeFull(auth, va, size, value, w);
    }

    /** The full checked store; proves {@code w} (if not null) after an aligned store that stays in one page. */
    private void storeFull(Capability auth, long va, int size, long value, AccessWindow w) {
        checkSize(size);
        checkCapability(auth, va, size, Perm.STORE, AccessKind.STORE);
        checkDataAlignment(va, size, AccessKind.STORE);
        int off = (int) va & (PAGE - 1);
        if (off > PAGE - size) {
            storeSlow(va, size, value);
            return;
        }
        TlbEntry e = mmu.translate(va, AccessKind.STORE);
        Frame f = e.frame();
        if (f == null) {
            f = mmu.frameForWrite(e, va, AccessKind.STORE);
        }
        f.write(off, size, value);
        stores.inc();
        cycles.add(storeCycles);
        if (w != null && (va & (size - 1)) == 0) {
            w.proveIfRepeated(auth, va, e, f, mmu);
        }
    }

    /** Checked 4-byte store. */
    public void store32(Capability auth, long va, long value) {
        store(auth, va, 4, value);
    }

    /** Checked 2-byte store. */
    public void store16(Capability auth, long va, long value) {
        store(auth, va, 2, value);
    }

    /** Checked 1-byte store. */
    public void store8(Capability auth, long va, long value) {
        store(auth, va, 1, value);
    }

    private void storeSlow(long va, int size, long value) {
        int first = PAGE - ((int) va & (PAGE - 1));
        TlbEntry e1 = mmu.translate(va, AccessKind.STORE);
        TlbEntry e2 = mmu.translate(va + first, AccessKind.STORE);
        Frame f1 = mmu.frameForWrite(e1, va, AccessKind.STORE);
        Frame f2 = mmu.frameForWrite(e2, va + first, AccessKind.STORE);
        for (int i = 0; i < size; i++) {
            Frame f = i < first ? f1 : f2;
            f.write((int) (va + i) & (PAGE - 1), 1, value >>> (8 * i));
        }
        stores.inc();
        cycles.add(storeCycles);
    }

    // ------------------------------------------------------------------ capability loads and stores

    /**
     * Checked 16-byte capability load (LDR C): authority needs Load; 16-byte alignment; the page's LC rule
     * for a loaded tag of 1 (strip, normal, or generation fault 0x2C); then LoadCap stripping and MutableLoad
     * squashing through the authority.
     */
    public Capability loadCap(Capability auth, long va) {
        LoadedCapability out = new LoadedCapability();
        loadCap(auth, va, out);
        return out.toCapability();
    }

    /**
     * {@link #loadCap(Capability, long)} writing the result's raw bits into {@code out} instead of building a
     * {@link Capability}: the same checks, page rule, squash, counters and charge (the object form above is
     * this method plus {@link LoadedCapability#toCapability()}, so the two cannot disagree).
     */
    public void loadCap(Capability auth, long va, LoadedCapability out) {
        loadCapFull(auth, va, out, null);
    }

    /**
     * {@link #loadCap(Capability, long, LoadedCapability)} through a caller-owned {@link AccessWindow} (see
     * {@link #load(Capability, long, int, AccessWindow)}): the same result, faults (the LC rule is applied at
     * every load), counters and cycles.
     */
    public void loadCap(Capability auth, long va, LoadedCapability out, AccessWindow w) {
        if (w != null && w.covers(auth, va, 16, mmu.translationEpoch()) && (w.kinds & CAP_LOAD_BIT) != 0
                && (w.perms & Perm.LOAD) != 0) {
            mmu.chargeHit(); // charged apart: the LC rule may still fault after the hit
            finishLoadCap(w.entry, w.frame, va, w.perms, out);
            return;
        }
        loadCapFull(auth, va, out, w);
    }

    private void loadCapFull(Capability auth, long va, LoadedCapability out, AccessWindow w) {
        checkCapability(auth, va, 16, Perm.LOAD, AccessKind.CAP_LOAD);
        if ((va & 15) != 0) {
            throw mmu.alignmentFault(va, AccessKind.CAP_LOAD, "capability load not 16-byte aligned");
        }
        TlbEntry e = mmu.translate(va, AccessKind.CAP_LOAD);
        Frame f = e.frame();
        if (f == null) {
            f = mmu.frameForRead(e, va, AccessKind.CAP_LOAD);
        }
        finishLoadCap(e, f, va, auth.perms(), out);
        if (w != null) {
            w.proveIfRepeated(auth, va, e, f, mmu);
        }
    }

    /**
     * The part of a capability load after translation: read the granule, apply LC to a loaded tag, count and
     * charge, squash through the authority's permissions.
     */
    private void finishLoadCap(TlbEntry e, Frame f, long va, int authPerms, LoadedCapability out) {
        int off = (int) va & (PAGE - 1);
        long low = 0;
        long high = 0;
        boolean tag = false;
        if (f != null) {
            low = f.read64(off);
            high = f.read64(off + 8);
            tag = f.tag(off);
        }
        boolean kept = tag && mmu.checkLoadedTag(e, va, true);
        if (tag && !kept) {
            tagsStrippedByLc.inc();
        }
        if (kept && (authPerms & Perm.LOAD_CAP) == 0) {
            tagsStrippedByLoadCap.inc();
        }
        capLoads.inc();
        cycles.add(capLoadCycles);
        out.set(low, high, kept);
        out.squashAfterLoadVia(authPerms);
    }

    /**
     * Checked 16-byte capability store (STR C): authority needs Store, plus StoreCap if {@code value} is
     * tagged, plus StoreLocalCap if it is tagged and lacks Global; 16-byte alignment; for a tagged value the
     * page's SC/CDBM rule (fault 0x2C with WnR=1, or hardware SC set).
     */
    public void storeCap(Capability auth, long va, Capability value) {
        storeCap(auth, va, value.value(), value.pesbt(), value.isTagged());
    }

    /**
     * {@link #storeCap(Capability, long, Capability)} for a capability given by its raw bits (value = granule
     * bytes 0..7, pesbt = bytes 8..15, tag), so a register can be stored without building its object.
     */
    public void storeCap(Capability auth, long va, long value, long pesbt, boolean tagged) {
        storeCap(auth, va, value, pesbt, tagged, null);
    }

    /**
     * {@link #storeCap(Capability, long, long, long, boolean)} through a caller-owned {@link AccessWindow} (see
     * {@link #load(Capability, long, int, AccessWindow)}): the permissions the value needs and the SC/CDBM rule
     * for a tagged value are checked at every store; the same effects, faults, counters and cycles.
     */
    public void storeCap(Capability auth, long va, long value, long pesbt, boolean tagged, AccessWindow w) {
        int need = Perm.STORE;
        if (tagged) {
            need |= Perm.STORE_CAP;
            if (((pesbt >>> PERMS_SHIFT) & Perm.GLOBAL) == 0) {
                need |= Perm.STORE_LOCAL_CAP;
            }
        }
        if (w != null && w.covers(auth, va, 16, mmu.translationEpoch()) && (w.kinds & CAP_STORE_BIT) != 0
                && (w.perms & need) == need) {
            if (tagged) {
                // the SC/CDBM rule may still fault (or charge a descriptor update) after the hit
                mmu.chargeHit();
                mmu.checkCapabilityStore(w.entry, va);
                cycles.add(capStoreCycles);
            } else {
                mmu.countHit();
                cycles.add(capStoreHitCycles);
            }
            w.frame.writeCap((int) va & (PAGE - 1), value, pesbt, tagged);
            capStores.inc();
            return;
        }
        storeCapFull(auth, va, value, pesbt, tagged, need, w);
    }

    private void storeCapFull(Capability auth, long va, long value, long pesbt, boolean tagged, int need, AccessWindow w) {
        checkCapability(auth, va, 16, need, AccessKind.CAP_STORE);
        if ((va & 15) != 0) {
            throw mmu.alignmentFault(va, AccessKind.CAP_STORE, "capability store not 16-byte aligned");
        }
        TlbEntry e = mmu.translate(va, AccessKind.CAP_STORE);
        if (tagged) {
            mmu.checkCapabilityStore(e, va);
        }
        Frame f = e.frame();
        if (f == null) {
            f = mmu.frameForWrite(e, va, AccessKind.CAP_STORE);
        }
        f.writeCap((int) va & (PAGE - 1), value, pesbt, tagged);
        capStores.inc();
        cycles.add(capStoreCycles);
        if (w != null) {
            w.proveIfRepeated(auth, va, e, f, mmu);
        }
    }

    /** Checked 4-byte instruction fetch through PCC (needs Execute; faults are Instruction Aborts). */
    public int fetch32(Capability pcc, long va) {
        checkCapability(pcc, va, 4, Perm.EXECUTE, AccessKind.FETCH);
        int off = (int) va & (PAGE - 1);
        if ((va & 3) != 0) {
            throw mmu.alignmentFault(va, AccessKind.FETCH, "instruction fetch not 4-byte aligned");
        }
        TlbEntry e = mmu.translate(va, AccessKind.FETCH);
        Frame f = e.frame();
        if (f == null) {
            f = mmu.frameForRead(e, va, AccessKind.FETCH);
        }
        fetches.inc();
        cycles.add(fetchCycles);
        return f == null ? 0 : (int) f.read32(off);
    }

    /**
     * The checked fetch of {@link #fetch32} for an interpreter that caches decoded pages: the same checks,
     * translation and charge for the word at {@code va}, returning the frame that holds it (null when the page
     * is not RAM: it reads as zeros). The caller then fetches further words of the same page and PCC window
     * without re-checking and reports them with {@link #chargeFetches}.
     */
    public Frame fetchFrame(Capability pcc, long va) {
        checkCapability(pcc, va, 4, Perm.EXECUTE, AccessKind.FETCH);
        if ((va & 3) != 0) {
            throw mmu.alignmentFault(va, AccessKind.FETCH, "instruction fetch not 4-byte aligned");
        }
        TlbEntry e = mmu.translate(va, AccessKind.FETCH);
        Frame f = e.frame();
        if (f == null) {
            f = mmu.frameForRead(e, va, AccessKind.FETCH);
        }
        fetches.inc();
        cycles.add(fetchCycles);
        return f;
    }

    /** Charges {@code n} fetches made from a window already checked by {@link #fetchFrame}. */
    public void chargeFetches(long n) {
        fetches.add(n);
        cycles.add(n * fetchCycles);
    }

    // ------------------------------------------------------------------ bulk helpers

    /**
     * The length of the prefix of {@code [va, va+len)} the authority permits, after the tag/seal/permission
     * checks (which fault immediately, as the first access of the loop would).
     */
    private long permittedPrefix(Capability auth, long va, long len, int perms, AccessKind kind) {
        if (len == 0) {
            return 0;
        }
        checkCapability(auth, va, 1, perms, kind); // faults at va itself, in check order
        if (auth.inBounds(va, len)) {
            return len;
        }
        // The loop runs until the first byte outside the bounds: top - va bytes.
        long top = auth.topBit64() ? 0 : auth.topLow();
        long a = Capability.boundsAddress(va);
        return auth.topBit64() ? -a : top - a;
    }

    private ArchitecturalFault boundsFault(Capability auth, long va, AccessKind kind) {
        return faults.fault(FaultKind.CAP_BOUNDS, 0, va, kind, mmu.exceptionLevel(), "outside " + boundsText(auth));
    }

    private void chargeBulk(long bytes, boolean write) {
        long accesses = (bytes + 7) >>> 3;
        if (write) {
            stores.add(accesses);
            cycles.add(accesses * storeCycles);
            bulkBytesWritten.add(bytes);
        } else {
            loads.add(accesses);
            cycles.add(accesses * loadCycles);
            bulkBytesRead.add(bytes);
        }
    }

    /**
     * Sets (or clears, with null) a resolver for the page faults the bulk accesses ({@link #fill}, {@link #copy},
     * {@link #readBytes}, {@link #writeBytes}) take on translation: when it returns true the access retries the page
     * and goes on where it stopped, as a real memset or memcpy resumes at the faulting store after the kernel
     * handled the fault. The kernel sets it while it runs a native (library code emulated on the host), so a
     * demand-zero fault in the middle of a long memset neither restarts the call nor charges its first part twice.
     * Capability checks are never resolved (they fault before any translation).
     */
    public void setBulkFaultResolver(java.util.function.Predicate<ArchitecturalFault> resolver) {
        this.bulkResolver = resolver;
    }

    /** Translates {@code va} for a bulk access (and checks it is writable for a store), resolving faults in place when set. */
    private TlbEntry translateBulk(long va, AccessKind kind, boolean write) {
        for (int attempt = 0;; attempt++) {
            try {
                TlbEntry e = mmu.translate(va, kind);
                if (write) {
                    mmu.frameForWrite(e, va, kind);
                }
                return e;
            } catch (ArchitecturalFault f) {
                if (bulkResolver == null || attempt >= 4 || !bulkResolver.test(f)) {
                    throw f;
                }
                bulkResolved++;
            }
        }
    }

    /**
     * A tag-free bulk copy: counted as the 8-byte loads and stores it stands for, but timed per 16-byte granule
     * ({@link Cost#BULK_COPY_PER_GRANULE}), as a memcpy streaming through the cache runs, not as a chain of
     * dependent loads.
     */
    private void chargeCopy(long bytes) {
        long accesses = (bytes + 7) >>> 3;
        loads.add(accesses);
        stores.add(accesses);
        bulkBytesRead.add(bytes);
        bulkBytesWritten.add(bytes);
        cycles.add(((bytes + 15) >>> 4) * copyGranuleCycles);
    }

    /** Reads {@code len} bytes at {@code va} into {@code dst} (a checked loop of loads). */
    public void readBytes(Capability auth, long va, byte[] dst, int dstOff, int len) {
        long ok = permittedPrefix(auth, va, len, Perm.LOAD, AccessKind.LOAD);
        long done = 0;
        while (done < len) {
            if (done >= ok) {
                throw boundsFault(auth, va + done, AccessKind.LOAD);
            }
            long at = va + done;
            int n = (int) Math.min(Math.min(len - done, PAGE - (at & (PAGE - 1))), ok - done);
            TlbEntry e = translateBulk(at, AccessKind.LOAD, false);
            Frame f = mmu.frameForRead(e, at, AccessKind.LOAD);
            int off = (int) at & (PAGE - 1);
            for (int i = 0; i < n; i++) {
                dst[dstOff + (int) done + i] = f == null ? 0 : (byte) f.read8(off + i);
            }
            chargeBulk(n, false);
            done += n;
        }
    }

    /** Writes {@code len} bytes from {@code src} at {@code va} (a checked loop of data stores: tags cleared). */
    public void writeBytes(Capability auth, long va, byte[] src, int srcOff, int len) {
        long ok = permittedPrefix(auth, va, len, Perm.STORE, AccessKind.STORE);
        long done = 0;
        while (done < len) {
            if (done >= ok) {
                throw boundsFault(auth, va + done, AccessKind.STORE);
            }
            long at = va + done;
            int n = (int) Math.min(Math.min(len - done, PAGE - (at & (PAGE - 1))), ok - done);
            TlbEntry e = translateBulk(at, AccessKind.STORE, true);
            Frame f = mmu.frameForWrite(e, at, AccessKind.STORE);
            int off = (int) at & (PAGE - 1);
            for (int i = 0; i < n; i++) {
                f.write(off + i, 1, src[srcOff + (int) done + i]);
            }
            chargeBulk(n, true);
            done += n;
        }
    }

    /** Fills {@code len} bytes at {@code va} with {@code value} (memset: data stores, tags cleared). */
    public void fill(Capability auth, long va, long len, byte value) {
        long ok = permittedPrefix(auth, va, len, Perm.STORE, AccessKind.STORE);
        long done = 0;
        while (done < len) {
            if (done >= ok) {
                throw boundsFault(auth, va + done, AccessKind.STORE);
            }
            long at = va + done;
            int n = (int) Math.min(Math.min(len - done, PAGE - (at & (PAGE - 1))), ok - done);
            TlbEntry e = translateBulk(at, AccessKind.STORE, true);
            memory.fill(e.pagePa() | (at & (PAGE - 1)), n, value);
            chargeBulk(n, true);
            done += n;
        }
    }

    /**
     * Copies {@code len} bytes from {@code src} to {@code dst} like a CHERI {@code memcpy}: where source and
     * destination are congruent modulo 16, whole tagged granules are copied with capability loads and stores
     * (every capability check, LC and SC rule, LoadCap/MutableLoad squashing applies), everything else as
     * data (tags cleared). Overlapping ranges are not supported (use distinct buffers, as memcpy requires).
     */
    public void copy(Capability dstAuth, long dst, Capability srcAuth, long src, long len) {
        long okSrc = permittedPrefix(srcAuth, src, len, Perm.LOAD, AccessKind.LOAD);
        long okDst = permittedPrefix(dstAuth, dst, len, Perm.STORE, AccessKind.STORE);
        boolean congruent = ((src ^ dst) & 15) == 0;
        long done = 0;
        while (done < len) {
            if (done >= okSrc) {
                throw boundsFault(srcAuth, src + done, AccessKind.LOAD);
            }
            if (done >= okDst) {
                throw boundsFault(dstAuth, dst + done, AccessKind.STORE);
            }
            long s = src + done;
            long d = dst + done;
            long n = Math.min(len - done, Math.min(PAGE - (s & (PAGE - 1)), PAGE - (d & (PAGE - 1))));
            n = Math.min(n, Math.min(okSrc, okDst) - done);
            TlbEntry es = translateBulk(s, AccessKind.LOAD, false);
            long resolvedBefore = bulkResolved;
            TlbEntry ed = translateBulk(d, AccessKind.STORE, true);
            if (bulkResolved != resolvedBefore) {
                es = mmu.translate(s, AccessKind.LOAD); // resolving the destination's fault may have remapped the source page
            }
            Frame fs = mmu.frameForRead(es, s, AccessKind.LOAD);
            long spa = es.pagePa() | (s & (PAGE - 1));
            long dpa = ed.pagePa() | (d & (PAGE - 1));
            if (congruent && fs != null && hasTags(fs, (int) (s & (PAGE - 1)), (int) n)) {
                copyWithTags(dstAuth, d, srcAuth, s, spa, dpa, (int) n, fs);
            } else {
                memory.copy(spa, dpa, n);
                chargeCopy(n);
            }
            done += n;
        }
    }

    private static boolean hasTags(Frame f, int off, int n) {
        for (int g = off & ~15; g < off + n; g += 16) {
            if (f.tag(g)) {
                return true;
            }
        }
        return false;
    }

    /** One page-bounded chunk with tags: data around whole granules, capability accesses for tagged ones. */
    private void copyWithTags(Capability dstAuth, long d, Capability srcAuth, long s, long spa, long dpa, int n, Frame fs) {
        int i = 0;
        while (i < n) {
            int soff = (int) ((s + i) & (PAGE - 1));
            if (((s + i) & 15) == 0 && i + 16 <= n && fs.tag(soff)) {
                storeCap(dstAuth, d + i, loadCap(srcAuth, s + i));
                i += 16;
            } else {
                int run = 1;
                while (i + run < n && !(((s + i + run) & 15) == 0 && i + run + 16 <= n && fs.tag(soff + run))) {
                    run++;
                }
                memory.copy(spa + i, dpa + i, run);
                chargeBulk(run, false);
                chargeBulk(run, true);
                i += run;
            }
        }
    }

    /**
     * Reads a NUL-terminated string (bytes as ISO-8859-1) of at most {@code maxLen} bytes, a checked byte loop.
     *
     * @throws IllegalArgumentException if no NUL appears within {@code maxLen} bytes
     */
    public String readCString(Capability auth, long va, int maxLen) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < maxLen; i++) {
            long b = load8(auth, va + i);
            if (b == 0) {
                return sb.toString();
            }
            sb.append((char) b);
        }
        throw new IllegalArgumentException(String.format("no NUL within %d bytes of 0x%x", maxLen, va));
    }

    /** Writes {@code s} (ISO-8859-1) and a terminating NUL, as a checked store loop. */
    public void writeCString(Capability auth, long va, String s) {
        byte[] b = new byte[s.length() + 1];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF || c == 0) {
                throw new IllegalArgumentException("character " + (int) c + " at index " + i + " cannot be written to a C string");
            }
            b[i] = (byte) c;
        }
        writeBytes(auth, va, b, 0, b.length);
    }

    // ------------------------------------------------------------------ kernel physical helpers

    /** The kernel's tag-preserving page copy (physical frames), charged as {@code pageCopy}. */
    public void copyPagePhysical(long srcPa, long dstPa) {
        memory.copyPage(srcPa, dstPa);
        pagesCopied.inc();
        cycles.add(pageCopyCycles);
    }

    /** The kernel's page zeroing (physical), charged as {@code pageZero}. */
    public void zeroPagePhysical(long pa) {
        memory.zeroPage(pa);
        pagesZeroed.inc();
        cycles.add(pageZeroCycles);
    }

    /** The kernel's tag scan of a physical page (see {@link PhysicalMemory#scanTags}), charged as {@code tagScanPerPage}. */
    public int scanTagsPhysical(long pagePa, int[] out) {
        int n = memory.scanTags(pagePa, out);
        pagesScanned.inc();
        cycles.add(tagScanCycles);
        return n;
    }

    @Override
    public String toString() {
        return String.format("CheckedAccess (EL%d) loads=%,d stores=%,d capLoads=%,d capStores=%,d", mmu.exceptionLevel(),
                loads.get(), stores.get(), capLoads.get(), capStores.get());
    }
}
