package org.uforklab.machine.asm;

import java.util.ArrayList;
import java.util.List;

/**
 * A statement split into its parts: leading labels ({@code name:}, {@code 1:}), then either an assignment
 * ({@code name = expr}) or a keyword (directive, macro or mnemonic) followed by its operand text.
 *
 * @param source         where it came from
 * @param labels         labels defined at this statement, in order
 * @param assignTo       for {@code name = expr}, the name; else null
 * @param keyword        the directive, macro name or mnemonic as written, or null if the statement is only labels
 * @param keywordColumn  column of the keyword (or of the assigned name)
 * @param operands       the text after the keyword (or after {@code =}), trimmed
 * @param operandsColumn column of the first character of {@code operands}
 */
record Statement(SourceStatement source, List<Label> labels, String assignTo, String keyword, int keywordColumn,
                 String operands, int operandsColumn) {

    /** A label definition and its column. */
    record Label(String name, int column) {
        boolean numeric() {
            return Character.isDigit(name.charAt(0));
        }
    }

    static boolean symbolStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '.' || c == '$';
    }

    static boolean symbolPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$';
    }

    /** Lower-cased keyword, or null. */
    String lowerKeyword() {
        return keyword == null ? null : keyword.toLowerCase(java.util.Locale.ROOT);
    }

    int line() {
        return source.line();
    }

    /** {@code line N}, or {@code file:N} for a statement of a prelude. */
    String place() {
        return SourceStatement.place(source.file(), source.line());
    }

    static Statement parse(SourceStatement src) throws StatementError {
        String t = src.text();
        int col0 = src.column();
        int i = skipSpace(t, 0);
        List<Label> labels = new ArrayList<>();
        while (i < t.length()) {
            int j = i;
            if (symbolStart(t.charAt(j))) {
                while (j < t.length() && symbolPart(t.charAt(j))) {
                    j++;
                }
            } else if (Character.isDigit(t.charAt(j))) {
                while (j < t.length() && Character.isDigit(t.charAt(j))) {
                    j++;
                }
            }
            if (j > i && j < t.length() && t.charAt(j) == ':') {
                String name = t.substring(i, j);
                if (name.equals(".")) {
                    throw new StatementError(col0 + i, "'.' cannot be a label name");
                }
                labels.add(new Label(name, col0 + i));
                i = skipSpace(t, j + 1);
            } else {
                break;
            }
        }
        if (i >= t.length()) {
            return new Statement(src, labels, null, null, col0 + i, "", col0 + i);
        }
        int j = i;
        while (j < t.length() && !Character.isWhitespace(t.charAt(j)) && t.charAt(j) != '=') {
            j++;
        }
        String word = t.substring(i, j);
        int k = skipSpace(t, j);
        if (k < t.length() && t.charAt(k) == '=' && (k + 1 >= t.length() || t.charAt(k + 1) != '=')) {
            if (word.isEmpty() || !symbolStart(word.charAt(0)) || !word.chars().allMatch(c -> symbolPart((char) c))) {
                throw new StatementError(col0 + i, "expected a symbol name before '='");
            }
            int e = skipSpace(t, k + 1);
            return new Statement(src, labels, word, null, col0 + i, t.substring(e).strip(), col0 + e);
        }
        if (word.isEmpty() || !word.chars().allMatch(c -> symbolPart((char) c))) {
            throw new StatementError(col0 + i, "expected a label, directive or instruction, found '"
                    + (word.isEmpty() ? t.substring(i, i + 1) : word) + "'");
        }
        int o = skipSpace(t, j);
        return new Statement(src, labels, null, word, col0 + i, t.substring(o).strip(), col0 + o);
    }

    static int skipSpace(String t, int i) {
        while (i < t.length() && Character.isWhitespace(t.charAt(i))) {
            i++;
        }
        return i;
    }
}
