package org.uforklab.kernel.magic;

/** A {@code %name args} line in a cell. */
@FunctionalInterface
public interface LineMagic {

    /** Runs the magic; the result (may be null) is the value of the line, shown when it ends the cell. */
    Object run(CellRunner runner, String args) throws Exception;
}
