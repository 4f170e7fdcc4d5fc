package org.uforklab.ufork.baseline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.mem.PhysicalMemory;
import org.uforklab.machine.mmu.Descriptor;
import org.uforklab.machine.mmu.Mapping;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.mm.AddressSpace;
import org.uforklab.sasos.mm.VirtualLayout;
import org.uforklab.sasos.proc.MicroProcess;
import org.uforklab.ufork.IsolationChecker;
import org.uforklab.ufork.IsolationChecker.Violation;

/**
 * The isolation invariant adapted to the monolithic baseline: each process reaches only its own address space.
 * For every live process:
 * <ul>
 *   <li>it runs in its own address space (tables and ASID no other live process has);</li>
 *   <li>its tables map nothing but the kernel's shared mappings (the kernel's own leaves, below the process
 *       area) and pages of its own region, and every page of its region is non-global (tagged with its ASID,
 *       so no translation of it can hit under another process's ASID);</li>
 *   <li>every frame it maps writable is mapped by no other live process; frames it shares with others (code,
 *       copy-on-write pages) are read-only in every address space that maps them;</li>
 *   <li>every capability in its registers and in the pages it maps stays inside its region or is a sealed
 *       kernel entry, none carries System, and CID_EL0 holds its PID (μFork's checks, {@link IsolationChecker}).</li>
 * </ul>
 * An empty list means isolated.
 */
public final class MonolithicIsolationChecker {
    private final Kernel kernel;

    /** A checker for {@code mono}'s kernel. */
    public MonolithicIsolationChecker(MonolithicFork mono) {
        this.kernel = mono.kernel();
    }

    private record Use(MicroProcess process, long va, boolean writable) {
    }

    /** Violations of every live process. */
    public List<Violation> checkAll() {
        List<MicroProcess> live = kernel.processes().stream().filter(p -> !p.isDead()).toList();
        Map<Long, List<Use>> frames = new HashMap<>();
        for (MicroProcess p : live) {
            AddressSpace s = kernel.spaceOf(p);
            for (Mapping m : s.mappings(VirtualLayout.PROCESS_AREA, VirtualLayout.PROCESS_AREA_END - VirtualLayout.PROCESS_AREA)) {
                int ap = m.attributes().ap();
                frames.computeIfAbsent(m.pa(), k -> new ArrayList<>())
                        .add(new Use(p, m.va(), ap == Descriptor.AP_RW_EL1 || ap == Descriptor.AP_RW_ALL));
            }
        }
        List<Violation> out = new ArrayList<>();
        Set<Integer> asids = new HashSet<>();
        for (MicroProcess p : live) {
            AddressSpace s = p.addressSpace();
            if (s == null || s.isDestroyed() || !asids.add(s.asid())) {
                out.add(new Violation(p.pid(), "address space", Capability.NULL,
                        s == null ? "runs in the kernel's shared address space" : "shares its address space or ASID " + s.asid()));
                continue;
            }
            checkTables(p, s, out);
            for (List<Use> uses : frames.values()) {
                if (uses.size() > 1 && uses.stream().anyMatch(u -> u.process() == p)) {
                    for (Use u : uses) {
                        if (u.writable()) {
                            out.add(new Violation(p.pid(), String.format("frame of 0x%x", uses.get(0).va()), Capability.NULL,
                                    String.format("shared with pid %d, which maps it writable at 0x%x", u.process().pid(), u.va())));
                            break;
                        }
                    }
                }
            }
            checkCapabilities(p, s, out);
            IsolationChecker.checkThreads(kernel, p, out);
        }
        return out;
    }

    private void checkTables(MicroProcess p, AddressSpace s, List<Violation> out) {
        AddressSpace k = kernel.addressSpace();
        for (Mapping m : s.tables().mappings()) {
            if (Long.compareUnsigned(m.va(), VirtualLayout.PROCESS_AREA) < 0) {
                var km = k.lookup(m.va());
                if (km.isEmpty() || km.get().descriptorPa() != m.descriptorPa()) {
                    out.add(new Violation(p.pid(), String.format("page 0x%x", m.va()), Capability.NULL,
                            "a kernel-area mapping that is not the kernel's shared one"));
                }
            } else if (!p.inRegion(m.va(), m.size())) {
                out.add(new Violation(p.pid(), String.format("page 0x%x", m.va()), Capability.NULL, "mapped outside its region"));
            } else if (!m.attributes().nonGlobal()) {
                out.add(new Violation(p.pid(), String.format("page 0x%x", m.va()), Capability.NULL,
                        "global: its TLB entry would hit under every ASID"));
            }
        }
    }

    private void checkCapabilities(MicroProcess p, AddressSpace s, List<Violation> out) {
        PhysicalMemory mem = kernel.machine().memory();
        for (Mapping m : s.mappings(p.base(), p.size())) {
            for (long off = 0; off < m.size(); off += 16) {
                long pa = m.pa() + off;
                if (mem.tag(pa)) {
                    IsolationChecker.checkCapability(p, String.format("memory 0x%x", m.va() + off),
                            Capability.fromMemory(mem.capLow(pa), mem.capHigh(pa), true), out);
                }
            }
        }
    }
}
