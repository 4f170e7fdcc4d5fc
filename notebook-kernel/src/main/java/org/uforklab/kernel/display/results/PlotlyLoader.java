package org.uforklab.kernel.display.results;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.uforklab.experiments.PlotlyChart;

/**
 * Puts plotly.js into a notebook once per kernel session, with no network: the minified library shipped in the
 * experiments module's resources is inlined in a {@code <script>} of the first chart displayed, and later charts
 * use the {@code window.Plotly} it defined. Holds the one piece of session state this needs (whether the script
 * was sent), so there is one loader per kernel's renderer, never a static one.
 *
 * <p>The script runs plotly.js's UMD wrapper with {@code define}, {@code module} and {@code exports} shadowed as
 * undefined: the classic Notebook has RequireJS's {@code define} on the page, and the wrapper would then register
 * an anonymous AMD module instead of setting {@code window.Plotly}, which is what our charts call. No
 * {@code require} is needed anywhere.
 */
public final class PlotlyLoader {

    /** Marks the loader script in the HTML (tests and readers look for it). */
    public static final String MARKER = "uforklab: plotly.js";

    private final Supplier<String> library;
    private String script;
    private boolean sent;

    /** A loader of the plotly.js shipped with the experiments module ({@link PlotlyChart#plotlyJs()}). */
    public PlotlyLoader() {
        this(() -> new String(PlotlyChart.plotlyJs(), StandardCharsets.UTF_8));
    }

    /** A loader of the given library text (tests). */
    PlotlyLoader(Supplier<String> library) {
        this.library = library;
    }

    /** The {@code <script>} that defines {@code window.Plotly} (read and built on first use, then kept). */
    public String script() {
        if (script == null) {
            String js = library.get();
            if (js.contains("</script")) {
                // cannot happen with the shipped build, but inlining it would end the script element early
                throw new IllegalStateException("plotly.js contains '</script' and cannot be inlined");
            }
            script = "<script type=\"text/javascript\">/* " + MARKER + " " + PlotlyChart.PLOTLY_FILE
                    + " (MIT licence), inlined once per kernel session */\n"
                    + "if (!window.Plotly) {\nwindow.PlotlyConfig = {MathJaxConfig: 'local'};\n"
                    + "(function (define, module, exports) {\n" + js + "\n}).call(window);\n}\n</script>\n";
        }
        return script;
    }

    /** {@link #script()} the first time it is asked for, then "" (the page already has Plotly). */
    public String once() {
        if (sent) {
            return "";
        }
        String s = script();
        sent = true;
        return s;
    }

    /** Whether the script has been handed out in this session. */
    public boolean sent() {
        return sent;
    }

    @Override
    public String toString() {
        return "PlotlyLoader(" + PlotlyChart.PLOTLY_FILE + (sent ? ", sent)" : ", not sent yet)");
    }
}
