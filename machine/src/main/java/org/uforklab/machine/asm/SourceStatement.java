package org.uforklab.machine.asm;

/**
 * One statement of source text (a line, or part of a line between {@code ;} separators) with comments already
 * blanked out, and where it came from. Column {@code column} is that of {@code text.charAt(0)}; comments are
 * replaced by spaces so later characters keep their columns.
 *
 * @param line      1-based source line
 * @param column    1-based column of the first character of {@code text}
 * @param text      the statement text
 * @param expansion the macro or repetition this statement was produced by, or null for plain source
 */
record SourceStatement(int line, int column, String text, Expansion expansion) {

    /**
     * Where a statement produced by a macro or {@code .rept} came from, for the note appended to its errors.
     *
     * @param what   {@code "macro 'name'"} or {@code ".rept"}
     * @param line   line of the invocation
     * @param column column of the invocation
     * @param outer  the enclosing expansion, if the invocation was itself expanded
     */
    record Expansion(String what, int line, int column, Expansion outer) {
        String note() {
            String s = " (in " + what + " invoked at line " + line + ":" + column + ")";
            return outer == null ? s : s + outer.note();
        }
    }

    SourceStatement withText(String newText) {
        return new SourceStatement(line, column, newText, expansion);
    }

    SourceStatement within(Expansion e) {
        return new SourceStatement(line, column, text, e);
    }

    @Override
    public String toString() {
        return line + ":" + column + ": " + text;
    }
}
