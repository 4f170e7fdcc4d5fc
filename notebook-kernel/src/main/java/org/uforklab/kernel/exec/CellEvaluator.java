package org.uforklab.kernel.exec;

import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Evaluates notebook cells with JShell in this JVM.
 *
 * <p>A cell is split into snippets with {@link SourceCodeAnalysis#analyzeCompletion}; each is evaluated in
 * order; the value of the last one, when it is an expression, is the cell's value (as a live object).
 * Compile errors, exceptions and interrupts become {@link CellException}s whose tracebacks name the cell and
 * line ("Cell In[3], line 2"), like IPython. JShell is not thread-safe: every method that touches it is
 * synchronized; {@link #interrupt()} is not, so it can stop a running cell from another thread.
 */
public final class CellEvaluator implements AutoCloseable {

    private final JShell shell;
    private final KernelExecutionControl control;
    private final Consumer<String> notes;
    /** Snippet id to where its source came from, for mapping stack traces and diagnostics. */
    private final Map<String, SnippetOrigin> origins = new HashMap<>();
    private final List<String> classPath = new ArrayList<>();

    /**
     * An evaluator whose cells run on threads named {@code threadName} carrying {@code context} (see
     * {@link CellThreadGroup#context()}), compiling against this JVM's class path; warnings (a variable
     * reset by a redefinition, a method that cannot run yet) go to {@code notes}.
     */
    public CellEvaluator(String threadName, Object context, Consumer<String> notes) {
        this.control = new KernelExecutionControl(threadName, context);
        this.notes = notes;
        this.shell = JShell.builder()
                .executionEngine(new KernelExecutionControlProvider(control), Map.of())
                .compilerOptions("-Xlint:none", "-proc:none")
                .build();
        String cp = System.getProperty("java.class.path", "");
        for (String entry : cp.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                classPath.add(entry);
                shell.addToClasspath(entry);
            }
        }
    }

    /** The JShell instance (for advanced use from cells: {@code shell().snippets()}). */
    public JShell shell() {
        return shell;
    }

    /**
     * Evaluates a cell.
     *
     * @param cell   the source
     * @param number the execution count (used in "Cell In[n]")
     * @return the cell's value
     * @throws CellException on a compile error, incomplete source, exception in user code, or interrupt
     */
    public synchronized CellValue eval(String cell, int number) throws CellException {
        return eval(cell, number, "Cell In[" + number + "]");
    }

    /** Evaluates source under a custom label (e.g. "startup", "File lab.jsh") in tracebacks. */
    public synchronized CellValue eval(String cell, int number, String label) throws CellException {
        SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
        String rest = cell;
        int offset = 0;
        CellValue last = CellValue.NONE;
        while (!rest.isBlank()) {
            CompletionInfo info = sca.analyzeCompletion(rest);
            SourceCodeAnalysis.Completeness c = info.completeness();
            if (c == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            // JShell's snippet source keeps leading blank lines and comments: positions count from offset.
            SnippetOrigin origin = new SnippetOrigin(lineOf(cell, offset), lineOf(cell, offset + leadingSkip(rest)), label);
            if (!c.isComplete() && c != SourceCodeAnalysis.Completeness.UNKNOWN) {
                throw new IncompleteSourceException(origin.describeCode(1) + ": incomplete statement or declaration",
                        List.of(Ansi.red("IncompleteSourceException") + ": the cell ends inside a statement or "
                                + "declaration (an unclosed brace, parenthesis or string?)",
                                Ansi.cyan(origin.describeCode(1)) + ":", "    " + firstLine(rest.strip())));
            }
            String src = info.source();
            int consumed = rest.length() - info.remaining().length();
            last = evalSnippet(src, origin);
            if (consumed <= 0) {
                break;
            }
            offset += consumed;
            rest = info.remaining();
        }
        return last;
    }

    private CellValue evalSnippet(String src, SnippetOrigin origin) throws CellException {
        List<SnippetEvent> events;
        try {
            events = shell.eval(src);
        } finally {
            if (control.wasStopped()) {
                control.dropValues();
            }
        }
        if (control.wasStopped()) {
            throw interrupted(origin);
        }
        CellValue value = CellValue.NONE;
        List<String> reset = control.takeResetVariables();
        List<String> updated = new ArrayList<>();
        try {
            for (SnippetEvent e : events) {
                Snippet sn = e.snippet();
                if (e.causeSnippet() != null) {
                    if (sn instanceof VarSnippet v && reset.contains(v.name()) && e.status().isDefined()) {
                        updated.add(v.name());
                    }
                    continue;
                }
                origins.put(sn.id(), origin);
                if (e.status() == Snippet.Status.REJECTED) {
                    throw compileError(sn, src, origin);
                }
                if (e.exception() != null) {
                    throw userFailure(e.exception());
                }
                if (e.status() == Snippet.Status.RECOVERABLE_DEFINED
                        || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                    List<String> missing = shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) sn).toList();
                    notes.accept("note: " + describe(sn) + " was created, but cannot be used until "
                            + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " defined");
                }
                if (e.value() != null && control.holdsValue(e.value())) {
                    Object v = control.takeValue(e.value());
                    if (isExpression(sn)) {
                        value = CellValue.of(v);
                    }
                }
            }
        } finally {
            control.dropValues();
        }
        for (String name : updated) {
            notes.accept("warning: variable " + name + " was reset to its default value: a definition it depends on "
                    + "changed its type; re-run the cell that sets it");
        }
        return value;
    }

    private static boolean isExpression(Snippet sn) {
        if (sn instanceof VarSnippet v) {
            return v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
        }
        return sn instanceof ExpressionSnippet && sn.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND;
    }

    private static String describe(Snippet sn) {
        if (sn instanceof MethodSnippet m) {
            return "method " + m.name() + "(" + m.parameterTypes() + ")";
        }
        if (sn instanceof jdk.jshell.TypeDeclSnippet t) {
            return "type " + t.name();
        }
        if (sn instanceof VarSnippet v) {
            return "variable " + v.name();
        }
        return "snippet";
    }

    private CompilationException compileError(Snippet sn, String src, SnippetOrigin origin) {
        List<String> tb = new ArrayList<>();
        String first = null;
        for (Diag d : shell.diagnostics(sn).toList()) {
            if (!d.isError()) {
                continue;
            }
            long pos = d.getStartPosition() >= 0 ? d.getStartPosition() : d.getPosition();
            long end = Math.max(d.getEndPosition(), pos + 1);
            int p = (int) Math.max(0, Math.min(pos, src.length()));
            int lineStart = src.lastIndexOf('\n', p - 1) + 1;
            int lineEnd = src.indexOf('\n', p);
            if (lineEnd < 0) {
                lineEnd = src.length();
            }
            int line = 1 + (int) src.substring(0, p).chars().filter(ch -> ch == '\n').count();
            String where = origin.describe(line);
            String message = d.getMessage(Locale.ROOT);
            if (first == null) {
                first = where + ": " + firstLine(message);
            }
            tb.add(Ansi.cyan(where) + ":");
            tb.add("    " + src.substring(lineStart, lineEnd));
            int width = (int) Math.max(1, Math.min(end, lineEnd) - p);
            tb.add("    " + " ".repeat(p - lineStart) + Ansi.red("^".repeat(width)));
            tb.add(Ansi.red("error") + ": " + message);
        }
        if (first == null) {
            first = origin.describe(1) + ": the snippet was rejected";
            tb.add(Ansi.cyan(origin.describe(1)) + ": " + firstLine(src));
        }
        tb.add(0, Ansi.red("CompilationException") + ": " + first);
        return new CompilationException(first, tb);
    }

    private CellException userFailure(Exception jshellException) {
        if (jshellException instanceof UnresolvedReferenceException ure) {
            Snippet sn = ure.getSnippet();
            List<String> missing = sn instanceof jdk.jshell.DeclarationSnippet ds
                    ? shell.unresolvedDependencies(ds).toList() : List.of();
            String msg = describe(sn) + " cannot be invoked until " + String.join(", ", missing) + " is defined";
            return new CompilationException(msg, List.of(Ansi.red("UnresolvedReferenceException") + ": " + msg));
        }
        Throwable t = control.takeFailure();
        if (t == null) {
            t = jshellException;
        }
        return new UserCodeException(t, formatFailure(t, jshellException));
    }

    private CellInterruptedException interrupted(SnippetOrigin origin) {
        String msg = "interrupted (" + origin.describeCode(1) + ")";
        return new CellInterruptedException(msg, List.of(Ansi.red("CellInterruptedException") + ": " + msg));
    }

    /**
     * A readable Java trace of {@code t}: frames of cell code shown as "Cell In[n], line k", the JShell and
     * kernel frames below the cell left out, library frames kept, the whole cause chain.
     */
    public List<String> formatFailure(Throwable t) {
        return formatFailure(t, null);
    }

    /**
     * As {@link #formatFailure(Throwable)}; {@code translated} is JShell's copy of the same chain, whose frames
     * JShell has already mapped from wrapper classes to snippet lines.
     */
    private List<String> formatFailure(Throwable t, Throwable translated) {
        List<String> lines = new ArrayList<>();
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        boolean first = true;
        Throwable tr = translated;
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause(), tr = tr == null ? null : tr.getCause()) {
            String head = c.getClass().getName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
            if (c instanceof EvalException ee) {
                head = ee.getExceptionClassName() + (ee.getMessage() == null ? "" : ": " + ee.getMessage());
            }
            lines.add(first ? Ansi.red(head) : "Caused by: " + Ansi.red(head));
            first = false;
            StackTraceElement[] frames = c.getStackTrace();
            if (tr != null && tr != c) {
                frames = tr.getStackTrace();
            }
            for (StackTraceElement f : frames) {
                String cls = f.getClassName();
                if (cls.startsWith(CellGuard.class.getName())) {
                    continue;
                }
                if (cls.startsWith("jdk.internal.reflect") || cls.startsWith("java.lang.reflect.Method")
                        || cls.startsWith("org.uforklab.kernel.exec.")) {
                    break; // below the cell: JShell's and the kernel's plumbing
                }
                lines.add("    at " + frame(f));
            }
        }
        return lines;
    }

    private String frame(StackTraceElement f) {
        String file = f.getFileName();
        if (file != null && file.startsWith("#")) {
            // a frame JShell translated: class without the wrapper prefix, "" method for the cell's own code
            SnippetOrigin o = origins.get(file.substring(1));
            String where = o == null ? "snippet " + file : o.describeCode(f.getLineNumber());
            String method = f.getMethodName();
            if (method.isEmpty() || method.equals("do_it$")) {
                return where;
            }
            String cls = f.getClassName();
            String owner = cls.isEmpty() || cls.startsWith("REPL.") ? "" : cls + ".";
            return owner + method + " (" + where + ")";
        }
        return f.toString();
    }

    /** Completion candidates for the cell {@code code} with the cursor at {@code cursor}. */
    public synchronized Completion complete(String code, int cursor) {
        int cur = Math.max(0, Math.min(cursor, code.length()));
        int segStart = segmentStart(code, cur);
        String seg = code.substring(segStart, cur);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                shell.sourceCodeAnalysis().completionSuggestions(seg, seg.length(), anchor);
        Set<String> ordered = new LinkedHashSet<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType)
                .forEach(s -> ordered.add(s.continuation()));
        suggestions.forEach(s -> ordered.add(s.continuation()));
        return new Completion(new ArrayList<>(ordered), segStart + anchor[0], cur);
    }

    /**
     * Documentation for the name at {@code cursor}: signatures and javadoc (from the JDK's src.zip for JDK
     * classes), or the type and value of a notebook variable; empty when nothing is known.
     */
    public synchronized String documentation(String code, int cursor) {
        int cur = Math.max(0, Math.min(cursor, code.length()));
        while (cur < code.length() && Character.isJavaIdentifierPart(code.charAt(cur))) {
            cur++;
        }
        int segStart = segmentStart(code, cur);
        String seg = code.substring(segStart, cur);
        StringBuilder sb = new StringBuilder();
        List<SourceCodeAnalysis.Documentation> docs = shell.sourceCodeAnalysis().documentation(seg, seg.length(), true);
        if (docs.isEmpty() && !seg.isEmpty() && Character.isJavaIdentifierPart(seg.charAt(seg.length() - 1))) {
            // JShell documents a method only inside its parentheses: "Math.max(" rather than "Math.max"
            docs = shell.sourceCodeAnalysis().documentation(seg + "(", seg.length() + 1, true);
        }
        for (SourceCodeAnalysis.Documentation d : docs) {
            if (!sb.isEmpty()) {
                sb.append("\n\n");
            }
            sb.append(d.signature());
            if (d.javadoc() != null && !d.javadoc().isBlank()) {
                sb.append("\n").append(d.javadoc().strip());
            }
        }
        if (sb.isEmpty()) {
            int s = cur;
            while (s > 0 && Character.isJavaIdentifierPart(code.charAt(s - 1))) {
                s--;
            }
            String word = code.substring(s, cur);
            for (Variable v : variables()) {
                if (v.name().equals(word)) {
                    sb.append(v.type()).append(' ').append(v.name()).append(" = ").append(v.value());
                }
            }
        }
        return sb.toString();
    }

    /** Where the snippet containing {@code cursor} starts. */
    private int segmentStart(String code, int cursor) {
        SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
        int start = 0;
        String rest = code;
        while (true) {
            CompletionInfo info = sca.analyzeCompletion(rest);
            int consumed = rest.length() - info.remaining().length();
            if (!info.completeness().isComplete() || consumed <= 0 || start + consumed >= cursor
                    || info.remaining().isBlank()) {
                return start + Math.min(leadingSkip(rest), Math.max(0, cursor - start));
            }
            start += consumed;
            rest = info.remaining();
        }
    }

    /** Whether {@code code} is a complete cell (for is_complete). */
    public synchronized Completeness completeness(String code) {
        SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
        String rest = code;
        while (!rest.isBlank()) {
            CompletionInfo info = sca.analyzeCompletion(rest);
            switch (info.completeness()) {
                case EMPTY:
                    return Completeness.COMPLETE;
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return Completeness.incomplete("    ".repeat(Math.max(1, openBrackets(rest))));
                case UNKNOWN:
                    return Completeness.INVALID;
                default:
                    break;
            }
            if (info.remaining().length() >= rest.length()) {
                break;
            }
            rest = info.remaining();
        }
        return Completeness.COMPLETE;
    }

    private static int openBrackets(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ')' || c == ']') && depth > 0) {
                depth--;
            }
        }
        return depth;
    }

    /** The variables defined so far (valid ones), in definition order. */
    public synchronized List<Variable> variables() {
        List<Variable> vars = new ArrayList<>();
        shell.variables().filter(v -> shell.status(v) == Snippet.Status.VALID && !v.name().startsWith("$"))
                .forEach(v -> {
            String value;
            try {
                value = shell.varValue(v);
            } catch (RuntimeException e) {
                value = "<" + e.getClass().getSimpleName() + ">";
            }
            vars.add(new Variable(v.name(), v.typeName(), value));
        });
        return vars;
    }

    /** Adds a jar or class directory to what cells compile against and load from. */
    public synchronized void addToClasspath(String path) {
        shell.addToClasspath(path);
        classPath.add(path);
    }

    /** The class path cells see. */
    public synchronized List<String> classPath() {
        return List.copyOf(classPath);
    }

    /**
     * Stops the running cell (busy loops at their next backward branch, blocking calls by interrupt); snippets
     * of the cell not started yet do not run, until {@link #clearInterrupt()}.
     */
    public void interrupt() {
        control.stop();
    }

    /** Ends the effect of {@link #interrupt()}: later snippets run again. Call when the interrupted cell is over. */
    public void clearInterrupt() {
        control.clearStop();
    }

    /** True while user code runs. */
    public boolean isRunning() {
        return control.isRunning();
    }

    @Override
    public synchronized void close() {
        shell.close();
    }

    private static int leadingSkip(String s) {
        int i = 0;
        while (i < s.length()) {
            if (Character.isWhitespace(s.charAt(i))) {
                i++;
            } else if (s.startsWith("//", i)) {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? s.length() : nl + 1;
            } else if (s.startsWith("/*", i)) {
                int endC = s.indexOf("*/", i + 2);
                i = endC < 0 ? s.length() : endC + 2;
            } else {
                break;
            }
        }
        return i;
    }

    private static int lineOf(String s, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, s.length()); i++) {
            if (s.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
