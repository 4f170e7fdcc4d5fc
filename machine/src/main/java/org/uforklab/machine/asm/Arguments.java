package org.uforklab.machine.asm;

import java.util.ArrayList;
import java.util.List;

/** Splits directive operands at top-level commas (not inside quotes, character literals or brackets). */
final class Arguments {

    /** One comma-separated argument, trimmed, and the column of its first character. */
    record Arg(String text, int column) {
    }

    private Arguments() {
    }

    static List<Arg> split(String text, int column) {
        List<Arg> out = new ArrayList<>();
        if (text.isBlank()) {
            return out;
        }
        int depth = 0;
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                i++;
                while (i < text.length() && text.charAt(i) != '"') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                continue;
            }
            if (c == '\'') {
                i += (i + 1 < text.length() && text.charAt(i + 1) == '\\') ? 3 : 2;
                if (i < text.length() && text.charAt(i) == '\'') {
                    i++;
                }
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth <= 0) {
                out.add(arg(text, start, i, column));
                start = i + 1;
            }
            i++;
        }
        out.add(arg(text, start, text.length(), column));
        return out;
    }

    private static Arg arg(String text, int from, int to, int column) {
        int a = from;
        while (a < to && Character.isWhitespace(text.charAt(a))) {
            a++;
        }
        int b = to;
        while (b > a && Character.isWhitespace(text.charAt(b - 1))) {
            b--;
        }
        return new Arg(text.substring(a, b), column + a);
    }
}
