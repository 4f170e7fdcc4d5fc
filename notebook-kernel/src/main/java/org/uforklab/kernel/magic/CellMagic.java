package org.uforklab.kernel.magic;

/** A cell starting with {@code %%name args}: the magic gets the rest of the cell as its body. */
@FunctionalInterface
public interface CellMagic {

    /** Runs the magic; the result (may be null) is the cell's value. */
    Object run(CellRunner runner, String args, String body) throws Exception;
}
