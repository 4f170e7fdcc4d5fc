package org.uforklab.machine.asm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One assembly of one file, in two passes over the same statements.
 *
 * <p><b>Layout</b> expands macros, repetitions and conditionals into a flat list of statements and lays them
 * out: every instruction is 4 bytes, so every label's section and offset is known at the end of it.
 * <b>Emission</b> replays that list with all labels known, evaluates data, encodes instructions through the
 * {@link InstructionAssembler} and resolves fixups or records relocations. Errors are collected per statement
 * so one run reports as many as it can.
 */
final class AssemblyRun {

    /** GOT slots are capabilities: 16 bytes, 16-aligned. */
    static final String GOT = ".got";
    private static final int CAP_BYTES = 16;
    private static final int MAX_MACRO_DEPTH = 100;
    private static final long MAX_REPEAT = 1 << 20;
    private static final int MAX_ALIGN = 1 << 16;
    private static final Pattern GOT_REF = Pattern.compile(":got(?:_lo12)?:\\s*([A-Za-z_.$][A-Za-z0-9_.$]*)");
    private static final char LOCAL_MARK = '\u0002';

    private final String file;
    private final InstructionAssembler isa;
    /** Source read before the file (its macros, equates ...), or null. */
    private final List<Prelude> preludes;
    private final List<AssemblyError> errors = new ArrayList<>();
    private final Set<String> errorKeys = new HashSet<>();
    private final Map<String, SymbolEntry> symbols = new LinkedHashMap<>();
    private final Map<String, SectionBuffer> sections = new LinkedHashMap<>();
    private final Map<String, Macro> macros = new HashMap<>();
    private final List<SourceStatement> flat = new ArrayList<>();
    private final List<Relocation> relocations = new ArrayList<>();
    /** Numeric local label N -> how many {@code N:} have been seen so far in this pass. */
    private final Map<Long, Integer> localCounts = new HashMap<>();
    /** Symbols reached through {@code :got:} -> offset of their slot in {@link #GOT}. */
    private final Map<String, Long> gotSlots = new LinkedHashMap<>();
    private final Deque<SectionBuffer[]> sectionStack = new ArrayDeque<>();

    private boolean emitting;
    private boolean ended;
    private int macroCounter;
    private SectionBuffer current;
    private SectionBuffer previous;

    /** A named source text assembled before the file, as if included at its top. */
    record Prelude(String name, String text) {
    }

    AssemblyRun(String file, InstructionAssembler isa, List<Prelude> preludes) {
        this.file = file;
        this.isa = isa;
        this.preludes = preludes;
    }

    ObjectFile run(String source) throws AssemblyErrors {
        List<SourceStatement> statements = new ArrayList<>();
        for (Prelude prelude : preludes) {
            statements.addAll(SourceReader.read(prelude.text(), prelude.name(), (l, c, m) -> report(prelude.name(), l, c, m)));
        }
        statements.addAll(SourceReader.read(source, (l, c, m) -> report(null, l, c, m)));
        current = section(".text");
        previous = current;
        expand(statements, 0, null);
        layoutGot();

        emitting = true;
        for (SectionBuffer s : sections.values()) {
            s.rewind();
        }
        localCounts.clear();
        sectionStack.clear();
        current = sections.get(".text");
        previous = current;
        for (SourceStatement s : flat) {
            execute(s);
        }
        emitGot();
        if (!errors.isEmpty()) {
            List<AssemblyError> sorted = new ArrayList<>(errors);
            // The preludes' errors (if any) first, in the order they are read, then the file's, each in line order.
            sorted.sort(Comparator.comparingInt((AssemblyError e) -> preludeIndex(e.file()))
                    .thenComparing(Comparator.naturalOrder()));
            throw new AssemblyErrors(sorted);
        }
        return build();
    }

    // ------------------------------------------------------------------------------------------------------
    // Errors

    private void report(int line, int column, String message) {
        report(null, line, column, message);
    }

    /** Where errors in {@code errorFile} sort: the preludes in reading order, then the file itself. */
    private int preludeIndex(String errorFile) {
        for (int i = 0; i < preludes.size(); i++) {
            if (preludes.get(i).name().equals(errorFile)) {
                return i;
            }
        }
        return preludes.size();
    }

    /** @param inFile the prelude's name, or null for the file being assembled */
    private void report(String inFile, int line, int column, String message) {
        String f = inFile == null ? file : inFile;
        // One error per place: the emission pass re-reads what the layout pass may already have rejected.
        if (errorKeys.add(f + ":" + line + ":" + column)) {
            errors.add(new AssemblyError(f, line, column, message));
        }
    }

    private void report(SourceStatement s, int column, String message) {
        report(s.file(), s.line(), column, s.expansion() == null ? message : message + s.expansion().note());
    }

    // ------------------------------------------------------------------------------------------------------
    // Layout pass: macros, repetitions and conditionals

    /** An {@code .if} being processed. */
    private static final class Conditional {
        final boolean parentActive;
        boolean active;
        boolean taken;
        boolean sawElse;
        final SourceStatement where;

        Conditional(boolean parentActive, boolean active, SourceStatement where) {
            this.parentActive = parentActive;
            this.active = active;
            this.taken = active;
            this.where = where;
        }
    }

    /**
     * Expands and lays out a list of statements (the file, or a macro body).
     *
     * @return true if {@code .exitm} ended it
     */
    private boolean expand(List<SourceStatement> list, int depth, String inMacro) {
        Deque<Conditional> conds = new ArrayDeque<>();
        for (int i = 0; i < list.size() && !ended; i++) {
            SourceStatement s = list.get(i);
            Head head = Head.of(s.text());
            String kw = head.keyword;
            boolean active = conds.isEmpty() || conds.peek().active;
            try {
                if (conditional(kw, s, head, conds, active)) {
                    continue;
                }
                if (!active) {
                    continue;
                }
                switch (kw) {
                    case ".macro" -> {
                        int start = i;
                        i = findEnd(list, i, Set.of(".macro"), ".endm", s);
                        defineMacro(s, head, list.subList(start + 1, i));
                        continue;
                    }
                    case ".rept", ".irp", ".irpc" -> {
                        int start = i;
                        i = findEnd(list, i, Set.of(".rept", ".irp", ".irpc"), ".endr", s);
                        repeat(kw, s, head, list.subList(start + 1, i), depth);
                        continue;
                    }
                    case ".endm" -> throw new StatementError(head.column(s), ".endm without .macro");
                    case ".endr" -> throw new StatementError(head.column(s), ".endr without .rept, .irp or .irpc");
                    case ".exitm" -> {
                        if (inMacro == null) {
                            throw new StatementError(head.column(s), ".exitm outside a macro");
                        }
                        return true;
                    }
                    case ".purgem" -> {
                        String name = head.rest(s).strip().toLowerCase(Locale.ROOT);
                        if (macros.remove(name) == null) {
                            throw new StatementError(head.column(s), "no macro '" + name + "' to purge");
                        }
                        continue;
                    }
                    case ".end" -> {
                        ended = true;
                        continue;
                    }
                    default -> {
                    }
                }
                Statement st = Statement.parse(s);
                Macro m = st.keyword() == null ? null : macros.get(st.lowerKeyword());
                if (m == null) {
                    execute(s);
                    flat.add(s);
                    continue;
                }
                if (!st.labels().isEmpty()) {
                    SourceStatement labels = s.withText(s.text().substring(0, st.keywordColumn() - s.column()));
                    execute(labels);
                    flat.add(labels);
                }
                if (depth >= MAX_MACRO_DEPTH) {
                    throw new StatementError(st.keywordColumn(), "macros nested more than " + MAX_MACRO_DEPTH
                            + " deep (does macro '" + m.name() + "' invoke itself without end?)");
                }
                SourceStatement.Expansion where = new SourceStatement.Expansion("macro '" + m.name() + "'", s.line(),
                        st.keywordColumn(), s.expansion(), s.file());
                List<SourceStatement> body = m.expand(st.operands(), st.keywordColumn(), macroCounter++, where);
                expand(body, depth + 1, m.name());
            } catch (StatementError e) {
                report(s, e.column(), e.getMessage());
            }
        }
        for (Conditional c : conds) {
            report(c.where, Head.of(c.where.text()).column(c.where), "expected .endif for this "
                    + Head.of(c.where.text()).keyword + " before the end of the " + (inMacro == null ? "file" : "macro"));
        }
        return false;
    }

    /** Handles the conditional directives; returns false for anything else. */
    private boolean conditional(String kw, SourceStatement s, Head head, Deque<Conditional> conds, boolean active)
            throws StatementError {
        switch (kw) {
            case ".if", ".ifne", ".ifeq", ".ifdef", ".ifndef", ".ifnotdef", ".ifb", ".ifnb", ".ifc", ".ifnc" -> {
                boolean value;
                try {
                    value = active && test(kw, s, head);
                } catch (StatementError e) {
                    // Still open the block, so its .endif matches and its body is skipped.
                    conds.push(new Conditional(active, false, s));
                    throw e;
                }
                conds.push(new Conditional(active, value, s));
                return true;
            }
            case ".elseif" -> {
                Conditional c = open(conds, s, head, kw);
                if (c.sawElse) {
                    throw new StatementError(head.column(s), ".elseif after .else");
                }
                c.active = c.parentActive && !c.taken && test(".if", s, head);
                c.taken |= c.active;
                return true;
            }
            case ".else" -> {
                Conditional c = open(conds, s, head, kw);
                if (c.sawElse) {
                    throw new StatementError(head.column(s), "second .else for one .if");
                }
                c.sawElse = true;
                c.active = c.parentActive && !c.taken;
                c.taken = true;
                return true;
            }
            case ".endif" -> {
                open(conds, s, head, kw);
                conds.pop();
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private static Conditional open(Deque<Conditional> conds, SourceStatement s, Head head, String kw)
            throws StatementError {
        if (conds.isEmpty()) {
            throw new StatementError(head.column(s), kw + " without .if");
        }
        return conds.peek();
    }

    private boolean test(String kw, SourceStatement s, Head head) throws StatementError {
        String rest = head.rest(s);
        int col = head.restColumn(s);
        String arg = rest.strip();
        int argCol = col + (rest.length() - rest.stripLeading().length());
        return switch (kw) {
            case ".ifdef", ".ifndef", ".ifnotdef" -> {
                if (arg.isEmpty()) {
                    throw new StatementError(argCol, "expected a symbol name after " + kw);
                }
                SymbolEntry e = symbols.get(arg);
                boolean defined = e != null && e.defined();
                yield kw.equals(".ifdef") == defined;
            }
            case ".ifb" -> arg.isEmpty();
            case ".ifnb" -> !arg.isEmpty();
            case ".ifc", ".ifnc" -> {
                List<Arguments.Arg> two = Arguments.split(arg, argCol);
                if (two.size() != 2) {
                    throw new StatementError(argCol, "expected two strings separated by ',' after " + kw);
                }
                boolean same = Macro.unquote(two.get(0).text()).equals(Macro.unquote(two.get(1).text()));
                yield kw.equals(".ifc") == same;
            }
            default -> {
                long v = layoutConstant(arg, argCol, kw);
                yield kw.equals(".ifeq") ? v == 0 : v != 0;
            }
        };
    }

    /** Index of the statement closing the block that starts at {@code start}. */
    private int findEnd(List<SourceStatement> list, int start, Set<String> openers, String closer, SourceStatement s)
            throws StatementError {
        int nest = 0;
        for (int j = start + 1; j < list.size(); j++) {
            String k = Head.of(list.get(j).text()).keyword;
            if (openers.contains(k)) {
                nest++;
            } else if (k.equals(closer)) {
                if (nest == 0) {
                    return j;
                }
                nest--;
            }
        }
        throw new StatementError(Head.of(s.text()).column(s), "expected " + closer + " for this "
                + Head.of(s.text()).keyword + " before the end of the " + (s.expansion() == null ? "file" : "macro"));
    }

    private void defineMacro(SourceStatement s, Head head, List<SourceStatement> body) throws StatementError {
        if (!Head.of(s.text()).labelsEmpty) {
            throw new StatementError(s.column(), "a label cannot be attached to .macro");
        }
        Macro m = Macro.define(head.rest(s).strip(), head.restColumn(s) + leading(head.rest(s)), body, SourceStatement.place(s.file(), s.line()));
        Macro old = macros.get(m.name());
        if (old != null) {
            throw new StatementError(head.restColumn(s) + leading(head.rest(s)), "macro '" + m.name()
                    + "' is already defined at " + old.place());
        }
        macros.put(m.name(), m);
    }

    private void repeat(String kw, SourceStatement s, Head head, List<SourceStatement> body, int depth)
            throws StatementError {
        String rest = head.rest(s);
        int col = head.restColumn(s) + leading(rest);
        rest = rest.strip();
        SourceStatement.Expansion where = new SourceStatement.Expansion(kw, s.line(), head.column(s), s.expansion(), s.file());
        if (kw.equals(".rept")) {
            long n = layoutConstant(rest, col, ".rept");
            if (n < 0 || n > MAX_REPEAT) {
                throw new StatementError(col, ".rept count " + n + " is out of range (0 to " + MAX_REPEAT + ")");
            }
            for (long k = 0; k < n && !ended; k++) {
                expand(substituted(body, Map.of(), Long.toString(k), where), depth + 1, null);
            }
            return;
        }
        List<Arguments.Arg> parts = Arguments.split(rest, col);
        if (parts.isEmpty() || parts.get(0).text().isEmpty()) {
            throw new StatementError(col, "expected a parameter name after " + kw);
        }
        String param = parts.get(0).text();
        List<String> values = new ArrayList<>();
        if (kw.equals(".irp")) {
            for (Arguments.Arg a : parts.subList(1, parts.size())) {
                values.add(Macro.unquote(a.text()));
            }
            if (values.isEmpty()) {
                values.add("");
            }
        } else {
            String chars = parts.size() > 1 ? Macro.unquote(parts.get(1).text()) : "";
            for (char c : chars.toCharArray()) {
                values.add(String.valueOf(c));
            }
        }
        for (String v : values) {
            if (ended) {
                break;
            }
            expand(substituted(body, Map.of(param, v), null, where), depth + 1, null);
        }
    }

    private List<SourceStatement> substituted(List<SourceStatement> body, Map<String, String> values, String iteration,
                                              SourceStatement.Expansion where) {
        List<SourceStatement> out = new ArrayList<>(body.size());
        int nest = 0;
        for (SourceStatement b : body) {
            String k = Head.of(b.text()).keyword;
            if (k.equals(".endr")) {
                nest--;
            }
            // \+ of a nested .rept is that repetition's own count, substituted when it is expanded.
            String it = nest == 0 ? iteration : null;
            out.add(new SourceStatement(b.line(), b.column(), Macro.substitute(b.text(), values, null, it), where, b.file()));
            if (k.equals(".rept") || k.equals(".irp") || k.equals(".irpc")) {
                nest++;
            }
        }
        return out;
    }

    private static int leading(String s) {
        return s.length() - s.stripLeading().length();
    }

    /**
     * The first word of a statement after its labels, lower-cased, found without full parsing (macro bodies are
     * not valid statements until their parameters are substituted).
     */
    private record Head(String keyword, int index, boolean labelsEmpty) {
        static Head of(String t) {
            int i = Statement.skipSpace(t, 0);
            int first = i;
            while (true) {
                int j = i;
                while (j < t.length() && !Character.isWhitespace(t.charAt(j)) && t.charAt(j) != ':'
                        && t.charAt(j) != '"') {
                    j++;
                }
                if (j > i && j < t.length() && t.charAt(j) == ':') {
                    i = Statement.skipSpace(t, j + 1);
                } else {
                    break;
                }
            }
            int j = i;
            while (j < t.length() && !Character.isWhitespace(t.charAt(j))) {
                j++;
            }
            return new Head(t.substring(i, j).toLowerCase(Locale.ROOT), i, i == first);
        }

        int column(SourceStatement s) {
            return s.column() + index;
        }

        String rest(SourceStatement s) {
            return s.text().substring(index + keyword.length());
        }

        int restColumn(SourceStatement s) {
            return s.column() + index + keyword.length();
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Both passes: one statement

    private void execute(SourceStatement s) {
        Statement st;
        try {
            st = Statement.parse(s);
        } catch (StatementError e) {
            report(s, e.column(), e.getMessage());
            return;
        }
        for (Statement.Label l : st.labels()) {
            defineLabel(st, l);
        }
        try {
            if (st.assignTo() != null) {
                assign(st.assignTo(), st.keywordColumn(), st.operands(), st.operandsColumn(), false, st.place());
            } else if (st.keyword() != null) {
                String kw = st.lowerKeyword();
                if (kw.startsWith(".")) {
                    directive(kw, st);
                } else {
                    instruction(kw, st);
                }
            }
        } catch (StatementError e) {
            report(s, e.column(), e.getMessage());
        }
    }

    private void defineLabel(Statement st, Statement.Label l) {
        String name = l.name();
        if (l.numeric()) {
            long n = Long.parseLong(name.length() > 9 ? name.substring(0, 9) : name);
            int k = localCounts.merge(n, 1, Integer::sum);
            name = localName(n, k);
        }
        if (emitting) {
            return;
        }
        SymbolEntry e = symbols.computeIfAbsent(name, SymbolEntry::new);
        if (e.defined()) {
            report(st.source(), l.column(), "symbol '" + l.name() + "' is already defined at " + e.definedAt);
            return;
        }
        e.kind = SymbolEntry.Kind.LABEL;
        e.section = current;
        e.offset = current.offset;
        e.definedAt = st.place();
    }

    private static String localName(long n, int instance) {
        return ".L" + n + LOCAL_MARK + instance;
    }

    private final ExpressionParser.LocalLabels locals = new ExpressionParser.LocalLabels() {
        @Override
        public String backward(long n) {
            Integer k = localCounts.get(n);
            return k == null ? null : localName(n, k);
        }

        @Override
        public String forward(long n) {
            return localName(n, localCounts.getOrDefault(n, 0) + 1);
        }
    };

    private Value dot() {
        return new Value(current, current.offset, null);
    }

    private Expr parse(String text, int column) throws StatementError {
        return ExpressionParser.parse(text, column, dot(), locals);
    }

    /** A symbol reference's value; in the layout pass, names not defined yet raise a forward-reference error. */
    private Value resolve(Expr.Ref ref) throws StatementError {
        SymbolEntry e = symbols.get(ref.name());
        if (e == null || !e.defined()) {
            if (!emitting) {
                throw new ForwardReference(ref.column(), "'" + ref.written() + "' is not defined before this line");
            }
            if (ref.name().indexOf(LOCAL_MARK) >= 0) {
                String digits = ref.written().substring(0, ref.written().length() - 1);
                throw new StatementError(ref.column(), "undefined local label '" + ref.written() + "': no '" + digits
                        + ":' after this line");
            }
            e = symbols.computeIfAbsent(ref.name(), SymbolEntry::new);
            return new Value(null, 0, e);
        }
        if (e.kind == SymbolEntry.Kind.LABEL) {
            return new Value(e.section, e.offset, e);
        }
        if (e.value != null) {
            return e.value;
        }
        if (e.evaluating) {
            throw new StatementError(ref.column(), "symbol '" + e.name + "' is defined in terms of itself");
        }
        e.evaluating = true;
        try {
            Value v = Evaluator.eval(e.pending, this::resolve);
            if (emitting) {
                e.value = v;
            }
            return v;
        } finally {
            e.evaluating = false;
        }
    }

    /** Forward reference in the layout pass: fine for {@code .equ}, an error where sizes depend on it. */
    private static final class ForwardReference extends StatementError {
        private static final long serialVersionUID = 1L;

        ForwardReference(int column, String message) {
            super(column, message);
        }
    }

    private Value eval(String text, int column) throws StatementError {
        return Evaluator.eval(parse(text, column), this::resolve);
    }

    /** A constant the layout depends on (a size, count, alignment, condition): it must be known here. */
    private long layoutConstant(String text, int column, String what) throws StatementError {
        Value v;
        try {
            v = eval(text, column);
        } catch (ForwardReference f) {
            throw new StatementError(f.column(), what + " needs a constant known at this point: " + f.getMessage());
        }
        if (v.isUndefined()) {
            throw new StatementError(column, what + " needs a constant: " + v.describe());
        }
        if (!v.isAbsolute()) {
            throw new StatementError(column, what + " needs a constant, not " + v.describe());
        }
        return v.offset();
    }

    /** A constant in the emission pass (all labels known). */
    private long constant(String text, int column, String what) throws StatementError {
        Value v = eval(text, column);
        if (!v.isAbsolute()) {
            throw new StatementError(column, what + " needs a constant, not " + v.describe());
        }
        return v.offset();
    }

    /**
     * {@code .equ}, {@code .set}, {@code name = expr}: the value is computed here, or, if it names labels defined
     * further down, kept and computed when first used. Both passes redo it, so {@code .set} may redefine.
     */
    private void assign(String name, int nameColumn, String expr, int exprColumn, boolean once, String place)
            throws StatementError {
        if (name.equals(".")) {
            throw new StatementError(nameColumn, "assigning to '.' is not supported; use .space or .balign");
        }
        SymbolEntry e = symbols.computeIfAbsent(name, SymbolEntry::new);
        if (e.kind == SymbolEntry.Kind.LABEL) {
            throw new StatementError(nameColumn, "symbol '" + name + "' is already defined as a label at "
                    + e.definedAt);
        }
        if (once && !emitting && e.kind == SymbolEntry.Kind.EQU) {
            throw new StatementError(nameColumn, "symbol '" + name + "' is already defined at " + e.definedAt
                    + " (.equiv does not redefine)");
        }
        if (expr.isEmpty()) {
            throw new StatementError(exprColumn, "expected an expression after the symbol name");
        }
        Expr ex = parse(expr, exprColumn);
        Value v;
        try {
            v = Evaluator.eval(ex, this::resolve);
        } catch (ForwardReference f) {
            v = null;
        }
        if (e.kind != SymbolEntry.Kind.EQU) {
            e.definedAt = place;
        }
        e.kind = SymbolEntry.Kind.EQU;
        e.value = v;
        e.pending = v == null ? ex : null;
    }

    // ------------------------------------------------------------------------------------------------------
    // Sections

    /** The section named, created on first use with the flags its name implies. */
    private SectionBuffer section(String name) {
        return sections.computeIfAbsent(name, n -> new SectionBuffer(n, impliedFlags(n), impliedNobits(n), 1));
    }

    /** The flags GNU as gives a section of this name when {@code .section} does not say. */
    private static Set<Section.Flag> impliedFlags(String n) {
        if (n.equals(".text") || n.startsWith(".text.")) {
            return EnumSet.of(Section.Flag.ALLOC, Section.Flag.EXEC);
        }
        if (n.equals(".data") || n.startsWith(".data.") || n.equals(".bss") || n.startsWith(".bss.")
                || n.equals(GOT) || n.equals(".captable")) {
            return EnumSet.of(Section.Flag.ALLOC, Section.Flag.WRITE);
        }
        if (n.equals(".rodata") || n.startsWith(".rodata.")) {
            return EnumSet.of(Section.Flag.ALLOC);
        }
        return EnumSet.noneOf(Section.Flag.class);
    }

    private static boolean impliedNobits(String n) {
        return n.equals(".bss") || n.startsWith(".bss.");
    }

    private void switchTo(SectionBuffer s) {
        if (s != current) {
            previous = current;
            current = s;
        }
    }

    private void sectionDirective(String kw, Statement st) throws StatementError {
        List<Arguments.Arg> args = Arguments.split(st.operands(), st.operandsColumn());
        if (args.isEmpty() || args.get(0).text().isEmpty()) {
            throw new StatementError(st.operandsColumn(), "expected a section name after " + kw);
        }
        Arguments.Arg nameArg = args.get(0);
        String name = Macro.unquote(nameArg.text());
        if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new StatementError(nameArg.column(), "expected a section name, found '" + nameArg.text() + "'");
        }
        boolean existed = sections.containsKey(name);
        Set<Section.Flag> flags = null;
        Boolean nobits = null;
        if (args.size() > 1) {
            Arguments.Arg f = args.get(1);
            if (!f.text().startsWith("\"")) {
                throw new StatementError(f.column(), "expected section flags as a quoted string such as \"aw\"");
            }
            flags = EnumSet.noneOf(Section.Flag.class);
            String letters = Macro.unquote(f.text());
            for (int i = 0; i < letters.length(); i++) {
                switch (letters.charAt(i)) {
                    case 'a' -> flags.add(Section.Flag.ALLOC);
                    case 'w' -> flags.add(Section.Flag.WRITE);
                    case 'x' -> flags.add(Section.Flag.EXEC);
                    // Mergeable / strings only let a linker share constants; the layout is the same.
                    case 'M', 'S' -> {
                    }
                    default -> throw new StatementError(f.column() + 1 + i, "unknown section flag '" + letters.charAt(i)
                            + "': expected a, w, x, M or S");
                }
            }
        }
        if (args.size() > 2) {
            Arguments.Arg t = args.get(2);
            switch (t.text()) {
                case "@progbits", "%progbits" -> nobits = false;
                case "@nobits", "%nobits" -> nobits = true;
                default -> throw new StatementError(t.column(), "expected @progbits or @nobits, found '" + t.text() + "'");
            }
        }
        SectionBuffer s;
        if (!existed && (flags != null || nobits != null)) {
            s = new SectionBuffer(name, flags != null ? flags : impliedFlags(name),
                    nobits != null ? nobits : impliedNobits(name), 1);
            sections.put(name, s);
        } else {
            s = section(name);
            if (existed && flags != null && !flags.equals(s.flags)) {
                throw new StatementError(args.get(1).column(), "section " + name + " was first used with flags "
                        + s.flags + ", not " + flags);
            }
        }
        if (kw.equals(".pushsection")) {
            sectionStack.push(new SectionBuffer[] {current, previous});
        }
        switchTo(s);
    }

    // ------------------------------------------------------------------------------------------------------
    // Directives

    private void directive(String kw, Statement st) throws StatementError {
        String ops = st.operands();
        int col = st.operandsColumn();
        switch (kw) {
            case ".text", ".data", ".bss", ".rodata" -> {
                noOperands(kw, st);
                switchTo(section(kw));
            }
            case ".section", ".pushsection" -> sectionDirective(kw, st);
            case ".popsection" -> {
                noOperands(kw, st);
                if (sectionStack.isEmpty()) {
                    throw new StatementError(st.keywordColumn(), ".popsection without .pushsection");
                }
                SectionBuffer[] top = sectionStack.pop();
                current = top[0];
                previous = top[1];
            }
            case ".previous" -> {
                noOperands(kw, st);
                SectionBuffer p = previous;
                previous = current;
                current = p;
            }
            case ".global", ".globl", ".local", ".weak" -> bind(kw, st);
            case ".balign", ".p2align", ".align" -> align(kw, st);
            case ".byte" -> data(st, 1, kw);
            case ".hword", ".short", ".2byte" -> data(st, 2, kw);
            case ".word", ".long", ".int", ".4byte" -> data(st, 4, kw);
            case ".quad", ".xword", ".dword", ".8byte" -> data(st, 8, kw);
            case ".ascii" -> strings(st, false);
            case ".asciz", ".string" -> strings(st, true);
            case ".space", ".skip", ".zero" -> space(kw, st);
            case ".fill" -> fill(st);
            case ".equ", ".set", ".equiv" -> {
                List<Arguments.Arg> a = Arguments.split(ops, col);
                if (a.size() != 2 || a.get(0).text().isEmpty()) {
                    throw new StatementError(col, "expected 'name, expression' after " + kw);
                }
                String name = a.get(0).text();
                if (!Statement.symbolStart(name.charAt(0)) || !name.chars().allMatch(c -> Statement.symbolPart((char) c))) {
                    throw new StatementError(a.get(0).column(), "expected a symbol name, found '" + name + "'");
                }
                assign(name, a.get(0).column(), a.get(1).text(), a.get(1).column(), kw.equals(".equiv"), st.place());
            }
            case ".size" -> size(st);
            case ".type" -> type(st);
            case ".chericap" -> chericap(st);
            case ".error" -> {
                if (!emitting) {
                    String msg = ops.isEmpty() ? ".error directive invoked" : Macro.unquote(ops);
                    throw new StatementError(st.keywordColumn(), msg);
                }
            }
            case ".macro", ".endm", ".rept", ".irp", ".irpc", ".endr", ".exitm", ".if", ".else", ".endif" ->
                    throw new StatementError(st.keywordColumn(), kw + " cannot follow a label on the same line");
            default -> throw new StatementError(st.keywordColumn(), "unknown directive " + st.keyword());
        }
    }

    private static void noOperands(String kw, Statement st) throws StatementError {
        if (!st.operands().isEmpty()) {
            throw new StatementError(st.operandsColumn(), "unexpected '" + st.operands() + "' after " + kw
                    + " (subsections are not supported)");
        }
    }

    private static String symbolName(Arguments.Arg a, String kw) throws StatementError {
        String n = a.text();
        if (n.isEmpty() || !Statement.symbolStart(n.charAt(0)) || !n.chars().allMatch(c -> Statement.symbolPart((char) c))) {
            throw new StatementError(a.column(), "expected a symbol name after " + kw + (n.isEmpty() ? "" : ", found '"
                    + n + "'"));
        }
        return n;
    }

    private void bind(String kw, Statement st) throws StatementError {
        List<Arguments.Arg> args = Arguments.split(st.operands(), st.operandsColumn());
        if (args.isEmpty()) {
            throw new StatementError(st.operandsColumn(), "expected a symbol name after " + kw);
        }
        for (Arguments.Arg a : args) {
            SymbolEntry e = symbols.computeIfAbsent(symbolName(a, kw), SymbolEntry::new);
            e.binding = switch (kw) {
                case ".local" -> Symbol.Binding.LOCAL;
                case ".weak" -> Symbol.Binding.WEAK;
                default -> Symbol.Binding.GLOBAL;
            };
            e.referenced = true;
        }
    }

    private void align(String kw, Statement st) throws StatementError {
        List<Arguments.Arg> args = Arguments.split(st.operands(), st.operandsColumn());
        if (args.isEmpty() || args.get(0).text().isEmpty()) {
            throw new StatementError(st.operandsColumn(), "expected an alignment after " + kw);
        }
        Arguments.Arg a0 = args.get(0);
        long n = layoutConstant(a0.text(), a0.column(), kw);
        long bytes;
        if (kw.equals(".balign")) {
            if (n <= 0 || Long.bitCount(n) != 1) {
                throw new StatementError(a0.column(), ".balign needs a power of two, not " + n);
            }
            bytes = n;
        } else {
            // On AArch64, as on ARM, GNU as reads .align like .p2align: the argument is a power of two.
            if (n < 0 || n > 16) {
                throw new StatementError(a0.column(), kw + " needs an exponent from 0 to 16, not " + n);
            }
            bytes = 1L << n;
        }
        if (bytes > MAX_ALIGN) {
            throw new StatementError(a0.column(), "alignment " + bytes + " is larger than " + MAX_ALIGN);
        }
        Long fill = null;
        if (args.size() > 1 && !args.get(1).text().isEmpty()) {
            fill = layoutConstant(args.get(1).text(), args.get(1).column(), kw + " fill");
        }
        long max = Long.MAX_VALUE;
        if (args.size() > 2) {
            max = layoutConstant(args.get(2).text(), args.get(2).column(), kw + " maximum");
        }
        if (args.size() > 3) {
            throw new StatementError(args.get(3).column(), "too many operands for " + kw
                    + ": expected alignment[, fill[, max]]");
        }
        SectionBuffer s = current;
        long pad = (-s.offset) & (bytes - 1);
        if (pad > max) {
            return;
        }
        s.requireAlignment((int) bytes);
        if (fill != null) {
            for (long i = 0; i < pad; i++) {
                s.put(fill & 0xff, 1, st.keywordColumn());
            }
        } else if (s.code() && !s.nobits) {
            // Like GNU as: zero bytes up to a word boundary, then NOPs, so padding in code is executable.
            while (s.offset % 4 != 0 && pad > 0) {
                s.put(0, 1, st.keywordColumn());
                pad--;
            }
            for (; pad >= 4; pad -= 4) {
                s.put(SectionBuffer.NOP & 0xffffffffL, 4, st.keywordColumn());
            }
        } else {
            s.skip(pad, st.keywordColumn());
        }
    }

    private void data(Statement st, int size, String kw) throws StatementError {
        List<Arguments.Arg> args = Arguments.split(st.operands(), st.operandsColumn());
        SectionBuffer s = current;
        for (Arguments.Arg a : args) {
            if (a.text().isEmpty()) {
                report(st.source(), a.column(), "expected an expression");
                s.put(0, size, a.column());
                continue;
            }
            long at = s.offset;
            if (!emitting) {
                s.put(0, size, a.column());
                continue;
            }
            try {
                Value v = eval(a.text(), a.column());
                if (v.isAbsolute()) {
                    checkFits(v.offset(), size, a.column(), kw);
                    s.put(v.offset(), size, a.column());
                    continue;
                }
                if (size != 4 && size != 8) {
                    throw new StatementError(a.column(), kw + " cannot hold " + v.describe()
                            + ": addresses need .word (ABS32) or .quad (ABS64)");
                }
                if (s.nobits) {
                    throw new StatementError(a.column(), "cannot put an address in " + s.name
                            + " (a NOBITS section has no contents)");
                }
                s.put(0, size, a.column());
                relocate(s, at, size == 8 ? RelocationType.ABS64 : RelocationType.ABS32, v);
            } catch (StatementError e) {
                report(st.source(), e.column(), e.getMessage());
                if (s.offset == at) {
                    s.skip(size, a.column());
                }
            }
        }
    }

    private static void checkFits(long v, int size, int column, String kw) throws StatementError {
        if (size == 8) {
            return;
        }
        long min = -(1L << (8 * size - 1));
        long max = (1L << (8 * size)) - 1;
        if (v < min || v > max) {
            throw new StatementError(column, "value " + v + " (0x" + Long.toHexString(v) + ") does not fit in "
                    + size + " byte" + (size == 1 ? "" : "s") + " (" + kw + ")");
        }
    }

    private void strings(Statement st, boolean zeroTerminated) throws StatementError {
        List<Arguments.Arg> args = Arguments.split(st.operands(), st.operandsColumn());
        if (args.isEmpty()) {
            throw new StatementError(st.operandsColumn(), "expected a quoted string after " + st.keyword());
        }
        for (Arguments.Arg a : args) {
            StringLiterals.Parsed p = StringLiterals.string(a.text(), 0, a.column());
            if (p.end() != a.text().length()) {
                throw new StatementError(a.column() + p.end(), "unexpected '" + a.text().substring(p.end()).strip()
                        + "' after the string: expected ','");
            }
            current.putBytes(p.bytes(), a.column());
            if (zeroTerminated) {
                current.put(0, 1, a.column());
            }
        }
    }

    private void space(String kw, Statement st) throws StatementError {
        List<Arguments.Arg> args = Arguments.split(st.operands(), st.operandsColumn());
        if (args.isEmpty() || args.get(0).text().isEmpty()) {
            throw new StatementError(st.operandsColumn(), "expected a size after " + kw);
        }
        long n = layoutConstant(args.get(0).text(), args.get(0).column(), kw);
        if (n < 0) {
            throw new StatementError(args.get(0).column(), kw + " size " + n + " is negative");
        }
        long fill = 0;
        if (args.size() > 1 && !kw.equals(".zero")) {
            fill = layoutConstant(args.get(1).text(), args.get(1).column(), kw + " fill");
            checkFits(fill, 1, args.get(1).column(), kw);
        }
        if (args.size() > (kw.equals(".zero") ? 1 : 2)) {
            throw new StatementError(args.get(args.size() - 1).column(), "too many operands for " + kw);
        }
        if (fill == 0) {
            current.skip(n, st.keywordColumn());
        } else {
            if (n > SectionBuffer.MAX_SIZE || current.offset + n > SectionBuffer.MAX_SIZE) {
                current.skip(n, st.keywordColumn());
            }
            for (long i = 0; i < n; i++) {
                current.put(fill & 0xff, 1, args.get(1).column());
            }
        }
    }

    /** {@code .fill repeat[, size[, value]]}: GNU as takes value as 4 bytes; bytes of size beyond 4 are zero. */
    private void fill(Statement st) throws StatementError {
        List<Arguments.Arg> args = Arguments.split(st.operands(), st.operandsColumn());
        if (args.isEmpty() || args.size() > 3 || args.get(0).text().isEmpty()) {
            throw new StatementError(st.operandsColumn(), "expected 'repeat[, size[, value]]' after .fill");
        }
        long repeat = layoutConstant(args.get(0).text(), args.get(0).column(), ".fill");
        long size = args.size() > 1 ? layoutConstant(args.get(1).text(), args.get(1).column(), ".fill size") : 1;
        long value = args.size() > 2 ? layoutConstant(args.get(2).text(), args.get(2).column(), ".fill value") : 0;
        if (repeat < 0) {
            throw new StatementError(args.get(0).column(), ".fill repeat count " + repeat + " is negative");
        }
        if (size < 0 || size > 8) {
            throw new StatementError(args.get(1).column(), ".fill size " + size + " is out of range (0 to 8)");
        }
        if (repeat > SectionBuffer.MAX_SIZE || repeat * size + current.offset > SectionBuffer.MAX_SIZE) {
            throw new StatementError(st.keywordColumn(), "section " + current.name + " would grow beyond "
                    + (SectionBuffer.MAX_SIZE >> 20) + " MiB");
        }
        long v = value & 0xffffffffL;
        for (long i = 0; i < repeat; i++) {
            current.put(size >= 4 ? v : v & ((1L << (8 * size)) - 1), (int) size, st.keywordColumn());
        }
    }

    private void size(Statement st) throws StatementError {
        List<Arguments.Arg> a = Arguments.split(st.operands(), st.operandsColumn());
        if (a.size() != 2) {
            throw new StatementError(st.operandsColumn(), "expected 'symbol, size' after .size");
        }
        SymbolEntry e = symbols.computeIfAbsent(symbolName(a.get(0), ".size"), SymbolEntry::new);
        if (emitting) {
            long n = constant(a.get(1).text(), a.get(1).column(), ".size");
            if (n < 0) {
                throw new StatementError(a.get(1).column(), ".size " + n + " is negative");
            }
            e.size = n;
        }
    }

    private void type(Statement st) throws StatementError {
        List<Arguments.Arg> a = Arguments.split(st.operands(), st.operandsColumn());
        if (a.size() != 2) {
            throw new StatementError(st.operandsColumn(), "expected 'symbol, @function' or 'symbol, @object' after .type");
        }
        SymbolEntry e = symbols.computeIfAbsent(symbolName(a.get(0), ".type"), SymbolEntry::new);
        String t = Macro.unquote(a.get(1).text());
        if (t.startsWith("@") || t.startsWith("%") || t.startsWith("#")) {
            t = t.substring(1);
        }
        e.type = switch (t) {
            case "function", "STT_FUNC" -> Symbol.Type.FUNC;
            case "object", "STT_OBJECT" -> Symbol.Type.OBJECT;
            case "notype", "STT_NOTYPE" -> Symbol.Type.NOTYPE;
            default -> throw new StatementError(a.get(1).column(), "unknown symbol type '" + a.get(1).text()
                    + "': expected @function, @object or @notype");
        };
    }

    /**
     * {@code .chericap sym[+addend]}: 16 zero bytes and a CAPINIT relocation; the loader writes a tagged
     * capability to the symbol there. The place must be 16-aligned, as capabilities are in memory.
     */
    private void chericap(Statement st) throws StatementError {
        SectionBuffer s = current;
        if (st.operands().isEmpty()) {
            throw new StatementError(st.operandsColumn(), "expected a symbol after .chericap");
        }
        if (s.nobits) {
            throw new StatementError(st.keywordColumn(), ".chericap cannot go in " + s.name
                    + " (a NOBITS section has no contents)");
        }
        if (s.offset % CAP_BYTES != 0) {
            throw new StatementError(st.keywordColumn(), ".chericap at offset 0x" + Long.toHexString(s.offset) + " of "
                    + s.name + " is not 16-byte aligned: put .balign 16 before it");
        }
        s.requireAlignment(CAP_BYTES);
        long at = s.offset;
        s.skip(CAP_BYTES, st.keywordColumn());
        if (emitting) {
            Value v = eval(st.operands(), st.operandsColumn());
            if (v.isAbsolute()) {
                throw new StatementError(st.operandsColumn(), ".chericap needs a symbol to point to, not the constant "
                        + v.offset());
            }
            relocate(s, at, RelocationType.CAPINIT, v);
        }
    }

    /** Records a relocation, naming the label the value came from when it is kept in the symbol table. */
    private void relocate(SectionBuffer s, long at, RelocationType type, Value v) {
        String name;
        long addend;
        if (v.isAbsolute()) {
            name = Symbol.ABSOLUTE;
            addend = v.offset();
        } else if (v.isAddress()) {
            SymbolEntry sym = v.symbol();
            if (sym != null && sym.kept() && sym.kind == SymbolEntry.Kind.LABEL && sym.section == v.section()) {
                sym.referenced = true;
                name = sym.name;
                addend = v.offset() - sym.offset;
            } else {
                name = v.section().name;
                addend = v.offset();
            }
        } else {
            v.symbol().referenced = true;
            name = v.symbol().name;
            addend = v.offset();
        }
        relocations.add(new Relocation(s.name, at, type, name, addend));
    }

    // ------------------------------------------------------------------------------------------------------
    // Instructions

    private void instruction(String mnemonic, Statement st) throws StatementError {
        SectionBuffer s = current;
        if (s.nobits) {
            throw new StatementError(st.keywordColumn(), "instruction '" + st.keyword() + "' cannot go in " + s.name
                    + " (a NOBITS section has no contents)");
        }
        if (s.offset % 4 != 0) {
            throw new StatementError(st.keywordColumn(), "instruction at offset 0x" + Long.toHexString(s.offset)
                    + " of " + s.name + " is not 4-byte aligned: put .balign 4 before it");
        }
        s.requireAlignment(4);
        long at = s.offset;
        if (!emitting) {
            Matcher m = GOT_REF.matcher(st.operands());
            while (m.find()) {
                gotSlots.putIfAbsent(m.group(1), -1L);
            }
            s.skip(4, st.keywordColumn());
            return;
        }
        InstructionContext ctx = new InstructionContext(st, s, at);
        int word;
        try {
            word = isa.encode(mnemonic, st.operands(), ctx);
        } catch (AsmException e) {
            s.skip(4, st.keywordColumn());
            throw new StatementError(ctx.column(e), e.getMessage());
        } catch (RuntimeException e) {
            // The encoder is a separate component; a bug in it must still not surface as a stack trace.
            s.skip(4, st.keywordColumn());
            throw new StatementError(st.keywordColumn(), "internal error in the instruction encoder for '"
                    + st.keyword() + "': " + e);
        }
        for (InstructionContext.Fixup f : ctx.fixups()) {
            try {
                word = resolve(s, at, word, f);
            } catch (AsmException e) {
                report(st.source(), f.column(), e.getMessage());
            }
        }
        s.put(word & 0xffffffffL, 4, st.keywordColumn());
    }

    /**
     * Patches a fixup now when its value does not depend on where the section is loaded: a PC-relative field to a
     * label of the same section, or an absolute field of a constant. Page-relative (ADRP) and {@code :lo12:}
     * fields of addresses depend on the final address, so they always become relocations.
     */
    private int resolve(SectionBuffer s, long at, int word, InstructionContext.Fixup f) throws AsmException {
        Value v = f.value();
        RelocationType t = f.type();
        boolean page = t == RelocationType.ADRP_HI21 || t == RelocationType.ADRP_HI20_C64;
        // A weak definition may be overridden by another object's, so only the linker can resolve it (as GNU as).
        boolean weak = v.symbol() != null && v.symbol().binding == Symbol.Binding.WEAK;
        if (t.pcRelative() && !page && v.isAddress() && v.section() == s && !weak) {
            return t.apply(word, v.offset(), at);
        }
        if (!t.pcRelative() && v.isAbsolute()) {
            return t.apply(word, v.offset(), 0);
        }
        relocate(s, at, t, v);
        return word;
    }

    /** What the encoder of one instruction may ask: expression values and fixups. */
    private final class InstructionContext implements OperandContext {
        record Fixup(Value value, RelocationType type, int column) {
        }

        private final Statement st;
        private final SectionBuffer section;
        private final long at;
        private final List<Fixup> fixups = new ArrayList<>();
        private int searchFrom;

        InstructionContext(Statement st, SectionBuffer section, long at) {
            this.st = st;
            this.section = section;
            this.at = at;
        }

        List<Fixup> fixups() {
            return fixups;
        }

        /**
         * Index of {@code expr} in the operand text (for error columns): preferably a whole-word occurrence after
         * the previous operand asked about, so {@code 8} in {@code x8, [x1, #8]} is the immediate.
         */
        private int locate(String expr) {
            String ops = st.operands();
            int i = wholeWord(ops, expr, searchFrom);
            if (i < 0) {
                i = wholeWord(ops, expr, 0);
            }
            if (i < 0) {
                i = ops.indexOf(expr);
            }
            if (i >= 0) {
                searchFrom = i + expr.length();
            }
            return i;
        }

        private static int wholeWord(String ops, String expr, int from) {
            if (expr.isEmpty()) {
                return -1;
            }
            for (int i = ops.indexOf(expr, from); i >= 0; i = ops.indexOf(expr, i + 1)) {
                int end = i + expr.length();
                boolean before = i == 0 || !Statement.symbolPart(ops.charAt(i - 1));
                boolean after = end >= ops.length() || !Statement.symbolPart(ops.charAt(end));
                if (before && after) {
                    return i;
                }
            }
            return -1;
        }

        private Value value(String e, int idx) throws AsmException {
            int col = st.operandsColumn() + Math.max(idx, 0);
            // '.' in an operand is the instruction's own address: the location counter still points at it.
            try {
                return eval(e, col);
            } catch (StatementError err) {
                throw new AsmException(err.getMessage(), err.column() - st.operandsColumn());
            }
        }

        @Override
        public long constant(String expression) throws AsmException {
            String e = expression.strip();
            int idx = locate(e);
            Value v = value(e, idx);
            if (v.isAbsolute()) {
                return v.offset();
            }
            idx = Math.max(idx, 0);
            if (v.isUndefined()) {
                throw new AsmException("undefined symbol '" + v.symbol().name + "' (a constant is needed here)", idx);
            }
            throw new AsmException("expected a constant, but '" + expression.strip() + "' is " + v.describe(), idx);
        }

        @Override
        public void fixup(String expression, RelocationType type) throws AsmException {
            String e = expression.strip();
            Value v;
            int idx;
            String lower = e.toLowerCase(Locale.ROOT);
            if (lower.startsWith(":got:") || lower.startsWith(":got_lo12:")) {
                String name = e.substring(e.indexOf(':', 1) + 1).strip();
                idx = locate(e);
                Long slot = gotSlots.get(name);
                if (slot == null || slot < 0) {
                    throw new AsmException("no GOT slot for '" + name + "': expected a symbol name after :got:", idx);
                }
                v = new Value(sections.get(GOT), slot, null);
            } else {
                if (lower.startsWith(":lo12:")) {
                    e = e.substring(6).strip();
                }
                idx = locate(e);
                v = value(e, idx);
            }
            fixups.add(new Fixup(v, type, st.operandsColumn() + Math.max(idx, 0)));
        }

        @Override
        public long offset() {
            return at;
        }

        /** The column an encoder's error points at. */
        int column(AsmException e) {
            String ops = st.operands();
            if (e.operandOffset() >= 0 && e.operandOffset() <= ops.length()) {
                return st.operandsColumn() + e.operandOffset();
            }
            Matcher m = QUOTED.matcher(e.getMessage() == null ? "" : e.getMessage());
            while (m.find()) {
                String q = m.group(1) != null ? m.group(1) : m.group(2);
                int i = q.isEmpty() ? -1 : ops.indexOf(q);
                if (i >= 0) {
                    return st.operandsColumn() + i;
                }
            }
            return st.keywordColumn();
        }

        @Override
        public String toString() {
            return section.name + "+0x" + Long.toHexString(at) + ": " + st.keyword() + " " + st.operands();
        }
    }

    private static final Pattern QUOTED = Pattern.compile("'([^']*)'|`([^']*)'");

    // ------------------------------------------------------------------------------------------------------
    // GOT

    /** After layout: one 16-byte slot per symbol reached through {@code :got:}, after the section's own contents. */
    private void layoutGot() {
        if (gotSlots.isEmpty()) {
            return;
        }
        SectionBuffer got = section(GOT);
        got.requireAlignment(CAP_BYTES);
        long base = (got.offset + CAP_BYTES - 1) & -CAP_BYTES;
        for (Map.Entry<String, Long> e : gotSlots.entrySet()) {
            e.setValue(base);
            base += CAP_BYTES;
        }
        got.offset = base;
    }

    /** After emission: the GOT slots' CAPINIT relocations. */
    private void emitGot() {
        if (gotSlots.isEmpty()) {
            return;
        }
        SectionBuffer got = sections.get(GOT);
        for (Map.Entry<String, Long> e : gotSlots.entrySet()) {
            got.offset = e.getValue() + CAP_BYTES;
            SymbolEntry sym = symbols.computeIfAbsent(e.getKey(), SymbolEntry::new);
            Value v = sym.defined() && sym.kind == SymbolEntry.Kind.LABEL ? new Value(sym.section, sym.offset, sym)
                    : sym.defined() && sym.value != null ? sym.value : new Value(null, 0, sym);
            if (v.isAbsolute()) {
                report(1, 1, "GOT entry for '" + sym.name + "' would point to the constant " + v.offset()
                        + ": :got: needs a label or an external symbol");
                continue;
            }
            relocate(got, e.getValue(), RelocationType.CAPINIT, v);
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // The object

    private ObjectFile build() {
        List<Section> secs = new ArrayList<>();
        List<Symbol> syms = new ArrayList<>();
        List<Symbol> globals = new ArrayList<>();
        for (SectionBuffer s : sections.values()) {
            secs.add(s.toSection());
            syms.add(new Symbol(s.name, s.name, 0, 0, Symbol.Type.SECTION, Symbol.Binding.LOCAL));
        }
        for (SymbolEntry e : symbols.values()) {
            if (!e.kept()) {
                continue;
            }
            Symbol sym = switch (e.kind) {
                case LABEL -> new Symbol(e.name, e.section.name, e.offset, e.size, e.type, e.binding);
                case EQU -> {
                    Value v = e.value;
                    if (v == null || v.isUndefined()) {
                        yield null;
                    }
                    yield new Symbol(e.name, v.isAbsolute() ? Symbol.ABSOLUTE : v.section().name, v.offset(), e.size,
                            e.type, e.binding);
                }
                case UNDEFINED -> e.referenced ? new Symbol(e.name, Symbol.UNDEFINED, 0, 0, e.type,
                        e.binding == Symbol.Binding.WEAK ? Symbol.Binding.WEAK : Symbol.Binding.GLOBAL) : null;
            };
            if (sym == null) {
                continue;
            }
            (sym.binding() == Symbol.Binding.LOCAL ? syms : globals).add(sym);
        }
        syms.addAll(globals);
        List<String> order = new ArrayList<>(sections.keySet());
        List<Relocation> relocs = new ArrayList<>(relocations);
        relocs.sort(Comparator.comparingInt((Relocation r) -> order.indexOf(r.section())).thenComparingLong(Relocation::offset));
        return new ObjectFile(file, secs, syms, relocs);
    }
}
