package org.uforklab.kernel.exec;

import java.io.Serial;
import java.util.List;

/** A cell stopped by an interrupt request (the notebook's stop button). */
public final class CellInterruptedException extends CellException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** An interrupted cell. */
    public CellInterruptedException(String message, List<String> traceback) {
        super(message, traceback);
    }
}
