package org.uforklab.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.uforklab.lab.display.Table;

/**
 * A notebook's key numbers: named values a reader should look at and CI should hold steady. The notebook
 * kernel shows them as a small table and also publishes them as {@value #MIME_TYPE} (a JSON object
 * {@code {name: {"value": v, "unit": u}}}), which {@code ./uforklab notebooks} collects from the executed
 * notebook and compares with the expectations committed beside it ({@code notebooks/NAME.expect.json}).
 * Emulated time is deterministic, so the numbers repeat exactly from run to run on the same code.
 *
 * <pre>{@code
 * KeyNumbers.of("copa_latency_us", stats.latencyMicros(), "µs")
 *           .and("copa_pages_copied", stats.pagesCopiedEagerly())
 * }</pre>
 *
 * Immutable: {@link #and} returns a new instance, so a notebook can show its numbers cell by cell.
 */
public final class KeyNumbers {

    /** The MIME type the notebook kernel publishes key numbers under. */
    public static final String MIME_TYPE = "application/vnd.uforklab.keys+json";

    /** What a name may hold: letters, digits and {@code _ . - :} (so it reads well in a JSON file and a diff). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,80}");

    /**
     * One key number.
     *
     * @param name  unique in a notebook, e.g. {@code fig4.copa.100MB_us}
     * @param value finite
     * @param unit  free text ("" when it has none)
     */
    public record Key(String name, double value, String unit) {
        /** Validates: a well-formed name and a finite value (the error names the key). */
        public Key {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("key number name '" + name + "' must be 1-80 of A-Z a-z 0-9 _ . - :");
            }
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("key number '" + name + "' is " + value + ": only finite values can be compared");
            }
            unit = unit == null ? "" : unit;
        }

        /** The value as a compact decimal: an integer without ".0", else up to 6 significant digits. */
        public String formatted() {
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                return String.format(Locale.ROOT, "%,d", (long) value);
            }
            return String.format(Locale.ROOT, "%.6g", value).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2").replaceFirst("\\.(e|$)", "$1");
        }

        @Override
        public String toString() {
            return name + " = " + formatted() + (unit.isEmpty() ? "" : " " + unit);
        }
    }

    private final List<Key> keys;

    private KeyNumbers(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    /** No key numbers yet. */
    public static KeyNumbers none() {
        return new KeyNumbers(List.of());
    }

    /** One key number without a unit. */
    public static KeyNumbers of(String name, double value) {
        return none().and(name, value, "");
    }

    /** One key number. */
    public static KeyNumbers of(String name, double value, String unit) {
        return none().and(name, value, unit);
    }

    /** These plus one without a unit. */
    public KeyNumbers and(String name, double value) {
        return and(name, value, "");
    }

    /**
     * These plus one more.
     *
     * @throws IllegalArgumentException for a bad or repeated name or a value that is not finite
     */
    public KeyNumbers and(String name, double value, String unit) {
        Key k = new Key(name, value, unit);
        if (find(name) != null) {
            throw new IllegalArgumentException("key number '" + name + "' is already set to " + find(name).formatted());
        }
        List<Key> l = new ArrayList<>(keys);
        l.add(k);
        return new KeyNumbers(l);
    }

    /** These plus every key of {@code other} (names must not repeat). */
    public KeyNumbers and(KeyNumbers other) {
        KeyNumbers out = this;
        for (Key k : other.keys) {
            out = out.and(k.name(), k.value(), k.unit());
        }
        return out;
    }

    private Key find(String name) {
        for (Key k : keys) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        return null;
    }

    /** The keys, in the order they were added. */
    public List<Key> keys() {
        return keys;
    }

    /**
     * The value named {@code name}.
     *
     * @throws IllegalArgumentException listing the names there are
     */
    public double get(String name) {
        Key k = find(name);
        if (k == null) {
            throw new IllegalArgumentException("no key number '" + name + "' (there are: "
                    + String.join(", ", keys.stream().map(Key::name).toList()) + ")");
        }
        return k.value();
    }

    /** How many. */
    public int size() {
        return keys.size();
    }

    /** As a table: name, value, unit. */
    public Table table() {
        Table.Builder b = Table.builder("key number", "value", "unit").title("key numbers");
        for (Key k : keys) {
            b.row(k.name(), k.formatted(), k.unit());
        }
        return b.build();
    }

    /**
     * The {@value #MIME_TYPE} content: name → {"value", "unit"}, in order (a plain map that any JSON writer
     * turns into the object the notebook runner reads).
     */
    public Map<String, Map<String, Object>> asJsonObject() {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        for (Key k : keys) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("value", k.value());
            v.put("unit", k.unit());
            m.put(k.name(), v);
        }
        return m;
    }

    /** The same as JSON text (numbers in Java's shortest round-trip form). */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{");
        for (Key k : keys) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append('"').append(k.name()).append("\": {\"value\": ").append(Double.toString(k.value()))
                    .append(", \"unit\": \"").append(jsonEscape(k.unit())).append("\"}");
        }
        return sb.append('}').toString();
    }

    private static String jsonEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** {@code key numbers: a = 1.5 µs, b = 3}. */
    @Override
    public String toString() {
        return "key numbers: " + (keys.isEmpty() ? "(none)" : String.join(", ", keys.stream().map(Key::toString).toList()));
    }
}
