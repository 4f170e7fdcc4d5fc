package org.uforklab.sasos.proc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.uforklab.machine.Machine;
import org.uforklab.machine.asm.LinkedImage;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.ObjectType;
import org.uforklab.machine.cap.Perm;
import org.uforklab.machine.mmu.Descriptor;
import org.uforklab.machine.mmu.PageAttributes;
import org.uforklab.machine.time.Cost;
import org.uforklab.machine.time.CycleCounter;
import org.uforklab.sasos.image.GuestImage;
import org.uforklab.sasos.mm.AddressSpace;
import org.uforklab.sasos.syscall.Sys;

/**
 * Lays a linked guest image out in a µprocess region: maps code (shared frames), GOT, data, bss, TLS and the
 * static heap (demand-zero: the zero frame read-only, a frame of its own at the first write),
 * fills the system-call table with sealed entries, and turns CAPINIT relocations into tagged capabilities
 * bounded to their objects (functions: sentries with PCC's bounds). Every capability it writes is derived from
 * the region's capability, except the system-call sentries.
 */
public final class Loader {
    /** Permissions of a µprocess's PCC: load (GOT, rodata), load capabilities, execute. Never System. */
    public static final int PCC_PERMS = Perm.GLOBAL | Perm.LOAD | Perm.LOAD_CAP | Perm.EXECUTE | Perm.MUTABLE_LOAD;
    /** Permissions of data capabilities (objects, heap, stack, TLS). */
    public static final int DATA_PERMS = Perm.GLOBAL | Perm.LOAD | Perm.LOAD_CAP | Perm.STORE | Perm.STORE_CAP
            | Perm.STORE_LOCAL_CAP | Perm.MUTABLE_LOAD;
    /** Read-only data capabilities. */
    public static final int RO_PERMS = Perm.GLOBAL | Perm.LOAD | Perm.LOAD_CAP | Perm.MUTABLE_LOAD;

    private final Machine machine;
    private final AddressSpace space;
    private final List<SharedCode> shared = new ArrayList<>();

    /** A loader mapping into {@code space}. */
    public Loader(Machine machine, AddressSpace space) {
        this.machine = machine;
        this.space = space;
    }

    /** What loading produced. */
    public record Loaded(LinkedImage linked, Capability region, Capability pcc, SharedCode code, Capability syscallTable) {
    }

    /** A capability with exactly {@code perms} (monotonic: only clears). */
    public static Capability withPerms(Capability c, int perms) {
        return c.clearPerms(Perm.ALL & ~perms);
    }

    /**
     * Loads {@code image} at {@code base}.
     *
     * @param syscallEntries the 16-byte sentries to put in the system-call table, by number
     * @param charge         the clock charged for page copies (the launching core)
     */
    public Loaded load(GuestImage image, ProcessLayout layout, long base, Capability[] syscallEntries, CycleCounter charge) {
        return load(space, image, layout, base, syscallEntries, charge);
    }

    /** As {@link #load(GuestImage, ProcessLayout, long, Capability[], CycleCounter)}, mapping into {@code target}. */
    public Loaded load(AddressSpace target, GuestImage image, ProcessLayout layout, long base, Capability[] syscallEntries,
            CycleCounter charge) {
        Segment got = place(layout.segment("got"), base);
        LinkedImage linked = image.link(sectionAddresses(layout, base));
        Capability region = withPerms(Capability.root().setValue(base).setBoundsExact(layout.size()), DATA_PERMS);
        Capability pcc = withPerms(Capability.root(), PCC_PERMS).setValue(base).setBounds(got.end() - base);

        long pageCopy = machine.config().costs().get(Cost.PAGE_COPY);
        // ---- code and rodata: shared frames
        long codeStart = base;
        long codeEnd = layout.has("rodata") ? base + layout.segment("rodata").start() + layout.segment("rodata").size()
                : base + layout.segment("text").start() + layout.segment("text").size();
        byte[] codeBytes = new byte[(int) (codeEnd - codeStart)];
        for (LinkedImage.Placed p : linked.sections()) {
            if ((p.name().equals(".text") || p.name().equals(".rodata")) && !p.nobits()) {
                System.arraycopy(p.bytes(), 0, codeBytes, (int) (p.address() - codeStart), p.bytes().length);
            }
        }
        SharedCode code = shared.stream().filter(s -> s.holds(image.name(), codeBytes)).findFirst().orElse(null);
        if (code == null) {
            long[] frames = new long[codeBytes.length / 4096];
            for (int i = 0; i < frames.length; i++) {
                frames[i] = space.frames().allocateFrame();
                machine.memory().writeBytes(frames[i], codeBytes, i * 4096, 4096);
                charge.add(pageCopy);
            }
            code = new SharedCode(image.name(), codeBytes, frames);
            shared.add(code);
        }
        code.retain();
        long[] frames = code.frames();
        for (int i = 0; i < frames.length; i++) {
            target.mapFrame(codeStart + i * 4096L, frames[i], PageAttributes.kernelCode());
        }
        // ---- GOT (RW while we fill it, then read-only), data, bss, heap, TLS
        target.mapFresh(got.start(), got.size(), PageAttributes.kernelData());
        for (String seg : List.of("data", "bss", "tls")) {
            if (layout.has(seg)) {
                Segment s = place(layout.segment(seg), base);
                target.mapFresh(s.start(), s.size(), PageAttributes.kernelData());
            }
        }
        // the static heap is demand-zero: every page maps the zero frame until it is first written
        Segment heap = place(layout.segment("heap"), base);
        target.mapZero(heap.start(), layout.options().heapSize(), PageAttributes.kernelData());
        for (LinkedImage.Placed p : linked.sections()) {
            if ((p.name().equals(".got") || p.name().equals(".data")) && !p.nobits()) {
                writePhysical(target, p.address(), p.bytes());
                charge.add(pageCopy * ((p.bytes().length + 4095) / 4096));
            }
        }
        for (int n = 0; n < Sys.TABLE_ENTRIES; n++) {
            writeCap(target, got.start() + 16L * n, syscallEntries[n]);
        }
        Capability table = withPerms(region, RO_PERMS).setValue(got.start()).setBoundsExact(ProcessLayout.SYSCALL_TABLE_BYTES);
        for (LinkedImage.CapInit ci : linked.capInits()) {
            Capability c;
            if (ci.function()) {
                c = pcc.setValue(ci.target() | 1).sealEntry(ObjectType.RB);
            } else {
                // objects in text or rodata are read-only
                boolean readOnly = Long.compareUnsigned(ci.base(), codeEnd) < 0;
                Capability auth = readOnly ? withPerms(region, RO_PERMS) : region;
                c = auth.setValue(ci.base()).setBounds(ci.length()).setValue(ci.target());
            }
            writeCap(target, ci.address(), c);
        }
        for (long va = got.start(); va < got.end(); va += 4096) {
            target.protect(va, PageAttributes.kernelData().withAp(Descriptor.AP_RO_EL1).withSc(false));
        }
        return new Loaded(linked, region, pcc, code, table);
    }

    /** Where each section of an image goes in a region of {@code layout} at {@code base} (what {@link GuestImage#link} takes). */
    public static Map<String, Long> sectionAddresses(ProcessLayout layout, long base) {
        Map<String, Long> at = new LinkedHashMap<>();
        at.put(".text", base + layout.segment("text").start());
        if (layout.has("rodata")) {
            at.put(".rodata", base + layout.segment("rodata").start());
        }
        at.put(".got", base + layout.segment("got").start() + ProcessLayout.SYSCALL_TABLE_BYTES);
        if (layout.has("data")) {
            at.put(".data", base + layout.segment("data").start());
        }
        if (layout.has("bss")) {
            at.put(".bss", base + layout.segment("bss").start());
        }
        return at;
    }

    /** Unmaps a region of the loader's space; the code frames are freed with their last user. */
    public void unload(MicroProcess p) {
        unload(p, space);
    }

    /** Unmaps {@code p}'s region from {@code target}; the code frames are freed with their last user. */
    public void unload(MicroProcess p, AddressSpace target) {
        SharedCode code = p.code();
        Segment text = p.segment("text");
        long codeEnd = p.layout().has("rodata") ? p.segment("rodata").end() : text.end();
        boolean last = code.release();
        target.unmap(text.start(), codeEnd - text.start(), true);
        if (last) {
            for (long f : code.frames()) {
                space.frames().free(f);
            }
            shared.remove(code);
        }
        target.unmap(codeEnd, p.base() + p.size() - codeEnd, false);
    }

    /** Shared code segments alive. */
    public List<SharedCode> sharedCode() {
        return List.copyOf(shared);
    }

    private static Segment place(Segment s, long base) {
        return new Segment(s.name(), base + s.start(), s.size(), s.kind());
    }

    private void writePhysical(AddressSpace target, long va, byte[] bytes) {
        int off = 0;
        while (off < bytes.length) {
            long a = va + off;
            int n = (int) Math.min(bytes.length - off, 4096 - (a & 0xFFF));
            machine.memory().writeBytes(target.paOf(a), bytes, off, n);
            off += n;
        }
    }

    /** Writes a tagged capability at {@code va} (loader only: the kernel writes physical memory directly). */
    public void writeCap(long va, Capability c) {
        writeCap(space, va, c);
    }

    /** Writes a tagged capability at {@code va} of {@code target}. */
    public void writeCap(AddressSpace target, long va, Capability c) {
        machine.memory().writeCap(target.paOf(va), c.memoryLow(), c.memoryHigh(), c.isTagged());
    }
}
