package org.uforklab.machine.isa;

import org.uforklab.machine.asm.AsmException;

/**
 * An operand that does not fit a syntax. The encoder tries every syntax of a mnemonic and most attempts fail,
 * so these carry no stack trace (which would cost more than the parsing); the error the user sees is built
 * from their messages.
 */
final class OperandError extends AsmException {
    private static final long serialVersionUID = 1L;

    OperandError(String message) {
        super(message);
    }

    /** An error at a known index in the operand text. */
    OperandError(String message, int operandOffset) {
        super(message, operandOffset);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
