package org.uforklab.sasos;

import java.util.ArrayList;
import java.util.List;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.mem.PhysicalMemory;
import org.uforklab.machine.mmu.Mapping;
import org.uforklab.sasos.mm.VirtualLayout;
import org.uforklab.sasos.proc.GuestThread;
import org.uforklab.sasos.proc.MicroProcess;
import org.uforklab.sasos.proc.ThreadContext;

/**
 * Read-only views of a µprocess for the REPL and tests: its pages (PTEs), memory, tags, the capabilities stored
 * in its region, its threads' registers, and the isolation check (capabilities reaching outside the region).
 * Inspection reads physical memory directly and is not charged.
 */
public final class Inspector {
    private final Kernel kernel;

    /** An inspector over {@code kernel}. */
    public Inspector(Kernel kernel) {
        this.kernel = kernel;
    }

    /** A tagged capability found in memory. */
    public record StoredCapability(long va, Capability capability) {
        @Override
        public String toString() {
            return String.format("0x%x: %s", va, capability);
        }
    }

    /** The leaf page-table entries mapping the region. */
    public List<Mapping> pages(MicroProcess p) {
        return kernel.spaceOf(p).mappings(p.base(), p.size());
    }

    /** Reads {@code len} bytes at {@code va} of the kernel's address space (unmapped bytes read as 0). */
    public byte[] memory(long va, int len) {
        return memory(kernel.addressSpace(), va, len);
    }

    /** Reads {@code len} bytes at {@code va} as {@code p} sees them (its own address space, if it has one). */
    public byte[] memory(MicroProcess p, long va, int len) {
        return memory(kernel.spaceOf(p), va, len);
    }

    private byte[] memory(org.uforklab.sasos.mm.AddressSpace space, long va, int len) {
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            var m = space.lookup(va + i);
            if (m.isPresent()) {
                out[i] = (byte) kernel.machine().memory().read8(m.get().pa() + (va + i - m.get().va()));
            }
        }
        return out;
    }

    /** A hex dump of {@code len} bytes at {@code va}, with a tag marker per 16-byte granule. */
    public String hexdump(long va, int len) {
        byte[] b = memory(va, len);
        StringBuilder sb = new StringBuilder();
        for (int off = 0; off < len; off += 16) {
            long a = va + off;
            sb.append(String.format("%012x %s ", a, tag(a) ? "T" : "."));
            for (int i = 0; i < 16 && off + i < len; i++) {
                sb.append(String.format("%02x ", b[off + i] & 0xFF));
            }
            sb.append('\n');
        }
        return sb.toString().stripTrailing();
    }

    /** The tag of the granule holding {@code va} in the kernel's address space (false if unmapped). */
    public boolean tag(long va) {
        return tag(kernel.addressSpace(), va);
    }

    /** The tag of the granule holding {@code va} as {@code p} sees it (false if unmapped). */
    public boolean tag(MicroProcess p, long va) {
        return tag(kernel.spaceOf(p), va);
    }

    private boolean tag(org.uforklab.sasos.mm.AddressSpace space, long va) {
        var m = space.lookup(va);
        return m.isPresent() && kernel.machine().memory().tag(m.get().pa() + ((va & -16L) - m.get().va()));
    }

    /** Every tagged capability stored in the region's mapped pages. */
    public List<StoredCapability> capabilities(MicroProcess p) {
        List<StoredCapability> out = new ArrayList<>();
        PhysicalMemory mem = kernel.machine().memory();
        for (Mapping m : pages(p)) {
            for (long off = 0; off < m.size(); off += 16) {
                long pa = m.pa() + off;
                if (mem.tag(pa)) {
                    out.add(new StoredCapability(m.va() + off, Capability.fromMemory(mem.capLow(pa), mem.capHigh(pa), true)));
                }
            }
        }
        return out;
    }

    /** The registers of a thread (saved, or live on its core). */
    public ThreadContext registers(GuestThread t) {
        if (kernel.scheduler().current(t.core()) == t) {
            ThreadContext c = new ThreadContext();
            c.save(kernel.cpu(t.core()));
            return c;
        }
        return t.context();
    }

    /** Whether {@code c} stays inside {@code p}'s region or is a sealed entry into kernel text. */
    public boolean confined(MicroProcess p, Capability c) {
        if (!c.isTagged()) {
            return true;
        }
        if (c.isSentry() && Long.compareUnsigned(c.base(), VirtualLayout.KERNEL_TEXT) >= 0
                && Long.compareUnsigned(c.base() + c.lengthClamped(), VirtualLayout.KERNEL_TEXT + VirtualLayout.KERNEL_TEXT_SIZE) <= 0) {
            return true;
        }
        return Long.compareUnsigned(c.base(), p.base()) >= 0 && c.lengthClamped() <= p.size()
                && Long.compareUnsigned(c.base() + c.lengthClamped(), p.base() + p.size()) <= 0;
    }

    /** The isolation check: capabilities in the region or the live threads' registers that reach outside it. */
    public List<String> pointingOutside(MicroProcess p) {
        List<String> bad = new ArrayList<>();
        for (StoredCapability s : capabilities(p)) {
            if (!confined(p, s.capability())) {
                bad.add("memory " + s);
            }
        }
        for (GuestThread t : p.liveThreads()) {
            ThreadContext r = registers(t);
            for (int i = 0; i < 32; i++) {
                if (!confined(p, r.c(i))) {
                    bad.add("tid " + t.tid() + " c" + i + ": " + r.c(i));
                }
            }
            for (Capability c : new Capability[] {r.pcc(), r.ctpidr(), r.ddc()}) {
                if (!confined(p, c)) {
                    bad.add("tid " + t.tid() + " system register: " + c);
                }
            }
        }
        return bad;
    }

    /** A summary: segments, pages mapped, capabilities stored. */
    public String describe(MicroProcess p) {
        StringBuilder sb = new StringBuilder(p.toString()).append('\n');
        p.segments().forEach(s -> sb.append("  ").append(s).append('\n'));
        sb.append(String.format("  %d pages mapped, %d capabilities stored, %d frames shared code (%d users)",
                pages(p).size(), capabilities(p).size(), p.code().frames().length, p.code().users()));
        return sb.toString();
    }
}
