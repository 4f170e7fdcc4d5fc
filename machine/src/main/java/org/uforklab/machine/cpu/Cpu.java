package org.uforklab.machine.cpu;

import static org.uforklab.machine.cpu.RegisterFile.DISCARD;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.uforklab.machine.Core;
import org.uforklab.machine.Machine;
import org.uforklab.machine.access.AccessWindow;
import org.uforklab.machine.access.CheckedAccess;
import org.uforklab.machine.access.LoadedCapability;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.ObjectType;
import org.uforklab.machine.cap.Perm;
import org.uforklab.machine.fault.ArchitecturalFault;
import org.uforklab.machine.mem.Frame;
import org.uforklab.machine.mmu.Mmu;
import org.uforklab.machine.stats.Counter;
import org.uforklab.machine.time.Cost;
import org.uforklab.machine.time.CostModel;
import org.uforklab.machine.time.CycleCounter;

/**
 * The interpreter of one Morello core in C64 (pure-capability) state: fetch checked against PCC, a predecode
 * cache per physical frame, the capability register file, NZCV, the capability system registers, and
 * synchronous exceptions delivered to an {@link ExceptionHandler}.
 *
 * <p>Every memory access goes through the core's {@link CheckedAccess} with the base register (a capability)
 * as authority. Fetch checks PCC (tag, seal, Execute, bounds) and translates through
 * {@link CheckedAccess#fetchFrame} when the PC enters a page; while the PC stays inside the part of that page
 * that PCC's bounds cover, and the MMU's {@link Mmu#translationEpoch() translation epoch} has not moved,
 * further fetches need no re-check (the checks would give the same answer) and are charged in bulk.
 *
 * <p>Data accesses with base-plus-immediate addressing pass the base register's {@link AccessWindow}: while
 * the register's authority object, the page and the MMU epoch stay the same, the access path skips re-proving
 * the capability checks and the translation (same results, faults, counters and cycles). Pre/post-index
 * writeback decides CapAdd's tag rule with an {@code IncrementRange} proved once per page.
 *
 * <p>Branches never fault: they set PCC (a sealed target loses its tag, sentries are unsealed) and the next
 * fetch raises the Instruction Abort. Faults are {@link ArchitecturalFault}s thrown by the access path and
 * caught here; a guest can never make the interpreter throw.
 */
public final class Cpu {

    private final Core core;
    private final CheckedAccess access;
    private final Mmu mmu;
    private final CycleCounter cycles;
    private final Predecoder predecoder;
    final RegisterFile regs = new RegisterFile();
    /** Where capability loads leave their result (read at once, so one holder serves every load). */
    private final LoadedCapability loaded = new LoadedCapability();
    /**
     * One {@link AccessWindow} per base register (and one for PC-relative literals): what the last access
     * through that register's authority object proved about its page, so pointer-walking loops skip
     * re-proving it (the window checks the authority's identity, the range and the MMU epoch itself).
     */
    private final AccessWindow[] windows = new AccessWindow[RegisterFile.SIZE];
    private final AccessWindow literalWindow = new AccessWindow();
    /** Per capability register: a page where CapAdd is proved to keep the tag of its cached object. */
    private final IncrementRange[] increments = new IncrementRange[RegisterFile.SIZE];

    // ---- PSTATE and PCC
    int nzcv;
    long pc;
    long pccPesbt;
    boolean pccTag;
    /** PCC as a Capability with pccPesbt/pccTag (value possibly stale); null until needed. */
    private Capability pccAuth;
    private boolean c64 = true;

    // ---- capability system registers
    private Capability ddc = Capability.NULL;
    private Capability ctpidr = Capability.NULL;
    private Capability ctpidrro = Capability.NULL;
    private Capability cid = Capability.NULL;

    // ---- exclusive monitor (local, one granule-sized reservation)
    private final ExclusiveMonitor monitor = new ExclusiveMonitor();

    // ---- exceptions and run control
    private ExceptionHandler handler = ExceptionHandler.STOP;
    private boolean stopped;
    private long[] breakpoints = new long[0];
    private final List<Watchpoint> watchpoints = new ArrayList<>();
    private boolean watching;
    private long watchHit;
    private boolean watchTriggered;

    // ---- fetch window
    private long winLo = 1;
    private long winLen;
    private long winEpoch = -1;
    private CodePage winCode;
    private long pendingFetches;
    private final Map<Frame, CodePage> codePages = new HashMap<>();

    // ---- statistics
    private long retired;
    private final long[] classCounts = new long[InstructionClass.values().length];
    private final Counter instructionsCounter;
    private final Counter[] classCounters = new Counter[InstructionClass.values().length];
    private final Counter takenBranches;
    private final Counter exceptionsCounter;
    private final Counter decodes;
    private long takenCount;
    private long decodeCount;
    private final long takenCost;
    private final long exceptionEntryCost;
    private final org.uforklab.machine.stats.Counter[] exceptionCounters = new org.uforklab.machine.stats.Counter[ExceptionClass.values().length];

    /**
     * A CPU for core {@code coreId} of {@code machine}, at reset: registers NULL, PCC and DDC the root
     * capability (value 0), C64 state.
     */
    public Cpu(Machine machine, int coreId) {
        this.core = machine.core(coreId);
        this.access = core.access();
        this.mmu = core.mmu();
        this.cycles = core.cycles();
        CostModel costs = machine.config().costs();
        this.predecoder = new Predecoder(costs);
        this.takenCost = costs.get(Cost.INSN_BRANCH_TAKEN);
        this.exceptionEntryCost = costs.get(Cost.FAULT_ENTRY);
        this.instructionsCounter = core.stats().counter("cpu.instructions");
        for (InstructionClass c : InstructionClass.values()) {
            classCounters[c.ordinal()] = core.stats().counter("cpu.insn." + c.statName());
        }
        this.takenBranches = core.stats().counter("cpu.takenBranches");
        this.exceptionsCounter = core.stats().counter("cpu.exceptions");
        this.decodes = core.stats().counter("cpu.decodes");
        setPcc(Capability.root().setValue(1));
        this.ddc = Capability.root();
        for (int i = 0; i < windows.length; i++) {
            windows[i] = new AccessWindow();
            increments[i] = new IncrementRange();
        }
    }

    // =================================================================== public state API

    /** The core this CPU runs on (cycles, stats, MMU, access path). */
    public Core core() {
        return core;
    }

    /** C0–C30 and CSP. */
    public RegisterFile registers() {
        return regs;
    }

    /** Capability register C{@code r} (31 = CSP). */
    public Capability c(int r) {
        return regs.get(r);
    }

    /** Sets C{@code r} (31 = CSP). */
    public void setC(int r, Capability value) {
        regs.set(r, Objects.requireNonNull(value));
    }

    /** The value of X{@code r} (31 = SP). */
    public long x(int r) {
        return regs.x(r);
    }

    /** Writes X{@code r} (31 = SP): a NULL-derived, untagged capability with that value. */
    public void setX(int r, long value) {
        regs.setInteger(r, value);
    }

    /** The address of the next instruction. */
    public long pc() {
        return pc;
    }

    /** PCC (its value is the PC). */
    public Capability pcc() {
        return Capability.of(pccPesbt, pc, pccTag);
    }

    /**
     * Sets PCC as a branch to a capability does: bit 0 of the value selects C64 (uforklab executes only C64,
     * so an even target raises UNDEFINED at the next instruction) and is cleared.
     */
    public void setPcc(Capability target) {
        pc = branchTo(target.pesbt(), target.value(), target.isTagged());
    }

    /** Whether the core is in C64 state. */
    public boolean isC64() {
        return c64;
    }

    /** PSTATE.NZCV in bits 31..28. */
    public int nzcv() {
        return nzcv;
    }

    /** Sets PSTATE.NZCV (bits 31..28; other bits ignored). */
    public void setNzcv(int value) {
        nzcv = value & 0xF000_0000;
    }

    /** DDC, the default data capability. */
    public Capability ddc() {
        return ddc;
    }

    public void setDdc(Capability c) {
        ddc = Objects.requireNonNull(c);
    }

    /** CTPIDR_EL0, the capability thread pointer. */
    public Capability ctpidr() {
        return ctpidr;
    }

    public void setCtpidr(Capability c) {
        ctpidr = Objects.requireNonNull(c);
    }

    /** CTPIDRRO_EL0 (read-only at EL0). */
    public Capability ctpidrro() {
        return ctpidrro;
    }

    public void setCtpidrro(Capability c) {
        ctpidrro = Objects.requireNonNull(c);
    }

    /** CID_EL0, the compartment ID capability. */
    public Capability cid() {
        return cid;
    }

    public void setCid(Capability c) {
        cid = Objects.requireNonNull(c);
    }

    /** CCTLR_EL0/EL1 (shared with the MMU, which reads TGEN0/TGEN1). */
    public long cctlr() {
        return mmu.cctlr();
    }

    public void setCctlr(long value) {
        mmu.setCctlr(value);
    }

    /** The exception handler (initially {@link ExceptionHandler#STOP}). */
    public void setExceptionHandler(ExceptionHandler h) {
        handler = Objects.requireNonNull(h);
    }

    /** Whether the core is stopped (a handler said so); runs return at once until {@link #resume()}. */
    public boolean isStopped() {
        return stopped;
    }

    /** Clears the stopped state. */
    public void resume() {
        stopped = false;
    }

    /** Stops the core (e.g. from a handler or another thread of control). */
    public void stop() {
        stopped = true;
    }

    /** Instructions retired since creation. */
    public long instructionsRetired() {
        return retired;
    }

    /** Breakpoints: the run stops before executing an instruction at any of these addresses. */
    public void setBreakpoints(long... addresses) {
        breakpoints = addresses.clone();
        Arrays.sort(breakpoints);
    }

    public void addWatchpoint(Watchpoint w) {
        watchpoints.add(Objects.requireNonNull(w));
        watching = true;
    }

    public void clearWatchpoints() {
        watchpoints.clear();
        watching = false;
    }

    /** The predecoded instruction at {@code va} as the CPU would execute it (disassembly for traces). */
    public String disassembleAt(long va) {
        int word = (int) access.load32(ddc, va);
        return org.uforklab.machine.isa.Decoder.decode(word).disassemble(va);
    }

    // =================================================================== run control

    /** Executes one instruction (or takes one exception). */
    public RunResult step() {
        return run(1, Long.MAX_VALUE);
    }

    /** Runs at most {@code n} instructions. */
    public RunResult run(long n) {
        return run(n, Long.MAX_VALUE);
    }

    /** Runs until the core's cycle counter reaches {@code cycleLimit} (checked between instructions). */
    public RunResult runUntilCycles(long cycleLimit) {
        return run(Long.MAX_VALUE, cycleLimit);
    }

    /**
     * Runs until {@code maxInstructions} retired, the cycle counter reaches {@code cycleLimit}, a breakpoint
     * or watchpoint hits, or the core stops.
     */
    public RunResult run(long maxInstructions, long cycleLimit) {
        long startRetired = retired;
        long startCycles = cycles.cycles();
        StopReason reason;
        try {
            while (true) {
                if (stopped) {
                    reason = StopReason.STOPPED;
                    break;
                }
                try {
                    reason = loop(startRetired, maxInstructions, cycleLimit);
                    break;
                } catch (ArchitecturalFault f) {
                    abort(f);
                } catch (GuestException g) {
                    deliver(g.record);
                }
                if (retired - startRetired >= maxInstructions && !stopped) {
                    reason = StopReason.INSTRUCTION_LIMIT;
                    break;
                }
            }
        } finally {
            flushStats();
        }
        long addr = reason == StopReason.WATCHPOINT ? watchHit : 0;
        return new RunResult(reason, retired - startRetired, cycles.cycles() - startCycles, pc, addr);
    }

    private StopReason loop(long startRetired, long maxInstructions, long cycleLimit) {
        long[] bps = breakpoints;
        boolean checkBps = bps.length > 0;
        boolean firstStep = true;
        long budget = maxInstructions - (retired - startRetired);
        long[] counts = classCounts;
        CycleCounter clock = cycles;
        RegisterFile r = regs;
        long[] v = r.value;
        // retired instructions and window fetches are kept in locals and published when the loop exits
        long n = 0;
        long fetched = 0;
        try {
            while (true) {
                if (n >= budget) {
                    return StopReason.INSTRUCTION_LIMIT;
                }
                if (clock.cycles() >= cycleLimit) {
                    return StopReason.CYCLE_LIMIT;
                }
                long p = pc;
                if (checkBps && !firstStep && Arrays.binarySearch(bps, p) >= 0) {
                    return StopReason.BREAKPOINT;
                }
                firstStep = false;
                Op op;
                long off = p - winLo;
                if (Long.compareUnsigned(off, winLen) < 0 && (off & 3) == 0 && mmu.translationEpoch() == winEpoch) {
                    CodePage cp = winCode;
                    int slot = (int) (p >>> 2) & 1023;
                    op = cp.ops[slot];
                    if (op == null || cp.frame.version() != cp.cleanVersion) {
                        // not decoded, or the frame was written since the page was last known clean
                        op = fetchFromPage(cp, slot);
                    }
                    fetched++;
                } else {
                    op = fetchSlow(p);
                }
                // the most frequent integer forms are executed here, saving the call into the big switch
                switch (op.kind) {
                    case Op.ADD_IMM -> {
                        long x = v[op.rn] + op.imm;
                        r.setX(op.rd, op.sf ? x : x & 0xFFFF_FFFFL);
                        pc = p + 4;
                    }
                    case Op.SUBS_IMM -> {
                        long a = v[op.rn];
                        long x = a - op.imm;
                        nzcv = op.sf ? Flags.sub64(a, op.imm) : Flags.sub32(a, op.imm);
                        r.setX(op.rd, op.sf ? x : x & 0xFFFF_FFFFL);
                        pc = p + 4;
                    }
                    case Op.B_COND -> pc = Flags.holds(op.aux, nzcv) ? taken(p + op.imm) : p + 4;
                    case Op.LOGIC_IMM -> {
                        logic(op, v[op.rn], op.imm);
                        pc = p + 4;
                    }
                    case Op.LOGIC_SHIFT -> {
                        long b = Alu.shift(v[op.rm], op.aux2, (int) op.imm2, op.sf);
                        logic(op, v[op.rn], op.flag ? ~b : b);
                        pc = p + 4;
                    }
                    // load/store-heavy code: the capability accesses and the pointer arithmetic around them
                    // (execute() is too big for the JIT to inline, so each of these saves one or two calls)
                    case Op.LOAD_CAP -> {
                        loadCap(op, p);
                        pc = p + 4;
                    }
                    case Op.STORE_CAP -> {
                        storeCap(op, p);
                        pc = p + 4;
                    }
                    case Op.ADD_C_IMM -> {
                        addCapImmediate(op);
                        pc = p + 4;
                    }
                    case Op.UBFM -> {
                        bitfield(op);
                        pc = p + 4;
                    }
                    default -> pc = execute(op, p);
                }
                n++;
                counts[op.clsIndex]++;
                clock.add(op.cost);
                if (watchTriggered) {
                    watchTriggered = false;
                    return StopReason.WATCHPOINT;
                }
            }
        } finally {
            retired += n;
            pendingFetches += fetched;
        }
    }

    /** The op for the word now in {@code slot} of the page: cached if the word is the one decoded there. */
    private Op fetchFromPage(CodePage cp, int slot) {
        int word = (int) cp.frame.read32(slot << 2);
        Op op = cp.lookup(slot, word);
        if (op == null) {
            op = predecoder.decode(word);
            cp.put(slot, word, op);
            decodeCount++;
        }
        return op;
    }

    /** Fetch through the full check when the PC leaves the pre-checked window (or PCC/translation changed). */
    private Op fetchSlow(long p) {
        if (!c64) {
            throw new GuestException(record(ExceptionClass.UNDEFINED, p, 0, 0,
                    "A64 (non-C64) state is not modelled: a branch target had bit 0 clear"));
        }
        Capability auth = pccAuthority();
        winLen = 0;
        Frame f = access.fetchFrame(auth, p); // throws the Instruction Abort
        if (f == null) {
            // not RAM: reads as zero, which is UDF; no window
            return predecoder.decode(0);
        }
        CodePage cp = codePages.get(f);
        if (cp == null) {
            cp = new CodePage(f);
            codePages.put(f, cp);
        }
        winCode = cp;
        winEpoch = mmu.translationEpoch();
        long pageVa = p & ~0xFFFL;
        long lo = pageVa;
        long end = pageVa + 4096;
        if (Capability.boundsAddress(p) == p && auth.boundsValid() && end != 0) {
            if (Long.compareUnsigned(auth.base(), lo) > 0) {
                lo = (auth.base() + 3) & ~3L;
            }
            if (!auth.topBit64() && Long.compareUnsigned(auth.topLow(), end) < 0) {
                end = auth.topLow();
            }
            winLo = lo;
            winLen = Long.compareUnsigned(end - lo, 4) >= 0 && Long.compareUnsigned(end, lo) > 0 ? end - lo - 3 : 0;
        }
        return fetchFromPage(cp, (int) (p >>> 2) & 1023);
    }

    private Capability pccAuthority() {
        Capability a = pccAuth;
        if (a == null) {
            a = Capability.of(pccPesbt, pc, pccTag);
            pccAuth = a;
        }
        return a;
    }

    private void flushStats() {
        if (pendingFetches != 0) {
            access.chargeFetches(pendingFetches);
            pendingFetches = 0;
        }
        long total = 0;
        for (int i = 0; i < classCounts.length; i++) {
            if (classCounts[i] != 0) {
                classCounters[i].add(classCounts[i]);
                total += classCounts[i];
                classCounts[i] = 0;
            }
        }
        instructionsCounter.add(total);
        takenBranches.add(takenCount);
        takenCount = 0;
        decodes.add(decodeCount);
        decodeCount = 0;
    }

    // =================================================================== exceptions

    /** An exception raised by an instruction itself (SVC, UNDEFINED...), unwinding to the run loop. */
    static final class GuestException extends RuntimeException {
        final transient ExceptionRecord record;

        GuestException(ExceptionRecord record) {
            super(null, null, false, false);
            this.record = record;
        }

        /** The record, formatted only when asked for (every system call and native call unwinds through here). */
        @Override
        public String getMessage() {
            return record.toString();
        }
    }

    private ExceptionRecord record(ExceptionClass kind, long at, int imm, int word, String detail) {
        long esr = ((long) kind.ec() << 26) | ArchitecturalFault.ESR_IL | (kind == ExceptionClass.UNDEFINED ? 0 : imm);
        return new ExceptionRecord(kind, esr, 0, at, imm, word, null, detail);
    }

    private void abort(ArchitecturalFault f) {
        ExceptionClass kind = f.isInstructionAbort() ? ExceptionClass.INSTRUCTION_ABORT : ExceptionClass.DATA_ABORT;
        deliver(new ExceptionRecord(kind, f.esr(), f.va(), pc, 0, 0, f, f.getMessage()));
    }

    /** Raises a synchronous exception from an instruction at {@code at}. */
    private RuntimeException raise(ExceptionClass kind, long at, Op op, String detail) {
        int imm = kind == ExceptionClass.UNDEFINED ? 0 : (int) op.imm;
        int word = op.insn == null ? 0 : op.insn.word();
        ExceptionRecord r = record(kind, at, imm, word, detail);
        if (kind != ExceptionClass.HOST_CALL) {
            // a host call stands for a call into native code: its handler charges what the native does,
            // an exception-entry cost would be an artefact of the modelling device
            cycles.add(exceptionEntryCost);
        }
        return new GuestException(r);
    }

    /** The counter of exceptions of {@code kind}, created on the first one and kept (no lookup per exception). */
    private org.uforklab.machine.stats.Counter exceptionCounter(ExceptionClass kind) {
        org.uforklab.machine.stats.Counter c = exceptionCounters[kind.ordinal()];
        if (c == null) {
            c = core.stats().counter("cpu.exception." + kind.name().toLowerCase());
            exceptionCounters[kind.ordinal()] = c;
        }
        return c;
    }

    private void deliver(ExceptionRecord r) {
        exceptionsCounter.inc();
        exceptionCounter(r.kind()).inc();
        monitor.clear();
        long at = r.pc();
        pc = at;
        Resolution res = handler.handle(this, r);
        if (res == null) {
            throw new IllegalStateException("exception handler returned null for " + r);
        }
        switch (res.action()) {
            case NEXT -> pc = at + 4;
            case RETRY -> pc = at;
            case REDIRECT -> setPcc(res.target());
            case STOP -> stopped = true;
            default -> throw new IllegalStateException(res.action().name());
        }
    }

    // =================================================================== branches

    /**
     * {@code BranchXToCapability}: PSTATE.C64 := bit 0, which is cleared; a target that is still sealed loses
     * its tag ({@code BranchAddr}). Returns the new PC.
     */
    private long branchTo(long pes, long value, boolean tag) {
        c64 = (value & 1) != 0;
        if (CapBits.otype(pes) != 0) {
            tag = false;
        }
        long target = value & ~1L;
        if (pes != pccPesbt || tag != pccTag) {
            pccPesbt = pes;
            pccTag = tag;
            pccAuth = null;
        }
        winLen = 0; // re-check PCC at the next fetch
        return target;
    }

    /** The link C30 of BL/BLR in C64: PCC with value {@code pc + 4 + 1}, sealed as a sentry when CCTLR.SBL. */
    private void link(long p, int reg) {
        long pes = pccPesbt;
        if ((mmu.cctlr() & (1 << 7)) != 0) {
            pes = CapBits.withOtype(pes, ObjectType.RB);
            regs.setRaw(reg, pes, p + 5, pccTag, null);
        } else {
            regs.setRaw(reg, pes, p + 5, pccTag, pccAuth);
        }
    }

    private long taken(long target) {
        takenCount++;
        cycles.add(takenCost);
        return target;
    }

    /**
     * BR/BLR/RET/BRS/BLRS/RETS Cn (Sail {@code execute_BLR_C_C}, {@code execute_BRS_C_C} etc.). In Sail's order:
     * a target lacking Executive loses its tag when PCC is in Executive mode; a tagged RB sentry is then
     * unsealed; for the BRS/BLRS/RETS forms any other target loses its tag when CCTLR.SBL is set.
     */
    private long branchReg(Op op, long p) {
        int n = op.rn;
        long pes = regs.pesbt[n];
        long value = regs.value[n];
        boolean tag = regs.tag[n];
        if (op.flag) {
            link(p, 30);
        }
        if (pccPermsExecutive() && (CapBits.perms(pes) & Perm.EXECUTIVE) == 0) {
            tag = false;
        }
        if (tag && CapBits.otype(pes) == ObjectType.RB) {
            pes = CapBits.withOtype(pes, 0);
        } else if (op.aux == 1 && (mmu.cctlr() & (1 << 7)) != 0) {
            tag = false; // BRS/BLRS/RETS with SBL: only sentries are valid targets
        }
        return taken(branchTo(pes, value, tag));
    }

    private boolean pccPermsExecutive() {
        return (CapBits.perms(pccPesbt) & Perm.EXECUTIVE) != 0;
    }

    /**
     * BRS/BLRS/RETS C29, Cn, Cm: branch to a sealed pair (Sail {@code execute_BRS_C_C_C} and relatives). A target
     * lacking Executive is first detagged when PCC is in Executive mode, so it cannot pass the pair check.
     */
    private long branchPair(Op op, long p) {
        Capability target = regs.cap(op.rn);
        Capability data = regs.cap(op.rm);
        if (op.flag) {
            link(p, 30);
        }
        if (pccPermsExecutive() && !target.hasPerms(Perm.EXECUTIVE)) {
            target = target.withTagCleared();
        }
        boolean ok = target.isTagged() && data.isTagged() && target.isSealed() && data.isSealed()
                && target.otype() > ObjectType.MAX_FIXED && target.otype() == data.otype()
                && target.hasPerms(Perm.BRANCH_SEALED_PAIR) && data.hasPerms(Perm.BRANCH_SEALED_PAIR)
                && target.hasPerms(Perm.EXECUTE) && !data.hasPerms(Perm.EXECUTE);
        if (ok) {
            long tp = CapBits.withOtype(target.pesbt(), 0);
            regs.setRaw(29, CapBits.withOtype(data.pesbt(), 0), data.value(), true, null);
            return taken(branchTo(tp, target.value(), true));
        }
        regs.setC(29, data);
        return taken(branchTo(target.pesbt(), target.value(), false));
    }

    /**
     * BR/BLR [Cn, #imm] (Sail {@code execute_BR_CI_C}, {@code execute_BLR_CI_C}): load the target through Cn.
     * Only C29 may be an LB sentry: it is unsealed for the access and written back unsealed (before the link
     * C30 of BLR); any other sealed base makes the load fault.
     */
    private long branchMemory(Op op, long p) {
        Capability base = regs.cap(op.rn);
        boolean unsealed29 = false;
        if (op.rn == 29 && base.isTagged() && base.otype() == ObjectType.LB) {
            base = Capability.of(CapBits.withOtype(base.pesbt(), 0), base.value(), true);
            unsealed29 = true;
        }
        long va = base.value() + op.imm;
        Capability target = access.loadCap(base, va);
        watch(va, 16, false);
        if (unsealed29) {
            regs.setC(29, base);
        }
        if (op.flag) {
            link(p, 30);
        }
        return branchToTarget(target);
    }

    /**
     * The end of the load-and-branch forms (Sail {@code execute_BR_CI_C}, {@code execute_LDPBR_C_C_C}): a target
     * lacking Executive is detagged in Executive mode, then a tagged RB sentry is unsealed (no SBL rule here).
     */
    private long branchToTarget(Capability target) {
        long pes = target.pesbt();
        boolean tag = target.isTagged();
        if (pccPermsExecutive() && (CapBits.perms(pes) & Perm.EXECUTIVE) == 0) {
            tag = false;
        }
        if (tag && CapBits.otype(pes) == ObjectType.RB) {
            pes = CapBits.withOtype(pes, 0);
        }
        return taken(branchTo(pes, target.value(), tag));
    }

    /** LDPBR/LDPBLR Ct, [Cn]: data from [Cn], target from [Cn+16]; Ct := data; branch. */
    private long loadPairAndBranch(Op op, long p) {
        Capability base = regs.cap(op.rn);
        if (op.ra == 29 && base.isTagged() && base.otype() == ObjectType.LPB) {
            base = Capability.of(CapBits.withOtype(base.pesbt(), 0), base.value(), true);
        }
        long va = base.value();
        access.checkCapability(base, va, 32, Perm.LOAD, org.uforklab.machine.fault.AccessKind.CAP_LOAD);
        Capability data = access.loadCap(base, va);
        Capability target = access.loadCap(base, va + 16);
        watch(va, 32, false);
        if (op.flag) {
            link(p, 30);
        }
        long next = branchToTarget(target);
        if (op.rd != DISCARD) {
            regs.setC(op.rd, data);
        }
        return next;
    }

    // =================================================================== execution

    private long execute(Op op, long p) {
        RegisterFile r = regs;
        long[] v = r.value;
        switch (op.kind) {
            case Op.ADD_IMM -> {
                long x = v[op.rn] + op.imm;
                r.setX(op.rd, op.sf ? x : x & 0xFFFF_FFFFL);
            }
            case Op.SUB_IMM -> {
                long x = v[op.rn] - op.imm;
                r.setX(op.rd, op.sf ? x : x & 0xFFFF_FFFFL);
            }
            case Op.ADDS_IMM -> {
                long a = v[op.rn];
                long x = a + op.imm;
                nzcv = op.sf ? Flags.add64(a, op.imm, 0) : Flags.add32(a, op.imm, 0);
                r.setX(op.rd, op.sf ? x : x & 0xFFFF_FFFFL);
            }
            case Op.SUBS_IMM -> {
                long a = v[op.rn];
                long x = a - op.imm;
                nzcv = op.sf ? Flags.sub64(a, op.imm) : Flags.sub32(a, op.imm);
                r.setX(op.rd, op.sf ? x : x & 0xFFFF_FFFFL);
            }
            case Op.ADDSUB_SHIFT -> addSubShift(op);
            case Op.ADDSUB_EXT -> addSubExt(op);
            case Op.ADC -> adc(op);
            case Op.LOGIC_IMM -> logic(op, v[op.rn], op.imm);
            case Op.LOGIC_SHIFT -> {
                long b = Alu.shift(v[op.rm], op.aux2, (int) op.imm2, op.sf);
                logic(op, v[op.rn], op.flag ? ~b : b);
            }
            case Op.MOV_WIDE -> r.setX(op.rd, op.imm);
            case Op.MOVK -> {
                int sh = (int) op.imm2;
                long x = (v[op.rd == DISCARD ? RegisterFile.ZR : op.rd] & ~(0xFFFFL << sh)) | (op.imm << sh);
                r.setX(op.rd, op.sf ? x : x & 0xFFFF_FFFFL);
            }
            case Op.SBFM, Op.BFM, Op.UBFM -> bitfield(op);
            case Op.EXTR -> extr(op);
            case Op.SHIFTV -> {
                int amount = (int) (v[op.rm] & (op.sf ? 63 : 31));
                r.setX(op.rd, Alu.shift(v[op.rn], op.aux, amount, op.sf));
            }
            case Op.MADD -> {
                long prod = v[op.rn] * v[op.rm];
                long x = op.flag ? v[op.ra] - prod : v[op.ra] + prod;
                r.setX(op.rd, op.sf ? x : x & 0xFFFF_FFFFL);
            }
            case Op.MADDL -> {
                long a = op.aux == 1 ? v[op.rn] & 0xFFFF_FFFFL : (int) v[op.rn];
                long b = op.aux == 1 ? v[op.rm] & 0xFFFF_FFFFL : (int) v[op.rm];
                r.setX(op.rd, op.flag ? v[op.ra] - a * b : v[op.ra] + a * b);
            }
            case Op.MULH -> r.setX(op.rd, op.aux == 1 ? Math.unsignedMultiplyHigh(v[op.rn], v[op.rm])
                    : Math.multiplyHigh(v[op.rn], v[op.rm]));
            case Op.DIV -> divide(op);
            case Op.CSEL -> csel(op);
            case Op.CCMP -> ccmp(op);
            case Op.BITOP -> r.setX(op.rd, Alu.bitop(op.aux, v[op.rn], op.sf));
            case Op.B -> {
                return taken(p + op.imm);
            }
            case Op.BL -> {
                link(p, 30);
                return taken(p + op.imm);
            }
            case Op.B_COND -> {
                if (Flags.holds(op.aux, nzcv)) {
                    return taken(p + op.imm);
                }
            }
            case Op.CBZ -> {
                long x = op.sf ? v[op.rn] : v[op.rn] & 0xFFFF_FFFFL;
                if ((x == 0) != op.flag) {
                    return taken(p + op.imm);
                }
            }
            case Op.TBZ -> {
                if ((((v[op.rn] >>> op.aux) & 1) != 0) == op.flag) {
                    return taken(p + op.imm);
                }
            }
            case Op.BR_X -> {
                // base A64 BR/BLR/RET Xn: a branch within PCC (CapSetValue on PCC), no state change
                long target = v[op.rn];
                if (op.flag) {
                    link(p, 30);
                }
                return taken(target);
            }
            case Op.BR_C -> {
                return branchReg(op, p);
            }
            case Op.BR_PAIR -> {
                return branchPair(op, p);
            }
            case Op.BR_MEM -> {
                return branchMemory(op, p);
            }
            case Op.LDPBR -> {
                return loadPairAndBranch(op, p);
            }
            case Op.LOAD_X_UOFF -> {
                long va = v[op.rn] + op.imm;
                long x = access.load(r.authority(op.rn), va, 8, windows[op.rn]);
                if (watching) {
                    watch(va, 8, false);
                }
                r.setX(op.rd, x);
            }
            case Op.STORE_X_UOFF -> {
                long va = v[op.rn] + op.imm;
                access.store(r.authority(op.rn), va, 8, v[op.rd], windows[op.rn]);
                if (watching) {
                    watch(va, 8, true);
                }
            }
            case Op.LOAD_X_REG -> {
                long va = v[op.rn] + (v[op.rm] << op.imm2);
                long x = access.load64(r.authority(op.rn), va);
                if (watching) {
                    watch(va, 8, false);
                }
                r.setX(op.rd, x);
            }
            case Op.STORE_X_REG -> {
                long va = v[op.rn] + (v[op.rm] << op.imm2);
                access.store64(r.authority(op.rn), va, v[op.rd]);
                if (watching) {
                    watch(va, 8, true);
                }
            }
            case Op.ADD_C_IMM -> addCapImmediate(op);
            case Op.LOAD, Op.STORE, Op.LOAD_PAIR, Op.STORE_PAIR, Op.LOAD_CAP, Op.STORE_CAP, Op.LOAD_CAP_PAIR,
                    Op.STORE_CAP_PAIR, Op.LOAD_EXCL, Op.STORE_EXCL, Op.CAS, Op.CASP, Op.SWP, Op.ATOMIC, Op.LDCT,
                    Op.STCT -> memory(op, p);
            case Op.CAP_OP -> CapabilityOps.execute(this, op, p);
            case Op.NOP -> {
            }
            case Op.CLREX -> monitor.clear();
            case Op.SVC -> throw raise(ExceptionClass.SVC, p, op, null);
            case Op.BRK -> throw raise(ExceptionClass.BRK, p, op, null);
            case Op.HLT -> throw raise(ExceptionClass.HOST_CALL, p, op, null);
            case Op.MRS, Op.MSR, Op.MRS_C, Op.MSR_C -> systemRegister(op, p);
            default -> throw raise(ExceptionClass.UNDEFINED, p, op, op.reason == null ? "not executable" : op.reason);
        }
        return p + 4;
    }

    // ------------------------------------------------------------------ integer helpers

    private void addSubShift(Op op) {
        long[] v = regs.value;
        long a = v[op.rn];
        long b = Alu.shift(v[op.rm], op.aux, (int) op.imm2, op.sf);
        boolean sub = op.aux2 == 1;
        addSub(op, a, b, sub);
    }

    private void addSub(Op op, long a, long b, boolean sub) {
        long x = sub ? a - b : a + b;
        if (op.flag) {
            if (op.sf) {
                nzcv = sub ? Flags.sub64(a, b) : Flags.add64(a, b, 0);
            } else {
                nzcv = sub ? Flags.sub32(a, b) : Flags.add32(a, b, 0);
            }
        }
        regs.setX(op.rd, op.sf ? x : x & 0xFFFF_FFFFL);
    }

    private void addSubExt(Op op) {
        long[] v = regs.value;
        long b = Alu.extend(v[op.rm], op.aux, (int) op.imm2);
        addSub(op, v[op.rn], b, op.aux2 == 1);
    }

    private void adc(Op op) {
        long[] v = regs.value;
        long a = v[op.rn];
        long b = v[op.rm];
        boolean sub = op.aux2 == 1;
        if (sub) {
            b = ~b;
        }
        int carry = (nzcv & Flags.C) != 0 ? 1 : 0;
        long x = a + b + carry;
        if (op.flag) {
            nzcv = op.sf ? Flags.add64(a, b, carry) : Flags.add32(a, b, carry);
        }
        regs.setX(op.rd, op.sf ? x : x & 0xFFFF_FFFFL);
    }

    private void logic(Op op, long a, long b) {
        long x = switch (op.aux) {
            case 0, 3 -> a & b;
            case 1 -> a | b;
            default -> a ^ b;
        };
        if (!op.sf) {
            x &= 0xFFFF_FFFFL;
        }
        if (op.aux == 3) {
            nzcv = op.sf ? Flags.logic64(x) : Flags.logic32(x);
        }
        regs.setX(op.rd, x);
    }

    private void bitfield(Op op) {
        long[] v = regs.value;
        long src = v[op.rn];
        int size = op.size;
        long wmask = op.imm;
        long tmask = op.imm2;
        int rr = op.aux;
        long bot = Alu.ror(src, rr, size) & wmask;
        long result;
        if (op.kind == Op.BFM) {
            long dst = v[op.rd == DISCARD ? RegisterFile.ZR : op.rd];
            bot = (dst & ~wmask) | bot;
            result = (dst & ~tmask) | (bot & tmask);
        } else if (op.kind == Op.UBFM) {
            result = bot & tmask;
        } else {
            long top = ((src >>> op.aux2) & 1) != 0 ? -1L : 0;
            result = (top & ~tmask) | (bot & tmask);
        }
        regs.setX(op.rd, op.sf ? result : result & 0xFFFF_FFFFL);
    }

    private void extr(Op op) {
        long[] v = regs.value;
        long hi = v[op.rn];
        long lo = v[op.rm];
        int lsb = op.aux;
        long x;
        if (op.sf) {
            x = lsb == 0 ? lo : (lo >>> lsb) | (hi << (64 - lsb));
        } else {
            long concat = ((hi & 0xFFFF_FFFFL) << 32) | (lo & 0xFFFF_FFFFL);
            x = (concat >>> lsb) & 0xFFFF_FFFFL;
        }
        regs.setX(op.rd, x);
    }

    private void divide(Op op) {
        long[] v = regs.value;
        long a = v[op.rn];
        long b = v[op.rm];
        long x;
        if (op.sf) {
            if (b == 0) {
                x = 0;
            } else if (op.flag) {
                x = (a == Long.MIN_VALUE && b == -1) ? Long.MIN_VALUE : a / b;
            } else {
                x = Long.divideUnsigned(a, b);
            }
        } else {
            int ia = (int) a;
            int ib = (int) b;
            int r;
            if (ib == 0) {
                r = 0;
            } else if (op.flag) {
                r = (ia == Integer.MIN_VALUE && ib == -1) ? Integer.MIN_VALUE : ia / ib;
            } else {
                r = Integer.divideUnsigned(ia, ib);
            }
            x = r & 0xFFFF_FFFFL;
        }
        regs.setX(op.rd, x);
    }

    private void csel(Op op) {
        long[] v = regs.value;
        long x;
        if (Flags.holds(op.aux2, nzcv)) {
            x = v[op.rn];
        } else {
            x = v[op.rm];
            switch (op.aux) {
                case 1 -> x = x + 1;
                case 2 -> x = ~x;
                case 3 -> x = -x;
                default -> {
                }
            }
        }
        regs.setX(op.rd, op.sf ? x : x & 0xFFFF_FFFFL);
    }

    private void ccmp(Op op) {
        if (!Flags.holds(op.aux2, nzcv)) {
            nzcv = (int) op.imm2;
            return;
        }
        long a = regs.value[op.rn];
        long b = op.flag ? op.imm : regs.value[op.rm];
        if (op.aux == 1) {
            nzcv = op.sf ? Flags.sub64(a, b) : Flags.sub32(a, b);
        } else {
            nzcv = op.sf ? Flags.add64(a, b, 0) : Flags.add32(a, b, 0);
        }
    }

    /** ADD/SUB Cd, Cn, #imm: {@code CapAdd}, allocation-free when the register is already a capability. */
    private void addCapImmediate(Op op) {
        RegisterFile r = regs;
        int n = op.rn;
        long value = r.value[n];
        long pes = r.pesbt[n];
        Capability c = r.cache[n];
        // the cached object (same pesbt and tag) has CapAdd's rule predecoded
        boolean keep = c != null ? addKeepsTag(n, c, value, op.imm) : r.tag[n] && CapBits.addKeepsTag(pes, value, op.imm);
        r.setRaw(op.rd, pes, value + op.imm, keep, keep ? c : null);
    }

    // ------------------------------------------------------------------ memory

    void watch(long va, long size, boolean write) {
        if (!watching) {
            return;
        }
        for (Watchpoint w : watchpoints) {
            if (w.hits(va, size, write)) {
                watchTriggered = true;
                watchHit = va;
                return;
            }
        }
    }

    /** The address of a load/store and the writeback value of its base. */
    private long address(Op op, long p) {
        long[] v = regs.value;
        return switch (op.aux) {
            case Op.MODE_OFFSET, Op.MODE_PRE -> v[op.rn] + op.imm;
            case Op.MODE_POST -> v[op.rn];
            case Op.MODE_REG -> v[op.rn] + Alu.extend(v[op.rm], op.aux2, (int) op.imm2);
            default -> p + op.imm;
        };
    }

    private Capability authority(Op op) {
        return op.aux == Op.MODE_LITERAL ? pccAuthority() : regs.authority(op.rn);
    }

    /**
     * The access window that goes with {@link #authority(Op)}, or null for register-offset addressing: table
     * lookups and hashing rarely stay on one page, so proving windows for them would cost more than it saves.
     */
    private AccessWindow window(Op op) {
        int mode = op.aux;
        return mode == Op.MODE_REG ? null : mode == Op.MODE_LITERAL ? literalWindow : windows[op.rn];
    }

    /** Pre/post-index writeback of the base: {@code CapAdd} on the capability register. */
    private void writeback(Op op) {
        if (op.aux == Op.MODE_PRE || op.aux == Op.MODE_POST) {
            writebackImmediate(op.rn, regs.value[op.rn], op.imm);
        }
    }

    /**
     * Whether CapAdd keeps the tag of register {@code n}'s cached object {@code c} moved from {@code value} by
     * {@code increment}: two compares inside the register's proved page, else the predecoded rule (and, when
     * it keeps the tag, a proof for the page for the next increments).
     */
    private boolean addKeepsTag(int n, Capability c, long value, long increment) {
        IncrementRange k = increments[n];
        if (k.covers(c, value, value + increment)) {
            return true;
        }
        if (!c.addKeepsTag(value, increment)) {
            return false;
        }
        k.prove(c, value);
        return true;
    }

    /** Cn := CapAdd(Cn, increment), Cn's value being {@code value}. */
    private void writebackImmediate(int n, long value, long increment) {
        RegisterFile r = regs;
        r.value[n] = value + increment;
        // pesbt never changes and an untagged base stays untagged, so the cached object (same pesbt and
        // tag, value possibly stale) stays valid; only a tag lost to CapAdd drops it. The cached object
        // (there is one after an access through the register) has CapAdd's rule predecoded.
        if (r.tag[n]) {
            Capability c = r.cache[n];
            if (!(c != null ? addKeepsTag(n, c, value, increment) : CapBits.addKeepsTag(r.pesbt[n], value, increment))) {
                r.tag[n] = false;
                r.cache[n] = null;
            }
        }
    }

    private static long extendLoaded(Op op, long x) {
        if (!op.flag) {
            return x;
        }
        int shift = 64 - 8 * op.size;
        long s = (x << shift) >> shift;
        return op.sf ? s : s & 0xFFFF_FFFFL;
    }

    /**
     * LDR Ct, [Cn...]: the loaded bits go straight into the register file (no {@link Capability} is built;
     * one is made lazily if Ct is later used as an object). The base writeback happens before Ct is written,
     * so Ct wins when Ct = Cn.
     */
    private void loadCap(Op op, long p) {
        if (op.aux <= Op.MODE_POST) {
            loadCapImmediate(op);
            return;
        }
        long va = address(op, p);
        LoadedCapability c = loaded;
        access.loadCap(authority(op), va, c, window(op));
        if (watching) {
            watch(va, 16, false);
        }
        writeback(op);
        if (op.rd != DISCARD) {
            regs.setRaw(op.rd, c.pesbt(), c.value(), c.isTagged(), null);
        }
    }

    /**
     * {@link #loadCap} for the base-plus-immediate forms (offset, pre- and post-index), with the addressing
     * mode decided once: the pointer-walking case.
     */
    private void loadCapImmediate(Op op) {
        RegisterFile r = regs;
        int n = op.rn;
        int mode = op.aux;
        long base = r.value[n];
        long va = mode == Op.MODE_POST ? base : base + op.imm;
        LoadedCapability c = loaded;
        access.loadCap(r.authority(n), va, c, windows[n]);
        if (watching) {
            watch(va, 16, false);
        }
        if (mode != Op.MODE_OFFSET) {
            writebackImmediate(n, base, op.imm);
        }
        if (op.rd != DISCARD) {
            r.setRaw(op.rd, c.pesbt(), c.value(), c.isTagged(), null);
        }
    }

    /** {@link #storeCap} for the base-plus-immediate forms, like {@link #loadCapImmediate}. */
    private void storeCapImmediate(Op op) {
        RegisterFile r = regs;
        int n = op.rn;
        int mode = op.aux;
        long base = r.value[n];
        long va = mode == Op.MODE_POST ? base : base + op.imm;
        int t = op.rd;
        access.storeCap(r.authority(n), va, r.value[t], r.pesbt[t], r.tag[t], windows[n]);
        if (watching) {
            watch(va, 16, true);
        }
        if (mode != Op.MODE_OFFSET) {
            writebackImmediate(n, base, op.imm);
        }
    }

    /** STR Ct, [Cn...]: stores Ct's raw register bits (no {@link Capability} is built for the value). */
    private void storeCap(Op op, long p) {
        if (op.aux <= Op.MODE_POST) {
            storeCapImmediate(op);
            return;
        }
        long va = address(op, p);
        RegisterFile r = regs;
        int t = op.rd;
        access.storeCap(authority(op), va, r.value[t], r.pesbt[t], r.tag[t], window(op));
        if (watching) {
            watch(va, 16, true);
        }
        writeback(op);
    }

    private void memory(Op op, long p) {
        RegisterFile r = regs;
        switch (op.kind) {
            case Op.LOAD -> {
                long va = address(op, p);
                long x = access.load(authority(op), va, op.size, window(op));
                watch(va, op.size, false);
                writeback(op);
                r.setX(op.rd, extendLoaded(op, x));
            }
            case Op.STORE -> {
                long va = address(op, p);
                access.store(authority(op), va, op.size, r.value[op.rd], window(op));
                watch(va, op.size, true);
                writeback(op);
            }
            case Op.LOAD_PAIR -> {
                long va = address(op, p);
                Capability auth = authority(op);
                access.checkCapability(auth, va, 2L * op.size, Perm.LOAD, org.uforklab.machine.fault.AccessKind.LOAD);
                long a = access.load(auth, va, op.size);
                long b = access.load(auth, va + op.size, op.size);
                watch(va, 2L * op.size, false);
                writeback(op);
                r.setX(op.rd, extendLoaded(op, a));
                r.setX(op.ra, extendLoaded(op, b));
            }
            case Op.STORE_PAIR -> {
                long va = address(op, p);
                Capability auth = authority(op);
                access.checkCapability(auth, va, 2L * op.size, Perm.STORE, org.uforklab.machine.fault.AccessKind.STORE);
                long a = r.value[op.rd];
                long b = r.value[op.ra];
                access.store(auth, va, op.size, a);
                access.store(auth, va + op.size, op.size, b);
                watch(va, 2L * op.size, true);
                writeback(op);
            }
            case Op.LOAD_CAP -> loadCap(op, p);
            case Op.STORE_CAP -> storeCap(op, p);
            case Op.LOAD_CAP_PAIR -> {
                long va = address(op, p);
                Capability auth = authority(op);
                access.checkCapability(auth, va, 32, Perm.LOAD, org.uforklab.machine.fault.AccessKind.CAP_LOAD);
                LoadedCapability c = loaded;
                access.loadCap(auth, va, c);
                long aValue = c.value();
                long aPesbt = c.pesbt();
                boolean aTag = c.isTagged();
                access.loadCap(auth, va + 16, c);
                watch(va, 32, false);
                writeback(op);
                if (op.rd != DISCARD) {
                    r.setRaw(op.rd, aPesbt, aValue, aTag, null);
                }
                if (op.ra != DISCARD) {
                    r.setRaw(op.ra, c.pesbt(), c.value(), c.isTagged(), null);
                }
            }
            case Op.STORE_CAP_PAIR -> {
                long va = address(op, p);
                Capability auth = authority(op);
                access.checkCapability(auth, va, 32, Perm.STORE, org.uforklab.machine.fault.AccessKind.CAP_STORE);
                int a = op.rd;
                int b = op.ra;
                access.storeCap(auth, va, r.value[a], r.pesbt[a], r.tag[a]);
                access.storeCap(auth, va + 16, r.value[b], r.pesbt[b], r.tag[b]);
                watch(va, 32, true);
                writeback(op);
            }
            default -> AtomicOps.execute(this, access, monitor, op);
        }
    }

    // ------------------------------------------------------------------ system registers

    /** Integer-view keys (op0:op1:CRn:CRm:op2) of the system registers this CPU implements. */
    static final int NZCV = key(3, 3, 4, 2, 0);
    static final int TPIDR_EL0 = key(3, 3, 13, 0, 2);
    static final int TPIDRRO_EL0 = key(3, 3, 13, 0, 3);
    static final int CID_EL0 = key(3, 3, 13, 0, 7);
    static final int DDC = key(3, 3, 4, 1, 1);
    static final int CNTVCT_EL0 = key(3, 3, 14, 0, 2);
    static final int CURRENTEL = key(3, 0, 4, 2, 2);
    /** CCTLR_EL0 (Morello: S3_3_C1_C2_6). */
    static final int CCTLR_EL0 = key(3, 3, 1, 2, 6);

    static int key(int op0, int op1, int crn, int crm, int op2) {
        return (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2;
    }

    private void systemRegister(Op op, long p) {
        int k = op.aux;
        int rt = op.rd;
        switch (op.kind) {
            case Op.MRS -> {
                long value;
                if (k == NZCV) {
                    value = nzcv & 0xF000_0000L;
                } else if (k == TPIDR_EL0) {
                    value = ctpidr.value();
                } else if (k == TPIDRRO_EL0) {
                    value = ctpidrro.value();
                } else if (k == CID_EL0) {
                    value = cid.value();
                } else if (k == CNTVCT_EL0) {
                    value = cycles.cycles();
                } else if (k == CURRENTEL) {
                    value = (long) mmu.exceptionLevel() << 2;
                } else if (k == CCTLR_EL0) {
                    value = mmu.cctlr();
                } else {
                    throw raise(ExceptionClass.UNDEFINED, p, op, "MRS of an unimplemented or EL1 system register");
                }
                if (rt != 31) {
                    regs.setX(rt, value);
                }
            }
            case Op.MSR -> {
                long value = rt == 31 ? 0 : regs.value[rt];
                if (k == NZCV) {
                    nzcv = (int) value & 0xF000_0000;
                } else if (k == TPIDR_EL0) {
                    ctpidr = Capability.ofInteger(value);
                } else if (k == CID_EL0) {
                    cid = Capability.ofInteger(value);
                } else if (k == CCTLR_EL0) {
                    mmu.setCctlr(value);
                } else {
                    throw raise(ExceptionClass.UNDEFINED, p, op, "MSR to an unimplemented, read-only or EL1 system register");
                }
            }
            case Op.MRS_C -> {
                Capability c;
                if (k == TPIDR_EL0) {
                    c = ctpidr;
                } else if (k == TPIDRRO_EL0) {
                    c = ctpidrro;
                } else if (k == CID_EL0) {
                    c = cid;
                } else if (k == DDC) {
                    c = ddc;
                } else {
                    throw raise(ExceptionClass.UNDEFINED, p, op, "MRS of an unimplemented or EL1 capability system register");
                }
                if (rt != 31) {
                    regs.setC(rt, c);
                }
            }
            default -> {
                Capability c = rt == 31 ? Capability.NULL : regs.cap(rt);
                if (k == TPIDR_EL0) {
                    ctpidr = c;
                } else if (k == CID_EL0) {
                    // CID_EL0 writes need CompartmentID permission, else the written value loses its tag
                    cid = c.isTagged() && c.hasPerms(Perm.COMPARTMENT_ID) && !c.isSealed() ? c : c.withTagCleared();
                } else if (k == DDC) {
                    ddc = c;
                } else {
                    throw raise(ExceptionClass.UNDEFINED, p, op, "MSR to an unimplemented, read-only or EL1 capability system register");
                }
            }
        }
    }

    // ------------------------------------------------------------------ for helpers in this package

    CheckedAccess access() {
        return access;
    }

    Capability pccForRelative() {
        return Capability.of(pccPesbt, pc, pccTag);
    }

    RuntimeException undefined(long p, Op op, String why) {
        return raise(ExceptionClass.UNDEFINED, p, op, why);
    }

    boolean pccHasSystem() {
        int perms = CapBits.perms(pccPesbt);
        return pccTag && (perms & Perm.EXECUTE) != 0 && (perms & Perm.SYSTEM) != 0;
    }

    Mmu mmu() {
        return mmu;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("cpu%d pc 0x%x %s %s%s, %,d instructions%n", core.id(), pc, Flags.toString(nzcv),
                c64 ? "C64" : "A64", stopped ? " stopped" : "", retired));
        sb.append("pcc  ").append(pcc()).append('\n');
        sb.append(regs);
        sb.append("ddc  ").append(ddc);
        return sb.toString();
    }
}
