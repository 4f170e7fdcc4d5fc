package org.uforklab.kernel.exec;

/**
 * Whether a cell could run as it is, for Jupyter's is_complete request.
 *
 * @param status {@code complete}, {@code incomplete}, {@code invalid} or {@code unknown}
 * @param indent for {@code incomplete}: the indentation the next line should get
 */
public record Completeness(String status, String indent) {

    /** The cell can run. */
    public static final Completeness COMPLETE = new Completeness("complete", "");
    /** The cell cannot be parsed. */
    public static final Completeness INVALID = new Completeness("invalid", "");

    /** An unfinished cell whose next line should be indented by {@code indent}. */
    public static Completeness incomplete(String indent) {
        return new Completeness("incomplete", indent);
    }
}
