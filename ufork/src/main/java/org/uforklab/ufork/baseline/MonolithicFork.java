package org.uforklab.ufork.baseline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.uforklab.machine.Core;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.Perm;
import org.uforklab.machine.cpu.Cpu;
import org.uforklab.machine.fault.ArchitecturalFault;
import org.uforklab.machine.fault.FaultKind;
import org.uforklab.machine.mmu.Descriptor;
import org.uforklab.machine.mmu.Mapping;
import org.uforklab.machine.mmu.PageAttributes;
import org.uforklab.machine.time.Cost;
import org.uforklab.sasos.AddressSpaceModel;
import org.uforklab.sasos.Kernel;
import org.uforklab.ufork.ForkService;
import org.uforklab.sasos.Personality;
import org.uforklab.sasos.image.Prelude;
import org.uforklab.sasos.mm.AddressSpace;
import org.uforklab.sasos.proc.GuestThread;
import org.uforklab.sasos.proc.Loader;
import org.uforklab.sasos.proc.MicroProcess;
import org.uforklab.sasos.proc.ThreadContext;
import org.uforklab.sasos.syscall.Errno;
import org.uforklab.sasos.syscall.SyscallContext;
import org.uforklab.ufork.CopyCause;
import org.uforklab.ufork.ForkStats;
import org.uforklab.ufork.ForkStrategy;

/**
 * The monolithic-OS fork baseline, standing for CheriBSD, running the same guest binaries as μFork: installed on
 * a kernel with {@link AddressSpaceModel#PER_PROCESS} address spaces and the {@link Personality#TRAP} personality
 * (system calls by SVC). Emulated on the machine and charged through its cost model, like μFork. Per fork:
 * <ol>
 *   <li>a new address space for the child: its own translation tables and ASID, the kernel's mappings shared;</li>
 *   <li>the parent's page table is copied over its region (a PTE visited and one written per page): code and
 *       rodata map the parent's frames as they are; every other page maps the parent's frame read-only in both
 *       trees (classic copy-on-write: the parent's writable PTEs are write-protected, then one TLBI ASIDE1IS
 *       for the parent's ASID, as Linux's {@code dup_mmap} ends in {@code flush_tlb_mm});</li>
 *   <li>the fd table is duplicated (shared open file descriptions, as POSIX and μFork);</li>
 *   <li>the child's thread gets the parent's registers unchanged (the child's addresses are the parent's, so
 *       there is nothing to relocate), X0 = 0, its PID in CID_EL0, and resumes after the {@code svc};</li>
 *   <li>the kernel writes the child's thread id into its TLS block (this kernel's ABI, as for μFork), which
 *       breaks copy-on-write on that one page at fork ({@link CopyCause#EAGER_TLS}).</li>
 * </ol>
 * A write to a copy-on-write page (a permission fault; during a system call the kernel's user-memory access
 * retries after it) gives the writer its own copy: the PTE is made invalid and its TLB entry invalidated
 * (break-before-make), a fresh frame receives the page with its tags (the machine's tag-preserving page copy; no
 * tag scan, no relocation), and the writer maps it with the page's original attributes. The last process still
 * mapping a frame just gets write permission back (no copy). Nothing distinguishes parent and child: whoever
 * writes first copies.
 *
 * <p>Latency is measured as for μFork: the parent's core cycles from the handler's entry to its return plus the
 * fixed system-call path (trap entry and return, lock, dispatch). Its software costs are {@link MonolithicCosts}:
 * process, vmspace and thread creation, and the copy-on-write bookkeeping of every resident page. Untouched
 * demand-zero memory has no PTE in its address spaces (a read maps the zero frame, a write a frame of its own), as in
 * a monolithic kernel where a vm_map entry stands for it.
 */
public final class MonolithicFork implements ForkService {

    /** A copy-on-write page of one process: its original attributes, and the fork whose sharing created it. */
    private record CowPage(PageAttributes original, ForkStats fork) {
    }

    private final Kernel kernel;
    private final MonolithicCosts costs;
    private final List<ForkStats> forks = new ArrayList<>();
    /** Per process: its copy-on-write pages by VA. */
    private final Map<MicroProcess, Map<Long, CowPage>> cow = new HashMap<>();
    /** Per copy-on-write frame: how many address spaces map it. */
    private final Map<Long, Integer> mappers = new HashMap<>();

    private MonolithicFork(Kernel kernel, MonolithicCosts costs) {
        if (kernel.config().addressSpaces() != AddressSpaceModel.PER_PROCESS) {
            throw new IllegalArgumentException("the monolithic baseline needs one address space per process: boot with "
                    + "KernelConfig.withAddressSpaces(AddressSpaceModel.PER_PROCESS)");
        }
        if (kernel.config().personality() != Personality.TRAP) {
            throw new IllegalArgumentException("the monolithic baseline takes system calls by SVC: boot with "
                    + "KernelConfig.withPersonality(Personality.TRAP)");
        }
        this.kernel = kernel;
        this.costs = costs;
    }

    /** Installs the baseline with its calibrated software costs ({@link MonolithicCosts#defaults()}). */
    public static MonolithicFork install(Kernel kernel) {
        return install(kernel, MonolithicCosts.defaults());
    }

    /** Installs the baseline on {@code kernel} (per-process address spaces, trap personality). */
    public static MonolithicFork install(Kernel kernel, MonolithicCosts costs) {
        MonolithicFork m = new MonolithicFork(Objects.requireNonNull(kernel), Objects.requireNonNull(costs));
        kernel.install(m);
        return m;
    }

    /** The kernel configuration a monolithic baseline needs: μFork's defaults with per-process spaces and SVC. */
    public static org.uforklab.sasos.KernelConfig kernelConfig() {
        return org.uforklab.sasos.KernelConfig.defaults().withAddressSpaces(AddressSpaceModel.PER_PROCESS)
                .withPersonality(Personality.TRAP);
    }

    /** The kernel. */
    @Override
    public Kernel kernel() {
        return kernel;
    }

    /** The software costs it charges. */
    public MonolithicCosts costs() {
        return costs;
    }

    /** Statistics of every fork so far, in order (strategy {@link ForkStrategy#MONOLITHIC_COW}). */
    @Override
    public List<ForkStats> forks() {
        return List.copyOf(forks);
    }

    /** Frames currently shared copy-on-write, with the number of address spaces mapping each (PA order). */
    public Map<Long, Integer> sharedFrames() {
        return new LinkedHashMap<>(new java.util.TreeMap<>(mappers));
    }

    /** Whether {@code p}'s page at {@code va} is copy-on-write (mapped read-only, copied on the next write). */
    public boolean isCopyOnWrite(MicroProcess p, long va) {
        return cow.getOrDefault(p, Map.of()).containsKey(va & ~0xFFFL);
    }

    // =================================================================== fork

    @Override
    public long fork(SyscallContext ctx) {
        MicroProcess parent = ctx.process();
        Cpu cpu = ctx.cpu();
        Core core = cpu.core();
        long t0 = core.cycles().cycles();
        if (!parent.inRegion(cpu.pc(), 4)) {
            return Errno.ENOSYS.neg(); // not entered by the guest's svc wrapper
        }
        AddressSpace ps = kernel.spaceOf(parent);
        ps.chargeTo(core);
        long parentWrites0 = ps.tables().descriptorWrites();
        AddressSpace cs;
        try {
            cs = kernel.newAddressSpace(core);
        } catch (IllegalStateException e) {
            return Errno.EAGAIN.neg(); // out of ASIDs
        }
        core.cycles().add(costs.processCreate() + costs.vmspaceCreate());
        int pid = kernel.newPid();
        ForkStats st = new ForkStats(parent.pid(), pid, ForkStrategy.MONOLITHIC_COW, parent.base(), kernel.machine().config().clockHz());

        // ---- the child's kernel state: the parent's, at the same addresses, in its own address space
        Capability cid = Loader.withPerms(Capability.root(), Perm.GLOBAL | Perm.COMPARTMENT_ID).setValue(pid).setBoundsExact(1);
        var fds = parent.fds().copy();
        core.cycles().add(costs.perDescriptor() * fds.openCount());
        parent.code().retain();
        MicroProcess child = new MicroProcess(pid, parent.pid(), parent.image(), parent.layout(), parent.base(), parent.region(),
                parent.pcc(), cid, fds, parent.code());
        child.setLinked(parent.linked(), parent.syscallTable());
        child.setHeapEnd(parent.heapEnd());
        child.mmapPages().or(parent.mmapPages());
        child.setAddressSpace(cs);
        kernel.shareRegion(parent.base());

        // ---- copy the page table: code shared as is, everything else copy-on-write in both trees
        Set<Long> code = new HashSet<>();
        for (long f : parent.code().frames()) {
            code.add(f);
        }
        Map<Long, CowPage> parentCow = cow.computeIfAbsent(parent, p -> new HashMap<>());
        Map<Long, CowPage> childCow = cow.computeIfAbsent(child, p -> new HashMap<>());
        boolean parentProtected = false;
        for (Mapping m : ps.mappings(parent.base(), parent.size())) {
            core.cycles().add(costs.perPteVisited());
            long va = m.va();
            if (code.contains(m.pa())) {
                cs.mapFrame(va, m.pa(), m.attributes());
                st.sharedCode();
                continue;
            }
            if (kernel.frames().isZeroFrame(m.pa())) {
                cs.mapFrame(va, m.pa(), m.attributes()); // read but never written: the zero page, in both
                st.sharedZero();
                continue;
            }
            core.cycles().add(costs.perPageCopyOnWrite());
            CowPage pe = parentCow.get(va);
            PageAttributes original = pe != null ? pe.original() : m.attributes();
            if (pe == null) {
                parentCow.put(va, new CowPage(original, st));
                mappers.put(m.pa(), 1);
            }
            PageAttributes ro = readOnly(original);
            if (m.attributes().bits() != ro.bits()) {
                ps.protect(va, ro);
                parentProtected = true;
            }
            cs.mapFrame(va, m.pa(), ro);
            childCow.put(va, new CowPage(original, st));
            mappers.merge(m.pa(), 1, Integer::sum);
            st.shared();
        }
        if (parentProtected) {
            ps.invalidateAll(); // TLBI ASIDE1IS: the parent's cached writable translations are gone on every core
            st.tlbi(1, false);
        }

        // ---- the child's thread: the parent's registers as they are, X0 = 0, resuming after the svc
        ThreadContext live = new ThreadContext();
        live.save(cpu);
        ThreadContext regs = new ThreadContext();
        for (int i = 0; i < 32; i++) {
            regs.setC(i, live.c(i));
        }
        regs.setC(0, Capability.ofInteger(0));
        regs.setPcc(live.pcc().setValue(cpu.pc() + 4));
        regs.setCtpidr(live.ctpidr());
        regs.setDdc(live.ddc());
        regs.setCid(child.cid());
        regs.setNzcv(live.nzcv());
        core.cycles().add(costs.perRegister() * 35 + costs.threadCreate());
        kernel.adopt(child, parent);
        GuestThread pt = ctx.thread();
        GuestThread ct = kernel.startThread(child, pt.slot(), regs, core.cycles().cycles());
        long tls = parent.segment("tls").start() + (long) pt.slot() * Prelude.TLS_SIZE;
        if (childCow.containsKey(tls & ~0xFFFL)) {
            copyOnWrite(core, child, tls & ~0xFFFL, CopyCause.EAGER_TLS);
        }
        kernel.machine().memory().write64(cs.paOf(tls + Prelude.TLS_TID), ct.tid());
        core.cycles().add(kernel.machine().config().costs().get(Cost.STORE));

        st.ptes(ps.tables().descriptorWrites() - parentWrites0 + cs.tables().descriptorWrites(), false);
        long latency = core.cycles().cycles() - t0 + entryCycles();
        st.finish(latency, pss(parent), pss(child));
        forks.add(st);
        kernel.log(String.format("fork pid %d -> pid %d (%s, ASID %d) at 0x%x: %.2f µs", parent.pid(), pid,
                ForkStrategy.MONOLITHIC_COW.shortName(), cs.asid(), parent.base(), st.latencyMicros()));
        return pid;
    }

    /** The system-call path outside the handler that fork's caller also waits for: SVC entry and return, lock, dispatch. */
    private long entryCycles() {
        var k = kernel.config().costs();
        var m = kernel.machine().config().costs();
        return k.lockAcquire() + k.handlerBase() + k.trapEntry() + k.trapReturn() + m.get(Cost.FAULT_RETURN) + m.get(Cost.FAULT_ENTRY);
    }

    private static boolean writable(PageAttributes a) {
        return a.ap() == Descriptor.AP_RW_EL1 || a.ap() == Descriptor.AP_RW_ALL;
    }

    private static PageAttributes readOnly(PageAttributes a) {
        return switch (a.ap()) {
            case Descriptor.AP_RW_EL1 -> a.withAp(Descriptor.AP_RO_EL1);
            case Descriptor.AP_RW_ALL -> a.withAp(Descriptor.AP_RO_ALL);
            default -> a;
        };
    }

    // =================================================================== copy on write

    @Override
    public boolean resolveFault(Core core, ArchitecturalFault f) {
        if (f.isPhysical() || f.kind() != FaultKind.PERMISSION || f.access() == null || !f.access().isWrite()) {
            return false;
        }
        GuestThread t = kernel.scheduler().current(core.id());
        if (t == null) {
            return false;
        }
        MicroProcess p = t.process();
        long va = f.va() & ~0xFFFL;
        CowPage e = cow.getOrDefault(p, Map.of()).get(va);
        if (e == null || !writable(e.original())) {
            return false; // a write the page never allowed (the GOT, code): the guest's fault
        }
        long c0 = core.cycles().cycles();
        boolean copied = copyOnWrite(core, p, va, e.fork().childPid() == p.pid() ? CopyCause.CHILD_WRITE : CopyCause.PARENT_WRITE);
        e.fork().fault(FaultKind.PERMISSION, core.cycles().cycles() - c0);
        if (!copied) {
            kernel.log(String.format("pid %d: last mapper of 0x%x, write permission restored without a copy", p.pid(), va));
        }
        return true;
    }

    /**
     * Ends copy-on-write for {@code p}'s page {@code va}: a private copy (with tags) when others still map the frame,
     * else the frame itself made writable again. Returns whether a page was copied.
     */
    private boolean copyOnWrite(Core core, MicroProcess p, long va, CopyCause cause) {
        CowPage e = cow.get(p).remove(va);
        AddressSpace as = kernel.spaceOf(p);
        as.chargeTo(core);
        long w0 = as.tables().descriptorWrites();
        long pa = as.lookup(va).orElseThrow().pa();
        int n = mappers.remove(pa);
        ForkStats st = e.fork();
        boolean copy = n > 1;
        if (copy) {
            mappers.put(pa, n - 1);
            as.tables().unmap(va); // break-before-make: no core may see the old frame writable
            as.invalidate(va);
            long fresh = kernel.frames().allocateFrame();
            core.access().copyPagePhysical(pa, fresh);
            as.mapFrame(va, fresh, e.original());
            st.copiedPreservingTags(cause, va);
        } else {
            as.protect(va, e.original());
            as.invalidate(va);
        }
        st.ptes(as.tables().descriptorWrites() - w0, !cause.eager());
        st.tlbi(1, !cause.eager());
        return copy;
    }

    // =================================================================== reaping

    @Override
    public void beforeUnload(MicroProcess p) {
        forkOf(p.pid()).ifPresent(f -> f.reaped(pss(p), plainPss(p))); // its final memory, while its pages are still mapped
        Map<Long, CowPage> mine = cow.remove(p);
        if (mine == null) {
            return;
        }
        AddressSpace as = kernel.spaceOf(p);
        for (long va : mine.keySet()) {
            long pa = as.lookup(va).orElseThrow().pa();
            int n = mappers.remove(pa);
            if (n > 1) {
                // others still map the frame: drop only this mapping (the whole ASID is invalidated when the space goes)
                as.tables().unmap(va);
                mappers.put(pa, n - 1);
            }
            // the last mapper leaves the page mapped: the loader frees the frame with the region
        }
    }

    // =================================================================== accounting

    /**
     * Proportional set size of {@code p} in bytes: each page mapped in its address space counts 4 KiB divided by
     * the number of processes mapping its frame (shared code users, or the copy-on-write sharers, who own a
     * copy-on-write frame jointly); the zero frame counts nothing. With joint ownership this is both the
     * ownership-share PSS of {@link ForkService#pss} and the plain one.
     */
    @Override
    public long pss(MicroProcess p) {
        return plainPss(p);
    }

    @Override
    public long plainPss(MicroProcess p) {
        if (p.state() == MicroProcess.State.REAPED) {
            return 0;
        }
        Set<Long> code = new HashSet<>();
        for (long f : p.code().frames()) {
            code.add(f);
        }
        Map<Long, CowPage> mine = cow.getOrDefault(p, Map.of());
        double bytes = 0;
        for (Mapping m : kernel.spaceOf(p).mappings(p.base(), p.size())) {
            if (kernel.frames().isZeroFrame(m.pa())) {
                continue;
            }
            if (code.contains(m.pa())) {
                bytes += 4096.0 / Math.max(1, p.code().users());
            } else if (mine.containsKey(m.va())) {
                bytes += 4096.0 / Math.max(1, mappers.getOrDefault(m.pa(), 1));
            } else {
                bytes += 4096.0;
            }
        }
        return Math.round(bytes);
    }

    @Override
    public String toString() {
        return String.format("MonolithicFork(%s, %d forks, %d frames shared copy-on-write)", ForkStrategy.MONOLITHIC_COW.shortName(),
                forks.size(), mappers.size());
    }
}
