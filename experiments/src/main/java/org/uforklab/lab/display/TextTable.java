package org.uforklab.lab.display;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link Table} as aligned plain text for a terminal: the title, a header, a rule, the first rows
 * and a line saying how many more there are. Numbers and {@link Hex} cells are right-aligned, the rest
 * left-aligned; cells longer than {@link #MAX_CELL} characters are cut with an ellipsis so one huge value
 * cannot flood the screen.
 */
public final class TextTable {

    /** The widest a cell may print. */
    public static final int MAX_CELL = 72;

    private TextTable() {
    }

    /** {@code table} with at most {@code maxRows} rows (negative means none). */
    public static String render(Table table, int maxRows) {
        List<String> cols = table.columns();
        int shown = Math.max(0, Math.min(maxRows, table.size()));
        List<String[]> text = new ArrayList<>(shown);
        int[] width = new int[cols.size()];
        boolean[] right = new boolean[cols.size()];
        for (int c = 0; c < cols.size(); c++) {
            width[c] = cols.get(c).length();
        }
        for (int r = 0; r < shown; r++) {
            List<Object> row = table.rows().get(r);
            String[] cells = new String[cols.size()];
            for (int c = 0; c < cells.length; c++) {
                Object v = row.get(c);
                cells[c] = cell(v);
                width[c] = Math.max(width[c], cells[c].length());
                right[c] |= v instanceof Number || v instanceof Hex;
            }
            text.add(cells);
        }
        StringBuilder sb = new StringBuilder();
        if (!table.title().isEmpty()) {
            sb.append(table.title()).append('\n');
        }
        String[] header = cols.toArray(String[]::new);
        line(sb, header, width, right);
        String[] rule = new String[cols.size()];
        for (int c = 0; c < rule.length; c++) {
            rule[c] = "-".repeat(width[c]);
        }
        line(sb, rule, width, right);
        for (String[] cells : text) {
            line(sb, cells, width, right);
        }
        int left = table.size() - shown;
        if (table.size() == 0) {
            sb.append("(no rows)\n");
        } else if (left > 0) {
            sb.append(String.format("... %,d more row%s (%,d in all)%n", left, left == 1 ? "" : "s", table.size()));
        }
        return sb.toString();
    }

    /** How a cell prints: numbers with thousands separators, null as empty, long text cut. */
    static String cell(Object v) {
        String s;
        if (v == null) {
            s = "";
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short) {
            s = String.format("%,d", ((Number) v).longValue());
        } else if (v instanceof Double d) {
            s = String.format("%,.3f", d);
        } else {
            s = String.valueOf(v);
        }
        int nl = s.indexOf('\n');
        if (nl >= 0) {
            s = s.substring(0, nl) + " ...";
        }
        return s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 3) + "..." : s;
    }

    private static void line(StringBuilder sb, String[] cells, int[] width, boolean[] right) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                l.append("  ");
            }
            String pad = " ".repeat(width[c] - cells[c].length());
            l.append(right[c] ? pad + cells[c] : cells[c] + pad);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
