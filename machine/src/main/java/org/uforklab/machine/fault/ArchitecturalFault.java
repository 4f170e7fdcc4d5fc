package org.uforklab.machine.fault;

/**
 * A synchronous memory fault as the architecture reports it: a Data Abort or Instruction Abort with its
 * fault status code (DFSC/IFSC), the faulting virtual address (FAR), WnR, the translation level, and the
 * syndrome (ISS and the whole ESR) the kernel's exception vector would read.
 *
 * <p>Faults are architectural events delivered to the kernel, frequent in CoPA/CoW workloads, not host bugs:
 * the exception is unchecked and stackless ({@link #fillInStackTrace()} does nothing) so raising one is cheap.
 */
public final class ArchitecturalFault extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** ESR_ELx.EC for an Instruction Abort taken from a lower exception level. */
    public static final int EC_INSTRUCTION_ABORT_LOWER_EL = 0x20;
    /** ESR_ELx.EC for an Instruction Abort taken without a change of exception level. */
    public static final int EC_INSTRUCTION_ABORT_SAME_EL = 0x21;
    /** ESR_ELx.EC for a Data Abort taken from a lower exception level. */
    public static final int EC_DATA_ABORT_LOWER_EL = 0x24;
    /** ESR_ELx.EC for a Data Abort taken without a change of exception level. */
    public static final int EC_DATA_ABORT_SAME_EL = 0x25;
    /** ISS bit 6: WnR, the abort was caused by a write. */
    public static final int ISS_WNR = 1 << 6;
    /** ESR bit 25: IL, 32-bit instruction length (always 1 for A64). */
    public static final int ESR_IL = 1 << 25;

    private final FaultKind kind;
    private final int dfsc;
    private final long address;
    private final boolean physical;
    private final AccessKind access;
    private final int level;
    private final int exceptionLevel;
    private final String detail;

    private ArchitecturalFault(FaultKind kind, int level, long address, boolean physical, AccessKind access,
                               int exceptionLevel, String detail) {
        super(null, null, false, false);
        this.kind = kind;
        this.dfsc = kind.dfsc(kind.isLevelled() ? level : 0);
        this.level = kind.isLevelled() ? level : -1;
        this.address = address;
        this.physical = physical;
        this.access = access;
        this.exceptionLevel = exceptionLevel;
        this.detail = detail;
    }

    /**
     * A fault on an access to a virtual address.
     *
     * @param kind           the fault kind
     * @param level          the translation level for levelled kinds (ignored otherwise)
     * @param va             the faulting virtual address (FAR_ELx)
     * @param access         what the access was for (sets WnR and instruction-vs-data)
     * @param exceptionLevel the EL the access was made at (0 or 1); selects the EC "lower/same EL" form
     * @param detail         a short qualifier for the message (e.g. "LC", "SC", "missing StoreCap"), or null
     */
    public static ArchitecturalFault atVa(FaultKind kind, int level, long va, AccessKind access,
                                          int exceptionLevel, String detail) {
        return new ArchitecturalFault(kind, level, va, false, access, exceptionLevel, detail);
    }

    /** A fault on a physical access made without translation (kernel/bulk physical helpers). */
    public static ArchitecturalFault atPa(FaultKind kind, long pa, AccessKind access, String detail) {
        return new ArchitecturalFault(kind, 0, pa, true, access, 1, detail);
    }

    /** Faults are architectural events, not bugs: no stack trace is captured. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** The fault kind. */
    public FaultKind kind() {
        return kind;
    }

    /** The fault status code (DFSC, or IFSC for instruction aborts), bits 5:0 of the ISS. */
    public int dfsc() {
        return dfsc;
    }

    /** The faulting address: a virtual address (FAR) unless {@link #isPhysical()}. */
    public long address() {
        return address;
    }

    /** The faulting virtual address; for a physical access this is the physical address. */
    public long va() {
        return address;
    }

    /** True when the access was physical (no translation), so {@link #address()} is a PA. */
    public boolean isPhysical() {
        return physical;
    }

    /** WnR: true when the fault was caused by a write (stores and capability stores). */
    public boolean wnr() {
        return access.isWrite();
    }

    /** True for an Instruction Abort (fetch), false for a Data Abort. */
    public boolean isInstructionAbort() {
        return access == AccessKind.FETCH;
    }

    /** The translation level for levelled kinds, else -1. */
    public int level() {
        return level;
    }

    /** What the access was for. */
    public AccessKind access() {
        return access;
    }

    /** The exception level the faulting access was made at. */
    public int exceptionLevel() {
        return exceptionLevel;
    }

    /** The short qualifier given when the fault was raised (e.g. "LC"), or null. */
    public String detail() {
        return detail;
    }

    /** The exception class: Data/Instruction Abort, from a lower or the same exception level (taken to EL1). */
    public int ec() {
        if (isInstructionAbort()) {
            return exceptionLevel == 0 ? EC_INSTRUCTION_ABORT_LOWER_EL : EC_INSTRUCTION_ABORT_SAME_EL;
        }
        return exceptionLevel == 0 ? EC_DATA_ABORT_LOWER_EL : EC_DATA_ABORT_SAME_EL;
    }

    /** The instruction-specific syndrome: xFSC in bits 5:0 and, for data aborts, WnR in bit 6. */
    public int iss() {
        int iss = dfsc;
        if (!isInstructionAbort() && wnr()) {
            iss |= ISS_WNR;
        }
        return iss;
    }

    /** The whole ESR_EL1 value: EC in bits 31:26, IL (bit 25) set, ISS in bits 24:0. */
    public long esr() {
        return ((long) ec() << 26) | ESR_IL | iss();
    }

    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder(96);
        sb.append(isInstructionAbort() ? "Instruction abort: " : "Data abort: ").append(kind.description());
        if (level >= 0) {
            sb.append(" at level ").append(level);
        }
        sb.append(" (").append(isInstructionAbort() ? "IFSC" : "DFSC").append(String.format(" 0x%02X", dfsc));
        if (detail != null && !detail.isEmpty()) {
            sb.append(", ").append(detail);
        }
        sb.append(") on ").append(access.description()).append(physical ? " at PA " : " at VA ")
                .append(String.format("0x%016x", address));
        if (exceptionLevel == 0) {
            sb.append(" from EL0");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
