package org.uforklab.kernel.display.results;

import org.uforklab.kernel.display.HtmlTable;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * A Tablesaw {@link Table} as a bounded {@link HtmlTable}: the first and last rows and a count of the rest, like
 * the kernel's other tables. Only the rows shown are copied, so a table of millions of rows displays at once.
 * Cells are Tablesaw's own formatted strings (missing values empty); numeric columns are right-aligned.
 */
public final class TablesawHtml {

    private TablesawHtml() {
    }

    /** The table with at most {@link HtmlTable#DEFAULT_MAX_ROWS} rows. */
    public static HtmlTable of(Table table) {
        return of(table, HtmlTable.DEFAULT_MAX_ROWS);
    }

    /** The table with at most {@code maxRows} rows (at least 2): the first half, a gap, the last half. */
    public static HtmlTable of(Table table, int maxRows) {
        if (maxRows < 2) {
            throw new IllegalArgumentException("maxRows must be at least 2, got " + maxRows);
        }
        int n = table.rowCount();
        int cols = table.columnCount();
        String caption = (table.name() == null || table.name().isBlank() ? "table" : table.name()) + ": " + n + " rows × "
                + cols + " columns";
        HtmlTable h = new HtmlTable(caption, table.columnNames().toArray(String[]::new)).maxRows(maxRows);
        for (int c = 0; c < cols; c++) {
            if (table.column(c) instanceof NumericColumn<?>) {
                h.alignRight(c);
            }
        }
        int head = n <= maxRows ? n : (maxRows + 1) / 2;
        int tail = n <= maxRows ? 0 : maxRows - head;
        for (int r = 0; r < head; r++) {
            h.row(row(table, r));
        }
        h.gap(n - head - tail);
        for (int r = n - tail; r < n; r++) {
            h.row(row(table, r));
        }
        return h;
    }

    private static Object[] row(Table t, int r) {
        Object[] cells = new Object[t.columnCount()];
        for (int c = 0; c < cells.length; c++) {
            cells[c] = t.getString(r, c);
        }
        return cells;
    }
}
