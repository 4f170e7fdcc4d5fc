package org.uforklab.kernel.display;

/** Where displays go: the notebook output of the running cell. */
public interface DisplaySink {

    /** Shows {@code value} as a new output and returns its display id. */
    String display(Object value);

    /** Replaces the output with display id {@code id} by {@code value}. */
    void update(String id, Object value);
}
