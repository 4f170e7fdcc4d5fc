package org.uforklab.machine.access;

import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.Perm;

/**
 * The raw 129 bits (value, pesbt, tag) a capability load returns, written in place by
 * {@link CheckedAccess#loadCap(Capability, long, LoadedCapability)} so the interpreter's hot path builds no
 * {@link Capability} (whose constructor decodes the bounds) for every LDR C. A caller owns one holder and
 * reads it right after the load; {@link #toCapability()} gives the object form when one is needed.
 *
 * <p>{@link #squashAfterLoadVia(int)} is Sail {@code CapSquashPostLoadCap} on the raw bits; it must agree
 * with {@link Capability#squashAfterLoadVia(Capability)} bit for bit (LoadedCapabilityProperties checks it).
 */
public final class LoadedCapability {

    private static final int PERMS_SHIFT = 46;
    private static final int OTYPE_SHIFT = 31;
    private static final int OTYPE_MASK = 0x7FFF;
    /** The permissions a load through an authority without MutableLoad removes from a tagged, unsealed result. */
    private static final long MUTABLE_LOAD_DROP = (long) (Perm.STORE | Perm.STORE_CAP | Perm.STORE_LOCAL_CAP
            | Perm.MUTABLE_LOAD) << PERMS_SHIFT;

    private long value;
    private long pesbt;
    private boolean tag;

    /** An empty holder (the NULL capability's bits). */
    public LoadedCapability() {
    }

    /** Sets the bits as read from memory: {@code low} = granule bytes 0..7 (value), {@code high} = pesbt. */
    void set(long low, long high, boolean loadedTag) {
        value = low;
        pesbt = high;
        tag = loadedTag;
    }

    /**
     * Sail {@code CapSquashPostLoadCap} through an authority with permissions {@code authorityPerms}: without
     * LoadCap the tag is cleared (bits kept); else without MutableLoad a tagged unsealed capability loses
     * Store, StoreCap, StoreLocalCap and MutableLoad.
     */
    void squashAfterLoadVia(int authorityPerms) {
        if ((authorityPerms & Perm.LOAD_CAP) == 0) {
            tag = false;
        } else if ((authorityPerms & Perm.MUTABLE_LOAD) == 0 && tag && ((pesbt >>> OTYPE_SHIFT) & OTYPE_MASK) == 0) {
            pesbt &= ~MUTABLE_LOAD_DROP;
        }
    }

    /** Capability bits 63:0, the value. */
    public long value() {
        return value;
    }

    /** Capability bits 127:64: permissions, object type, bounds. */
    public long pesbt() {
        return pesbt;
    }

    /** The tag the load returned (after the LC rule and the LoadCap squash). */
    public boolean isTagged() {
        return tag;
    }

    /** The loaded capability as an object. */
    public Capability toCapability() {
        return Capability.of(pesbt, value, tag);
    }

    @Override
    public String toString() {
        return "loaded " + toCapability();
    }
}
