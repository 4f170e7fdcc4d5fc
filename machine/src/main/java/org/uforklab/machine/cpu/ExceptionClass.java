package org.uforklab.machine.cpu;

/**
 * The kinds of synchronous exception the CPU delivers to its {@link ExceptionHandler}, with the ESR_ELx.EC
 * value the architecture gives them (EL0 to EL1 unless noted).
 */
public enum ExceptionClass {
    /** An UNDEFINED or unsupported instruction (EC 0x00, "unknown reason"). */
    UNDEFINED(0x00),
    /** SVC #imm16 (EC 0x15); the preferred return address is the next instruction. */
    SVC(0x15),
    /** An Instruction Abort: translation/permission fault or a capability check of PCC on fetch (EC 0x20/0x21). */
    INSTRUCTION_ABORT(0x20),
    /** PC alignment fault (EC 0x22): a branch target that is not a multiple of 4. */
    PC_ALIGNMENT(0x22),
    /** A Data Abort: translation, permission, capability (DFSC 0x28-0x2C) or alignment (DFSC 0x21) (EC 0x24/0x25). */
    DATA_ABORT(0x24),
    /** BRK #imm16 (EC 0x3C); the preferred return address is the BRK itself. */
    BRK(0x3C),
    /**
     * HLT #imm16 used as uforklab's host call, in the style of Arm semihosting (which uses HLT #0xF000). The
     * architecture would halt to an external debugger; here the handler serves the request. ESR is reported
     * as EC 0x00 with the immediate in the ISS (no architectural EC exists for an HLT that traps).
     */
    HOST_CALL(0x00);

    private final int ec;

    ExceptionClass(int ec) {
        this.ec = ec;
    }

    /** The ESR_ELx.EC value (for aborts the lower-EL variant; the record's {@code esr} has the exact one). */
    public int ec() {
        return ec;
    }
}
