package org.uforklab.sasos.proc;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.uforklab.machine.cap.Capability;
import org.uforklab.sasos.fault.FaultReport;
import org.uforklab.sasos.fs.FdTable;
import org.uforklab.sasos.image.GuestImage;
import org.uforklab.sasos.sched.WaitQueue;

/**
 * A µprocess: one contiguous virtual region holding the guest's code, GOT, data, heap, stacks and TLS, the
 * threads running in it, its fd table and its family. Kernel bookkeeping only; the guest's state is in
 * guest memory and registers, so it can be inspected (and, for μFork, copied) there.
 */
public final class MicroProcess {
    /** Life-cycle states. */
    public enum State { RUNNING, ZOMBIE, REAPED }

    private final int pid;
    private int ppid;
    private org.uforklab.machine.asm.LinkedImage linked;
    private Capability syscallTable;
    private final GuestImage image;
    private final ProcessLayout layout;
    private final long base;
    private final Capability region;
    private final Capability pcc;
    private final Capability cid;
    private final FdTable fds;
    private final List<GuestThread> threads = new ArrayList<>();
    private final List<MicroProcess> children = new ArrayList<>();
    private final WaitQueue childWait;
    private final StringBuilder console = new StringBuilder();
    private final BitSet mmapPages = new BitSet();
    private final SharedCode code;
    State state = State.RUNNING;
    private int waitStatus;
    private long heapEnd;
    private FaultReport fault;
    private org.uforklab.sasos.mm.AddressSpace addressSpace;

    /** Kernel use: a µprocess whose region is already laid out at {@code base}. */
    public MicroProcess(int pid, int ppid, GuestImage image, ProcessLayout layout, long base, Capability region,
            Capability pcc, Capability cid, FdTable fds, SharedCode code) {
        this.pid = pid;
        this.ppid = ppid;
        this.image = image;
        this.layout = layout;
        this.base = base;
        this.region = region;
        this.pcc = pcc;
        this.cid = cid;
        this.fds = fds;
        this.code = code;
        this.childWait = new WaitQueue("children of pid " + pid);
        this.heapEnd = segment("heap").start() + layout.options().heapSize();
    }

    /** Process id. */
    public int pid() {
        return pid;
    }

    /** Kernel use: the linked image and the system-call table capability. */
    public void setLinked(org.uforklab.machine.asm.LinkedImage image, Capability table) {
        this.linked = image;
        this.syscallTable = table;
    }

    /** The image as linked at this region (symbol addresses). */
    public org.uforklab.machine.asm.LinkedImage linked() {
        return linked;
    }

    /** Address of a symbol of the guest. */
    public long symbol(String name) {
        return linked.address(name);
    }

    /** The capability to the system-call table the threads get in their TLS. */
    public Capability syscallTable() {
        return syscallTable;
    }

    /** Address of the stub of native {@code name} in this region's text, or -1 if the image does not import it. */
    public long nativeStub(String name) {
        var s = linked.symbols().get(name);
        return s == null || !image.natives().contains(name) ? -1 : s.address();
    }

    /** Kernel use: the parent died; the kernel adopts it. */
    public void reparentToKernel() {
        ppid = 0;
    }

    /** Parent's pid (0: launched by the kernel). */
    public int ppid() {
        return ppid;
    }

    /** The image. */
    public GuestImage image() {
        return image;
    }

    /** Name (the image's). */
    public String name() {
        return image.name();
    }

    /** The layout (relative). */
    public ProcessLayout layout() {
        return layout;
    }

    /** Region base. */
    public long base() {
        return base;
    }

    /** Region size. */
    public long size() {
        return layout.size();
    }

    /** Whether {@code [va, va+len)} is inside the region. */
    public boolean inRegion(long va, long len) {
        return Long.compareUnsigned(va - base, layout.size()) < 0 && Long.compareUnsigned(len, layout.size() - (va - base)) <= 0;
    }

    /** The kernel's capability to the whole region (read/write, never given to the guest). */
    public Capability region() {
        return region;
    }

    /** The PCC threads start with (unsealed; bounds: code, rodata, GOT). */
    public Capability pcc() {
        return pcc;
    }

    /** The CID_EL0 value of its threads (the pid, bounded to one compartment ID). */
    public Capability cid() {
        return cid;
    }

    /** A segment placed at the base. */
    public Segment segment(String name) {
        Segment s = layout.segment(name);
        return new Segment(s.name(), base + s.start(), s.size(), s.kind());
    }

    /** All segments placed at the base. */
    public List<Segment> segments() {
        return layout.at(base);
    }

    /** The fd table. */
    public FdTable fds() {
        return fds;
    }

    /** Threads (live and dead, in creation order). */
    public List<GuestThread> threads() {
        return threads;
    }

    /** Live threads. */
    public List<GuestThread> liveThreads() {
        return threads.stream().filter(t -> t.state() != GuestThread.State.DEAD).toList();
    }

    /** Children (not yet reaped). */
    public List<MicroProcess> children() {
        return children;
    }

    /** Where waitpid blocks. */
    public WaitQueue childWait() {
        return childWait;
    }

    /** Everything the µprocess wrote to its console (fd 1 and 2). */
    public String console() {
        return console.toString();
    }

    /** Kernel use: appends console output. */
    public void appendConsole(String s) {
        console.append(s);
    }

    /** State. */
    public State state() {
        return state;
    }

    /** Kernel use. */
    public void setState(State s) {
        state = s;
    }

    /** Whether it has terminated (zombie or reaped). */
    public boolean isDead() {
        return state != State.RUNNING;
    }

    /** The wait status once dead. */
    public int waitStatus() {
        return waitStatus;
    }

    /** Kernel use. */
    public void setWaitStatus(int s) {
        waitStatus = s;
    }

    /** The exit code if it exited normally, else -1. */
    public int exitCode() {
        return isDead() && WaitStatus.ifExited(waitStatus) ? WaitStatus.exitStatus(waitStatus) : -1;
    }

    /** Current end of the mapped heap. */
    public long heapEnd() {
        return heapEnd;
    }

    /** Kernel use. */
    public void setHeapEnd(long end) {
        heapEnd = end;
    }

    /** Pages of the mmap area in use (index from the area's start). */
    public BitSet mmapPages() {
        return mmapPages;
    }

    /** The fault that killed it, if any. */
    public FaultReport fault() {
        return fault;
    }

    /** Kernel use. */
    public void setFault(FaultReport f) {
        fault = f;
    }

    /**
     * Its own address space (per-process address spaces), or null when it lives in the kernel's single
     * address space ({@code Kernel.spaceOf} resolves either).
     */
    public org.uforklab.sasos.mm.AddressSpace addressSpace() {
        return addressSpace;
    }

    /** Kernel use: gives it its own address space. */
    public void setAddressSpace(org.uforklab.sasos.mm.AddressSpace space) {
        this.addressSpace = space;
    }

    /** The shared code segment it maps. */
    public SharedCode code() {
        return code;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format("µprocess %d '%s' (parent %d) %s, region 0x%x-0x%x (%s), %d thread(s)",
                pid, name(), ppid, isDead() ? WaitStatus.describe(waitStatus) : "running", base, base + size(),
                ProcessLayout.human(size()), liveThreads().size()));
        if (addressSpace != null) {
            sb.append(", own address space ASID ").append(addressSpace.asid());
        }
        if (fault != null) {
            sb.append("\n  ").append(fault.toString().replace("\n", "\n  "));
        }
        return sb.toString();
    }
}
