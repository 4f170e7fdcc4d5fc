package org.uforklab.machine.asm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Quoted strings and character literals with GNU as escapes: {@code \b \f \n \r \t \v \\ \" \'}, octal
 * {@code \ooo} (up to three digits) and hex {@code \xhh...} (the low byte of the value). Other characters are
 * emitted as UTF-8.
 */
final class StringLiterals {

    private StringLiterals() {
    }

    /** A parsed string: its bytes and the index just after the closing quote. */
    record Parsed(byte[] bytes, int end) {
    }

    /**
     * Parses the string starting at {@code text.charAt(start) == '"'}.
     *
     * @param column column of {@code text.charAt(0)}
     */
    static Parsed string(String text, int start, int column) throws StatementError {
        if (start >= text.length() || text.charAt(start) != '"') {
            throw new StatementError(column + start, "expected a quoted string");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = start + 1;
        while (true) {
            if (i >= text.length()) {
                throw new StatementError(column + start, "unterminated string: expected '\"' before the end of the line");
            }
            char c = text.charAt(i);
            if (c == '"') {
                return new Parsed(out.toByteArray(), i + 1);
            }
            if (c == '\\') {
                int[] r = escape(text, i, column);
                out.write(r[0]);
                i = r[1];
            } else {
                int cp = text.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
    }

    /**
     * Decodes the escape sequence at {@code text.charAt(i) == '\\'}.
     *
     * @return {value (0..255), index after the escape}
     */
    static int[] escape(String text, int i, int column) throws StatementError {
        if (i + 1 >= text.length()) {
            throw new StatementError(column + i, "expected a character after '\\'");
        }
        char e = text.charAt(i + 1);
        int v;
        int end = i + 2;
        switch (e) {
            case 'b' -> v = 8;
            case 'f' -> v = 12;
            case 'n' -> v = 10;
            case 'r' -> v = 13;
            case 't' -> v = 9;
            case 'v' -> v = 11;
            case '\\', '"', '\'' -> v = e;
            case 'x', 'X' -> {
                int j = i + 2;
                long acc = 0;
                while (j < text.length() && Character.digit(text.charAt(j), 16) >= 0) {
                    acc = (acc << 4) | Character.digit(text.charAt(j), 16);
                    j++;
                }
                if (j == i + 2) {
                    throw new StatementError(column + i, "expected hex digits after '\\x'");
                }
                v = (int) (acc & 0xff);
                end = j;
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int j = i + 1;
                    int acc = 0;
                    while (j < text.length() && j < i + 4 && text.charAt(j) >= '0' && text.charAt(j) <= '7') {
                        acc = acc * 8 + (text.charAt(j) - '0');
                        j++;
                    }
                    v = acc & 0xff;
                    end = j;
                } else {
                    throw new StatementError(column + i, "unknown escape sequence '\\" + e + "'");
                }
            }
        }
        return new int[] {v, end};
    }
}
