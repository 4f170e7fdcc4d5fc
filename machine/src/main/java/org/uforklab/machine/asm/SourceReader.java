package org.uforklab.machine.asm;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits source text into statements the way GNU {@code as} for AArch64 reads it: {@code //} starts a comment
 * to the end of the line, {@code /* ... *}{@code /} comments may span lines, a line whose first non-blank
 * character is {@code #} is a comment (preprocessor line markers), and {@code ;} separates statements on one
 * line. Quoted strings and character literals are respected.
 */
final class SourceReader {

    private SourceReader() {
    }

    /** The statements of {@code source}; an unterminated block comment is reported through {@code errors}. */
    static List<SourceStatement> read(String source, ErrorSink errors) {
        return read(source, null, errors);
    }

    /**
     * The statements of {@code source}, marked as coming from {@code file} (null for the file being assembled,
     * a name for a prelude read before it).
     */
    static List<SourceStatement> read(String source, String file, ErrorSink errors) {
        List<SourceStatement> out = new ArrayList<>();
        String[] lines = source.split("\r\n|\n|\r", -1);
        boolean inBlock = false;
        int blockLine = 0;
        int blockColumn = 0;
        for (int ln = 0; ln < lines.length; ln++) {
            char[] c = lines[ln].toCharArray();
            int i = 0;
            boolean lineComment = false;
            if (!inBlock) {
                int first = 0;
                while (first < c.length && Character.isWhitespace(c[first])) {
                    first++;
                }
                lineComment = first < c.length && c[first] == '#';
            }
            if (lineComment) {
                continue;
            }
            int pieceStart = 0;
            boolean inString = false;
            while (i < c.length) {
                if (inBlock) {
                    if (c[i] == '*' && i + 1 < c.length && c[i + 1] == '/') {
                        c[i] = ' ';
                        c[i + 1] = ' ';
                        i += 2;
                        inBlock = false;
                    } else {
                        c[i++] = ' ';
                    }
                    continue;
                }
                char ch = c[i];
                if (inString) {
                    if (ch == '\\' && i + 1 < c.length) {
                        i += 2;
                    } else {
                        if (ch == '"') {
                            inString = false;
                        }
                        i++;
                    }
                    continue;
                }
                if (ch == '"') {
                    inString = true;
                    i++;
                } else if (ch == '\'') {
                    // A character literal: 'c, 'c' or '\n'. Skip it so a quoted ';' or '/' is not special.
                    i++;
                    if (i < c.length && c[i] == '\\') {
                        i++;
                    }
                    i++;
                    if (i < c.length && c[i] == '\'') {
                        i++;
                    }
                } else if (ch == '/' && i + 1 < c.length && c[i + 1] == '/') {
                    for (int j = i; j < c.length; j++) {
                        c[j] = ' ';
                    }
                    break;
                } else if (ch == '/' && i + 1 < c.length && c[i + 1] == '*') {
                    inBlock = true;
                    blockLine = ln + 1;
                    blockColumn = i + 1;
                    c[i] = ' ';
                    c[i + 1] = ' ';
                    i += 2;
                } else if (ch == ';') {
                    add(out, ln + 1, c, pieceStart, i, file);
                    pieceStart = i + 1;
                    i++;
                } else {
                    i++;
                }
            }
            // Comments were blanked, so the rest of the line is the last statement.
            add(out, ln + 1, c, pieceStart, c.length, file);
        }
        if (inBlock) {
            errors.error(blockLine, blockColumn, "unterminated comment: expected '*/' before the end of the file");
        }
        return out;
    }

    private static void add(List<SourceStatement> out, int line, char[] c, int from, int to, String file) {
        if (from >= to) {
            return;
        }
        String text = new String(c, from, to - from);
        if (!text.isBlank()) {
            out.add(new SourceStatement(line, from + 1, text, null, file));
        }
    }

    /** Receives errors found while reading. */
    interface ErrorSink {
        void error(int line, int column, String message);
    }
}
