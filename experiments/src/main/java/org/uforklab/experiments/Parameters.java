package org.uforklab.experiments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameter values of one run: the definition's defaults overridden by {@code key=value} settings.
 * Numbers accept {@code _} separators, scientific notation ({@code 1e6}) and the suffixes {@code k M G}
 * (powers of 1000) and {@code KiB MiB GiB} (powers of 1024); lists are comma-separated.
 */
public final class Parameters {
    private final Map<String, String> values;

    private Parameters(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The defaults of {@code definition}. */
    public static Parameters defaults(List<Parameter> definition) {
        Map<String, String> m = new LinkedHashMap<>();
        definition.forEach(p -> m.put(p.name(), p.defaultValue()));
        return new Parameters(m);
    }

    /** Exactly these values (e.g. read back from a saved result). */
    public static Parameters of(Map<String, String> values) {
        return new Parameters(values);
    }

    /**
     * These values with {@code key=value} settings applied.
     *
     * @throws IllegalArgumentException for a setting without '=' or naming an unknown parameter
     */
    public Parameters with(List<String> settings) {
        Map<String, String> m = new LinkedHashMap<>(values);
        for (String s : settings) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("setting '" + s + "' is not key=value");
            }
            String key = s.substring(0, eq).strip();
            if (!m.containsKey(key)) {
                throw new IllegalArgumentException("unknown parameter '" + key + "' (parameters: " + String.join(", ", m.keySet()) + ")");
            }
            m.put(key, s.substring(eq + 1).strip());
        }
        return new Parameters(m);
    }

    /** The text of a parameter. */
    public String get(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'");
        }
        return v;
    }

    /** A parameter as a long. */
    public long getLong(String name) {
        return parseLong(name, get(name));
    }

    /** A parameter as a comma-separated list of longs. */
    public List<Long> getLongs(String name) {
        List<Long> out = new ArrayList<>();
        for (String part : get(name).split(",")) {
            if (!part.isBlank()) {
                out.add(parseLong(name, part.strip()));
            }
        }
        return out;
    }

    /** A parameter as a comma-separated list of words. */
    public List<String> getList(String name) {
        return List.of(get(name).split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Every value, in definition order. */
    public Map<String, String> asMap() {
        return values;
    }

    /** Parses a number with the suffixes described on the class. */
    static long parseLong(String name, String text) {
        String t = text.replace("_", "").strip();
        long mult = 1;
        String[][] suffixes = {{"KiB", "1024"}, {"MiB", "1048576"}, {"GiB", "1073741824"}, {"k", "1000"}, {"K", "1000"},
            {"M", "1000000"}, {"G", "1000000000"}};
        for (String[] s : suffixes) {
            if (t.endsWith(s[0])) {
                mult = Long.parseLong(s[1]);
                t = t.substring(0, t.length() - s[0].length()).strip();
                break;
            }
        }
        try {
            if (t.matches("-?\\d+")) {
                return Math.multiplyExact(Long.parseLong(t), mult);
            }
            double d = Double.parseDouble(t) * mult;
            if (d != Math.rint(d) || Math.abs(d) > 9e18) {
                throw new NumberFormatException();
            }
            return (long) d;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("parameter '" + name + "': '" + text + "' is not an integer");
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }
}
