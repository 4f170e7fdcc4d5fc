package org.uforklab.kernel.display;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Any MIME bundle: data by MIME type. {@code text/plain} is always present (added from {@code plain}).
 *
 * @param data the representations, e.g. {@code text/html}, {@code image/svg+xml}, {@code application/json}
 */
public record MimeBundle(Map<String, Object> data) {

    public MimeBundle {
        if (!data.containsKey("text/plain")) {
            throw new IllegalArgumentException("a MIME bundle needs text/plain; got " + data.keySet());
        }
        data = Map.copyOf(data);
    }

    /** A bundle of {@code plain} plus {@code others} (MIME type, data, MIME type, data...). */
    public static MimeBundle of(String plain, Object... others) {
        if (others.length % 2 != 0) {
            throw new IllegalArgumentException("MIME types and data come in pairs");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text/plain", plain);
        for (int i = 0; i < others.length; i += 2) {
            m.put(String.valueOf(others[i]), others[i + 1]);
        }
        return new MimeBundle(m);
    }

    @Override
    public String toString() {
        return String.valueOf(data.get("text/plain"));
    }
}
