package org.uforklab.kernel.magic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.uforklab.kernel.exec.CellEvaluator;
import org.uforklab.kernel.exec.CellException;
import org.uforklab.kernel.exec.CellValue;

/**
 * Runs a cell: a first line {@code %%name args} hands the whole cell to a cell magic; otherwise lines
 * {@code %name args} run as line magics and the Java between them goes to the {@link CellEvaluator}, in
 * order, keeping the cell's line numbers in messages. The cell's value is the value of its last part.
 */
public final class CellRunner {

    private static final Pattern LINE_MAGIC = Pattern.compile("^\\s*%(?!%)([A-Za-z_][\\w-]*)(.*)$");
    private static final Pattern CELL_MAGIC = Pattern.compile("^\\s*%%([A-Za-z_][\\w-]*)(.*)$");

    private final CellEvaluator evaluator;
    private final Magics magics;
    private final Path workingDirectory;

    /** A runner for {@code evaluator} with {@code magics}; relative paths in magics resolve against {@code workingDirectory}. */
    public CellRunner(CellEvaluator evaluator, Magics magics, Path workingDirectory) {
        this.evaluator = evaluator;
        this.magics = magics;
        this.workingDirectory = workingDirectory;
    }

    /** The evaluator. */
    public CellEvaluator evaluator() {
        return evaluator;
    }

    /** The magics. */
    public Magics magics() {
        return magics;
    }

    /** Where relative paths (%load, %classpath) are resolved. */
    public Path workingDirectory() {
        return workingDirectory;
    }

    /** Runs cell {@code number}; "Cell In[number]" in messages. */
    public CellValue run(String cell, int number) throws Exception {
        return run(cell, number, "Cell In[" + number + "]");
    }

    /** Runs source labelled {@code label} in messages. */
    public CellValue run(String cell, int number, String label) throws Exception {
        String[] lines = cell.split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first < lines.length) {
            Matcher cm = CELL_MAGIC.matcher(lines[first]);
            if (cm.matches()) {
                CellMagic magic = magics.cell(cm.group(1));
                if (magic == null) {
                    throw new MagicException(label + ", line " + (first + 1) + ": unknown cell magic %%" + cm.group(1)
                            + " (see %lsmagic)");
                }
                String body = String.join("\n", java.util.Arrays.asList(lines).subList(first + 1, lines.length));
                return wrap(magic.run(this, cm.group(2).strip(), body));
            }
        }
        CellValue value = CellValue.NONE;
        List<String> java = new ArrayList<>();
        int javaStart = 0;
        for (int i = 0; i < lines.length; i++) {
            Matcher lm = LINE_MAGIC.matcher(lines[i]);
            if (!lm.matches()) {
                if (java.isEmpty()) {
                    javaStart = i;
                }
                java.add(lines[i]);
                continue;
            }
            if (!java.isEmpty()) {
                value = evalJava(java, javaStart, number, label);
                java.clear();
            }
            LineMagic magic = magics.line(lm.group(1));
            if (magic == null) {
                throw new MagicException(label + ", line " + (i + 1) + ": unknown magic %" + lm.group(1) + " (see %lsmagic)");
            }
            value = wrap(magic.run(this, lm.group(2).strip()));
        }
        if (!java.isEmpty() && !String.join("", java).isBlank()) {
            value = evalJava(java, javaStart, number, label);
        }
        return value;
    }

    private CellValue evalJava(List<String> java, int startLine, int number, String label) throws CellException {
        // leading newlines keep the cell's line numbers in diagnostics and stack traces
        return evaluator.eval("\n".repeat(startLine) + String.join("\n", java), number, label);
    }

    private static CellValue wrap(Object o) {
        if (o instanceof CellValue v) {
            return v;
        }
        return o == null ? CellValue.NONE : CellValue.of(o);
    }

    /** The cell with magic lines blanked out (for is_complete), or null when it is a cell magic. */
    public static String javaOnly(String cell) {
        String[] lines = cell.split("\n", -1);
        for (String l : lines) {
            if (!l.isBlank()) {
                if (CELL_MAGIC.matcher(l).matches()) {
                    return null;
                }
                break;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            sb.append(LINE_MAGIC.matcher(lines[i]).matches() ? "" : lines[i]);
            if (i < lines.length - 1) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
