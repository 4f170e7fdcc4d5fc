package org.uforklab.kernel.exec;

import java.io.Serial;
import java.util.List;

/**
 * User code in a cell threw: {@link #getCause()} is the very exception (with its whole cause chain, not
 * JShell's string copy), {@link #traceback()} its stack mapped to cells and lines with JShell and kernel
 * frames left out.
 */
public final class UserCodeException extends CellException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** A failure of user code. */
    public UserCodeException(Throwable cause, List<String> traceback) {
        super(cause.toString(), traceback);
        initCause(cause);
    }
}
