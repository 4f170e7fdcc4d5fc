package org.uforklab.ufork;

import java.util.ArrayList;
import java.util.List;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.Perm;
import org.uforklab.machine.mem.PhysicalMemory;
import org.uforklab.machine.mmu.Mapping;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.mm.VirtualLayout;
import org.uforklab.sasos.proc.GuestThread;
import org.uforklab.sasos.proc.MicroProcess;
import org.uforklab.sasos.proc.ThreadContext;

/**
 * The isolation invariant of ufork-paper.md §4.1, checked over a µprocess: every capability it can obtain — in
 * its threads' registers (C0–C30, CSP, PCC, CTPIDR_EL0, DDC) and in every page its region maps — stays inside
 * its region, or is a sealed entry into kernel text; none carries the System permission; its threads' CID_EL0
 * holds its PID. Pages the µprocess still shares with its parent are checked as the µprocess would see them:
 * their capabilities relocated the way the fault handler would relocate them (physically they still hold the
 * parent's capabilities, which the µprocess cannot load without a copy). An empty list means isolated.
 */
public final class IsolationChecker {
    /** One broken invariant. */
    public record Violation(int pid, String where, Capability capability, String why) {
        @Override
        public String toString() {
            return String.format("pid %d %s: %s — %s", pid, where, capability, why);
        }
    }

    private final Kernel kernel;
    private final UFork ufork;

    /** A checker for {@code ufork}'s kernel. */
    public IsolationChecker(UFork ufork) {
        this.ufork = ufork;
        this.kernel = ufork.kernel();
    }

    /** Violations of {@code p}'s isolation (empty: isolated). */
    public List<Violation> check(MicroProcess p) {
        List<Violation> out = new ArrayList<>();
        Region region = new Region(p.base(), p.size());
        PhysicalMemory mem = kernel.machine().memory();
        for (Mapping m : kernel.addressSpace().mappings(p.base(), p.size())) {
            SharedFrame sf = ufork.sharing().atVa(m.va());
            boolean sharer = sf != null && (sf.owner() == null || sf.ownerVa() != m.va());
            Relocator view = sharer ? new Relocator(sf.source(), region) : null;
            for (long off = 0; off < m.size(); off += 16) {
                long pa = m.pa() + off;
                if (!mem.tag(pa)) {
                    continue;
                }
                Capability c = Capability.fromMemory(mem.capLow(pa), mem.capHigh(pa), true);
                if (view != null) {
                    c = view.relocate(c).capability();
                }
                inspect(p, region, String.format("memory 0x%x%s", m.va() + off, sharer ? " (shared, as relocated)" : ""), c, out);
            }
        }
        checkThreads(kernel, p, out);
        return out;
    }

    /**
     * Adds to {@code out} the violations in {@code p}'s live threads' registers: capabilities reaching outside its
     * region (a PCC stopped in a kernel entry stub excepted), the System permission, a CID_EL0 without its PID.
     */
    public static void checkThreads(Kernel kernel, MicroProcess p, List<Violation> out) {
        Region region = new Region(p.base(), p.size());
        for (GuestThread t : p.liveThreads()) {
            ThreadContext r = kernel.inspect().registers(t);
            for (int i = 0; i < 32; i++) {
                inspect(p, region, "tid " + t.tid() + (i == 31 ? " csp" : " c" + i), r.c(i), out);
            }
            if (!inKernelStub(r.pcc())) {
                inspect(p, region, "tid " + t.tid() + " pcc", r.pcc(), out);
            }
            inspect(p, region, "tid " + t.tid() + " ctpidr_el0", r.ctpidr(), out);
            inspect(p, region, "tid " + t.tid() + " ddc", r.ddc(), out);
            Capability cid = r.cid();
            if (!cid.isTagged() || cid.value() != p.pid()) {
                out.add(new Violation(p.pid(), "tid " + t.tid() + " cid_el0", cid, "does not hold the µprocess's PID"));
            }
        }
    }

    /** Adds a violation to {@code out} if {@code c} reaches outside {@code p}'s region (not a kernel entry) or carries System. */
    public static void checkCapability(MicroProcess p, String where, Capability c, List<Violation> out) {
        inspect(p, new Region(p.base(), p.size()), where, c, out);
    }

    /** Violations of every live µprocess. */
    public List<Violation> checkAll() {
        List<Violation> out = new ArrayList<>();
        for (MicroProcess p : kernel.processes()) {
            if (!p.isDead()) {
                out.addAll(check(p));
            }
        }
        return out;
    }

    /**
     * A PCC inside kernel text without write permissions: a thread stopped inside a system call (blocked in
     * waitpid, say) has the unsealed form of the sentry it branched through — the kernel's entry, not a leak.
     */
    private static boolean inKernelStub(Capability pcc) {
        return pcc.isTagged() && !pcc.hasPerms(Perm.STORE) && !pcc.hasPerms(Perm.STORE_CAP)
                && Long.compareUnsigned(pcc.base(), VirtualLayout.KERNEL_TEXT) >= 0
                && Long.compareUnsigned(pcc.base() + pcc.lengthClamped(), VirtualLayout.KERNEL_TEXT + VirtualLayout.KERNEL_TEXT_SIZE) <= 0;
    }

    private static void inspect(MicroProcess p, Region region, String where, Capability c, List<Violation> out) {
        if (!c.isTagged()) {
            return;
        }
        if (c.hasPerms(Perm.SYSTEM)) {
            out.add(new Violation(p.pid(), where, c, "carries the System permission"));
        }
        if (Relocator.isKernelEntry(c)) {
            return;
        }
        boolean inside = !c.topBit64() && Long.compareUnsigned(c.base(), region.base()) >= 0
                && Long.compareUnsigned(c.base() + c.lengthClamped(), region.end()) <= 0
                && Long.compareUnsigned(c.base() + c.lengthClamped(), c.base()) >= 0;
        if (!inside) {
            out.add(new Violation(p.pid(), where, c, "reaches outside the region " + region));
        }
    }
}
