package org.uforklab.machine.isa;

import java.util.Map;
import org.uforklab.machine.asm.AsmException;

/**
 * Evaluates the integer expressions of a single instruction when there is no file-level assembler around:
 * numbers (decimal, {@code 0x}, {@code 0b}), {@code .} (the instruction's address), named constants,
 * {@code + - * / % << >> & | ^ ~} and parentheses, with C precedence.
 */
final class Expressions {
    private final String text;
    private final long dot;
    private final Map<String, Long> symbols;
    private int pos;

    private Expressions(String text, long dot, Map<String, Long> symbols) {
        this.text = text;
        this.dot = dot;
        this.symbols = symbols;
    }

    static long evaluate(String text, long dot, Map<String, Long> symbols) throws AsmException {
        Expressions e = new Expressions(text, dot, symbols);
        long v = e.or();
        e.ws();
        if (e.pos < text.length()) {
            throw new AsmException("unexpected '" + text.substring(e.pos) + "' in expression '" + text + "'");
        }
        return v;
    }

    private void ws() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean eat(String op) {
        ws();
        if (text.startsWith(op, pos)) {
            pos += op.length();
            return true;
        }
        return false;
    }

    private long or() throws AsmException {
        long v = xor();
        while (eat("|")) {
            v |= xor();
        }
        return v;
    }

    private long xor() throws AsmException {
        long v = and();
        while (eat("^")) {
            v ^= and();
        }
        return v;
    }

    private long and() throws AsmException {
        long v = shift();
        while (eat("&")) {
            v &= shift();
        }
        return v;
    }

    private long shift() throws AsmException {
        long v = sum();
        while (true) {
            if (eat("<<")) {
                v <<= sum();
            } else if (eat(">>")) {
                v >>= sum();
            } else {
                return v;
            }
        }
    }

    private long sum() throws AsmException {
        long v = product();
        while (true) {
            if (eat("+")) {
                v += product();
            } else if (eat("-")) {
                v -= product();
            } else {
                return v;
            }
        }
    }

    private long product() throws AsmException {
        long v = unary();
        while (true) {
            if (eat("*")) {
                v *= unary();
            } else if (eat("/")) {
                long d = unary();
                if (d == 0) {
                    throw new AsmException("division by zero in '" + text + "'");
                }
                v /= d;
            } else if (eat("%")) {
                long d = unary();
                if (d == 0) {
                    throw new AsmException("division by zero in '" + text + "'");
                }
                v %= d;
            } else {
                return v;
            }
        }
    }

    private long unary() throws AsmException {
        if (eat("-")) {
            return -unary();
        }
        if (eat("+")) {
            return unary();
        }
        if (eat("~")) {
            return ~unary();
        }
        if (eat("(")) {
            long v = or();
            if (!eat(")")) {
                throw new AsmException("missing ')' in '" + text + "'");
            }
            return v;
        }
        ws();
        int start = pos;
        if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
                pos++;
            }
            String num = text.substring(start, pos).toLowerCase();
            try {
                if (num.startsWith("0x")) {
                    return Long.parseUnsignedLong(num.substring(2), 16);
                }
                if (num.startsWith("0b")) {
                    return Long.parseUnsignedLong(num.substring(2), 2);
                }
                return Long.parseLong(num);
            } catch (NumberFormatException ex) {
                throw new AsmException("bad number '" + num + "' in '" + text + "'");
            }
        }
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
            || text.charAt(pos) == '.' || text.charAt(pos) == '$')) {
            pos++;
        }
        String name = text.substring(start, pos);
        if (name.equals(".")) {
            return dot;
        }
        if (name.isEmpty()) {
            throw new AsmException("expected a number or symbol in '" + text + "'");
        }
        Long v = symbols.get(name);
        if (v == null) {
            throw new AsmException("unknown symbol '" + name + "'");
        }
        return v;
    }
}
