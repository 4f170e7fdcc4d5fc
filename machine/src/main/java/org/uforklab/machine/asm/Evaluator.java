package org.uforklab.machine.asm;

/**
 * Evaluates parsed expressions to {@link Value}s. Arithmetic follows GNU as on a 64-bit host: two's complement
 * wrap-around, signed division and comparison, logical right shift, comparisons true as -1 and {@code && ||}
 * true as 1. An address plus or minus a constant stays an address; the difference of two addresses in one
 * section is a constant; anything else involving addresses is an error, since only the linker knows them.
 */
final class Evaluator {

    /** Looks symbols up. */
    interface Symbols {
        /**
         * The value of a symbol reference.
         *
         * @throws StatementError if it cannot be known here (e.g. a label not yet defined in the layout pass)
         */
        Value resolve(Expr.Ref ref) throws StatementError;
    }

    private Evaluator() {
    }

    static Value eval(Expr e, Symbols symbols) throws StatementError {
        return switch (e) {
            case Expr.Literal l -> l.value();
            case Expr.Ref r -> symbols.resolve(r);
            case Expr.Unary u -> unary(u, eval(u.operand(), symbols));
            case Expr.Binary b -> binary(b, eval(b.left(), symbols), eval(b.right(), symbols));
        };
    }

    private static Value unary(Expr.Unary u, Value v) throws StatementError {
        if (u.op() == '+') {
            return v;
        }
        long x = constant(v, u.operand(), "'" + u.op() + "'");
        return Value.absolute(switch (u.op()) {
            case '-' -> -x;
            case '~' -> ~x;
            default -> x == 0 ? 1 : 0;
        });
    }

    private static Value binary(Expr.Binary b, Value l, Value r) throws StatementError {
        String op = b.op();
        if (op.equals("+")) {
            if (l.isAbsolute()) {
                return r.plus(l.offset());
            }
            if (r.isAbsolute()) {
                return l.plus(r.offset());
            }
            throw new StatementError(b.column(), "cannot add " + l.describe() + " and " + r.describe()
                    + ": only a constant can be added to an address");
        }
        if (op.equals("-")) {
            if (r.isAbsolute()) {
                return l.plus(-r.offset());
            }
            if (l.isAddress() && r.isAddress() && l.section() == r.section()) {
                return Value.absolute(l.offset() - r.offset());
            }
            if (l.isUndefined() && r.isUndefined() && l.symbol() == r.symbol()) {
                return Value.absolute(l.offset() - r.offset());
            }
            throw new StatementError(b.right().column(), "cannot subtract " + r.describe() + " from "
                    + l.describe() + ": only addresses in the same section have a constant difference");
        }
        if (isComparison(op) && l.isAddress() && r.isAddress() && l.section() == r.section()) {
            return Value.absolute(compare(op, l.offset(), r.offset()));
        }
        long x = constant(l, b.left(), "'" + op + "'");
        long y = constant(r, b.right(), "'" + op + "'");
        return Value.absolute(switch (op) {
            case "*" -> x * y;
            case "/", "%" -> {
                if (y == 0) {
                    throw new StatementError(b.right().column(), "division by zero");
                }
                yield op.equals("/") ? x / y : x % y;
            }
            case "<<" -> y < 0 || y > 63 ? 0 : x << y;
            case ">>" -> y < 0 || y > 63 ? 0 : x >>> y;
            case "|" -> x | y;
            case "&" -> x & y;
            case "^" -> x ^ y;
            case "!" -> x | ~y;
            case "&&" -> (x != 0 && y != 0) ? 1 : 0;
            case "||" -> (x != 0 || y != 0) ? 1 : 0;
            default -> compare(op, x, y);
        });
    }

    private static boolean isComparison(String op) {
        return switch (op) {
            case "==", "!=", "<>", "<", ">", "<=", ">=" -> true;
            default -> false;
        };
    }

    /** GNU as comparisons yield -1 for true. */
    private static long compare(String op, long x, long y) {
        boolean t = switch (op) {
            case "==" -> x == y;
            case "!=", "<>" -> x != y;
            case "<" -> x < y;
            case ">" -> x > y;
            case "<=" -> x <= y;
            default -> x >= y;
        };
        return t ? -1 : 0;
    }

    private static long constant(Value v, Expr where, String op) throws StatementError {
        if (!v.isAbsolute()) {
            throw new StatementError(where.column(), "operator " + op + " needs a constant operand, not "
                    + v.describe());
        }
        return v.offset();
    }
}
