package org.uforklab.ufork;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.uforklab.machine.Core;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.Perm;
import org.uforklab.machine.cpu.Cpu;
import org.uforklab.machine.fault.ArchitecturalFault;
import org.uforklab.machine.fault.FaultKind;
import org.uforklab.machine.mmu.Descriptor;
import org.uforklab.machine.mmu.Mapping;
import org.uforklab.machine.mmu.PageAttributes;
import org.uforklab.machine.mmu.PageTables;
import org.uforklab.machine.mmu.SystemRegisters;
import org.uforklab.machine.mmu.Tcr;
import org.uforklab.machine.time.Cost;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.KernelExtension;
import org.uforklab.sasos.Personality;
import org.uforklab.sasos.image.Prelude;
import org.uforklab.sasos.mm.AddressSpace;
import org.uforklab.sasos.proc.GuestThread;
import org.uforklab.sasos.proc.Loader;
import org.uforklab.sasos.proc.MicroProcess;
import org.uforklab.sasos.proc.ProcessLayout;
import org.uforklab.sasos.proc.Segment;
import org.uforklab.sasos.proc.ThreadContext;
import org.uforklab.sasos.syscall.Errno;
import org.uforklab.sasos.syscall.SyscallContext;

/**
 * μFork on a {@link Kernel}: {@code fork()} inside the single address space (ufork-paper.md §3.3), installed
 * as the kernel's {@link KernelExtension}. The sequence, per fork:
 * <ol>
 *   <li>reserve a contiguous child region with the parent's layout (at a seeded random aligned base with ASLR);</li>
 *   <li>walk the parent's PTEs: code and rodata map the parent's frames (never copied); the GOT, the allocator
 *       metadata page (heap start) and the forking thread's TLS page are copied and relocated at once; every
 *       other page is copied now ({@link ForkStrategy#FULL_COPY}) or shared through the {@link SharingTable}
 *       with the PTE encodings of the strategy (CoA: AF=0 on both sides; CoPA: child read-only with the stale LC
 *       generation, parent read-only), then one broadcast TLB invalidation for the parent's changed PTEs;</li>
 *   <li>duplicate the fd table: descriptors share their open file descriptions, so offsets are shared as POSIX
 *       says (the artifact instead keeps a per-process offset copy, §3.5 — a deliberate difference: POSIX
 *       programs that fork and append to one log rely on the shared offset);</li>
 *   <li>create the child's thread with the parent's registers relocated directly (C0–C30, CSP, CTPIDR_EL0, DDC,
 *       PCC), X0 = 0 and the child's PID in CID_EL0. The artifact spills the registers to the stack and lets the
 *       first capability load relocate them; relocating the register file in the kernel is equivalent, cheaper
 *       and keeps the child's stack page shareable until it is really written. The child resumes where the
 *       parent's system call returns to: after the {@code blr} of the sentry (sentry personality: the kernel
 *       stub's {@code ret c30} is emulated) or after the {@code svc} of the guest's trap wrapper;</li>
 *   <li>the parent gets the child's PID.</li>
 * </ol>
 * Faults on shared pages come to {@link #resolveFault}: the faulting sharer gets its own copy (the PTE is made
 * invalid and the TLB entry invalidated while the copy is made, then the fresh frame is mapped with the
 * owner's original attributes); a write by the owner pushes copies to every sharer first. When a µprocess is
 * reaped its shared pages are released without freeing frames others map.
 *
 * <p>Hardware set-up at install: CCTLR_EL1.TGEN0 = 1 on every core and child CoPA pages use LC = 0b10 (GEN0),
 * exactly the artifact's encoding (morello.md §3.3); TCR_EL1 must enable HWU061/HWU062 (LC) for CoPA, and
 * copied pages are mapped with SC = 1 so they can hold capabilities (the kernel's TCR enables HWU060).
 */
public final class UFork implements ForkService {
    /** Above this many PTE changes in one fork the parent's TLB is flushed whole (the artifact always flushes). */
    public static final int TLBI_ALL_THRESHOLD = 8;

    private final Kernel kernel;
    private final UForkConfig config;
    private final SharingTable sharing = new SharingTable();
    private final PageCopier copier;
    private SplittableRandom aslr;
    private final List<ForkStats> forks = new ArrayList<>();
    private final Map<Integer, ForkStrategy> perProcess = new HashMap<>();
    private final boolean copaSupported;
    private final int staleLc;
    private ForkStrategy nextFork;

    private UFork(Kernel kernel, UForkConfig config) {
        if (kernel.config().addressSpaces() != org.uforklab.sasos.AddressSpaceModel.SINGLE) {
            throw new IllegalArgumentException("μFork forks inside one address space; this kernel runs "
                    + kernel.config().addressSpaces() + " (use baseline.MonolithicFork there)");
        }
        this.kernel = kernel;
        this.config = config;
        this.copier = new PageCopier(kernel.machine().config().costs());
        this.aslr = new SplittableRandom(config.aslrSeed());
        boolean lc = true;
        for (int i = 0; i < kernel.machine().cores().size(); i++) {
            Cpu c = kernel.cpu(i);
            c.setCctlr(c.cctlr() | SystemRegisters.CCTLR_TGEN0);
            lc &= (Tcr.effectiveHwu(c.core().mmu().tcr(), false) & 0b1100) == 0b1100;
        }
        this.copaSupported = lc;
        // TGEN0 = 1: LC = 0b10 (GEN0) is the stale generation whose tagged loads fault
        this.staleLc = Descriptor.LC_GEN0;
    }

    /** Installs μFork with the default configuration (CoPA) on {@code kernel}. */
    public static UFork install(Kernel kernel) {
        return install(kernel, UForkConfig.defaults());
    }

    /** Installs μFork on {@code kernel}. */
    public static UFork install(Kernel kernel, UForkConfig config) {
        UFork u = new UFork(Objects.requireNonNull(kernel), Objects.requireNonNull(config));
        kernel.install(u);
        return u;
    }

    /** The configuration. */
    public UForkConfig config() {
        return config;
    }

    /** The kernel. */
    @Override
    public Kernel kernel() {
        return kernel;
    }

    /** The sharing table. */
    public SharingTable sharing() {
        return sharing;
    }

    /** Statistics of every fork so far, in order. */
    @Override
    public List<ForkStats> forks() {
        return List.copyOf(forks);
    }

    /** The statistics of the fork that created {@code child}, or null. */
    public ForkStats statsOf(MicroProcess child) {
        return forks.stream().filter(f -> f.childPid() == child.pid()).findFirst().orElse(null);
    }

    /**
     * Restarts the ASLR generator with {@code seed}: the following child regions are drawn exactly as on a kernel
     * where μFork was installed with {@code withAslr(seed)} (a harness repeats a fork of one long-running server
     * under several seeds without rebuilding it). Has no effect while ASLR is off.
     */
    public UFork reseedAslr(long seed) {
        aslr = new SplittableRandom(seed);
        return this;
    }

    /** The next fork (by anyone) uses {@code s}; later forks go back to the per-process or kernel default. */
    public UFork forkNextWith(ForkStrategy s) {
        nextFork = uFork(s);
        return this;
    }

    /** Every fork by {@code p} uses {@code s}. */
    public UFork strategyFor(MicroProcess p, ForkStrategy s) {
        perProcess.put(p.pid(), uFork(s));
        return this;
    }

    private static ForkStrategy uFork(ForkStrategy s) {
        if (!Objects.requireNonNull(s).isUFork()) {
            throw new IllegalArgumentException(s + " is not a μFork strategy");
        }
        return s;
    }

    /** Whether the machine can trap capability loads (TCR enables LC). */
    public boolean copaSupported() {
        return copaSupported;
    }

    private ForkStrategy strategyOf(MicroProcess p) {
        if (nextFork != null) {
            ForkStrategy s = nextFork;
            nextFork = null;
            return s;
        }
        return perProcess.getOrDefault(p.pid(), config.strategy());
    }

    // =================================================================== fork

    @Override
    public long fork(SyscallContext ctx) {
        MicroProcess parent = ctx.process();
        Cpu cpu = ctx.cpu();
        Core core = cpu.core();
        long t0 = core.cycles().cycles();
        ForkStrategy strategy = strategyOf(parent);
        if (strategy == ForkStrategy.COPY_ON_POINTER_ACCESS && !copaSupported) {
            kernel.log("fork: CoPA needs TCR_EL1.HWU061/HWU062 (LC) enabled; falling back is not silent: ENOSYS");
            return Errno.ENOSYS.neg();
        }
        ProcessLayout layout = parent.layout();
        long base = kernel.reserveRegion(layout, config.aslr() ? aslr : null);
        if (base < 0) {
            return Errno.ENOMEM.neg();
        }
        AddressSpace space = kernel.addressSpace();
        PageTables tables = space.tables();
        long writes0 = tables.descriptorWrites();
        int pid = kernel.newPid();
        Region src = new Region(parent.base(), parent.size());
        Region dst = new Region(base, parent.size());
        Relocator rel = new Relocator(src, dst);
        ForkStats st = new ForkStats(parent.pid(), pid, strategy, base, kernel.machine().config().clockHz());
        ForkCosts fc = config.costs();
        core.cycles().add(fc.processCreate());
        // the artifact aliases the slot's kernel image (everything below _start_app_copy) into the child here
        core.cycles().add(fc.imageAliasCycles());

        // ---- the child's kernel state: capabilities derived for its region, fd table, heap and mmap bookkeeping
        Capability region = rel.relocate(parent.region()).capability();
        Capability pcc = rel.relocate(parent.pcc()).capability();
        Capability cid = Loader.withPerms(Capability.root(), Perm.GLOBAL | Perm.COMPARTMENT_ID).setValue(pid).setBoundsExact(1);
        var fds = parent.fds().copy();
        core.cycles().add(fc.perDescriptor() * fds.openCount());
        parent.code().retain();
        MicroProcess child = new MicroProcess(pid, parent.pid(), parent.image(), layout, base, region, pcc, cid, fds, parent.code());
        child.setLinked(parent.image().link(Loader.sectionAddresses(layout, base)), rel.relocate(parent.syscallTable()).capability());
        child.setHeapEnd(parent.heapEnd() + rel.delta());
        child.mmapPages().or(parent.mmapPages());

        // ---- memory: walk the parent's PTEs
        GuestThread pt = ctx.thread();
        List<Segment> segs = parent.segments();
        long gotStart = parent.segment("got").start();
        long gotEnd = parent.segment("got").end();
        long allocatorPage = parent.segment("heap").start();
        long tlsPage = (parent.segment("tls").start() + (long) pt.slot() * Prelude.TLS_SIZE) & ~0xFFFL;
        List<Long> ownerPtesChanged = new ArrayList<>();
        long zero = kernel.frames().zeroFrame();
        for (Mapping m : space.mappings(parent.base(), parent.size())) {
            core.cycles().add(fc.perPteVisited());
            long va = m.va();
            long cva = va + rel.delta();
            Segment seg = segmentOf(segs, va);
            if (seg != null && seg.kind() == Segment.Kind.CODE) {
                space.mapFrame(cva, m.pa(), m.attributes());
                st.sharedCode();
            } else if (m.pa() == zero) {
                // never written: nothing of the parent's to share or relocate
                if (strategy == ForkStrategy.FULL_COPY) {
                    // the full copy commits the child's whole region (each artifact slot has its own memory), copying nothing
                    space.mapFrame(cva, kernel.frames().allocateFrame(), AddressSpace.populatedAttributes(m.attributes()));
                    st.committedZero();
                } else {
                    space.mapFrame(cva, zero, m.attributes()); // demand-zero in the child too: its first write gets a frame
                    st.sharedZero();
                }
            } else if (Long.compareUnsigned(va - gotStart, gotEnd - gotStart) < 0) {
                eagerCopy(core, m, cva, dst, CopyCause.EAGER_GOT, st);
            } else if (va == allocatorPage) {
                eagerCopy(core, m, cva, dst, CopyCause.EAGER_ALLOCATOR, st);
            } else if (va == tlsPage) {
                eagerCopy(core, m, cva, dst, CopyCause.EAGER_TLS, st);
            } else if (strategy == ForkStrategy.FULL_COPY) {
                eagerCopy(core, m, cva, dst, CopyCause.EAGER_FULL_COPY, st);
            } else {
                core.cycles().add(fc.perPageShared());
                share(m, child, cva, strategy, st, ownerPtesChanged);
            }
        }
        st.tlbi(invalidate(ownerPtesChanged), false);

        // ---- the child's thread: registers relocated, X0 = 0, PID in CID_EL0
        ThreadContext live = new ThreadContext();
        live.save(cpu);
        ThreadContext regs = new ThreadContext();
        int moved = 0;
        for (int i = 0; i < 32; i++) {
            Relocator.Result r = rel.relocate(live.c(i));
            moved += r.outcome() == Relocator.Outcome.RELOCATED ? 1 : 0;
            regs.setC(i, r.capability());
        }
        regs.setC(0, Capability.ofInteger(0));
        long resume;
        if (parent.inRegion(cpu.pc(), 4)) {
            resume = cpu.pc() + 4 + rel.delta(); // trap personality: after the svc in the guest's wrapper
        } else {
            resume = (regs.c(30).value() & ~1L); // sentry personality: the stub's `ret c30`
        }
        regs.setPcc(child.pcc().setValue(resume));
        Relocator.Result tp = rel.relocate(live.ctpidr());
        Relocator.Result ddc = rel.relocate(live.ddc());
        moved += (tp.outcome() == Relocator.Outcome.RELOCATED ? 1 : 0) + (ddc.outcome() == Relocator.Outcome.RELOCATED ? 1 : 0) + 1;
        regs.setCtpidr(tp.capability());
        regs.setDdc(ddc.capability());
        regs.setCid(child.cid());
        regs.setNzcv(live.nzcv());
        core.cycles().add(fc.perRegister() * 35 + fc.threadCreate());
        st.registers(moved);
        kernel.adopt(child, parent);
        GuestThread ct = kernel.startThread(child, pt.slot(), regs, core.cycles().cycles());
        long childTls = tlsPage + rel.delta() + ((parent.segment("tls").start() + (long) pt.slot() * Prelude.TLS_SIZE) & 0xFFF);
        kernel.machine().memory().write64(space.paOf(childTls + Prelude.TLS_TID), ct.tid());
        core.cycles().add(kernel.machine().config().costs().get(Cost.STORE));

        st.ptes(tables.descriptorWrites() - writes0, false);
        long latency = core.cycles().cycles() - t0 + entryCycles();
        st.finish(latency, pss(parent), pss(child));
        forks.add(st);
        kernel.log(String.format("fork pid %d -> pid %d (%s) at 0x%x: %.2f µs", parent.pid(), pid, strategy.shortName(), base,
                st.latencyMicros()));
        return pid;
    }

    /** Cycles of the system-call path outside the handler (entry, lock, dispatch, return) that fork's caller also waits for. */
    private long entryCycles() {
        var k = kernel.config().costs();
        long common = k.lockAcquire() + k.handlerBase();
        if (kernel.config().personality() == Personality.TRAP) {
            return common + k.trapEntry() + k.trapReturn() + kernel.machine().config().costs().get(Cost.FAULT_RETURN)
                    + kernel.machine().config().costs().get(Cost.FAULT_ENTRY);
        }
        return common + k.sentryEntry();
    }

    private static Segment segmentOf(List<Segment> segs, long va) {
        for (Segment s : segs) {
            if (s.contains(va)) {
                return s;
            }
        }
        return null;
    }

    /** The region the capabilities in the parent's page {@code va} refer to (a grandparent's if the parent only shares it). */
    private SharedFrame sharedAsSharer(long va) {
        SharedFrame f = sharing.atVa(va);
        return f != null && (f.owner() == null || f.ownerVa() != va) ? f : null;
    }

    private PageAttributes originalAttributes(Mapping m) {
        SharedFrame f = sharing.atVa(m.va());
        return f != null ? f.ownerAttributes() : m.attributes();
    }

    private void eagerCopy(Core core, Mapping m, long cva, Region dst, CopyCause cause, ForkStats st) {
        SharedFrame asSharer = sharedAsSharer(m.va());
        Region source = asSharer != null ? asSharer.source() : new Region(dst.base() - (cva - m.va()), dst.size());
        long pa = kernel.frames().allocateFrame();
        PageCopier.Copy c = copier.copy(core, m.pa(), pa, new Relocator(source, dst));
        kernel.addressSpace().mapFrame(cva, pa, originalAttributes(m));
        st.copied(cause, cva, c);
    }

    private void share(Mapping m, MicroProcess child, long cva, ForkStrategy strategy, ForkStats st, List<Long> ownerPtesChanged) {
        SharedFrame f = sharedAsSharer(m.va());
        if (f == null) {
            f = sharing.ownerEntry(m.pa(), sharingOwner(m.va()), m.va(), m.attributes());
        }
        sharing.addSharer(f, new Sharer(child, cva, strategy, st));
        kernel.addressSpace().mapFrame(cva, f.pa(), sharerAttributes(f.ownerAttributes(), strategy));
        st.shared();
        if (f.owner() != null) {
            PageAttributes want = ownerProtection(f);
            long d = kernel.addressSpace().tables().descriptor(f.ownerVa());
            if (PageAttributes.fromDescriptor(d).bits() != want.bits()) {
                kernel.addressSpace().tables().protect(f.ownerVa(), want);
                ownerPtesChanged.add(f.ownerVa());
            }
        }
    }

    private MicroProcess sharingOwner(long va) {
        for (MicroProcess p : kernel.processes()) {
            if (p.state() != MicroProcess.State.REAPED && p.inRegion(va, 1)) {
                return p;
            }
        }
        throw new IllegalStateException(String.format("no µprocess owns VA 0x%x", va));
    }

    private PageAttributes sharerAttributes(PageAttributes original, ForkStrategy s) {
        return s == ForkStrategy.COPY_ON_ACCESS ? original.withAf(false)
                : original.withAp(Descriptor.AP_RO_EL1).withLc(staleLc);
    }

    private static PageAttributes ownerProtection(SharedFrame f) {
        PageAttributes o = f.ownerAttributes();
        return f.anyCopyOnAccess() ? o.withAf(false) : o.withAp(Descriptor.AP_RO_EL1);
    }

    /** Broadcast invalidation of {@code vas} (a whole flush above the threshold); returns the TLBIs issued. */
    private long invalidate(List<Long> vas) {
        if (vas.isEmpty()) {
            return 0;
        }
        if (vas.size() > TLBI_ALL_THRESHOLD) {
            for (Core c : kernel.machine().cores()) {
                c.mmu().tlbiAll();
            }
            return 1;
        }
        for (long va : vas) {
            broadcastTlbi(va);
        }
        return vas.size();
    }

    private void broadcastTlbi(long va) {
        for (Core c : kernel.machine().cores()) {
            c.mmu().tlbiVaAllAsids(va);
        }
    }

    // =================================================================== faults

    @Override
    public boolean resolveFault(Core core, ArchitecturalFault f) {
        if (f.isPhysical()) {
            return false;
        }
        FaultKind k = f.kind();
        if (k != FaultKind.ACCESS_FLAG && k != FaultKind.PERMISSION && k != FaultKind.CAP_PAGE_PERMISSION) {
            return false;
        }
        if (k == FaultKind.PERMISSION && f.access() != null && !f.access().isWrite()) {
            return false; // a read or fetch the page never allowed: not ours
        }
        long va = f.va() & ~0xFFFL;
        SharedFrame sf = sharing.atVa(va);
        if (sf == null) {
            return false;
        }
        kernel.addressSpace().chargeTo(core);
        long c0 = core.cycles().cycles();
        if (sf.owner() != null && sf.ownerVa() == va) {
            if (k == FaultKind.CAP_PAGE_PERMISSION && !f.wnr()) {
                return false; // the owner's capability loads never trap (LC = 01)
            }
            CopyCause cause = k == FaultKind.ACCESS_FLAG ? CopyCause.PARENT_ACCESS : CopyCause.PARENT_WRITE;
            List<Sharer> all = List.copyOf(sf.sharers());
            for (Sharer s : all) {
                copyFor(core, sf, s, cause);
            }
            if (k == FaultKind.ACCESS_FLAG) {
                copyOnAccessHandlerExit(core);
            }
            long spent = core.cycles().cycles() - c0;
            for (Sharer s : all) {
                s.stats().fault(k, spent / all.size());
            }
            return true;
        }
        Sharer s = sf.sharers().stream().filter(x -> x.va() == va).findFirst().orElse(null);
        if (s == null) {
            return false;
        }
        CopyCause cause = switch (k) {
            case ACCESS_FLAG -> CopyCause.CHILD_ACCESS;
            case PERMISSION -> CopyCause.CHILD_WRITE;
            default -> f.wnr() ? CopyCause.CHILD_WRITE : CopyCause.CHILD_CAP_LOAD;
        };
        copyFor(core, sf, s, cause);
        if (k == FaultKind.ACCESS_FLAG) {
            copyOnAccessHandlerExit(core);
        }
        s.stats().fault(k, core.cycles().cycles() - c0);
        return true;
    }

    /**
     * What the artifact's copy-on-access handler does beyond the copy (ufork-paper.md §3.4, {@code sfork.c} built with
     * CONFIG_LIBSASSYFORK_COA): it runs on an alternate translation table (TTBR0_EL1 switched there and back, each an
     * MSR and an ISB) and ends with {@code ukarch_tlb_flush}: a broadcast {@code tlbi vmalle1is} and two local
     * {@code tlbi vmalle1}, each with its barriers, so every core refills its TLB afterwards. Emulated: the two switches
     * charged as system-register writes and barriers, the flushes done (the broadcast one on every core).
     */
    private void copyOnAccessHandlerExit(Core core) {
        var costs = kernel.machine().config().costs();
        core.cycles().add(2 * (costs.get(Cost.INSN_SYSTEM_REGISTER) + costs.get(Cost.INSN_SYSTEM)));
        for (Core c : kernel.machine().cores()) {
            c.mmu().tlbiAll();
        }
        core.mmu().tlbiAll();
        core.mmu().tlbiAll();
    }

    /** Gives sharer {@code s} its own relocated copy of {@code sf}'s frame. */
    private void copyFor(Core core, SharedFrame sf, Sharer s, CopyCause cause) {
        AddressSpace space = kernel.addressSpace();
        PageTables tables = space.tables();
        long w0 = tables.descriptorWrites();
        // the sharer's PTE stays invalid while the copy is made (no one can see a half-relocated page)
        tables.unmap(s.va());
        broadcastTlbi(s.va());
        long pa = kernel.frames().allocateFrame();
        PageCopier.Copy c = copier.copy(core, sf.pa(), pa, new Relocator(sf.source(), new Region(s.process().base(), s.process().size())));
        tables.map(s.va(), pa, sf.ownerAttributes());
        sharing.removeSharer(sf, s.va());
        long tlbis = 1 + afterSharerLeft(sf);
        s.stats().copied(cause, s.va(), c);
        s.stats().ptes(tables.descriptorWrites() - w0, true);
        s.stats().tlbi(tlbis, true);
    }

    /** Restores the owner's page when nobody shares it any more (or frees an ownerless frame); returns TLBIs issued. */
    private long afterSharerLeft(SharedFrame sf) {
        PageTables tables = kernel.addressSpace().tables();
        if (sf.sharers().isEmpty()) {
            if (sf.owner() == null) {
                kernel.frames().free(sf.pa());
                return 0;
            }
            tables.protect(sf.ownerVa(), sf.ownerAttributes());
            broadcastTlbi(sf.ownerVa());
            return 1;
        }
        if (sf.owner() != null) {
            PageAttributes want = ownerProtection(sf);
            if (PageAttributes.fromDescriptor(tables.descriptor(sf.ownerVa())).bits() != want.bits()) {
                tables.protect(sf.ownerVa(), want);
                broadcastTlbi(sf.ownerVa());
                return 1;
            }
        }
        return 0;
    }

    // =================================================================== reaping

    @Override
    public void beforeUnload(MicroProcess p) {
        ForkStats own = statsOf(p);
        if (own != null) {
            own.reaped(pss(p), plainPss(p)); // its final memory, while its pages are still mapped
        }
        PageTables tables = kernel.addressSpace().tables();
        for (SharedFrame f : sharing.involving(p)) {
            if (f.owner() == p) {
                tables.unmap(f.ownerVa());
                broadcastTlbi(f.ownerVa());
                sharing.orphan(f);
            }
            for (Sharer s : List.copyOf(f.sharers())) {
                if (s.process() == p) {
                    tables.unmap(s.va());
                    broadcastTlbi(s.va());
                    sharing.removeSharer(f, s.va());
                    afterSharerLeft(f);
                }
            }
        }
        perProcess.remove(p.pid());
    }

    // =================================================================== accounting

    /**
     * Proportional set size of {@code p} in bytes with shares by ownership ({@link ForkService#pss}): its own frames
     * count 4 KiB; a shared frame counts 4 KiB for its owner (the µprocess whose region it belongs to) and nothing for
     * the sharers that borrow it until they copy; a frame whose owner was reaped is split between its sharers;
     * shared code is split between its users; the zero frame counts nothing.
     */
    @Override
    public long pss(MicroProcess p) {
        return pss(p, true);
    }

    @Override
    public long plainPss(MicroProcess p) {
        return pss(p, false);
    }

    private long pss(MicroProcess p, boolean byOwnership) {
        if (p.state() == MicroProcess.State.REAPED) {
            return 0;
        }
        Set<Long> code = new HashSet<>();
        for (long f : p.code().frames()) {
            code.add(f);
        }
        double bytes = 0;
        for (Mapping m : kernel.addressSpace().mappings(p.base(), p.size())) {
            if (kernel.frames().isZeroFrame(m.pa())) {
                continue;
            }
            if (code.contains(m.pa())) {
                bytes += 4096.0 / Math.max(1, p.code().users());
                continue;
            }
            SharedFrame f = sharing.ofFrame(m.pa());
            if (f == null) {
                bytes += 4096.0;
            } else if (!byOwnership || f.owner() == null) {
                bytes += 4096.0 / Math.max(1, f.mappers());
            } else if (f.owner() == p) {
                bytes += 4096.0;
            }
        }
        return Math.round(bytes);
    }

    @Override
    public String toString() {
        return String.format("μFork(%s%s, %d forks, %d shared frames)", config.strategy().shortName(),
                config.aslr() ? ", ASLR seed " + config.aslrSeed() : "", forks.size(), sharing.size());
    }
}
