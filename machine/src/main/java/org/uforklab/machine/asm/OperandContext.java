package org.uforklab.machine.asm;

/**
 * What an instruction encoder asks of the assembler while it encodes operands. Errors thrown from here carry
 * the index in the operand text of what is wrong ({@link AsmException#operandOffset()}); an encoder should let
 * them propagate so the user sees the right column.
 */
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
     * <p>PC-relative fields (branches, ADR, literal loads) to a label of the same section are patched at once,
     * global or not (GNU as keeps a relocation for a global target so a shared library can preempt it; guests
     * here are linked statically);
     * page-relative (ADRP) and {@code :lo12:} fields of addresses depend on where the section is loaded, so they
     * always become relocations, as with GNU as.
     *
     * <p>A GOT reference keeps its prefix: {@code fixup(":got:sym", ADRP_HI20_C64)} for {@code adrp c0, :got:sym}
     * and {@code fixup(":got_lo12:sym", LO12_SCALE16)} for {@code ldr c0, [c0, #:got_lo12:sym]} address the
     * 16-byte {@code .got} slot the assembler creates for {@code sym}, holding a capability to it (CAPINIT).
     *
     * @param expression the operand without any {@code :lo12:} prefix ({@code "loop"}, {@code "table+16"}), or
     *                   with its {@code :got:} / {@code :got_lo12:} prefix
     */
    void fixup(String expression, RelocationType type) throws AsmException;

    /** Address of the instruction being encoded, relative to the start of its section. */
    long offset();
}
