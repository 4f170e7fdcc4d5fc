package org.uforklab.machine.fault;

/**
 * The kinds of synchronous memory fault the machine raises, each with its architectural fault status code
 * (DFSC for data aborts, IFSC for instruction aborts; Sail {@code EncodeLDFSC}, morello.md §2.7).
 * Translation-table faults carry the lookup level in the low bits of the code: use {@link #dfsc(int)}.
 */
public enum FaultKind {
    /** Address size fault, levels 0..3 (DFSC 0x00..0x03): an output or table address beyond the PA size. */
    ADDRESS_SIZE("address size", 0x00, true, 0, 3, "addressSize"),
    /** Translation fault, levels 0..3 (DFSC 0x04..0x07): invalid descriptor or VA outside the regime. */
    TRANSLATION("translation", 0x04, true, 0, 3, "translation"),
    /** Access flag fault, levels 1..3 (DFSC 0x09..0x0B): the descriptor's AF bit is 0. */
    ACCESS_FLAG("access flag", 0x08, true, 1, 3, "accessFlag"),
    /** Permission fault, levels 1..3 (DFSC 0x0D..0x0F): AP/UXN/PXN forbid the access. */
    PERMISSION("permission", 0x0C, true, 1, 3, "permission"),
    /** Synchronous external abort (DFSC 0x10): the physical address is outside every memory region. */
    EXTERNAL_ABORT("synchronous external abort", 0x10, false, 0, 0, "externalAbort"),
    /** Synchronous external abort on a table walk, levels 0..3 (DFSC 0x14..0x17): a descriptor outside memory. */
    EXTERNAL_ABORT_ON_WALK("synchronous external abort on table walk", 0x14, true, 0, 3, "externalAbortOnWalk"),
    /** Alignment fault (DFSC 0x21): a misaligned capability access (or any, with SCTLR.A). */
    ALIGNMENT("alignment", 0x21, false, 0, 0, "alignment"),
    /** Capability tag fault (DFSC 0x28): the authorising capability is untagged. */
    CAP_TAG("capability tag", 0x28, false, 0, 0, "capTag"),
    /** Capability sealed fault (DFSC 0x29): the authorising capability is sealed. */
    CAP_SEAL("capability sealed", 0x29, false, 0, 0, "capSeal"),
    /** Capability bounds fault (DFSC 0x2A): the access is not inside the authority's bounds. */
    CAP_BOUNDS("capability bounds", 0x2A, false, 0, 0, "capBounds"),
    /** Capability permission fault (DFSC 0x2B): the authority lacks a required permission. */
    CAP_PERM("capability permission", 0x2B, false, 0, 0, "capPerm"),
    /** Capability page permission fault (DFSC 0x2C): LC on a tagged load (WnR=0), SC on a tagged store (WnR=1). */
    CAP_PAGE_PERMISSION("capability page permission", 0x2C, false, 0, 0, "capPagePermission");

    private final String description;
    private final int baseCode;
    private final boolean levelled;
    private final int minLevel;
    private final int maxLevel;
    private final String statName;

    FaultKind(String description, int baseCode, boolean levelled, int minLevel, int maxLevel, String statName) {
        this.description = description;
        this.baseCode = baseCode;
        this.levelled = levelled;
        this.minLevel = minLevel;
        this.maxLevel = maxLevel;
        this.statName = statName;
    }

    /** True when the fault status code includes the translation level (bits 1:0). */
    public boolean isLevelled() {
        return levelled;
    }

    /** True for the capability faults raised by {@code CheckCapability} (0x28..0x2B). */
    public boolean isCapabilityCheck() {
        return this == CAP_TAG || this == CAP_SEAL || this == CAP_BOUNDS || this == CAP_PERM;
    }

    /**
     * The DFSC/IFSC for this kind at a translation level (ignored for kinds without a level).
     *
     * @throws IllegalArgumentException if the level is not one the architecture encodes for this kind
     */
    public int dfsc(int level) {
        if (!levelled) {
            return baseCode;
        }
        if (level < minLevel || level > maxLevel) {
            throw new IllegalArgumentException(description + " fault has no encoding for level " + level
                    + " (levels " + minLevel + ".." + maxLevel + ")");
        }
        return baseCode + level;
    }

    /** The DFSC for kinds without a level. */
    public int dfsc() {
        if (levelled) {
            throw new IllegalStateException(description + " fault needs a level to be encoded");
        }
        return baseCode;
    }

    /** The kind (and implied level) for an architectural DFSC, or null if the code is not one modelled. */
    public static FaultKind fromDfsc(int dfsc) {
        for (FaultKind k : values()) {
            if (k.levelled ? (dfsc >= k.baseCode + k.minLevel && dfsc <= k.baseCode + k.maxLevel) : dfsc == k.baseCode) {
                return k;
            }
        }
        return null;
    }

    /** Lower-case words for messages, e.g. "capability bounds". */
    public String description() {
        return description;
    }

    /** The name of this kind's counter in the stats tree (e.g. {@code capBounds}). */
    public String statName() {
        return statName;
    }
}
