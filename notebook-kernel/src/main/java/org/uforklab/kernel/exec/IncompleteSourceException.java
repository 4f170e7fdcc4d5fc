package org.uforklab.kernel.exec;

import java.io.Serial;
import java.util.List;

/** A cell whose source ends in the middle of a statement or declaration (unclosed brace, parenthesis...). */
public final class IncompleteSourceException extends CellException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** An incomplete cell. */
    public IncompleteSourceException(String message, List<String> traceback) {
        super(message, traceback);
    }
}
