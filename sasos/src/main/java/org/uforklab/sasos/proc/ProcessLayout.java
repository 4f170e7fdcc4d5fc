package org.uforklab.sasos.proc;

import java.util.ArrayList;
import java.util.List;
import org.uforklab.machine.cap.Capability;
import org.uforklab.sasos.image.GuestImage;
import org.uforklab.sasos.image.Prelude;
import org.uforklab.sasos.syscall.Sys;

/**
 * The layout of one µprocess region, as offsets from its base: code and rodata (shared RX), GOT (the
 * system-call table then the image's {@code .got}), a guard page, data, bss, a guard, the heap reservation,
 * a guard, the mmap area, a guard, then per thread a guard page and a stack, the TLS blocks and a final
 * guard. The whole region is one capability-representable range: {@code size} is a representable length
 * and the base is aligned for it, so the region capability is exact.
 */
public final class ProcessLayout {
    private static final long PAGE = 4096;

    private final List<Segment> segments;
    private final long size;
    private final long alignment;
    private final LaunchOptions options;

    private ProcessLayout(List<Segment> segments, long size, long alignment, LaunchOptions options) {
        this.segments = List.copyOf(segments);
        this.size = size;
        this.alignment = alignment;
        this.options = options;
    }

    /** Bytes of the system-call table at the start of the GOT segment. */
    public static final long SYSCALL_TABLE_BYTES = Sys.TABLE_ENTRIES * 16L;

    /** The layout of {@code image} with {@code opts}, relative to base 0. */
    public static ProcessLayout of(GuestImage image, LaunchOptions opts) {
        List<Segment> s = new ArrayList<>();
        long at = 0;
        at = add(s, "text", at, image.sectionSize(".text"), Segment.Kind.CODE);
        at = add(s, "rodata", at, image.sectionSize(".rodata"), Segment.Kind.CODE);
        at = add(s, "got", at, SYSCALL_TABLE_BYTES + image.sectionSize(".got"), Segment.Kind.READ_ONLY);
        at = add(s, "guard", at, PAGE, Segment.Kind.GUARD);
        at = add(s, "data", at, image.sectionSize(".data"), Segment.Kind.DATA);
        at = add(s, "bss", at, image.sectionSize(".bss"), Segment.Kind.DATA);
        at = add(s, "guard", at, PAGE, Segment.Kind.GUARD);
        // The heap capability in each thread's TLS must be exact: malloc keeps its metadata at the
        // capability's base. A large heap needs a representable length and an aligned start; the padding
        // before it is guard.
        long heapSize = Capability.representableLength((opts.heapMax() + PAGE - 1) & -PAGE);
        long heapAlign = Math.max(PAGE, ~Capability.representableAlignmentMask(heapSize) + 1);
        long heapAt = (at + heapAlign - 1) & -heapAlign;
        if (heapAt > at) {
            s.add(new Segment("guard", at, heapAt - at, Segment.Kind.GUARD));
        }
        at = add(s, "heap", heapAt, heapSize, Segment.Kind.RESERVED);
        at = add(s, "guard", at, PAGE, Segment.Kind.GUARD);
        at = add(s, "mmap", at, opts.mmapSize(), Segment.Kind.RESERVED);
        for (int i = 0; i < opts.maxThreads(); i++) {
            at = add(s, "guard", at, PAGE, Segment.Kind.GUARD);
            at = add(s, "stack" + i, at, opts.stackSize(), Segment.Kind.RESERVED);
        }
        at = add(s, "tls", at, (long) opts.maxThreads() * Prelude.TLS_SIZE, Segment.Kind.DATA);
        at = add(s, "guard", at, PAGE, Segment.Kind.GUARD);
        long size = Capability.representableLength(at);
        long alignment = Math.max(PAGE, ~Capability.representableAlignmentMask(at) + 1);
        if (size > at) {
            // the rounding slack becomes part of the final guard
            s.add(new Segment("guard", at, size - at, Segment.Kind.GUARD));
        }
        return new ProcessLayout(s, size, alignment, opts);
    }

    private static long add(List<Segment> s, String name, long at, long bytes, Segment.Kind kind) {
        long size = (bytes + PAGE - 1) & -PAGE;
        if (size == 0 && kind != Segment.Kind.RESERVED) {
            size = kind == Segment.Kind.GUARD ? PAGE : 0;
        }
        if (size == 0) {
            return at;
        }
        s.add(new Segment(name, at, size, kind));
        return at + size;
    }

    /** The same layout moved to {@code base}. */
    public List<Segment> at(long base) {
        return segments.stream().map(g -> new Segment(g.name(), base + g.start(), g.size(), g.kind())).toList();
    }

    /** The segment called {@code name} (first of that name), relative to base 0. */
    public Segment segment(String name) {
        return segments.stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no segment " + name));
    }

    /** Whether a segment of that name exists. */
    public boolean has(String name) {
        return segments.stream().anyMatch(g -> g.name().equals(name));
    }

    /** Relative segments. */
    public List<Segment> segments() {
        return segments;
    }

    /** Region size (representable). */
    public long size() {
        return size;
    }

    /** Base alignment the region needs for an exact capability. */
    public long alignment() {
        return alignment;
    }

    /** The options. */
    public LaunchOptions options() {
        return options;
    }

    /** E.g. {@code 64 KiB}. */
    public static String human(long bytes) {
        if (bytes >= (1L << 30) && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= (1L << 20) && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " B";
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ProcessLayout(" + human(size) + ", align " + human(alignment) + ")\n");
        segments.forEach(g -> sb.append("  ").append(g).append('\n'));
        return sb.toString().stripTrailing();
    }
}
