package org.uforklab.machine.access;

import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.mem.Frame;
import org.uforklab.machine.mmu.Mmu;
import org.uforklab.machine.mmu.TlbEntry;

/**
 * What one checked access proved about the part of its page that its authority covers, kept so the next
 * access through the same authority object can skip re-proving it: the data-side counterpart of the
 * interpreter's pre-checked fetch window. A caller owns one window per authority it uses often (the
 * interpreter: one per base register) and passes it to the {@code CheckedAccess} methods that take one.
 *
 * <p>After a successful access through {@code auth} at {@code va}, the window records
 * <ul>
 *   <li>{@code auth} itself (by identity: a {@link Capability} is immutable, so its tag, seal, permissions and
 *       decoded bounds cannot change) and its permissions;</li>
 *   <li>the range {@code [lo, lo + len)}: the page of {@code va} intersected with the authority's bounds, so
 *       an access lying inside it passes the bounds check and does not cross a page;</li>
 *   <li>the {@link TlbEntry} that translated the page, the kinds of access it permits at the current EL, and
 *       its {@link Frame};</li>
 *   <li>the MMU's {@link Mmu#translationEpoch() translation epoch}. Every TLB fill, eviction, invalidation,
 *       translation-register or EL change moves the epoch, so while it is unchanged the entry is still the one
 *       {@link Mmu#translate} would return, with the same permissions, and that call would be a TLB hit.</li>
 * </ul>
 * An access through the same object, inside the range, aligned, of a kind the entry permits and with the
 * permissions the authority has, therefore takes exactly the path the full checks would take: no capability,
 * alignment or translation fault, a TLB hit (counted and charged as one) and the same frame. Everything that
 * can still differ per access (the permissions a capability store needs for its value, LC/TGEN on a loaded
 * tag, SC/CDBM on a stored one, every counter and charge) is still evaluated at each access.
 */
public final class AccessWindow {

    /** The authority the window was proved for. */
    Capability auth;
    /** The MMU translation epoch at the proof; -1 (never an epoch) while the window is empty. */
    long epoch = -1;
    /** First covered VA (bounds-address and VA coincide: windows are only made where they do). */
    long lo;
    /** Covered bytes from {@link #lo} (at most a page). */
    long len;
    /** The authority's permission bits (Perm masks). */
    int perms;
    /** Bit {@code 1 << AccessKind.ordinal()} set for each kind the translation permits at the EL of the proof. */
    int kinds;
    TlbEntry entry;
    Frame frame;
    /** The page and the authority's pesbt of the last full-path access that proved nothing (see {@link #proveIfRepeated}). */
    private long seenPage = -1;
    private long seenPesbt;

    /** An empty window (every access through it takes the full path first). */
    public AccessWindow() {
    }

    /**
     * True when an access of {@code size} bytes at {@code va} (size-aligned) through {@code a} lies in the
     * window and the translation is unchanged; the caller still checks permissions and the access kind.
     */
    boolean covers(Capability a, long va, int size, long currentEpoch) {
        long off = va - lo;
        return a == auth && currentEpoch == epoch && Long.compareUnsigned(off, len) < 0 && off + size <= len
                && (va & (size - 1)) == 0;
    }

    /**
     * After a successful full-path access: proves the window if the previous full-path access through it was
     * to the same page through an authority with the same pesbt, else only remembers this one. Proving costs
     * more than it saves when accesses hop between pages or authorities (a linked list walked through the
     * capabilities it loads), so it waits for the second access; the proof itself never depends on this.
     */
    void proveIfRepeated(Capability a, long va, TlbEntry e, Frame f, Mmu mmu) {
        long page = va & ~0xFFFL;
        long pes = a.pesbt();
        if (page != seenPage || pes != seenPesbt) {
            seenPage = page;
            seenPesbt = pes;
            return;
        }
        prove(a, va, e, f, mmu);
    }

    /**
     * Records the proof of a successful access at {@code va} through {@code a} translated by {@code e}
     * (frame {@code f}); leaves the window empty where no range can be proved in one step.
     */
    void prove(Capability a, long va, TlbEntry e, Frame f, Mmu mmu) {
        epoch = -1;
        long page = va & ~0xFFFL;
        long end = page + 4096;
        // Bounds see addresses through CapBoundsAddress (sign-extended from bit 55); where that differs from
        // the VA (tagged top bytes), or the page is the last of the address space, keep to the full checks.
        if (f == null || !a.boundsValid() || Capability.boundsAddress(page) != page || end == 0) {
            return;
        }
        long from = page;
        if (Long.compareUnsigned(a.base(), from) > 0) {
            from = a.base();
        }
        if (!a.topBit64() && Long.compareUnsigned(a.topLow(), end) < 0) {
            end = a.topLow();
        }
        if (Long.compareUnsigned(end, from) <= 0) {
            return;
        }
        lo = from;
        len = end - from;
        perms = a.perms();
        kinds = mmu.permittedKinds(e);
        // reference stores cost GC write barriers: skip the ones that would not change anything
        if (entry != e) {
            entry = e;
        }
        if (frame != f) {
            frame = f;
        }
        if (auth != a) {
            auth = a;
        }
        epoch = mmu.translationEpoch();
    }

    /** Empties the window. */
    public void clear() {
        epoch = -1;
        auth = null;
        entry = null;
        frame = null;
    }

    @Override
    public String toString() {
        if (epoch == -1) {
            return "AccessWindow(empty)";
        }
        return String.format("AccessWindow([0x%x, 0x%x) kinds 0x%x epoch %d)", lo, lo + len, kinds, epoch);
    }
}
