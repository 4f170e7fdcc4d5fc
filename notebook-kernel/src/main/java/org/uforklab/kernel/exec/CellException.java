package org.uforklab.kernel.exec;

import java.io.Serial;
import java.util.List;

/**
 * A cell that failed before or instead of running user code (compile error, incomplete source, interrupt),
 * with a traceback ready for Jupyter. Failures of user code are reported with the user's own exception;
 * see {@link CellEvaluator#formatFailure(Throwable)}.
 */
public class CellException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    private final List<String> traceback;

    /** A failure with a one-line message and the lines Jupyter shows under it. */
    public CellException(String message, List<String> traceback) {
        super(message);
        this.traceback = List.copyOf(traceback);
    }

    /** The traceback lines, ANSI-coloured. */
    public List<String> traceback() {
        return traceback;
    }
}
