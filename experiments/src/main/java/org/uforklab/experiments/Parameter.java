package org.uforklab.experiments;

/**
 * A parameter of an experiment: its name, its default (the paper's setup) as text, and what it means.
 * Values are text so that {@code --set key=value} and JSON round-trip exactly; {@link Parameters} parses them.
 */
public record Parameter(String name, String defaultValue, String description) {
    /** Validates the name. */
    public Parameter {
        if (!name.matches("[a-zA-Z][a-zA-Z0-9_.-]*")) {
            throw new IllegalArgumentException("bad parameter name '" + name + "'");
        }
    }

    @Override
    public String toString() {
        return name + "=" + defaultValue + "  (" + description + ")";
    }
}
