package org.uforklab.machine.isa;

import java.util.Locale;
import org.uforklab.machine.asm.AsmException;

/**
 * Reads the operand text of one instruction: whitespace-insensitive punctuation, register-like tokens and
 * expressions (which run to the next top-level {@code ,}, {@code ]} or {@code !}). Errors say what was
 * expected and what was found.
 */
public final class OperandCursor {
    private final String text;
    private int pos;
    /** Start of the last word or expression read, where an error about its value points; -1 before any. */
    private int lastToken = -1;

    public OperandCursor(String text) {
        this.text = text == null ? "" : text;
    }

    public int position() {
        return pos;
    }

    /**
     * Index of the last word or expression consumed (a register, an immediate's expression), or -1: an error
     * about a value that was read ({@code immediate 5000 is out of range}) points there.
     */
    public int lastTokenStart() {
        return lastToken;
    }

    void reset(int position) {
        this.pos = position;
    }

    public void skipWs() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    public boolean atEnd() {
        skipWs();
        return pos >= text.length();
    }

    /** The next non-blank character, or 0 at the end. */
    public char peek() {
        skipWs();
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    /** Consumes {@code c} if it is next. */
    public boolean tryChar(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    public void expectChar(char c) throws AsmException {
        if (!tryChar(c)) {
            throw expected("'" + c + "'");
        }
    }

    /**
     * True when the text at the cursor starts with {@code literal}, comparing case-insensitively and ignoring
     * blanks; consumes it when {@code consume}. A literal ending in a letter must not run into a longer word.
     */
    public boolean lookingAt(String literal, boolean consume) {
        int p = pos;
        for (int i = 0; i < literal.length(); i++) {
            char l = literal.charAt(i);
            if (Character.isWhitespace(l)) {
                continue;
            }
            while (p < text.length() && Character.isWhitespace(text.charAt(p))) {
                p++;
            }
            if (p >= text.length() || Character.toLowerCase(text.charAt(p)) != Character.toLowerCase(l)) {
                return false;
            }
            p++;
        }
        char last = literal.isEmpty() ? ' ' : literal.charAt(literal.length() - 1);
        if (Character.isLetterOrDigit(last) && p < text.length() && isWordChar(text.charAt(p))) {
            return false;
        }
        if (consume) {
            pos = p;
        }
        return true;
    }

    public void expect(String literal) throws AsmException {
        if (!lookingAt(literal, true)) {
            throw expected("'" + literal.trim() + "'");
        }
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$';
    }

    /** The next word (letters, digits, {@code _ . $}), lower-cased, without consuming it; "" if none. */
    public String peekWord() {
        skipWs();
        int p = pos;
        while (p < text.length() && isWordChar(text.charAt(p))) {
            p++;
        }
        return text.substring(pos, p).toLowerCase(Locale.ROOT);
    }

    /** Consumes the word {@link #peekWord()} returned. */
    public void skipWord() {
        skipWs();
        lastToken = pos;
        while (pos < text.length() && isWordChar(text.charAt(pos))) {
            pos++;
        }
    }

    /**
     * Reads an expression: everything up to the next top-level {@code ,}, {@code ]} or {@code !} (parentheses
     * nest), trimmed.
     */
    public String expression() throws AsmException {
        skipWs();
        int start = pos;
        int depth = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && (c == ',' || c == ']' || c == '!')) {
                break;
            }
            pos++;
        }
        String e = text.substring(start, pos).trim();
        if (e.isEmpty()) {
            pos = start;
            throw expected("an expression");
        }
        lastToken = start;
        return e;
    }

    /** What is at the cursor, for error messages: {@code 'x3'} or {@code end of operands}. */
    public String found() {
        skipWs();
        if (pos >= text.length()) {
            return "the end of the operands";
        }
        int p = pos;
        if (isWordChar(text.charAt(p)) || text.charAt(p) == '#' || text.charAt(p) == '-') {
            p++;
            while (p < text.length() && isWordChar(text.charAt(p))) {
                p++;
            }
        } else {
            p++;
        }
        return "'" + text.substring(pos, p) + "'";
    }

    /** An error "expected X but found Y", pointing at Y. */
    public AsmException expected(String what) {
        String f = found();
        return new OperandError("expected " + what + " but found " + f, pos);
    }

    @Override
    public String toString() {
        return text.substring(0, pos) + "^" + text.substring(pos);
    }
}
