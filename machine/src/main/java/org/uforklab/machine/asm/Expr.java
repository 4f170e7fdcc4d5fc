package org.uforklab.machine.asm;

/**
 * A parsed expression. Location ({@code .}) and numeric local label references ({@code 1b}, {@code 1f}) are
 * resolved while parsing, so an expression can be kept and evaluated later ({@code .equ} of a label defined
 * further down) and still mean what it meant where it was written.
 */
sealed interface Expr {

    /** Column of the expression's first character, for errors. */
    int column();

    /** A number or character literal, or the location counter {@code .} (a {@link Value} with a section). */
    record Literal(Value value, int column) implements Expr {
    }

    /**
     * A symbol reference.
     *
     * @param name    the symbol's name in the table (for {@code 1f}, the renamed local label)
     * @param written as written in the source, for errors
     */
    record Ref(String name, String written, int column) implements Expr {
    }

    /** {@code -x}, {@code ~x}, {@code !x}, {@code +x}. */
    record Unary(char op, Expr operand, int column) implements Expr {
    }

    /** A binary operator, spelled as in the source. */
    record Binary(String op, Expr left, Expr right, int column) implements Expr {
    }
}
