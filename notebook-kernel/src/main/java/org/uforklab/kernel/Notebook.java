package org.uforklab.kernel;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.uforklab.kernel.display.Html;
import org.uforklab.kernel.display.Markdown;
import org.uforklab.kernel.display.Progress;
import org.uforklab.kernel.display.HtmlTable;
import org.uforklab.kernel.exec.CellThreadGroup;

/**
 * The cell-side API, statically imported into every notebook (IJava's names, so IJava habits carry over):
 *
 * <pre>{@code
 * String id = display(cap);                  // publish a display, get its id
 * display("<b>hi</b>", "text/html");         // as a given MIME type
 * updateDisplay(id, cap.add(16));            // rewrite that output in place
 * render(stats, "text/plain")                // a bundle as the cell's result, not published
 * var p = progress("sweep", 100); p.step();  // a progress bar updated in place
 * html("<i>x</i>"); markdown("**x**"); table("caption", "col", ...)
 * }</pre>
 * The kernel is found through the running cell's thread group, so these work in any thread a cell starts,
 * and fail with a clear message outside a notebook.
 */
public final class Notebook {

    private Notebook() {
    }

    private static NotebookSession session() {
        CellThreadGroup g = CellThreadGroup.current();
        if (g != null && g.context() instanceof NotebookSession s) {
            return s;
        }
        throw new IllegalStateException("no notebook here: display/render/updateDisplay work only in code run by "
                + "the uforklab kernel (or threads a cell started)");
    }

    /** Publishes {@code value} with its preferred MIME types; returns the display id for {@link #updateDisplay}. */
    public static String display(Object value) {
        return session().display(value);
    }

    /** Publishes {@code value} rendered as {@code mimeTypes} (e.g. "text/html"); returns the display id. */
    public static String display(Object value, String... mimeTypes) {
        return session().display(value, mimeTypes);
    }

    /** The MIME bundle of {@code value}, not published: make it the last expression to choose a cell's result. */
    public static DisplayData render(Object value) {
        return session().render(value);
    }

    /** The MIME bundle of {@code value} as {@code mimeTypes}. */
    public static DisplayData render(Object value, String... mimeTypes) {
        return session().render(value, mimeTypes);
    }

    /** Replaces the output {@code id} (from {@link #display}) with {@code value}. */
    public static void updateDisplay(String id, Object value) {
        session().updateDisplay(id, value);
    }

    /** Replaces the output {@code id} with {@code value} rendered as {@code mimeTypes}. */
    public static void updateDisplay(String id, Object value, String... mimeTypes) {
        session().updateDisplay(id, value, mimeTypes);
    }

    /** A progress bar for {@code total} steps, shown now and updated in place. */
    public static Progress progress(String label, long total) {
        return new Progress(session(), label, total);
    }

    /** Evaluates Java source in the notebook's scope and returns its value (null when it has none). */
    public static Object eval(String code) throws Exception {
        return session().evalInCell(code);
    }

    /** HTML to show as text/html. */
    public static Html html(String html) {
        return Html.of(html);
    }

    /** Markdown to show as text/markdown. */
    public static Markdown markdown(String markdown) {
        return new Markdown(markdown);
    }

    /** A bounded table with a caption and columns; add rows with {@code row(...)}. */
    public static HtmlTable table(String caption, String... columns) {
        return new HtmlTable(caption, columns);
    }
}
