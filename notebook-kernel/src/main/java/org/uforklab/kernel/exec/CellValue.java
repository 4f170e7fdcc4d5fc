package org.uforklab.kernel.exec;

/**
 * What a cell evaluated to: a value when its last snippet is an expression ({@code 1 + 1}, {@code cap}),
 * none for declarations and statements.
 *
 * @param present whether the cell has a value
 * @param value   the live object (may be null when present)
 */
public record CellValue(boolean present, Object value) {

    /** No value: the cell ended with a declaration or statement. */
    public static final CellValue NONE = new CellValue(false, null);

    /** A value. */
    public static CellValue of(Object value) {
        return new CellValue(true, value);
    }

    @Override
    public String toString() {
        return present ? "CellValue[" + value + "]" : "CellValue[none]";
    }
}
