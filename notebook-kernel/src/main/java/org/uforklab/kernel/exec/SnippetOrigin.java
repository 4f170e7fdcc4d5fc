package org.uforklab.kernel.exec;

/**
 * Where a JShell snippet came from, in a cell labelled {@code label} ("Cell In[3]").
 *
 * @param sourceLine the cell line where the snippet's source begins, leading blank lines and comments included
 *                   (compiler diagnostics count from here)
 * @param codeLine   the cell line of its first code token (JShell's translated stack frames count from here)
 * @param label      how the cell is named in messages
 */
record SnippetOrigin(int sourceLine, int codeLine, String label) {

    /** "Cell In[3], line 4" for line {@code line} (1-based) of the snippet source. */
    String describe(int line) {
        return at(sourceLine + Math.max(line, 1) - 1);
    }

    /** "Cell In[3], line 4" for line {@code line} (1-based) counted from the first code token. */
    String describeCode(int line) {
        return at(codeLine + Math.max(line, 1) - 1);
    }

    private String at(int cellLine) {
        return label + ", line " + cellLine;
    }
}
