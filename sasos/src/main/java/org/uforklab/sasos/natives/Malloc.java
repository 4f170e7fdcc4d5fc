package org.uforklab.sasos.natives;

import org.uforklab.machine.access.CheckedAccess;
import org.uforklab.machine.cap.Capability;
import org.uforklab.sasos.image.Prelude;

/**
 * malloc/calloc/realloc/free whose metadata lives in the µprocess's heap, in guest memory, reached with the
 * heap capability from the caller's TLS block (so μFork copying the heap's first page copies the allocator
 * state). Layout, all little-endian 64-bit words at the heap start:
 * <pre>
 *   +0  magic "UFKMALLC"      +8  bump offset      +16 free-list head offset (0 = empty)   +24 mapped end offset
 * </pre>
 * Each block: a 16-byte header {@code {u64 size, u64 next}} then the payload; {@code next} is
 * {@link #IN_USE} for allocated blocks or the next free block's offset. Payload sizes are representable
 * capability lengths and payloads are aligned for them, so every returned capability has exact bounds.
 */
public final class Malloc {
    /** The magic word. */
    public static final long MAGIC = 0x434C4C414D4B4655L; // "UFKMALLC"
    /** Header bytes at the heap start. */
    public static final long HEADER = 32;
    /** "next" value of an allocated block. */
    public static final long IN_USE = 1;

    private Malloc() {
    }

    /** The heap capability from the caller's TLS block. */
    static Capability heapCap(NativeContext ctx) {
        Capability tls = ctx.cpu().ctpidr();
        return ctx.access().loadCap(tls, tls.value() + Prelude.TLS_HEAP);
    }

    private static void init(NativeContext ctx, CheckedAccess a, Capability h, long base) {
        if (a.load64(h, base) != MAGIC) {
            a.store64(h, base, MAGIC);
            a.store64(h, base + 8, HEADER);
            a.store64(h, base + 16, 0);
            a.store64(h, base + 24, ctx.thread().process().heapEnd() - base);
        }
    }

    /** malloc(n): a capability bounded to n bytes (rounded to 16 and to a representable length), or NULL. */
    public static Capability malloc(NativeContext ctx, long n) {
        if (n < 0 || n > (1L << 40)) {
            return Capability.NULL;
        }
        CheckedAccess a = ctx.access();
        Capability h = heapCap(ctx);
        long base = h.base();
        init(ctx, a, h, base);
        long size = Capability.representableLength(Math.max(16, (n + 15) & -16L));
        long alignMask = Capability.representableAlignmentMask(size);
        // first fit on the free list
        long prevLink = base + 16;
        long cur = a.load64(h, prevLink);
        while (cur != 0) {
            long bsize = a.load64(h, base + cur);
            long next = a.load64(h, base + cur + 8);
            long payload = base + cur + 16;
            if (bsize >= size && (payload & ~alignMask) == 0) {
                a.store64(h, prevLink, next);
                a.store64(h, base + cur + 8, IN_USE);
                return h.setValue(payload).setBoundsExact(bsize);
            }
            prevLink = base + cur + 8;
            cur = next;
        }
        long top = a.load64(h, base + 8);
        long payload = (base + top + 16 + ~alignMask) & alignMask;
        long block = payload - 16 - base;
        long end = payload + size - base;
        long mapped = a.load64(h, base + 24);
        if (end > mapped) {
            long newEnd = ctx.kernel().heapGrow(ctx.thread().process(), end - mapped);
            if (newEnd < 0) {
                return Capability.NULL;
            }
            mapped = newEnd - base;
            a.store64(h, base + 24, mapped);
        }
        a.store64(h, base + block, size);
        a.store64(h, base + block + 8, IN_USE);
        a.store64(h, base + 8, end);
        return h.setValue(payload).setBoundsExact(size);
    }

    /** free(p): NULL is ignored; anything malloc did not return aborts. */
    public static void free(NativeContext ctx, Capability p) {
        if (!p.isTagged() && p.value() == 0) {
            return;
        }
        CheckedAccess a = ctx.access();
        Capability h = heapCap(ctx);
        long base = h.base();
        long block = p.base() - 16;
        if (!p.isTagged() || p.isSealed() || Long.compareUnsigned(block - base, a.load64(h, base + 8)) >= 0
                || block - base < HEADER) {
            throw new NativeAbort(String.format("free(): 0x%x is not a pointer malloc returned", p.value()));
        }
        long size = a.load64(h, block);
        long next = a.load64(h, block + 8);
        if (next != IN_USE || size != p.lengthClamped() || p.value() != p.base()) {
            throw new NativeAbort(String.format("free(): 0x%x is not an allocated block (double free or corruption)", p.value()));
        }
        a.store64(h, block + 8, a.load64(h, base + 16));
        a.store64(h, base + 16, block - base);
    }

    /** realloc(p, n). */
    public static Capability realloc(NativeContext ctx, Capability p, long n) {
        if (!p.isTagged() && p.value() == 0) {
            return malloc(ctx, n);
        }
        Capability q = malloc(ctx, n);
        if (!q.isTagged()) {
            return q;
        }
        long len = Math.min(p.lengthClamped(), q.lengthClamped());
        ctx.access().copy(q, q.value(), p, p.base(), len);
        free(ctx, p);
        return q;
    }

    /** Bytes the allocator has handed out from the bump pointer (for inspection), reading guest memory. */
    public static long bumpOffset(CheckedAccess a, Capability heap) {
        return a.load64(heap, heap.base()) == MAGIC ? a.load64(heap, heap.base() + 8) : 0;
    }
}
