package org.uforklab.kernel;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.uforklab.kernel.display.DisplaySink;

/**
 * What a kernel offers the cells it runs; {@link Notebook}'s static methods reach it through the cell's
 * thread group. Implemented by {@link UforkKernel} (and by test doubles).
 */
public interface NotebookSession extends DisplaySink {

    /** Renders {@code value} (as {@code mimeTypes} when given) and publishes it; returns the display id. */
    String display(Object value, String... mimeTypes);

    /** Renders {@code value} without publishing. */
    DisplayData render(Object value, String... mimeTypes);

    /** Re-renders the output {@code id} with {@code value}. */
    void updateDisplay(String id, Object value, String... mimeTypes);

    /** Evaluates Java source (magics allowed) as part of the running cell; returns its value or null. */
    Object evalInCell(String code) throws Exception;

    @Override
    default String display(Object value) {
        return display(value, new String[0]);
    }

    @Override
    default void update(String id, Object value) {
        updateDisplay(id, value, new String[0]);
    }
}
