package org.uforklab.machine.asm;

/** What an instruction encoder asks of the assembler while it encodes operands. */
public interface OperandContext {

    /**
     * The value of an expression that must be an assemble-time constant (immediates, shift amounts,
     * {@code .equ} names, {@code 8*4}, ...).
     *
     * @throws AsmException if the expression is malformed or refers to a symbol whose value is not constant
     */
    long constant(String expression) throws AsmException;

    /**
     * An operand that refers to a location (branch target, {@code adr}/{@code adrp} target, literal load,
     * {@code :lo12:sym}). The assembler resolves it when it can (same section, known offset) by patching the
     * word with {@link RelocationType#apply}; otherwise it keeps a relocation for the linker or loader.
     * The encoder leaves the relocated bits of its word zero.
     *
     * @param expression the operand without any {@code :lo12:} prefix ({@code "loop"}, {@code "table+16"})
     */
    void fixup(String expression, RelocationType type) throws AsmException;

    /** Address of the instruction being encoded, relative to the start of its section. */
    long offset();
}
