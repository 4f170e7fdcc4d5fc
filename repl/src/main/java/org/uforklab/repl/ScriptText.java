package org.uforklab.repl;

/** Positions in a script's text: blanks and comments between snippets, lines, {@code /commands}. */
final class ScriptText {

    private ScriptText() {
    }

    /** The first position at or after {@code pos} that is not white space or a comment. */
    static int skipBlank(String s, int pos) {
        int n = s.length();
        while (pos < n) {
            char c = s.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (s.startsWith("//", pos)) {
                pos = endOfLine(s, pos);
            } else if (s.startsWith("/*", pos)) {
                int end = s.indexOf("*/", pos + 2);
                if (end < 0) {
                    return pos; // an unterminated comment: the compiler will say so
                }
                pos = end + 2;
            } else {
                break;
            }
        }
        return pos;
    }

    /** True if a JShell command ({@code /exit}, {@code /vars}, ...) starts at {@code pos}. */
    static boolean isCommand(String s, int pos) {
        return s.startsWith("/", pos) && pos + 1 < s.length() && Character.isLetter(s.charAt(pos + 1));
    }

    /** The position after the line containing {@code pos} (past its newline), or the end. */
    static int endOfLine(String s, int pos) {
        int nl = s.indexOf('\n', pos);
        return nl < 0 ? s.length() : nl + 1;
    }

    /** True if the next line that is not blank starts with {@code .} (a chained call continuing above). */
    static boolean nextLineContinues(String s, int pos) {
        int p = pos;
        while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
            p++;
        }
        return p < s.length() && s.charAt(p) == '.';
    }

    /** The 1-based line number of {@code pos}. */
    static int lineAt(String s, int pos) {
        int line = 1;
        for (int i = 0; i < pos && i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The first line of {@code s}, stripped, with an ellipsis if more follows. */
    static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).stripTrailing() + " ...";
    }
}
