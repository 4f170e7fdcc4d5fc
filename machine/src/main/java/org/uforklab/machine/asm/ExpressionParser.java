package org.uforklab.machine.asm;

/**
 * Parses GNU as expressions. Precedence, highest first, as the GNU as manual gives it (it differs from C):
 * <ol>
 * <li>unary {@code - ~ ! +}</li>
 * <li>{@code * / % << >>}</li>
 * <li>{@code | & ^ !} (binary {@code !} is or-not)</li>
 * <li>{@code + - == <> != < > <= >=}</li>
 * <li>{@code && ||}</li>
 * </ol>
 * Operators of one level associate to the left. Numbers are decimal, {@code 0x} hex, {@code 0b} binary, or
 * octal with a leading {@code 0}; {@code 'c} and {@code 'c'} are characters; {@code 1b}/{@code 1f} refer to the
 * nearest local label {@code 1:} before/after; {@code .} is the location counter.
 */
final class ExpressionParser {

    /** Maps local label references to the names the assembler gives each definition of {@code N:}. */
    interface LocalLabels {
        /** The most recent definition of {@code N:}, or null if there is none. */
        String backward(long n);

        /** The next definition of {@code N:}. */
        String forward(long n);
    }

    private final String text;
    private final int column;
    private final Value dot;
    private final LocalLabels locals;
    private int pos;

    private ExpressionParser(String text, int column, Value dot, LocalLabels locals) {
        this.text = text;
        this.column = column;
        this.dot = dot;
        this.locals = locals;
    }

    /**
     * Parses all of {@code text} as one expression.
     *
     * @param column column of {@code text.charAt(0)}
     * @param dot    the value of {@code .} here
     */
    static Expr parse(String text, int column, Value dot, LocalLabels locals) throws StatementError {
        ExpressionParser p = new ExpressionParser(text, column, dot, locals);
        p.skip();
        if (p.pos >= text.length()) {
            throw new StatementError(column + p.pos, "expected an expression");
        }
        Expr e = p.logical();
        p.skip();
        if (p.pos < text.length()) {
            throw new StatementError(column + p.pos, "unexpected '" + text.charAt(p.pos) + "' in expression"
                    + (text.charAt(p.pos) == ')' ? " (no matching '(')" : ": expected an operator"));
        }
        return e;
    }

    private Expr logical() throws StatementError {
        Expr l = additive();
        while (true) {
            int at = skip();
            String op = match("&&", "||");
            if (op == null) {
                return l;
            }
            l = new Expr.Binary(op, l, operand(this::additive, op), column + at);
        }
    }

    private Expr additive() throws StatementError {
        Expr l = bitwise();
        while (true) {
            int at = skip();
            String op = match("==", "!=", "<>", "<=", ">=", "+", "-");
            if (op == null) {
                // '<' and '>' only when not the start of '<<' / '>>' (those bind tighter and were taken below).
                if (peek('<') && !peekAt(1, '<')) {
                    op = "<";
                    pos++;
                } else if (peek('>') && !peekAt(1, '>')) {
                    op = ">";
                    pos++;
                } else {
                    return l;
                }
            }
            l = new Expr.Binary(op, l, operand(this::bitwise, op), column + at);
        }
    }

    private Expr bitwise() throws StatementError {
        Expr l = multiplicative();
        while (true) {
            int at = skip();
            String op = null;
            if (peek('|') && !peekAt(1, '|')) {
                op = "|";
            } else if (peek('&') && !peekAt(1, '&')) {
                op = "&";
            } else if (peek('^')) {
                op = "^";
            } else if (peek('!') && !peekAt(1, '=')) {
                op = "!";
            }
            if (op == null) {
                return l;
            }
            pos++;
            l = new Expr.Binary(op, l, operand(this::multiplicative, op), column + at);
        }
    }

    private Expr multiplicative() throws StatementError {
        Expr l = unary();
        while (true) {
            int at = skip();
            String op = match("<<", ">>", "*", "/", "%");
            if (op == null) {
                return l;
            }
            l = new Expr.Binary(op, l, operand(this::unary, op), column + at);
        }
    }

    private interface Level {
        Expr parse() throws StatementError;
    }

    private Expr operand(Level level, String op) throws StatementError {
        skip();
        if (pos >= text.length()) {
            throw new StatementError(column + pos, "expected an operand after '" + op + "'");
        }
        return level.parse();
    }

    private Expr unary() throws StatementError {
        int at = skip();
        if (pos >= text.length()) {
            throw new StatementError(column + pos, "expected an operand");
        }
        char c = text.charAt(pos);
        if (c == '-' || c == '~' || c == '!' || c == '+') {
            pos++;
            return new Expr.Unary(c, operand(this::unary, String.valueOf(c)), column + at);
        }
        return primary();
    }

    private Expr primary() throws StatementError {
        int at = pos;
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            Expr e = operand(this::logical, "(");
            skip();
            if (!peek(')')) {
                throw new StatementError(column + pos, "expected ')' to close the '(' at column " + (column + at));
            }
            pos++;
            return e;
        }
        if (Character.isDigit(c)) {
            return number();
        }
        if (c == '\'') {
            return character();
        }
        if (Statement.symbolStart(c)) {
            int end = pos;
            while (end < text.length() && Statement.symbolPart(text.charAt(end))) {
                end++;
            }
            String name = text.substring(pos, end);
            pos = end;
            if (name.equals(".")) {
                return new Expr.Literal(dot, column + at);
            }
            return new Expr.Ref(name, name, column + at);
        }
        throw new StatementError(column + at, "expected a number, symbol or '(', found '" + c + "'");
    }

    private Expr number() throws StatementError {
        int at = pos;
        int end = pos;
        while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
            end++;
        }
        String word = text.substring(pos, end);
        pos = end;
        // A local label reference: decimal digits then b or f ("1b", "10f"). "0b101" is binary instead.
        char last = word.charAt(word.length() - 1);
        String digits = word.substring(0, word.length() - 1);
        if ((last == 'b' || last == 'f' || last == 'B' || last == 'F') && !digits.isEmpty()
                && digits.chars().allMatch(Character::isDigit)) {
            long n = Long.parseLong(digits.length() > 9 ? digits.substring(0, 9) : digits);
            boolean back = last == 'b' || last == 'B';
            String name = back ? locals.backward(n) : locals.forward(n);
            if (name == null) {
                throw new StatementError(column + at, "undefined local label '" + word + "': no '" + digits
                        + ":' before this line");
            }
            return new Expr.Ref(name, word, column + at);
        }
        if (word.equalsIgnoreCase("0x") || word.equalsIgnoreCase("0b")) {
            throw new StatementError(column + at + 2, "expected " + (word.equalsIgnoreCase("0x") ? "hex" : "binary")
                    + " digits after '" + word + "'");
        }
        int radix = 10;
        String body = word;
        if (word.length() > 2 && (word.startsWith("0x") || word.startsWith("0X"))) {
            radix = 16;
            body = word.substring(2);
        } else if (word.length() > 2 && (word.startsWith("0b") || word.startsWith("0B"))) {
            radix = 2;
            body = word.substring(2);
        } else if (word.length() > 1 && word.charAt(0) == '0') {
            radix = 8;
            body = word.substring(1);
        }
        for (int i = 0; i < body.length(); i++) {
            if (Character.digit(body.charAt(i), radix) < 0) {
                String kind = switch (radix) {
                    case 16 -> "hex";
                    case 2 -> "binary";
                    case 8 -> "octal";
                    default -> "decimal";
                };
                throw new StatementError(column + at + (word.length() - body.length()) + i,
                        "unexpected '" + body.charAt(i) + "' in " + kind + " number '" + word + "'");
            }
        }
        try {
            return new Expr.Literal(Value.absolute(Long.parseUnsignedLong(body, radix)), column + at);
        } catch (NumberFormatException e) {
            throw new StatementError(column + at, "number '" + word + "' does not fit in 64 bits");
        }
    }

    private Expr character() throws StatementError {
        int at = pos;
        pos++;
        if (pos >= text.length()) {
            throw new StatementError(column + at, "expected a character after '");
        }
        int v;
        if (text.charAt(pos) == '\\') {
            int[] r = StringLiterals.escape(text, pos, column);
            v = r[0];
            pos = r[1];
        } else {
            v = text.codePointAt(pos);
            pos += Character.charCount(v);
        }
        if (peek('\'')) {
            pos++;
        }
        return new Expr.Literal(Value.absolute(v), column + at);
    }

    private String match(String... ops) {
        for (String op : ops) {
            if (text.startsWith(op, pos)) {
                pos += op.length();
                return op;
            }
        }
        return null;
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private boolean peekAt(int ahead, char c) {
        return pos + ahead < text.length() && text.charAt(pos + ahead) == c;
    }

    private int skip() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return pos;
    }
}
