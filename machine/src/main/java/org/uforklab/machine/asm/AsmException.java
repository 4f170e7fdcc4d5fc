package org.uforklab.machine.asm;

/**
 * An assembly error. Encoders throw it with what was expected; the assembler adds where
 * ({@code file:line:column}) before it reaches the user.
 *
 * <p>An encoder that knows which part of the operand text is wrong passes its index in the operand string
 * ({@link #AsmException(String, int)}); the assembler turns it into a column. Without it the assembler points
 * at the text the message quotes ({@code 'x9'}) if the operands contain it, else at the mnemonic.
 */
public class AsmException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Index in the operand text where the error is, or -1 if the encoder did not say. */
    private final int operandOffset;

    public AsmException(String message) {
        this(message, -1);
    }

    /**
     * @param message       what was expected
     * @param operandOffset index (0-based) in the operand text passed to the encoder where the error is
     */
    public AsmException(String message, int operandOffset) {
        super(message);
        this.operandOffset = operandOffset;
    }

    /** Index in the operand text where the error is, or -1 if unknown. */
    public int operandOffset() {
        return operandOffset;
    }
}
