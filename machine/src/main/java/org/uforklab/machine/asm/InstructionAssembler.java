package org.uforklab.machine.asm;

/**
 * Encodes one instruction from its GNU-syntax text. The file-level assembler (sections, labels, directives,
 * macros) calls this for every instruction line; the ISA tables in {@code org.uforklab.machine.isa} implement it,
 * so that decoding, disassembly and encoding share one description of each encoding.
 */
public interface InstructionAssembler {

    /**
     * @param mnemonic the mnemonic as written, lower-cased (e.g. {@code "ldr"}, {@code "b.eq"}, {@code "scbnds"})
     * @param operands the operand text after the mnemonic, macros already expanded, possibly empty
     *                 (e.g. {@code "c0, [c1, #16]"})
     * @param ctx      evaluates expressions and records fixups for symbols whose values are not known yet
     * @return the instruction word; any bits that depend on a fixup are left zero
     * @throws AsmException with a message saying what was expected; the caller adds file:line:column
     */
    int encode(String mnemonic, String operands, OperandContext ctx) throws AsmException;
}
