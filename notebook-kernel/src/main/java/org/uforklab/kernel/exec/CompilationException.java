package org.uforklab.kernel.exec;

import java.io.Serial;
import java.util.List;

/** A cell JShell rejected: diagnostics with cell, line, the offending line and a caret under the error. */
public final class CompilationException extends CellException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** A compile failure. */
    public CompilationException(String message, List<String> traceback) {
        super(message, traceback);
    }
}
