package org.uforklab.kernel.display;

/** HTML escaping for text put into tables and pages. */
public final class Escape {

    private Escape() {
    }

    /** {@code s} with {@code & < > " '} escaped; "null" for null. */
    public static String html(Object s) {
        String t = String.valueOf(s);
        StringBuilder sb = new StringBuilder(t.length() + 16);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
