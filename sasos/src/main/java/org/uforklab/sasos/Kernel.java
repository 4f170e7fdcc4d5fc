package org.uforklab.sasos;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.uforklab.machine.Machine;
import org.uforklab.machine.asm.AsmException;
import org.uforklab.machine.asm.Assembler;
import org.uforklab.machine.asm.AssemblyErrors;
import org.uforklab.machine.asm.LinkedImage;
import org.uforklab.machine.asm.Linker;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.ObjectType;
import org.uforklab.machine.cap.Perm;
import org.uforklab.machine.cpu.Cpu;
import org.uforklab.machine.cpu.ExceptionClass;
import org.uforklab.machine.cpu.ExceptionRecord;
import org.uforklab.machine.cpu.Resolution;
import org.uforklab.machine.fault.ArchitecturalFault;
import org.uforklab.machine.isa.Decoder;
import org.uforklab.machine.isa.Encoder;
import org.uforklab.machine.isa.Instruction;
import org.uforklab.machine.mem.MemoryRegion;
import org.uforklab.machine.mmu.PageAttributes;
import org.uforklab.machine.mmu.SystemRegisters;
import org.uforklab.machine.stats.Counter;
import org.uforklab.machine.stats.Stats;
import org.uforklab.machine.time.Cost;
import org.uforklab.sasos.fault.FaultReport;
import org.uforklab.sasos.fs.Console;
import org.uforklab.sasos.fs.FdTable;
import org.uforklab.sasos.fs.OpenFile;
import org.uforklab.sasos.fs.Pipe;
import org.uforklab.sasos.fs.RamFs;
import org.uforklab.sasos.image.GuestImage;
import org.uforklab.sasos.image.Prelude;
import org.uforklab.sasos.mm.AddressSpace;
import org.uforklab.sasos.mm.AsidAllocator;
import org.uforklab.sasos.mm.FrameAllocator;
import org.uforklab.sasos.mm.KernelHeap;
import org.uforklab.sasos.mm.RegionAllocator;
import org.uforklab.sasos.mm.VirtualLayout;
import org.uforklab.sasos.natives.NativeAbort;
import org.uforklab.sasos.natives.NativeContext;
import org.uforklab.sasos.natives.NativeLibrary;
import org.uforklab.sasos.natives.Natives;
import org.uforklab.sasos.proc.GuestThread;
import org.uforklab.sasos.proc.LaunchOptions;
import org.uforklab.sasos.proc.Loader;
import org.uforklab.sasos.proc.MicroProcess;
import org.uforklab.sasos.proc.ProcessLayout;
import org.uforklab.sasos.proc.Segment;
import org.uforklab.sasos.proc.Signals;
import org.uforklab.sasos.proc.WaitStatus;
import org.uforklab.sasos.sched.BigKernelLock;
import org.uforklab.sasos.sched.Scheduler;
import org.uforklab.sasos.syscall.Errno;
import org.uforklab.sasos.syscall.Strace;
import org.uforklab.sasos.syscall.Sys;
import org.uforklab.sasos.syscall.SyscallContext;
import org.uforklab.sasos.syscall.SyscallHandler;
import org.uforklab.sasos.syscall.Syscalls;
import org.uforklab.sasos.syscall.UserMemory;

/**
 * The Unikraft-like single-address-space kernel on one {@link Machine}: kernel and µprocesses share one
 * address space at EL1 and guests are confined by capabilities. The kernel is Java acting on the machine;
 * guests are real machine code run by the interpreter. Entry points: {@link #boot}, {@link #launch},
 * {@link #run()}, {@link #process(int)}.
 */
public final class Kernel {
    /** Host-call immediates of the kernel entry stubs: {@code 0x100 + n} for system call n. */
    public static final int SYSCALL_HOST_CALL_BASE = 0x100;
    /** Host-call immediate of the thread-exit stub (a thread's entry returned). */
    public static final int THREAD_EXIT_HOST_CALL = 0x1FF;
    /** Bytes per kernel entry stub ({@code hlt; ret c30}). */
    public static final int STUB_BYTES = 8;

    private final KernelConfig config;
    private final Machine machine;
    private final Cpu[] cpus;
    private final List<BootReport.Step> steps = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final StringBuilder consoleInput = new StringBuilder();
    private final StringBuilder consoleOutput = new StringBuilder();
    private final Map<Integer, MicroProcess> processes = new TreeMap<>();
    private final Map<String, GuestImage> images = new LinkedHashMap<>();
    private final Stats stats;
    // slots of `hot`: the fixed counters, then one per system-call number, then one per native
    private static final int HOT_SENTRY = 0, HOT_TRAP = 1, HOT_SYSCALLS = 2, HOT_BKL_WAIT = 3, HOT_RESOLVED = 4, HOT_DEMAND_ZERO = 5,
            HOT_SYSCALL = 6,
            HOT_NATIVE = HOT_SYSCALL + Sys.TABLE_ENTRIES;
    /**
     * Counters of the per-system-call paths, looked up once and kept: {@link Stats#counter} validates and resolves its
     * path on every call, which cost more host time than the call itself when a guest busy-polls (Fig 6's coordinator).
     */
    private final Counter[] hot = new Counter[HOT_NATIVE + NativeLibrary.NAMES.size()];
    private FrameAllocator frames;
    private AddressSpace space;
    private KernelHeap heap;
    private Loader loader;
    private Scheduler scheduler;
    private final BigKernelLock bkl = new BigKernelLock();
    private RamFs fs;
    private SyscallHandler handler;
    private Strace strace;
    private UserMemory[] userMemory;
    private Capability[] sentries;
    private Capability kernelData;
    private BootReport bootReport;
    private RegionAllocator regions;
    private AsidAllocator asids;
    private final Map<Long, Integer> regionUsers = new java.util.HashMap<>();
    private KernelExtension extension = KernelExtension.NONE;
    private int nextPid = 1;
    private int nextTid = 1;
    private int nextPipe = 1;

    private Kernel(KernelConfig config) {
        this.config = config;
        this.machine = new Machine(config.machine());
        this.stats = machine.stats().scope("kernel");
        this.cpus = new Cpu[machine.cores().size()];
        for (int i = 0; i < cpus.length; i++) {
            cpus[i] = new Cpu(machine, i);
        }
    }

    /** Boots a kernel with the default configuration. */
    public static Kernel boot() {
        return boot(KernelConfig.defaults());
    }

    /** Builds a machine and boots the kernel on it, running the init levels in order. */
    public static Kernel boot(KernelConfig config) {
        Kernel k = new Kernel(config);
        k.initEarly();
        k.initPlat();
        k.initLib();
        k.initRootfs();
        k.initSys();
        k.initLate();
        return k;
    }

    // =================================================================== init levels

    private void step(InitLevel level, String what) {
        steps.add(new BootReport.Step(level, what));
    }

    private void initEarly() {
        step(InitLevel.EARLY, "console: output collected per µprocess and in the kernel console; input fed by the host");
        step(InitLevel.EARLY, "kernel log ready; " + machine.config());
    }

    private void initPlat() {
        List<MemoryRegion> dram = machine.config().physicalMap().regions();
        frames = new FrameAllocator(dram, machine.core(0).access());
        step(InitLevel.PLAT, "physical memory: " + dram.stream().map(MemoryRegion::toString).toList());
        space = new AddressSpace(machine, frames);
        frames.zeroFrame(); // taken at boot, so frame numbers do not depend on when the first heap is mapped
        long ttbr = space.tables().ttbr(0);
        for (Cpu c : cpus) {
            c.core().mmu().setTtbr0(ttbr);
            c.core().mmu().setSctlr(SystemRegisters.SCTLR_M);
        }
        step(InitLevel.PLAT, String.format("translation tables at PA 0x%x, shared by %d core(s); MMU on at EL1", space.tables().root(), cpus.length));
        asids = new AsidAllocator((machine.core(0).mmu().tcr() & org.uforklab.machine.mmu.Tcr.AS) != 0 ? 16 : 8);
        if (config.addressSpaces() == AddressSpaceModel.PER_PROCESS) {
            step(InitLevel.PLAT, "one address space per process: own tables and ASID, kernel mappings shared, TTBR0 switched by the scheduler");
        }
    }

    private void initLib() {
        space.mapFresh(VirtualLayout.KERNEL_HEAP, config.kernelHeapSize(), PageAttributes.kernelData());
        heap = new KernelHeap(VirtualLayout.KERNEL_HEAP, config.kernelHeapSize());
        step(InitLevel.LIB, "kernel heap: " + heap);
        installEntryStubs();
        step(InitLevel.LIB, String.format("kernel text at 0x%x: %d system-call entry stubs + thread-exit stub (%s personality)",
                VirtualLayout.KERNEL_TEXT, Sys.TABLE_ENTRIES, config.personality()));
        loader = new Loader(machine, space);
        scheduler = new Scheduler(cpus, config.costs().contextSwitch(), config.sliceCycles(), stats.counter("contextSwitches"));
        scheduler.onSwitchIn(this::switchIn);
        stats.counter("ttbrSwitches"); // present (at zero) in every kernel: one shared space never switches
        stats.counter("asidSwitches");
        for (Cpu c : cpus) {
            c.setExceptionHandler(this::trap);
        }
        step(InitLevel.LIB, "cooperative scheduler on " + cpus.length + " core(s), big kernel lock");
        kernelData = Loader.withPerms(Capability.root(), Loader.DATA_PERMS);
        userMemory = new UserMemory[cpus.length];
        for (int i = 0; i < cpus.length; i++) {
            userMemory[i] = new UserMemory(config.isolation(), cpus[i].core().access(), cpus[i].core().cycles(),
                    config.costs().argumentCheck(), heap, kernelData);
            final org.uforklab.machine.Core core = cpus[i].core();
            userMemory[i].setFaultResolver(f -> resolvePageFault(core, f));
        }
        regions = new RegionAllocator(VirtualLayout.PROCESS_AREA, VirtualLayout.PROCESS_AREA_END);
    }

    private void initRootfs() {
        fs = new RamFs();
        step(InitLevel.ROOTFS, "RAM file system mounted at /");
    }

    private void initSys() {
        handler = new Syscalls();
        if (config.strace()) {
            strace = new Strace(handler, null);
            handler = strace;
        }
        step(InitLevel.SYS, "system calls: " + Sys.values().length + " handlers, isolation " + config.isolation()
                + (config.strace() ? ", strace on" : ""));
    }

    private void initLate() {
        step(InitLevel.LATE, "ready to launch µprocesses at 0x" + Long.toHexString(VirtualLayout.PROCESS_AREA));
        List<BootReport.Region> regions = new ArrayList<>();
        for (MemoryRegion r : machine.config().physicalMap().regions()) {
            regions.add(new BootReport.Region("DRAM " + r.name(), -1, r.base(), r.size(), "frames for tables, kernel and µprocesses"));
        }
        regions.add(new BootReport.Region("page tables", -1, space.tables().root(), space.tables().tablesAllocated() * 4096,
                "translation tables (TTBR0 of every core)"));
        regions.add(new BootReport.Region("kernel text", VirtualLayout.KERNEL_TEXT, space.paOf(VirtualLayout.KERNEL_TEXT),
                VirtualLayout.pageUp((Sys.TABLE_ENTRIES + 1L) * STUB_BYTES), "system-call entry stubs (sentry targets)"));
        regions.add(new BootReport.Region("kernel heap", VirtualLayout.KERNEL_HEAP, -1, heap.size(), "bounce buffers, kernel objects"));
        regions.add(new BootReport.Region("µprocesses", VirtualLayout.PROCESS_AREA, -1,
                VirtualLayout.PROCESS_AREA_END - VirtualLayout.PROCESS_AREA, "one contiguous region per µprocess"));
        bootReport = new BootReport(List.copyOf(steps), List.copyOf(regions), machine.core(0).cycles().cycles());
    }

    private void installEntryStubs() {
        StringBuilder src = new StringBuilder(".text\n");
        for (int n = 0; n < Sys.TABLE_ENTRIES; n++) {
            src.append("sys_").append(n).append(": hlt #").append(SYSCALL_HOST_CALL_BASE + n).append("\n ret c30\n");
        }
        src.append("thread_exit: hlt #").append(THREAD_EXIT_HOST_CALL).append("\n .word 0\n");
        LinkedImage img;
        try {
            img = Linker.link(Assembler.assemble("kentry.s", src.toString(), new Encoder()), VirtualLayout.KERNEL_TEXT);
        } catch (AssemblyErrors | AsmException e) {
            throw new IllegalStateException("kernel entry stubs do not assemble: " + e.getMessage(), e);
        }
        byte[] bytes = img.section(".text").bytes();
        space.mapFresh(VirtualLayout.KERNEL_TEXT, bytes.length, PageAttributes.kernelData());
        for (int off = 0; off < bytes.length; off += 4096) {
            machine.memory().writeBytes(space.paOf(VirtualLayout.KERNEL_TEXT + off), bytes, off, Math.min(4096, bytes.length - off));
        }
        for (long va = VirtualLayout.KERNEL_TEXT; va < VirtualLayout.KERNEL_TEXT + bytes.length; va += 4096) {
            space.tables().protect(va, PageAttributes.kernelCode());
        }
        sentries = new Capability[Sys.TABLE_ENTRIES];
        Capability stubs = Loader.withPerms(Capability.root(), Perm.GLOBAL | Perm.EXECUTE | Perm.LOAD);
        for (int n = 0; n < Sys.TABLE_ENTRIES; n++) {
            long at = VirtualLayout.KERNEL_TEXT + (long) n * STUB_BYTES;
            sentries[n] = stubs.setValue(at).setBoundsExact(STUB_BYTES).setValue(at | 1).sealEntry(ObjectType.RB);
        }
    }

    private long threadExitStub() {
        return VirtualLayout.KERNEL_TEXT + (long) Sys.TABLE_ENTRIES * STUB_BYTES;
    }

    // =================================================================== launching

    /** Registers an image so guests can {@code spawn} it by name. */
    public Kernel register(GuestImage image) {
        images.put(image.name(), image);
        return this;
    }

    /** Launches a bundled guest with default options. */
    public MicroProcess launch(String bundledGuest) {
        return launch(GuestImage.bundled(bundledGuest), LaunchOptions.defaults());
    }

    /** Launches an image with default options. */
    public MicroProcess launch(GuestImage image) {
        return launch(image, LaunchOptions.defaults());
    }

    /** Loads {@code image} as a new µprocess (parent: the kernel) and makes its main thread runnable. */
    public MicroProcess launch(GuestImage image, LaunchOptions options) {
        register(image);
        return load(image, options, null, machine.core(0).cycles().cycles(), machine.core(0));
    }

    private MicroProcess load(GuestImage image, LaunchOptions options, MicroProcess parent, long now, org.uforklab.machine.Core charge) {
        ProcessLayout layout = ProcessLayout.of(image, options);
        long base = reserveRegion(layout, null);
        if (base < 0) {
            throw new IllegalStateException("µprocess area exhausted placing " + image.name());
        }
        int pid = nextPid++;
        Capability[] table = new Capability[Sys.TABLE_ENTRIES];
        for (int n = 0; n < Sys.TABLE_ENTRIES; n++) {
            table[n] = sentries[n];
        }
        AddressSpace as = config.addressSpaces() == AddressSpaceModel.PER_PROCESS ? newAddressSpace(charge) : space;
        as.chargeTo(charge);
        Loader.Loaded l;
        if (config.personality() == Personality.TRAP) {
            // entries are sentries to the image's own SVC wrappers (the guest's libc), linked in the region
            l = loader.load(as, image, layout, base, placeholderTable(), charge.cycles());
            for (int n = 0; n < Sys.TABLE_ENTRIES; n++) {
                long w = l.linked().address("__sys_trap_" + n);
                loader.writeCap(as, base + layout.segment("got").start() + 16L * n, l.pcc().setValue(w | 1).sealEntry(ObjectType.RB));
            }
        } else {
            l = loader.load(as, image, layout, base, table, charge.cycles());
        }
        Capability cid = Loader.withPerms(Capability.root(), Perm.GLOBAL | Perm.COMPARTMENT_ID).setValue(pid).setBoundsExact(1);
        FdTable fds = new FdTable();
        MicroProcess p = new MicroProcess(pid, parent == null ? 0 : parent.pid(), image, layout, base, l.region(), l.pcc(), cid, fds, l.code());
        p.setLinked(l.linked(), l.syscallTable());
        if (as != space) {
            p.setAddressSpace(as);
        }
        Console out = new Console("stdout", s -> consoleWrite(p, s), consoleInput);
        Console err = new Console("stderr", s -> consoleWrite(p, s), consoleInput);
        fds.install(new OpenFile(new Console("stdin", s -> consoleWrite(p, s), consoleInput)));
        fds.install(new OpenFile(out));
        fds.install(new OpenFile(err));
        processes.put(pid, p);
        if (parent != null) {
            parent.children().add(p);
        }
        createThread(p, l.linked().address("_start"), 0, now);
        log(String.format("launched pid %d '%s' at 0x%x (%s)", pid, image.name(), base, ProcessLayout.human(layout.size())));
        return p;
    }

    private Capability[] placeholderTable() {
        Capability[] t = new Capability[Sys.TABLE_ENTRIES];
        java.util.Arrays.fill(t, Capability.NULL);
        return t;
    }

    private void consoleWrite(MicroProcess p, String s) {
        p.appendConsole(s);
        consoleOutput.append(s);
    }

    /**
     * Creates a thread in {@code p} starting at {@code entry} with X0 = {@code arg}; returns its tid or -errno.
     * Its stack and TLS block are the first free slot's.
     */
    public long createThread(MicroProcess p, long entry, long arg, long now) {
        int slot = -1;
        for (int s = 0; s < p.layout().options().maxThreads(); s++) {
            final int sl = s;
            boolean busy = p.threads().stream().anyMatch(t -> t.slot() == sl && (t.state() != GuestThread.State.DEAD || !t.joined()));
            if (!busy) {
                slot = s;
                break;
            }
        }
        if (slot < 0) {
            return Errno.EAGAIN.neg();
        }
        GuestThread t = new GuestThread(nextTid++, p, slot);
        Segment stack = p.segment("stack" + slot);
        AddressSpace as = spaceOf(p);
        if (!as.isMapped(stack.start())) {
            as.mapFresh(stack.start(), stack.size(), PageAttributes.kernelData());
        }
        Segment tlsSeg = p.segment("tls");
        long tls = tlsSeg.start() + (long) slot * Prelude.TLS_SIZE;
        Capability heapCap = p.region().setValue(p.segment("heap").start()).setBounds(p.segment("heap").size());
        loader.writeCap(as, tls + Prelude.TLS_HEAP, heapCap);
        loader.writeCap(as, tls + Prelude.TLS_SYSCALLS, p.syscallTable());
        machine.memory().write64(as.paOf(tls + Prelude.TLS_TID), t.tid());
        var ctx = t.context();
        ctx.setC(0, Capability.ofInteger(arg));
        ctx.setC(31, p.region().setValue(stack.start()).setBoundsExact(stack.size()).setValue(stack.end()));
        ctx.setC(30, Loader.withPerms(Capability.root(), Perm.GLOBAL | Perm.EXECUTE | Perm.LOAD).setValue(threadExitStub())
                .setBoundsExact(STUB_BYTES).setValue(threadExitStub() | 1).sealEntry(ObjectType.RB));
        ctx.setPcc(p.pcc().setValue(entry));
        ctx.setCtpidr(p.region().setValue(tls).setBoundsExact(Prelude.TLS_SIZE));
        ctx.setCid(p.cid());
        p.threads().add(t);
        scheduler.place(t, now);
        return t.tid();
    }

    /** Starts a registered image as a child of {@code parent}; returns its pid or -errno. */
    public long spawn(String name, MicroProcess parent, long now) {
        GuestImage img = images.get(name);
        if (img == null && GuestImage.bundledNames().contains(name)) {
            img = GuestImage.bundled(name);
            images.put(name, img);
        }
        if (img == null) {
            return Errno.ENOENT.neg();
        }
        try {
            return load(img, LaunchOptions.defaults(), parent, now, machine.core(0)).pid();
        } catch (IllegalStateException e) {
            return Errno.ENOMEM.neg();
        }
    }

    // =================================================================== process life cycle

    /** Terminates every thread of {@code p} with {@code status}; wakes its parent; closes its descriptors. */
    public void exitProcess(MicroProcess p, int status, long now) {
        if (p.isDead()) {
            return;
        }
        for (GuestThread t : p.threads()) {
            if (t.state() != GuestThread.State.DEAD) {
                scheduler.remove(t);
                scheduler.wakeAll(t.joiners(), now);
            }
        }
        p.setWaitStatus(status);
        p.setState(MicroProcess.State.ZOMBIE);
        p.fds().closeAll();
        wakePipes();
        for (MicroProcess c : p.children()) {
            c.reparentToKernel();
        }
        MicroProcess parent = processes.get(p.ppid());
        if (parent != null && !parent.isDead()) {
            scheduler.wakeAll(parent.childWait(), now);
        }
        stats.counter("exits").inc();
        log(String.format("pid %d '%s' %s", p.pid(), p.name(), WaitStatus.describe(status)));
    }

    /** Wakes every pipe waiter (a close may have produced EOF or EPIPE). */
    private void wakePipes() {
        for (GuestThread t : scheduler.threads()) {
            if (t.state() == GuestThread.State.BLOCKED && t.blockedOn() != null && t.blockedOn().name().startsWith("pipe")) {
                scheduler.makeRunnable(t, machine.elapsedCycles());
            }
        }
    }

    /** Ends one thread; the µprocess exits (status 0) with its last thread. */
    public void threadExit(GuestThread t, long value, long now) {
        t.setExitValue(value);
        scheduler.remove(t);
        scheduler.wakeAll(t.joiners(), now);
        if (t.process().liveThreads().isEmpty()) {
            exitProcess(t.process(), WaitStatus.exited(0), now);
        }
    }

    /** Frees a dead µprocess's region and forgets it. */
    public void reap(MicroProcess p) {
        if (p.state() != MicroProcess.State.ZOMBIE) {
            throw new IllegalStateException("pid " + p.pid() + " is not a zombie");
        }
        extension.beforeUnload(p);
        AddressSpace as = spaceOf(p);
        loader.unload(p, as);
        if (as != space) {
            dropAddressSpace(as);
        }
        Integer users = regionUsers.remove(p.base());
        if (users != null && users > 2) {
            regionUsers.put(p.base(), users - 1);
        } else if (users == null) {
            regions.free(p.base(), p.size() + VirtualLayout.PAGE);
        }
        p.setState(MicroProcess.State.REAPED);
        MicroProcess parent = processes.get(p.ppid());
        if (parent != null) {
            parent.children().remove(p);
        }
    }

    // =================================================================== hooks for layered subsystems (μFork)

    /** Installs the extension (μFork) that serves fork, resolves faults on the pages it manages and hears of reaps. */
    public Kernel install(KernelExtension ext) {
        extension = java.util.Objects.requireNonNull(ext);
        log("extension installed: " + ext);
        return this;
    }

    /** The installed extension ({@link KernelExtension#NONE} by default). */
    public KernelExtension extension() {
        return extension;
    }

    /**
     * Reserves virtual space for a region of {@code layout} (aligned for an exact region capability) plus one
     * unmapped guard page after it; with {@code aslr} the aligned base is drawn from it. Returns the base or -1.
     */
    public long reserveRegion(ProcessLayout layout, java.util.SplittableRandom aslr) {
        long size = layout.size() + VirtualLayout.PAGE;
        return aslr == null ? regions.allocate(size, layout.alignment()) : regions.allocateRandom(size, layout.alignment(), aslr);
    }

    /** Returns a region reserved with {@link #reserveRegion} that never became a µprocess. */
    public void releaseRegion(long base, ProcessLayout layout) {
        regions.free(base, layout.size() + VirtualLayout.PAGE);
    }

    /** The allocator of µprocess regions. */
    public RegionAllocator regions() {
        return regions;
    }

    /** The loader (it owns the shared code segments). */
    public Loader loader() {
        return loader;
    }

    /** A fresh µprocess id. */
    public int newPid() {
        return nextPid++;
    }

    /**
     * A new per-process address space with a fresh ASID and the kernel's mappings, its table writes charged to
     * {@code charge} (a forked child's, or a launched process's).
     *
     * @throws IllegalStateException unless the kernel runs {@link AddressSpaceModel#PER_PROCESS}, or when ASIDs run out
     */
    public AddressSpace newAddressSpace(org.uforklab.machine.Core charge) {
        if (config.addressSpaces() != AddressSpaceModel.PER_PROCESS) {
            throw new IllegalStateException("this kernel runs one " + config.addressSpaces() + " address space, not one per process");
        }
        AddressSpace as = space.forProcess(asids.allocate(), charge);
        stats.counter("addressSpaces").inc();
        return as;
    }

    /** Frees a process address space (its pages already unmapped): tables, TLB entries of its ASID, the ASID. */
    private void dropAddressSpace(AddressSpace as) {
        for (Cpu c : cpus) {
            if (c.core().mmu().ttbr0() == as.ttbr()) {
                // the core was last running this process: it falls back to the kernel's tables (as Linux to init_mm)
                c.core().mmu().setTtbr0(space.ttbr());
            }
        }
        as.destroy();
        asids.free(as.asid());
    }

    /**
     * Records that one more µprocess uses the virtual region at {@code base} (a monolithic fork child: same
     * addresses, its own address space); the region is freed when its last user is reaped.
     */
    public void shareRegion(long base) {
        regionUsers.merge(base, 2, (a, b) -> a + 1);
    }

    /**
     * The context-switch hook: with per-process address spaces, point TTBR0_EL1 (table base and ASID) at the
     * incoming process's tables unless the core already runs on them. Charged: the MSR and the ISB that follows it
     * (system instructions in the machine's cost model) and the kernel's ASID bookkeeping; no TLB maintenance,
     * since ASIDs keep the processes' entries apart (a freed ASID is invalidated before reuse).
     */
    private void switchIn(Cpu cpu, GuestThread next) {
        long ttbr = spaceOf(next.process()).ttbr();
        var mmu = cpu.core().mmu();
        if (mmu.ttbr0() == ttbr) {
            return;
        }
        int asidBefore = mmu.asid();
        mmu.setTtbr0(ttbr);
        var costs = machine.config().costs();
        cpu.core().cycles().add(costs.get(Cost.INSN_SYSTEM_REGISTER) + costs.get(Cost.INSN_SYSTEM) + config.costs().addressSpaceSwitch());
        stats.counter("ttbrSwitches").inc();
        if (asidBefore != mmu.asid()) {
            stats.counter("asidSwitches").inc();
        }
    }

    /** Enters a µprocess built outside {@link #launch} (a forked child) in the process table, as a child of {@code parent}. */
    public void adopt(MicroProcess p, MicroProcess parent) {
        if (processes.containsKey(p.pid())) {
            throw new IllegalArgumentException("pid " + p.pid() + " is already in use");
        }
        processes.put(p.pid(), p);
        if (parent != null) {
            parent.children().add(p);
        }
        log(String.format("adopted pid %d '%s' at 0x%x (parent %d)", p.pid(), p.name(), p.base(), p.ppid()));
    }

    /**
     * Starts a thread of {@code p} in stack/TLS slot {@code slot} whose registers are {@code regs} exactly (a
     * forked child's thread: its stack and TLS are already in place); returns the thread.
     */
    public GuestThread startThread(MicroProcess p, int slot, org.uforklab.sasos.proc.ThreadContext regs, long now) {
        GuestThread t = new GuestThread(nextTid++, p, slot);
        var ctx = t.context();
        for (int i = 0; i < 32; i++) {
            ctx.setC(i, regs.c(i));
        }
        ctx.setPcc(regs.pcc());
        ctx.setCtpidr(regs.ctpidr());
        ctx.setCid(regs.cid());
        ctx.setNzcv(regs.nzcv());
        ctx.setDdc(regs.ddc());
        p.threads().add(t);
        scheduler.place(t, now);
        return t;
    }

    /** Grows {@code p}'s mapped heap by at least {@code bytes}; returns the new end or -ENOMEM. */
    public long heapGrow(MicroProcess p, long bytes) {
        Segment heapSeg = p.segment("heap");
        if (bytes < 0) {
            return Errno.EINVAL.neg();
        }
        long end = VirtualLayout.pageUp(p.heapEnd() + bytes);
        if (end > heapSeg.end()) {
            return Errno.ENOMEM.neg();
        }
        if (end > p.heapEnd()) {
            spaceOf(p).mapZero(p.heapEnd(), end - p.heapEnd(), PageAttributes.kernelData());
            p.setHeapEnd(end);
        }
        return p.heapEnd();
    }

    /** Maps fresh anonymous pages (mmap) in {@code p}'s address space. */
    public void mapAnonymous(MicroProcess p, long va, long len) {
        spaceOf(p).mapFresh(va, len, PageAttributes.kernelData());
    }

    /** Unmaps anonymous pages (munmap) of {@code p}, invalidating every core's TLB. */
    public void unmapAnonymous(MicroProcess p, long va, long len) {
        spaceOf(p).unmap(va, len, false);
    }

    /** A new pipe. */
    public Pipe newPipe() {
        return new Pipe(nextPipe++);
    }

    /** Writes to one of {@code p}'s descriptors from kernel code (natives' printf): bytes written or -errno. */
    public long writeFd(MicroProcess p, int fd, byte[] data) {
        OpenFile f = p.fds().get(fd);
        if (f == null) {
            return Errno.EBADF.neg();
        }
        long r = f.object().write(data);
        if (r > 0 && f.object().readQueue() != null) {
            scheduler.wakeAll(f.object().readQueue(), machine.elapsedCycles());
        }
        return r == org.uforklab.sasos.fs.FileObject.BLOCK ? Errno.EAGAIN.neg() : r;
    }

    // =================================================================== exceptions and system calls

    private Resolution trap(Cpu cpu, ExceptionRecord r) {
        GuestThread t = scheduler.current(cpu.core().id());
        if (t == null) {
            return Resolution.stop();
        }
        if (r.kind() == ExceptionClass.HOST_CALL) {
            int imm = r.immediate();
            if (imm >= SYSCALL_HOST_CALL_BASE && imm < SYSCALL_HOST_CALL_BASE + Sys.TABLE_ENTRIES
                    && r.pc() == VirtualLayout.KERNEL_TEXT + (long) (imm - SYSCALL_HOST_CALL_BASE) * STUB_BYTES) {
                cpu.core().cycles().add(config.costs().sentryEntry());
                hot(HOT_SENTRY, "sentryEntries").inc();
                return syscall(cpu, t, imm - SYSCALL_HOST_CALL_BASE);
            }
            if (imm == THREAD_EXIT_HOST_CALL && r.pc() == threadExitStub()) {
                long v = cpu.x(0);
                if (t == t.process().threads().get(0)) {
                    exitProcess(t.process(), WaitStatus.exited((int) v), cpu.core().cycles().cycles());
                } else {
                    threadExit(t, v, cpu.core().cycles().cycles());
                }
                return Resolution.stop();
            }
            int ni = imm - NativeLibrary.BASE;
            if (ni >= 0 && ni < NativeLibrary.NAMES.size() && t.process().nativeStub(NativeLibrary.NAMES.get(ni)) == r.pc()) {
                return nativeCall(cpu, t, ni, r);
            }
            return kill(cpu, t, r, "host call #0x" + Integer.toHexString(imm) + " from outside the kernel entry stubs and native stubs",
                    Signals.SIGSYS);
        }
        if (r.kind() == ExceptionClass.SVC) {
            if (config.personality() != Personality.TRAP || r.immediate() != 0) {
                cpu.setX(0, Errno.ENOSYS.neg());
                return Resolution.next();
            }
            cpu.core().cycles().add(config.costs().trapEntry() + config.costs().trapReturn()
                    + machine.config().costs().get(Cost.FAULT_RETURN));
            hot(HOT_TRAP, "trapEntries").inc();
            return syscall(cpu, t, (int) cpu.x(8));
        }
        if (r.fault() != null && (r.kind() == ExceptionClass.DATA_ABORT || r.kind() == ExceptionClass.INSTRUCTION_ABORT)
                && resolveFault(cpu, r.fault())) {
            return Resolution.retry();
        }
        int sig = switch (r.kind()) {
            case UNDEFINED -> Signals.SIGILL;
            case BRK -> Signals.SIGTRAP;
            case PC_ALIGNMENT -> Signals.SIGBUS;
            default -> r.faultStatus() >= 0x28 && r.faultStatus() <= 0x2C ? Signals.SIGPROT
                    : r.faultStatus() == 0x21 ? Signals.SIGBUS : Signals.SIGSEGV;
        };
        return kill(cpu, t, r, null, sig);
    }

    private Resolution syscall(Cpu cpu, GuestThread t, int n) {
        MicroProcess p = t.process();
        Capability cid = cpu.cid();
        if (!cid.isTagged() || cid.value() != p.pid() || !cid.hasPerms(Perm.COMPARTMENT_ID)) {
            return killKernelDetected(cpu, t, "CID_EL0 does not hold the µprocess ID the kernel gave it (" + cid + ")",
                    Signals.SIGSYS);
        }
        var call = Sys.of(n);
        if (call.isEmpty()) {
            cpu.setX(0, Errno.ENOSYS.neg());
            return Resolution.next();
        }
        var clock = cpu.core().cycles();
        space.chargeTo(cpu.core()); // page-table edits made for this call are this core's work
        spaceOf(p).chargeTo(cpu.core());
        long arrive = clock.cycles();
        long start = bkl.acquire(arrive);
        if (start > arrive) {
            clock.add(start - arrive);
            hot(HOT_BKL_WAIT, "bklWaitCycles").add(start - arrive);
        }
        clock.add(config.costs().lockAcquire() + config.costs().handlerBase());
        hot(HOT_SYSCALLS, "syscalls").inc();
        Counter perCall = hot[HOT_SYSCALL + n];
        if (perCall == null) {
            perCall = hot(HOT_SYSCALL + n, "syscall." + call.get().cName());
        }
        perCall.inc();
        SyscallContext ctx = new SyscallContext(this, cpu, t, call.get(), userMemory[cpu.core().id()]);
        long res = handler.handle(ctx);
        bkl.held(start, clock.cycles());
        if (res == SyscallHandler.BLOCK) {
            return Resolution.stop(); // PC stays on the entry: the call is retried when the thread wakes
        }
        if (res == SyscallHandler.NO_RETURN || t.state() == GuestThread.State.DEAD) {
            return Resolution.stop();
        }
        if (!(call.get() == Sys.MMAP && res > 0)) {
            cpu.setX(0, res);
        }
        if (t.state() != GuestThread.State.RUNNING) {
            cpu.stop(); // yielded: let the scheduler switch after the call returns
        }
        return Resolution.next();
    }

    private Resolution nativeCall(Cpu cpu, GuestThread t, int index, ExceptionRecord r) {
        cpu.core().cycles().add(config.costs().nativeCall());
        Counter perNative = hot[HOT_NATIVE + index];
        if (perNative == null) {
            perNative = hot(HOT_NATIVE + index, "native." + NativeLibrary.NAMES.get(index));
        }
        perNative.inc();
        var access = cpu.core().access();
        // a page fault in the middle of a bulk copy or fill is handled where it happens, as for the real library
        // routine (which resumes at the faulting store): the exception entry, the handler, the return
        access.setBulkFaultResolver(f -> {
            cpu.core().cycles().add(machine.config().costs().get(Cost.FAULT_ENTRY));
            return resolveFault(cpu, f);
        });
        try {
            Natives.call(new NativeContext(this, cpu, t), index);
        } catch (ArchitecturalFault f) {
            if (resolveFault(cpu, f)) {
                return Resolution.retry(); // natives keep no state outside guest memory: running again is safe
            }
            ExceptionRecord rec = new ExceptionRecord(f.isInstructionAbort() ? ExceptionClass.INSTRUCTION_ABORT : ExceptionClass.DATA_ABORT,
                    f.esr(), f.va(), r.pc(), 0, r.word(), f, "in native " + NativeLibrary.NAMES.get(index) + ": " + f.getMessage());
            int sig = f.dfsc() >= 0x28 && f.dfsc() <= 0x2C ? Signals.SIGPROT : Signals.SIGSEGV;
            return kill(cpu, t, rec, null, sig);
        } catch (NativeAbort a) {
            return killKernelDetected(cpu, t, "in native " + NativeLibrary.NAMES.get(index) + ": " + a.getMessage(), 6);
        } finally {
            access.setBulkFaultResolver(null);
        }
        return Resolution.next();
    }

    /** Offers a fault to the extension; a resolved fault costs the ERET back. */
    private boolean resolveFault(Cpu cpu, ArchitecturalFault f) {
        space.chargeTo(cpu.core());
        GuestThread cur = scheduler.current(cpu.core().id());
        if (cur != null) {
            spaceOf(cur.process()).chargeTo(cpu.core());
        }
        if (!resolvePageFault(cpu.core(), f)) {
            return false;
        }
        cpu.core().cycles().add(machine.config().costs().get(Cost.FAULT_RETURN));
        hot(HOT_RESOLVED, "resolvedFaults").inc();
        return true;
    }

    /**
     * The page-fault handler proper (guest, native and kernel user-memory accesses): a write to a demand-zero page
     * of the running µprocess gets the page a frame of its own; anything else goes to the extension (μFork's
     * copies, the baseline's copy-on-write). Returns whether the access can be retried.
     */
    private boolean resolvePageFault(org.uforklab.machine.Core core, ArchitecturalFault f) {
        GuestThread cur = scheduler.current(core.id());
        if (cur != null && !f.isPhysical() && f.access() != null && cur.process().inRegion(f.va(), 1)) {
            MicroProcess p = cur.process();
            AddressSpace as = spaceOf(p);
            boolean write = f.access().isWrite();
            boolean zeroWrite = f.kind() == org.uforklab.machine.fault.FaultKind.PERMISSION && write && as.isZeroPage(f.va());
            boolean firstTouch = f.kind() == org.uforklab.machine.fault.FaultKind.TRANSLATION && inHeap(p, f.va()) && !as.isMapped(f.va());
            if (zeroWrite || firstTouch) {
                as.chargeTo(core);
                if (zeroWrite) {
                    as.populateZeroPage(f.va());
                } else {
                    as.faultInZero(f.va(), PageAttributes.kernelData(), write);
                }
                core.cycles().add(config.costs().demandZeroFault());
                hot(HOT_DEMAND_ZERO, "demandZeroFaults").inc();
                return true;
            }
        }
        return extension.resolveFault(core, f);
    }

    /** Whether {@code va} lies in {@code p}'s mapped heap (the demand-zero part of its region). */
    private static boolean inHeap(MicroProcess p, long va) {
        long start = p.segment("heap").start();
        return Long.compareUnsigned(va - start, p.heapEnd() - start) < 0;
    }

    private Resolution kill(Cpu cpu, GuestThread t, ExceptionRecord r, String why, int sig) {
        String insn;
        Capability involved = null;
        int word;
        try {
            word = (int) machine.memory().read32(spaceOf(t.process()).paOf(r.pc()));
            Instruction i = Decoder.decode(word);
            insn = i.disassemble(r.pc());
            if (r.kind() == ExceptionClass.INSTRUCTION_ABORT) {
                involved = cpu.pcc();
            } else if (r.fault() != null && i.encoding() != null && i.encoding().hasField("Rn")) {
                involved = cpu.c(i.get("Rn"));
            }
        } catch (IllegalArgumentException e) {
            insn = "<pc not mapped>";
            if (r.kind() == ExceptionClass.INSTRUCTION_ABORT) {
                involved = cpu.pcc();
            }
        }
        if (r.detail() != null && r.detail().startsWith("in native")) {
            involved = null;
        }
        String kind = why != null ? why : switch (r.kind()) {
            case UNDEFINED -> "undefined instruction";
            case PC_ALIGNMENT -> "PC alignment fault";
            case BRK -> "breakpoint instruction";
            default -> r.kind().name().toLowerCase().replace('_', ' ');
        };
        FaultReport report = new FaultReport(t.process().pid(), t.tid(), kind, r.pc(), insn, r.faultStatus(), r.far(),
                involved, sig, r.detail());
        return killWith(cpu, t, report);
    }

    private Resolution killKernelDetected(Cpu cpu, GuestThread t, String why, int sig) {
        String insn;
        try {
            insn = Decoder.decode((int) machine.memory().read32(spaceOf(t.process()).paOf(cpu.pc()))).disassemble(cpu.pc());
        } catch (IllegalArgumentException e) {
            insn = "<pc not mapped>";
        }
        return killWith(cpu, t, new FaultReport(t.process().pid(), t.tid(), why, cpu.pc(), insn, -1, 0, null, sig, null));
    }

    private Resolution killWith(Cpu cpu, GuestThread t, FaultReport report) {
        MicroProcess p = t.process();
        p.setFault(report);
        stats.counter("faults").inc();
        log(report.toString());
        exitProcess(p, WaitStatus.signaled(report.signal()), cpu.core().cycles().cycles());
        return Resolution.stop();
    }

    /** The kernel counter at {@code path}, kept in {@code hot[slot]} after its first use. */
    private Counter hot(int slot, String path) {
        Counter c = hot[slot];
        if (c == null) {
            c = stats.counter(path);
            hot[slot] = c;
        }
        return c;
    }

    // =================================================================== running

    /** Runs until no thread can run or wake; returns the machine's elapsed cycles. */
    public long run() {
        return runUntil(() -> false, Long.MAX_VALUE);
    }

    /** Runs at most {@code cycles} more cycles of machine time (checked between slices). */
    public long runFor(long cycles) {
        long end = machine.elapsedCycles() + cycles;
        return runUntil(() -> minCoreTime() >= end, Long.MAX_VALUE);
    }

    /** Runs until {@code stop} holds (checked between slices) or nothing can run; at most {@code maxSlices} slices. */
    public long runUntil(BooleanSupplier stop, long maxSlices) {
        long n = 0;
        while (!stop.getAsBoolean() && n++ < maxSlices) {
            if (!scheduler.runSlice(Long.MAX_VALUE)) {
                break;
            }
            bkl.prune(minCoreTime());
        }
        return machine.elapsedCycles();
    }

    /** Runs until {@code p} has terminated (or nothing can run). */
    public MicroProcess runUntilExit(MicroProcess p) {
        runUntil(p::isDead, Long.MAX_VALUE);
        return p;
    }

    /** Executes one instruction of the next thread to run (single-step for inspection). */
    public void step() {
        scheduler.runSlice(1);
    }

    private long minCoreTime() {
        long m = Long.MAX_VALUE;
        for (Cpu c : cpus) {
            m = Math.min(m, c.core().cycles().cycles());
        }
        return m;
    }

    // =================================================================== inspection

    /** Inspection of µprocesses (pages, memory, tags, capabilities, registers). */
    public Inspector inspect() {
        return new Inspector(this);
    }

    /** The configuration. */
    public KernelConfig config() {
        return config;
    }

    /** The machine. */
    public Machine machine() {
        return machine;
    }

    /** The CPU of core {@code i}. */
    public Cpu cpu(int i) {
        return cpus[i];
    }

    /** The boot report. */
    public BootReport bootReport() {
        return bootReport;
    }

    /** The kernel's address space: the single one, or the kernel mappings every per-process space shares. */
    public AddressSpace addressSpace() {
        return space;
    }

    /** The address space {@code p} lives in: its own (per-process address spaces) or the kernel's single one. */
    public AddressSpace spaceOf(MicroProcess p) {
        AddressSpace own = p.addressSpace();
        return own != null ? own : space;
    }

    /** The ASIDs of per-process address spaces. */
    public AsidAllocator asids() {
        return asids;
    }

    /** The frame allocator. */
    public FrameAllocator frames() {
        return frames;
    }

    /** The kernel heap. */
    public KernelHeap heap() {
        return heap;
    }

    /** The scheduler. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** The big kernel lock. */
    public BigKernelLock bigKernelLock() {
        return bkl;
    }

    /** The RAM file system. */
    public RamFs fs() {
        return fs;
    }

    /** The µprocess with that pid, or null. */
    public MicroProcess process(int pid) {
        return processes.get(pid);
    }

    /** Every µprocess ever launched. */
    public Collection<MicroProcess> processes() {
        return processes.values();
    }

    /** The strace decorator, if on. */
    public Strace strace() {
        return strace;
    }

    /** Everything written to the console by any µprocess. */
    public String console() {
        return consoleOutput.toString();
    }

    /** Feeds bytes to console input. */
    public void feedConsole(String s) {
        consoleInput.append(s);
    }

    /** Kernel log lines. */
    public List<String> log() {
        return List.copyOf(log);
    }

    /** Appends to the kernel log. */
    public void log(String line) {
        log.add(line);
    }

    /** Emulated nanoseconds at cycle {@code cycles}. */
    public long nanos(long cycles) {
        // exact while cycles * 10^9 fits a long (about 3.7 s at 2.5 GHz); beyond, in double precision (a 128-bit
        // product whose high half is 0 may still exceed Long.MAX_VALUE, so that test alone would go negative)
        return cycles >= 0 && cycles <= Long.MAX_VALUE / 1_000_000_000L ? cycles * 1_000_000_000L / machine.config().clockHz()
                : (long) (cycles * 1e9 / machine.config().clockHz());
    }

    /** Cycles in {@code ns} nanoseconds. */
    public long cyclesFor(long ns) {
        return (long) Math.ceil(ns * (double) machine.config().clockHz() / 1e9);
    }

    /** Argument checks and TOCTTOU bytes copied (all cores). */
    public long argumentChecks() {
        long n = 0;
        for (UserMemory u : userMemory) {
            n += u.checks();
        }
        return n;
    }

    /** Bytes copied into kernel bounce buffers (all cores). */
    public long bytesCopied() {
        long n = 0;
        for (UserMemory u : userMemory) {
            n += u.bytesCopied();
        }
        return n;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format("Kernel(%s personality, %s isolation) on %s%n", config.personality(),
                config.isolation(), machine.config()));
        sb.append("  ").append(frames).append('\n');
        sb.append("  ").append(heap).append('\n');
        sb.append("  ").append(scheduler.toString().replace("\n", "\n  ")).append('\n');
        for (MicroProcess p : processes.values()) {
            sb.append("  ").append(p.toString().replace("\n", "\n  ")).append('\n');
        }
        sb.append("  elapsed ").append(machine.elapsedCycles()).append(" cycles");
        return sb.toString();
    }
}
