package org.uforklab.machine.fault;

/**
 * What a memory access is for. The MMU's permission checks and the capability checks both depend on it
 * (fetch needs Execute, capability loads are subject to LC, tagged capability stores to SC/CDBM).
 */
public enum AccessKind {
    /** Instruction fetch (through PCC). */
    FETCH("fetch", false),
    /** Data load of 1..8 bytes (or bulk data read). */
    LOAD("load", false),
    /** Data store of 1..8 bytes (or bulk data write); clears the tags it overlaps. */
    STORE("store", true),
    /** 16-byte capability load (LDR C): data and tag. */
    CAP_LOAD("capability load", false),
    /** 16-byte capability store (STR C): data and tag. */
    CAP_STORE("capability store", true);

    private final String description;
    private final boolean write;

    AccessKind(String description, boolean write) {
        this.description = description;
        this.write = write;
    }

    /** True for stores: the WnR bit of a data abort. */
    public boolean isWrite() {
        return write;
    }

    /** True for capability (16-byte, tag-carrying) accesses. */
    public boolean isCapability() {
        return this == CAP_LOAD || this == CAP_STORE;
    }

    /** Lower-case words for messages, e.g. "capability load". */
    public String description() {
        return description;
    }
}
