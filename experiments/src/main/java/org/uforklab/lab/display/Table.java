package org.uforklab.lab.display;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * A result table: a title, named columns and rows of cells (numbers, {@link Hex}, strings, any object).
 * Immutable. It prints bounded ({@link #toString()} shows a head of {@link #DEFAULT_HEAD} rows and the
 * count), so a table of a million page mappings is safe to evaluate at a prompt; {@link #render(int)} picks
 * another head size. Renderers other than {@link TextTable} (HTML in notebooks) read {@link #columns()} and
 * {@link #rows()}.
 */
public final class Table {

    /** Rows shown by {@link #toString()}. */
    public static final int DEFAULT_HEAD = 20;

    private final String title;
    private final List<String> columns;
    private final List<List<Object>> rows;

    private Table(String title, List<String> columns, List<List<Object>> rows) {
        this.title = title;
        this.columns = columns;
        this.rows = rows;
    }

    /** A table with the given column names; add rows with {@link Builder#row(Object...)}. */
    public static Builder builder(String... columns) {
        return new Builder(List.of(columns));
    }

    /** One row per element of {@code items}, one column per function. */
    @SafeVarargs
    public static <T> Table of(Iterable<T> items, List<String> columns, Function<? super T, ?>... cells) {
        if (columns.size() != cells.length) {
            throw new IllegalArgumentException(columns.size() + " column names but " + cells.length + " cell functions");
        }
        Builder b = new Builder(List.copyOf(columns));
        for (T item : items) {
            Object[] row = new Object[cells.length];
            for (int i = 0; i < cells.length; i++) {
                row[i] = cells[i].apply(item);
            }
            b.row(row);
        }
        return b.build();
    }

    /** The title ("" if none). */
    public String title() {
        return title;
    }

    /** The column names. */
    public List<String> columns() {
        return columns;
    }

    /** Every row (unmodifiable; each row has one cell per column, null for an empty cell). */
    public List<List<Object>> rows() {
        return rows;
    }

    /** The number of rows. */
    public int size() {
        return rows.size();
    }

    /** The cell at {@code row}, {@code column}. */
    public Object get(int row, String column) {
        int c = columns.indexOf(column);
        if (c < 0) {
            throw new IllegalArgumentException("no column '" + column + "' (columns: " + String.join(", ", columns) + ")");
        }
        if (row < 0 || row >= rows.size()) {
            throw new IndexOutOfBoundsException("row " + row + " of a table with " + rows.size() + " rows");
        }
        return rows.get(row).get(c);
    }

    /** A copy with a title. */
    public Table titled(String newTitle) {
        return new Table(newTitle == null ? "" : newTitle, columns, rows);
    }

    /** The first {@code n} rows. */
    public Table head(int n) {
        return new Table(title, columns, rows.subList(0, Math.max(0, Math.min(n, rows.size()))));
    }

    /** As text, showing at most {@code maxRows} rows followed by how many were left out. */
    public String render(int maxRows) {
        return TextTable.render(this, maxRows);
    }

    /** Every row as text (for files and logs, not for a prompt). */
    public String renderAll() {
        return TextTable.render(this, Integer.MAX_VALUE);
    }

    @Override
    public String toString() {
        return render(DEFAULT_HEAD);
    }

    /** Collects rows; {@link #build()} freezes them into a {@link Table}. */
    public static final class Builder {
        private final List<String> columns;
        private final List<List<Object>> rows = new ArrayList<>();
        private String title = "";

        private Builder(List<String> columns) {
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("a table needs at least one column");
            }
            this.columns = columns;
        }

        /** Sets the title. */
        public Builder title(String t) {
            this.title = t == null ? "" : t;
            return this;
        }

        /** Adds a row: one cell per column. */
        public Builder row(Object... cells) {
            if (cells.length != columns.size()) {
                throw new IllegalArgumentException("row " + rows.size() + " has " + cells.length + " cells, the table has "
                        + columns.size() + " columns (" + String.join(", ", columns) + ")");
            }
            rows.add(Collections.unmodifiableList(Arrays.asList(cells.clone())));
            return this;
        }

        /** The table. */
        public Table build() {
            return new Table(title, columns, List.copyOf(rows));
        }
    }
}
