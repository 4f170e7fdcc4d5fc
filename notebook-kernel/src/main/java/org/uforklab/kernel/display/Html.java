package org.uforklab.kernel.display;

import java.util.Objects;

/**
 * A piece of HTML to show as {@code text/html}; its {@code text/plain} form is {@code plain}.
 *
 * @param html  the markup
 * @param plain the text shown where HTML is not rendered
 */
public record Html(String html, String plain) {

    public Html {
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(plain, "plain");
    }

    /** HTML whose plain-text form is the markup with tags removed. */
    public static Html of(String html) {
        return new Html(html, html.replaceAll("<[^>]*>", "").strip());
    }

    @Override
    public String toString() {
        return plain;
    }
}
