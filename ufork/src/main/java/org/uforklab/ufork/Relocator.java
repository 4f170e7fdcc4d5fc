package org.uforklab.ufork;

import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.ObjectType;
import org.uforklab.machine.cap.Perm;
import org.uforklab.sasos.mm.VirtualLayout;

/**
 * Rewrites capabilities from a source region (the parent's) into a destination region of the same layout (the
 * child's), the rule of ufork-paper.md §3.4:
 * <ul>
 *   <li>untagged data is never touched (no integer is mistaken for a pointer);</li>
 *   <li>a capability whose bounds lie in the source region is rebuilt in the destination: address and bounds
 *       shifted by {@code dst.base - src.base}, same length, permissions, flags;</li>
 *   <li>one whose bounds reach outside the source region but overlap it (none should exist: the kernel never
 *       hands such out) is rebuilt with its bounds clamped to the destination region;</li>
 *   <li>sealed entries into kernel text (system-call sentries) are kept as they are: they are the kernel's
 *       protected entry points and the same for every µprocess;</li>
 *   <li>anything else reaching outside the source region is invalidated (tag cleared): a child must never
 *       inherit authority over memory that is not its own.</li>
 * </ul>
 * Sealed capabilities pointing into the source region are relocated and re-sealed with the same object type:
 * the kernel holds sealing authority over every type, and a sentry left pointing into the parent would be a
 * way out of the child (the artifact relocates them too, deriving from its per-slot root). Every rebuilt
 * capability is derived from a capability over the destination region, so it can never exceed it, and keeps
 * at most the original's permissions (never System unless the original had it).
 */
public final class Relocator {
    /** What happened to one capability. */
    public enum Outcome {
        /** Untagged, or already inside the destination region. */
        UNTOUCHED,
        /** Shifted into the destination region. */
        RELOCATED,
        /** A sealed kernel entry, kept. */
        KEPT_KERNEL_ENTRY,
        /** Reached outside the source region: tag cleared. */
        INVALIDATED
    }

    /** A relocated capability and what was done. */
    public record Result(Capability capability, Outcome outcome) {
    }

    private final Region src;
    private final Region dst;
    private final long delta;
    private final Capability dstRoot;
    private final Capability sealer;

    /** A relocator from {@code src} to {@code dst} (same size). */
    public Relocator(Region src, Region dst) {
        if (src.size() != dst.size()) {
            throw new IllegalArgumentException("source and destination regions differ in size: " + src + " vs " + dst);
        }
        this.src = src;
        this.dst = dst;
        this.delta = dst.base() - src.base();
        Capability r = Capability.root().setValue(dst.base()).setBounds(dst.size());
        this.dstRoot = r;
        this.sealer = Capability.root().clearPerms(Perm.ALL & ~(Perm.SEAL | Perm.GLOBAL));
    }

    /** The source region. */
    public Region source() {
        return src;
    }

    /** The destination region. */
    public Region destination() {
        return dst;
    }

    /** Destination minus source base. */
    public long delta() {
        return delta;
    }

    /** Whether {@code c} is a sealed entry into kernel text. */
    public static boolean isKernelEntry(Capability c) {
        return c.isTagged() && c.isSealed() && Long.compareUnsigned(c.base(), VirtualLayout.KERNEL_TEXT) >= 0
                && Long.compareUnsigned(c.base() + c.lengthClamped(), VirtualLayout.KERNEL_TEXT + VirtualLayout.KERNEL_TEXT_SIZE) <= 0;
    }

    /** Relocates one capability. */
    public Result relocate(Capability c) {
        if (!c.isTagged()) {
            return new Result(c, Outcome.UNTOUCHED);
        }
        long base = c.base();
        long top = c.topBit64() ? -1L : c.topLow(); // an unbounded top is clamped below anyway
        if (Long.compareUnsigned(base, dst.base()) >= 0 && Long.compareUnsigned(top, dst.end()) <= 0 && !c.topBit64()) {
            return new Result(c, Outcome.UNTOUCHED);
        }
        if (isKernelEntry(c)) {
            return new Result(c, Outcome.KEPT_KERNEL_ENTRY);
        }
        long lo = Long.compareUnsigned(base, src.base()) > 0 ? base : src.base();
        long hi = !c.topBit64() && Long.compareUnsigned(top, src.end()) < 0 ? top : src.end();
        if (Long.compareUnsigned(lo, hi) >= 0) {
            return new Result(c.withTagCleared(), Outcome.INVALIDATED);
        }
        long nb = lo + delta;
        long len = hi - lo;
        Capability r = dstRoot.setValue(nb);
        r = r.isExact(len) ? r.setBoundsExact(len) : r.setBounds(len);
        if (!r.isTagged() || Long.compareUnsigned(r.base(), dst.base()) < 0
                || Long.compareUnsigned(r.base() + r.lengthClamped(), dst.end()) > 0) {
            // rounding would reach outside the child: fall back to the whole destination region
            r = dstRoot;
        }
        long value = c.value() + delta;
        r = r.setValue(value);
        r = r.clearPerms(Perm.ALL & ~c.perms());
        if (c.isSealed()) {
            int otype = c.otype();
            r = ObjectType.isFixedForm(otype) ? r.sealEntry(otype) : r.seal(sealer.setValue(otype));
        }
        if (!r.isTagged()) {
            return new Result(r, Outcome.INVALIDATED);
        }
        return new Result(r, Outcome.RELOCATED);
    }

    @Override
    public String toString() {
        return "Relocator " + src + " -> " + dst + String.format(" (delta %+#x)", delta);
    }
}
