package org.uforklab.repl;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import org.uforklab.lab.Startup;

/**
 * Runs a {@code .jsh} script without a terminal, the way {@code uforklab repl FILE.jsh} does: the same
 * class path and startup as the interactive tool, and the first compile or runtime error stops the script
 * with its file and line. Like a notebook cell, a snippet written without its closing semicolon shows its
 * value as the prompt would ({@code name ==> value}); a statement ending in {@code ;} runs quietly.
 *
 * <p>This uses the JShell API rather than the tool because the tool reports errors in a loaded file
 * without a line number and always exits 0; a script in CI must fail loudly and say where.
 * {@code /exit [code]} is the one command a script may use.
 */
public final class ScriptRunner {

    /** The imports of JShell's DEFAULT startup, loaded before the lab's script as in the tool. */
    public static final List<String> DEFAULT_IMPORTS = List.of("java.io", "java.math", "java.net", "java.nio.file",
            "java.util", "java.util.concurrent", "java.util.function", "java.util.prefs", "java.util.regex",
            "java.util.stream");

    /** Exit code of a script that ran to its end. */
    public static final int OK = 0;
    /** Exit code of a script stopped by a compile or runtime error. */
    public static final int FAILED = 1;

    private static final int MAX_FRAMES = 12;

    private final PrintStream out;
    private final PrintStream err;

    /** A runner printing values and the script's output to {@code out}, errors to {@code err}. */
    public ScriptRunner(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the script in {@code file}; errors name the file as given. */
    public int run(Path file) throws IOException {
        return run(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Runs {@code source}, named {@code name} in error messages.
     *
     * @return {@link #OK}, {@link #FAILED} or the code of an {@code /exit} command
     */
    public int run(String name, String source) {
        try (JShell shell = JShell.builder()
                .in(InputStream.nullInputStream()).out(out).err(err)
                .executionEngine(new LabExecutionProvider(), Map.of())
                .build()) {
            for (String entry : ClassPath.entries()) {
                shell.addToClasspath(entry);
            }
            StringBuilder startup = new StringBuilder();
            DEFAULT_IMPORTS.forEach(p -> startup.append("import ").append(p).append(".*;\n"));
            startup.append(Startup.script());
            Integer code = new Session(shell, "<startup>", startup.toString(), false).run();
            if (code != null) {
                return code == OK ? FAILED : code;
            }
            code = new Session(shell, name, source, true).run();
            return code == null ? OK : code;
        }
    }

    /** One source text evaluated snippet by snippet. */
    private final class Session {
        private final JShell shell;
        private final String name;
        private final String src;
        private final boolean echo;
        /** The line where each snippet (by id) starts, to place runtime errors in methods defined earlier. */
        private final Map<String, Integer> startLines = new HashMap<>();

        Session(JShell shell, String name, String src, boolean echo) {
            this.shell = shell;
            this.name = name;
            this.src = src;
            this.echo = echo;
        }

        /** Null when the source ran to its end, else the exit code. */
        Integer run() {
            int pos = 0;
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            while (true) {
                pos = ScriptText.skipBlank(src, pos);
                if (pos >= src.length()) {
                    return null;
                }
                int line = ScriptText.lineAt(src, pos);
                if (ScriptText.isCommand(src, pos)) {
                    int eol = ScriptText.endOfLine(src, pos);
                    String command = src.substring(pos, eol).strip();
                    pos = eol;
                    Integer code = command(command, line);
                    if (code != null) {
                        return code;
                    }
                    continue;
                }
                // Line by line, as the tool reads its input: a snippet ends at the first line where it is
                // complete; a line starting with '.' continues the expression above (fluent chains).
                int end = ScriptText.endOfLine(src, pos);
                String snippet;
                boolean show;
                while (true) {
                    String chunk = src.substring(pos, end);
                    SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(chunk);
                    SourceCodeAnalysis.Completeness c = info.completeness();
                    boolean incomplete = c == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE
                            || c == SourceCodeAnalysis.Completeness.CONSIDERED_INCOMPLETE;
                    boolean continued = c == SourceCodeAnalysis.Completeness.COMPLETE_WITH_SEMI
                            && info.remaining().isBlank() && ScriptText.nextLineContinues(src, end);
                    if ((incomplete || continued) && end < src.length()) {
                        end = ScriptText.endOfLine(src, end);
                        continue;
                    }
                    if (incomplete) {
                        err.printf("%s:%d: error: incomplete snippet at the end of the script: %s%n", name, line,
                                ScriptText.firstLine(chunk));
                        return FAILED;
                    }
                    String written = chunk.substring(0, chunk.length() - info.remaining().length()).strip();
                    show = c == SourceCodeAnalysis.Completeness.COMPLETE_WITH_SEMI || !written.endsWith(";");
                    if (c.isComplete()) {
                        snippet = info.source();
                        pos += chunk.length() - info.remaining().length();
                    } else {
                        // Not Java as far as the analysis can tell: let the compiler say why.
                        snippet = chunk;
                        pos = end;
                    }
                    break;
                }
                Integer code = eval(snippet, line, echo && show);
                if (code != null) {
                    return code;
                }
            }
        }

        private Integer command(String command, int line) {
            String[] words = command.split("\\s+");
            if (words[0].equals("/exit") && words.length <= 2) {
                try {
                    return words.length == 1 ? OK : Integer.parseInt(words[1]);
                } catch (NumberFormatException e) {
                    err.printf("%s:%d: error: /exit takes an integer exit code, got '%s'%n", name, line, words[1]);
                    return FAILED;
                }
            }
            err.printf("%s:%d: error: '%s': scripts may use Java and /exit only (the other /commands are for the prompt)%n",
                    name, line, command);
            return FAILED;
        }

        private Integer eval(String snippet, int line, boolean show) {
            List<SnippetEvent> events = shell.eval(snippet);
            for (SnippetEvent ev : events) {
                if (ev.causeSnippet() != null) {
                    continue; // a consequence for an earlier snippet, not this one's result
                }
                Snippet sn = ev.snippet();
                startLines.put(sn.id(), line);
                if (ev.status() == Snippet.Status.REJECTED) {
                    reportCompileErrors(sn, snippet, line);
                    return FAILED;
                }
                if (ev.exception() != null) {
                    reportException(ev.exception(), sn, line);
                    return FAILED;
                }
                if (show && ev.value() != null && (sn instanceof VarSnippet || sn instanceof ExpressionSnippet)) {
                    String varName = sn instanceof VarSnippet v ? v.name() : ((ExpressionSnippet) sn).name();
                    out.println(varName + " ==> " + ev.value().stripTrailing());
                }
            }
            out.flush();
            return null;
        }

        private void reportCompileErrors(Snippet sn, String snippet, int line) {
            List<Diag> diags = shell.diagnostics(sn).filter(Diag::isError).toList();
            if (diags.isEmpty()) {
                err.printf("%s:%d: error: the snippet was rejected: %s%n", name, line, ScriptText.firstLine(snippet));
                return;
            }
            for (Diag d : diags) {
                int at = (int) Math.max(0, Math.min(d.getStartPosition(), snippet.length()));
                int lineInSnippet = ScriptText.lineAt(snippet, at) - 1;
                err.printf("%s:%d: error: %s%n", name, line + lineInSnippet, d.getMessage(Locale.ROOT));
                int bol = snippet.lastIndexOf('\n', at - 1) + 1;
                err.println("    " + snippet.substring(bol, ScriptText.endOfLine(snippet, bol)).stripTrailing());
                err.println("    " + " ".repeat(at - bol) + "^");
            }
        }

        private void reportException(JShellException ex, Snippet sn, int line) {
            if (ex instanceof UnresolvedReferenceException u) {
                err.printf("%s:%d: error: %s cannot run: it uses %s, which is not defined%n", name, line,
                        ScriptText.firstLine(u.getSnippet().source()),
                        String.join(", ", shell.unresolvedDependencies(u.getSnippet()).toList()));
                return;
            }
            EvalException e = (EvalException) ex;
            int where = line;
            for (StackTraceElement f : e.getStackTrace()) {
                Integer fl = scriptLine(f);
                if (fl != null) {
                    where = fl;
                    break;
                }
            }
            err.printf("%s:%d: exception %s%s%n", name, where, e.getExceptionClassName(),
                    e.getMessage() == null ? "" : ": " + e.getMessage());
            printFrames(e);
            Throwable cause = e.getCause();
            while (cause != null) {
                String cls = cause instanceof EvalException c ? c.getExceptionClassName() : cause.getClass().getName();
                err.printf("  caused by %s%s%n", cls, cause.getMessage() == null ? "" : ": " + cause.getMessage());
                printFrames(cause);
                cause = cause.getCause();
            }
        }

        private void printFrames(Throwable t) {
            StackTraceElement[] frames = t.getStackTrace();
            int shown = 0;
            for (StackTraceElement f : frames) {
                if (shown == MAX_FRAMES) {
                    err.printf("      ... %d more%n", frames.length - shown);
                    break;
                }
                Integer fl = scriptLine(f);
                if (fl != null) {
                    String method = f.getMethodName();
                    err.printf("      at %s (%s:%d)%n", method.isEmpty() || method.startsWith("do_it$") ? "top level" : method,
                            name, fl);
                } else if (f.getClassName().startsWith("jdk.internal.reflect") || f.getClassName().startsWith("java.lang.reflect")) {
                    break; // below here is the shell's own machinery
                } else {
                    err.println("      at " + f);
                }
                shown++;
            }
        }

        /** The script line of a stack frame in a snippet ({@code #id:line}), or null for library frames. */
        private Integer scriptLine(StackTraceElement f) {
            String file = f.getFileName();
            if (file == null || !file.startsWith("#")) {
                return null;
            }
            Integer start = startLines.get(file.substring(1));
            return start == null ? null : start + Math.max(f.getLineNumber(), 1) - 1;
        }
    }
}
