package org.uforklab.machine.asm;

/**
 * An assembly error. Encoders throw it with what was expected; the assembler adds where
 * ({@code file:line:column}) before it reaches the user.
 */
public class AsmException extends Exception {
    private static final long serialVersionUID = 1L;

    public AsmException(String message) {
        super(message);
    }
}
