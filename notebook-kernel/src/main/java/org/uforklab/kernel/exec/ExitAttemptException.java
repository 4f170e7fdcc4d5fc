package org.uforklab.kernel.exec;

import java.io.Serial;

/**
 * What {@code System.exit(status)}, {@code Runtime.exit} and {@code Runtime.halt} become in cell code: the
 * kernel JVM is the notebook's process and must survive; the cell ends with this error instead.
 */
public final class ExitAttemptException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int status;

    /** An exit attempt with the given status. */
    public ExitAttemptException(int status) {
        super("System.exit(" + status + ") called in a cell: the kernel keeps running (restart it from the notebook instead)");
        this.status = status;
    }

    /** The status the cell asked to exit with. */
    public int status() {
        return status;
    }
}
