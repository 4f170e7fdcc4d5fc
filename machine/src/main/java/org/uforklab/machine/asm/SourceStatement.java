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
 * @param file      the prelude file the line is in, or null for the file being assembled
 */
record SourceStatement(int line, int column, String text, Expansion expansion, String file) {

    /** A statement of the file being assembled. */
    SourceStatement(int line, int column, String text, Expansion expansion) {
        this(line, column, text, expansion, null);
    }

    /** {@code line N} in the file being assembled, {@code file:N} in a prelude (for "defined at" messages). */
    static String place(String file, int line) {
        return file == null ? "line " + line : file + ":" + line;
    }

    /**
     * Where a statement produced by a macro or {@code .rept} came from, for the note appended to its errors.
     *
     * @param what   {@code "macro 'name'"} or {@code ".rept"}
     * @param line   line of the invocation
     * @param column column of the invocation
     * @param outer  the enclosing expansion, if the invocation was itself expanded
     * @param file   the prelude file of the invocation, or null for the file being assembled
     */
    record Expansion(String what, int line, int column, Expansion outer, String file) {
        String note() {
            String s = " (in " + what + " invoked at " + place(file, line) + ":" + column + ")";
            return outer == null ? s : s + outer.note();
        }
    }

    SourceStatement withText(String newText) {
        return new SourceStatement(line, column, newText, expansion, file);
    }

    SourceStatement within(Expansion e) {
        return new SourceStatement(line, column, text, e, file);
    }

    @Override
    public String toString() {
        return (file == null ? "" : file + ":") + line + ":" + column + ": " + text;
    }
}
