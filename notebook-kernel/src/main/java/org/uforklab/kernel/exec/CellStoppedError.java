package org.uforklab.kernel.exec;

import java.io.Serial;

/**
 * Thrown inside cell code at a stop check after an interrupt. An {@link Error}, like the old ThreadDeath, so
 * that {@code catch (Exception e)} in a cell does not swallow it.
 */
public final class CellStoppedError extends Error {

    @Serial
    private static final long serialVersionUID = 1L;

    /** A stop with a fixed message; no stack trace is kept (it would only show the woven check). */
    public CellStoppedError() {
        super("cell interrupted", null, false, false);
    }
}
