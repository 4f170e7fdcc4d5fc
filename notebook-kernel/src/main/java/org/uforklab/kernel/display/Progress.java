package org.uforklab.kernel.display;

/**
 * A progress display for long sweeps, updated in place in the notebook (one output, rewritten through
 * update_display_data) instead of printing a line per step. Updates are sent at most every
 * {@value #MIN_INTERVAL_MS} ms, and always when the work completes, so a tight loop is not slowed by messages.
 *
 * <pre>{@code
 * var p = progress("fork sweep", sizes.size());
 * for (var s : sizes) { run(s); p.step(); }
 * }</pre>
 */
public final class Progress {

    /** Minimum time between two updates sent to the notebook. */
    public static final long MIN_INTERVAL_MS = 100;

    private final DisplaySink sink;
    private final String label;
    private final long total;
    private final String id;
    private long done;
    private String message = "";
    private long lastSentNanos;

    /** Shows a new progress display for {@code total} steps (at least 1) on {@code sink}. */
    public Progress(DisplaySink sink, String label, long total) {
        if (total < 1) {
            throw new IllegalArgumentException("progress total must be at least 1, got " + total);
        }
        this.sink = sink;
        this.label = label;
        this.total = total;
        this.id = sink.display(this);
        this.lastSentNanos = System.nanoTime();
    }

    /** One step done. */
    public Progress step() {
        return set(done + 1);
    }

    /** {@code n} steps done. */
    public Progress step(long n) {
        return set(done + n);
    }

    /** Sets the number of steps done (clamped to 0..total). */
    public Progress set(long n) {
        done = Math.max(0, Math.min(total, n));
        maybeSend();
        return this;
    }

    /** A short status shown after the counts ("size 64 KiB"). */
    public Progress message(String text) {
        message = text == null ? "" : text;
        maybeSend();
        return this;
    }

    /** Marks all steps done and sends the final state. */
    public Progress done() {
        done = total;
        sink.update(id, this);
        return this;
    }

    /** Steps done so far. */
    public long current() {
        return done;
    }

    /** Steps in all. */
    public long total() {
        return total;
    }

    /** The display id of this progress output. */
    public String displayId() {
        return id;
    }

    private void maybeSend() {
        long now = System.nanoTime();
        if (done == total || now - lastSentNanos >= MIN_INTERVAL_MS * 1_000_000L) {
            lastSentNanos = now;
            sink.update(id, this);
        }
    }

    /** The display as HTML: a {@code <progress>} bar and the counts. */
    public String toHtml() {
        return "<div><b>" + Escape.html(label) + "</b> <progress value=\"" + done + "\" max=\"" + total
                + "\" style=\"width:40%\"></progress> " + Escape.html(counts()) + "</div>";
    }

    private String counts() {
        return done + "/" + total + " (" + (100 * done / total) + "%)" + (message.isEmpty() ? "" : " " + message);
    }

    /** {@code fork sweep [#######.............] 7/20 (35%)}. */
    @Override
    public String toString() {
        int width = 20;
        int filled = (int) (width * done / total);
        return label + " [" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + counts();
    }
}
