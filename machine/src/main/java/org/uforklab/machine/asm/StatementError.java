package org.uforklab.machine.asm;

/**
 * An error inside one statement, at a column of its line. Caught by the assembler, which adds the file and
 * line and goes on with the next statement, so one run reports many errors.
 */
class StatementError extends Exception {
    private static final long serialVersionUID = 1L;

    private final int column;

    StatementError(int column, String message) {
        super(message, null, false, false);
        this.column = column;
    }

    int column() {
        return column;
    }
}
