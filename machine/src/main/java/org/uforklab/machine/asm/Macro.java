package org.uforklab.machine.asm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A macro defined by {@code .macro name params ... .endm}. Parameters are separated by commas or spaces and may
 * carry a default ({@code p=1}) or a qualifier ({@code p:req}, {@code p:vararg}). In the body {@code \p} is
 * replaced by the argument, {@code \()} by nothing (to join a parameter to following text) and {@code \@} by
 * the number of macros expanded so far, as in GNU as.
 *
 * @param name   the macro's name, lower-cased (macro names are matched like mnemonics)
 * @param params the parameters in order
 * @param body   the body statements, unsubstituted
 * @param place  where it was defined ({@code line N}, or {@code file:N} in a prelude)
 */
record Macro(String name, List<Param> params, List<SourceStatement> body, String place) {

    /** A parameter with its default value ({@code ""} if none) and qualifier. */
    record Param(String name, String defaultValue, boolean required, boolean vararg) {
    }

    /** Parses the operands of {@code .macro} (name then parameters). */
    static Macro define(String operands, int column, List<SourceStatement> body, String place) throws StatementError {
        String t = operands.replaceAll("\\s*=\\s*", "=");
        List<String> words = new ArrayList<>();
        for (String w : t.split("[,\\s]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        if (words.isEmpty()) {
            throw new StatementError(column, "expected a macro name after .macro");
        }
        String name = words.get(0);
        if (!Statement.symbolStart(name.charAt(0)) || !name.chars().allMatch(c -> Statement.symbolPart((char) c))) {
            throw new StatementError(column, "expected a macro name after .macro, found '" + name + "'");
        }
        List<Param> params = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            String def = "";
            int eq = w.indexOf('=');
            if (eq >= 0) {
                def = unquote(w.substring(eq + 1));
                w = w.substring(0, eq);
            }
            boolean req = false;
            boolean vararg = false;
            int colon = w.indexOf(':');
            if (colon >= 0) {
                String q = w.substring(colon + 1);
                w = w.substring(0, colon);
                switch (q) {
                    case "req" -> req = true;
                    case "vararg" -> vararg = true;
                    default -> throw new StatementError(column + operands.indexOf(q), "unknown parameter qualifier ':"
                            + q + "': expected ':req' or ':vararg'");
                }
            }
            String pname = w;
            if (pname.isEmpty() || !pname.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '$')) {
                throw new StatementError(column + Math.max(0, operands.indexOf(w)), "expected a parameter name, found '" + w + "'");
            }
            if (params.stream().anyMatch(p -> p.name.equals(pname))) {
                throw new StatementError(column + operands.indexOf(w), "parameter '" + w + "' appears twice");
            }
            if (!params.isEmpty() && params.get(params.size() - 1).vararg) {
                throw new StatementError(column + operands.indexOf(w), "a ':vararg' parameter must be the last one");
            }
            params.add(new Param(pname, def, req, vararg));
        }
        return new Macro(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(params), List.copyOf(body), place);
    }

    /**
     * The body with the arguments substituted.
     *
     * @param args    the invocation's operand text
     * @param column  the column of the macro's name in the invocation, for errors
     * @param counter the value of {@code \@}
     */
    List<SourceStatement> expand(String args, int column, int counter, SourceStatement.Expansion where)
            throws StatementError {
        Map<String, String> values = bind(args, column);
        List<SourceStatement> out = new ArrayList<>(body.size());
        for (SourceStatement s : body) {
            out.add(new SourceStatement(s.line(), s.column(), substitute(s.text(), values, Integer.toString(counter), null),
                    where, s.file()));
        }
        return out;
    }

    private Map<String, String> bind(String args, int column) throws StatementError {
        List<String> given = splitArguments(args);
        boolean commas = hasTopLevelComma(args);
        Map<String, String> values = new HashMap<>();
        int next = 0;
        for (int i = 0; i < given.size(); i++) {
            String a = given.get(i);
            int eq = a.indexOf('=');
            if (eq > 0 && (eq + 1 >= a.length() || a.charAt(eq + 1) != '=')) {
                String key = a.substring(0, eq).strip();
                if (params.stream().anyMatch(p -> p.name.equals(key))) {
                    values.put(key, unquote(a.substring(eq + 1).strip()));
                    continue;
                }
            }
            if (next >= params.size()) {
                throw new StatementError(column, "macro '" + name + "' takes " + params.size() + " argument"
                        + (params.size() == 1 ? "" : "s") + ", got " + given.size());
            }
            Param p = params.get(next++);
            if (p.vararg) {
                values.put(p.name, String.join(commas ? ", " : " ", given.subList(i, given.size())));
                break;
            }
            if (!a.isEmpty()) {
                values.put(p.name, unquote(a));
            }
        }
        for (Param p : params) {
            if (!values.containsKey(p.name) || values.get(p.name).isEmpty()) {
                if (p.required) {
                    throw new StatementError(column, "missing value for required parameter '" + p.name + "' of macro '"
                            + name + "'");
                }
                values.put(p.name, p.defaultValue);
            }
        }
        return values;
    }

    /**
     * Substitutes {@code \name}, {@code \()}, {@code \@} and (in {@code .rept}) {@code \+}. A backslash before a
     * name that is not a parameter is kept, so string escapes such as {@code \n} survive.
     */
    static String substitute(String text, Map<String, String> values, String counter, String iteration) {
        StringBuilder sb = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 >= text.length()) {
                sb.append(c);
                i++;
                continue;
            }
            char n = text.charAt(i + 1);
            if (n == '@' && counter != null) {
                sb.append(counter);
                i += 2;
            } else if (n == '+' && iteration != null) {
                sb.append(iteration);
                i += 2;
            } else if (n == '(' && i + 2 < text.length() && text.charAt(i + 2) == ')') {
                i += 3;
            } else if (Character.isLetterOrDigit(n) || n == '_' || n == '$') {
                int j = i + 1;
                while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_'
                        || text.charAt(j) == '$')) {
                    j++;
                }
                String id = text.substring(i + 1, j);
                sb.append(values.containsKey(id) ? values.get(id) : text.substring(i, j));
                i = j;
            } else {
                sb.append(c).append(n);
                i += 2;
            }
        }
        return sb.toString();
    }

    /**
     * Splits invocation arguments: at top-level commas if there are any (so {@code m a + 1, b} has two
     * arguments), else at white space (so {@code m a b} has two). Quotes and brackets group.
     */
    static List<String> splitArguments(String args) {
        List<String> out = new ArrayList<>();
        if (args.isBlank()) {
            return out;
        }
        boolean commas = hasTopLevelComma(args);
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (quoted) {
                cur.append(c);
                if (c == '\\' && i + 1 < args.length()) {
                    cur.append(args.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            if (c == '"') {
                quoted = true;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
            boolean sep = depth <= 0 && (commas ? c == ',' : Character.isWhitespace(c));
            if (sep) {
                if (commas || !cur.isEmpty()) {
                    out.add(cur.toString().strip());
                }
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (commas || !cur.isEmpty()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    static boolean hasTopLevelComma(String args) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth <= 0) {
                return true;
            }
        }
        return false;
    }

    /** GNU as strips the quotes of a quoted macro argument ({@code sum "(\from+1)"}). */
    static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
