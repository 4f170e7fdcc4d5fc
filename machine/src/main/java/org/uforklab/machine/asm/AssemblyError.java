package org.uforklab.machine.asm;

/**
 * One error found while assembling: where it is and what was expected.
 *
 * @param file    the file name given to the assembler
 * @param line    1-based line
 * @param column  1-based column (characters, a tab counts as one)
 * @param message what was expected or what is wrong, possibly followed by where a macro was invoked
 */
public record AssemblyError(String file, int line, int column, String message) implements Comparable<AssemblyError> {

    /** {@code file:line:column: message}, the form compilers use, so editors can jump to it. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }

    @Override
    public int compareTo(AssemblyError o) {
        int c = Integer.compare(line, o.line);
        return c != 0 ? c : Integer.compare(column, o.column);
    }
}
