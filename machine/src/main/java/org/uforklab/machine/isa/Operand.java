package org.uforklab.machine.isa;

import org.uforklab.machine.asm.AsmException;
import org.uforklab.machine.asm.OperandContext;

/**
 * One element of a GNU syntax: a register, an immediate, a label, a bracket... It knows both directions, so the
 * disassembler and the assembler cannot drift apart: {@link #print} renders the element from a decoded
 * instruction, {@link #parse} reads the same text back into the word's fields. Instances are immutable;
 * {@link #bind} resolves field names against the encoding that uses them. Factories are in {@link Operands}.
 */
public interface Operand {

    /** This element with its field names resolved against the encoding (returns a new, bound element). */
    Operand bind(Encoding encoding);

    /**
     * Appends this element's text.
     *
     * @param insn the decoded instruction
     * @param pc   the instruction's address, used only when {@code absolute}
     * @param absolute print PC-relative targets as absolute addresses instead of {@code .+offset}
     */
    void print(Instruction insn, long pc, boolean absolute, StringBuilder out);

    /** Reads this element at the cursor into the word being assembled. */
    void parse(OperandCursor in, AsmState state, OperandContext ctx) throws AsmException;

    /**
     * True for elements that carry their own leading separator (optional shifts, {@code , lsl #12}) or that
     * sit inside a bracketed group; the syntax puts {@code ", "} before every other operand but the first.
     */
    default boolean attached() {
        return false;
    }

    /**
     * This element as spelled in an instruction-set state (an unbound element; {@link Encoding} maps its syntaxes
     * before binding them). Most elements read the same in every state.
     */
    default Operand inState(IsaState state) {
        return this;
    }
}
