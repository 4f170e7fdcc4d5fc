package org.uforklab.kernel.display;

import java.util.Objects;

/**
 * Markdown to show as {@code text/markdown} (the source is its {@code text/plain} form).
 *
 * @param markdown the source
 */
public record Markdown(String markdown) {

    public Markdown {
        Objects.requireNonNull(markdown, "markdown");
    }

    @Override
    public String toString() {
        return markdown;
    }
}
