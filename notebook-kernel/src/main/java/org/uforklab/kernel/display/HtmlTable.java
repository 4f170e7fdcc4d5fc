package org.uforklab.kernel.display;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A table shown as bounded HTML (and aligned text): at most {@code maxRows} rows are rendered, the first and
 * last halves, with a note saying how many were left out, so a million-row result cannot flood a notebook.
 */
public final class HtmlTable {

    /** Rows rendered by default. */
    public static final int DEFAULT_MAX_ROWS = 60;

    private final String caption;
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();
    private final boolean[] numeric;
    private final boolean[] rightAligned;
    private int maxRows = DEFAULT_MAX_ROWS;
    private int gapAt = -1;
    private long gapRows;

    /** An empty table with a caption (may be empty) and column names. */
    public HtmlTable(String caption, String... columns) {
        this.caption = caption == null ? "" : caption;
        this.columns = List.of(columns);
        this.numeric = new boolean[columns.length];
        java.util.Arrays.fill(numeric, true);
        this.rightAligned = new boolean[columns.length];
    }

    /** Adds a row; cells are printed with {@code String.valueOf}; numbers are right-aligned. */
    public HtmlTable row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + columns.size()
                    + " columns " + columns);
        }
        List<String> r = new ArrayList<>(cells.length);
        for (int i = 0; i < cells.length; i++) {
            r.add(String.valueOf(cells[i]));
            if (!(cells[i] instanceof Number)) {
                numeric[i] = false;
            }
        }
        rows.add(r);
        return this;
    }

    /** Sets how many rows are rendered (at least 2). */
    public HtmlTable maxRows(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("maxRows must be at least 2, got " + n);
        }
        this.maxRows = n;
        return this;
    }

    /**
     * Marks that {@code rowsLeftOut} rows of the source were skipped here, between the rows added so far and the
     * next ones: for sources too large to copy whole (a Tablesaw table of millions of rows), whose head and tail
     * are added around one gap. The note then counts the skipped rows too; {@link #maxRows} still bounds the rest.
     */
    public HtmlTable gap(long rowsLeftOut) {
        if (rowsLeftOut < 0 || gapAt >= 0) {
            throw new IllegalArgumentException(gapAt >= 0 ? "a table has at most one gap" : "rows left out must be >= 0, got " + rowsLeftOut);
        }
        if (rowsLeftOut > 0) {
            gapAt = rows.size();
            gapRows = rowsLeftOut;
        }
        return this;
    }

    /** Right-aligns a column whatever its cells (e.g. numbers added already formatted as text). */
    public HtmlTable alignRight(int column) {
        Objects.checkIndex(column, columns.size());
        rightAligned[column] = true;
        return this;
    }

    /** Number of rows held. */
    public int size() {
        return rows.size();
    }

    /** The column names. */
    public List<String> columns() {
        return columns;
    }

    private List<Integer> shownRows() {
        List<Integer> idx = new ArrayList<>();
        if (rows.size() <= maxRows) {
            for (int i = 0; i < rows.size(); i++) {
                if (i == gapAt) {
                    idx.add(-1);
                }
                idx.add(i);
            }
            if (gapAt == rows.size()) {
                idx.add(-1);
            }
        } else {
            int head = (maxRows + 1) / 2;
            int tail = maxRows - head;
            for (int i = 0; i < head; i++) {
                idx.add(i);
            }
            idx.add(-1);
            for (int i = rows.size() - tail; i < rows.size(); i++) {
                idx.add(i);
            }
        }
        return idx;
    }

    private String omittedNote() {
        long left = Math.max(0, rows.size() - maxRows) + (gapAt >= 0 ? gapRows : 0);
        long all = rows.size() + (gapAt >= 0 ? gapRows : 0);
        return "… " + left + " more rows (" + all + " in all)";
    }

    private boolean right(int column) {
        return numeric[column] || rightAligned[column];
    }

    /** The table as HTML. */
    public String toHtml() {
        StringBuilder sb = new StringBuilder("<table class=\"uforklab\">");
        if (!caption.isEmpty()) {
            sb.append("<caption style=\"text-align:left\"><b>").append(Escape.html(caption)).append("</b></caption>");
        }
        sb.append("<thead><tr>");
        for (String c : columns) {
            sb.append("<th>").append(Escape.html(c)).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (int i : shownRows()) {
            if (i < 0) {
                sb.append("<tr><td colspan=\"").append(columns.size()).append("\"><i>")
                        .append(Escape.html(omittedNote())).append("</i></td></tr>");
                continue;
            }
            sb.append("<tr>");
            List<String> r = rows.get(i);
            for (int c = 0; c < r.size(); c++) {
                sb.append(right(c) ? "<td style=\"text-align:right\">" : "<td style=\"text-align:left\">")
                        .append(Escape.html(r.get(c))).append("</td>");
            }
            sb.append("</tr>");
        }
        return sb.append("</tbody></table>").toString();
    }

    /** The table as aligned text. */
    public String toText() {
        int[] w = new int[columns.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = columns.get(c).length();
        }
        List<Integer> shown = shownRows();
        for (int i : shown) {
            if (i >= 0) {
                for (int c = 0; c < w.length; c++) {
                    w[c] = Math.max(w[c], rows.get(i).get(c).length());
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        if (!caption.isEmpty()) {
            sb.append(caption).append('\n');
        }
        appendLine(sb, columns, w);
        for (int i : shown) {
            if (i < 0) {
                sb.append(omittedNote()).append('\n');
            } else {
                appendLine(sb, rows.get(i), w);
            }
        }
        return sb.toString().stripTrailing();
    }

    private void appendLine(StringBuilder sb, List<String> cells, int[] w) {
        for (int c = 0; c < cells.size(); c++) {
            String s = cells.get(c);
            String pad = " ".repeat(w[c] - s.length());
            sb.append(c == 0 ? "" : "  ").append(right(c) ? pad + s : s + pad);
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        sb.setLength(end);
        sb.append('\n');
    }

    @Override
    public String toString() {
        return toText();
    }
}
