package org.uforklab.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.uforklab.kernel.display.Renderers;
import org.uforklab.kernel.exec.CellEvaluator;
import org.uforklab.kernel.exec.CellException;
import org.uforklab.kernel.exec.CellValue;
import org.uforklab.kernel.exec.Completeness;
import org.uforklab.kernel.exec.Completion;
import org.uforklab.kernel.exec.UserCodeException;
import org.uforklab.kernel.magic.CellRunner;
import org.uforklab.kernel.magic.Magics;

/**
 * The uforklab Jupyter kernel. jjava-jupyter speaks the protocol (sockets, signing, message types, the
 * execute/complete/inspect/history/is_complete/kernel_info/interrupt/shutdown handlers); this class supplies
 * what they call: cells run by a {@link CellEvaluator} in this JVM through a {@link CellRunner} (magics),
 * values rendered by the {@link Renderers} registry, tracebacks mapped to cells, streams kept in order.
 *
 * <p>Startup (imports, the shared uforklab startup script, a warm-up evaluation) runs in the background as soon
 * as the kernel is built, so the kernel answers kernel_info at once; the first cell waits for it.
 */
public final class UforkKernel extends BaseKernel implements NotebookSession {

    /** The kernel's own imports and the cell-side API, run before the shared startup. */
    static final String NOTEBOOK_STARTUP = "org/uforklab/kernel/notebook.jsh";

    /** The Jupyter messaging protocol version spoken (jjava-jupyter's). */
    static final String PROTOCOL_VERSION = "5.3";

    private final CellEvaluator evaluator;
    private final CellRunner runner;
    private final CellHistory history;
    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicLong displayIds = new AtomicLong();
    private final ScheduledExecutorService flusher;
    private final List<String> rendererProviders;
    private volatile CellStreams streams;
    private volatile Exception startupFailure;
    private volatile boolean startupReported;
    private Exception lastFailure;
    private List<String> lastTraceback = List.of();
    private String lastResultText;
    private int currentCell;
    private volatile boolean cellActive;
    private volatile boolean interruptBeforeStart;

    private UforkKernel(Builder b, CellHistory history, Renderer renderer, List<String> providers) {
        super(b.buildName(), b.buildVersion(), languageInfo(), List.of(), history,
                newJupyterIO(b), newCommManager(b), renderer, b.magicParserForKernel(), b.magicsRegistryForKernel(),
                false, b.errorStylerForKernel());
        this.history = history;
        this.rendererProviders = List.copyOf(providers);
        this.evaluator = new CellEvaluator("uforklab-cell", this, note -> System.err.println(note));
        this.runner = new CellRunner(evaluator, Magics.standard(), b.workingDirectory);
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "uforklab-stream-flusher");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(() -> {
            CellStreams s = streams;
            if (s != null) {
                s.flushIfDue();
            }
        }, CellStreams.LINGER_MS, CellStreams.LINGER_MS, TimeUnit.MILLISECONDS);
    }

    private static org.dflib.jjava.jupyter.kernel.JupyterIO newJupyterIO(Builder b) {
        return b.jupyterIOForKernel();
    }

    private static org.dflib.jjava.jupyter.kernel.comm.CommManager newCommManager(Builder b) {
        return b.commManagerForKernel();
    }

    private static LanguageInfo languageInfo() {
        return new LanguageInfo("java", Runtime.version().toString(), "text/x-java-source", ".jsh", "java", "java",
                "script");
    }

    /** A builder; {@code UforkKernel.builder().build()} gives the standard kernel. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts the background startup: imports, the shared uforklab script, a warm-up evaluation. */
    public void start() {
        Thread t = new Thread(() -> {
            try {
                evaluator.eval(resource(NOTEBOOK_STARTUP), 0, "notebook startup");
                // the startup script shared with `uforklab repl`: the library's imports (Lab.morello(), ...)
                evaluator.eval(org.uforklab.lab.Startup.script(), 0, "uforklab startup");
                // Warm javac and the evaluation path so the first cells are quick.
                evaluator.eval("int $warm(int x) { return x + 1; }", 0, "warm-up");
                evaluator.eval("$warm(1) + 1", 0, "warm-up");
            } catch (Exception e) {
                startupFailure = e;
            } finally {
                started.countDown();
            }
        }, "uforklab-startup");
        t.setDaemon(true);
        t.start();
    }

    /** Blocks until startup is done (returns at once when {@link #start()} was not called). */
    void awaitStartup() {
        if (started.getCount() == 0) {
            return;
        }
        try {
            started.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String resource(String name) {
        String s = optionalResource(name);
        if (s == null) {
            throw new IllegalStateException("missing class path resource " + name);
        }
        return s;
    }

    private static String optionalResource(String name) {
        try (InputStream in = UforkKernel.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /** The evaluator (tests, advanced cells). */
    public CellEvaluator evaluator() {
        return evaluator;
    }

    /** Class names of the renderer providers loaded. */
    public List<String> rendererProviders() {
        return rendererProviders;
    }

    @Override
    public String getBanner() {
        return "uforklab kernel " + getVersion() + " (JShell, Java " + Runtime.version() + ")\n"
                + "Cells run in the kernel's JVM with the uforklab library loaded; %lsmagic lists the magics.";
    }

    // ---- execution ------------------------------------------------------------------------------------

    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        ExecuteRequest req = message.getContent();
        currentCell = executionCount.get();
        lastResultText = null;
        cellActive = true;
        try {
            super.handleExecuteRequest(env, message);
        } finally {
            cellActive = false;
            interruptBeforeStart = false;
            evaluator.clearInterrupt();
        }
        if (req.shouldStoreHistory() && !req.isSilent()) {
            history.add(currentCell, req.getCode(), lastResultText);
        }
    }

    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        env.reply(new Replies.KernelInfo(PROTOCOL_VERSION, getName(), getVersion(), getLanguageInfo(), getBanner(),
                getHelpLinks()));
    }

    @Override
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        HistoryRequest req = message.getContent();
        env.setBusyDeferIdle();
        Set<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
        if (req.includeOutput()) {
            flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        }
        List<HistoryEntry> entries = switch (req.getAccessType()) {
            case TAIL -> history.lookupTail(((HistoryRequest.Tail) req).getMaxReturnLength(), flags);
            case RANGE -> {
                HistoryRequest.Range r = (HistoryRequest.Range) req;
                yield history.lookupRange(r.getSessionIndex(), r.getStart(), r.getStop(), flags);
            }
            case SEARCH -> {
                HistoryRequest.Search s = (HistoryRequest.Search) req;
                if (s.filterUnique()) {
                    flags.add(HistoryManager.ResultFlag.UNIQUE);
                }
                yield history.search(s.getPattern(), s.getMaxReturnLength(), flags);
            }
        };
        env.reply(new Replies.History(entries));
    }

    @Override
    protected void replaceOutputStreams(ShellReplyEnvironment env) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        CellStreams s = new CellStreams(io.out, io.err);
        streams = s;
        System.setOut(s.out());
        System.setErr(s.err());
        System.setIn(io.in);
        env.defer(() -> {
            s.flush();
            streams = null;
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        });
    }

    private void flushStreams() {
        CellStreams s = streams;
        if (s != null) {
            s.flush();
        }
    }

    @Override
    public Object evalRaw(String code) {
        CellValue v = runCell(code, currentCell);
        return v.present() ? v.value() : null;
    }

    @Override
    public DisplayData eval(String code) {
        CellValue v;
        try {
            v = runCell(code, currentCell);
        } finally {
            flushStreams();
        }
        if (!v.present() || v.value() == null) {
            return null;
        }
        DisplayData dd = safeDisplayData(v.value());
        Object text = dd.getData(MIMEType.TEXT_PLAIN);
        lastResultText = text == null ? null : text.toString();
        return dd;
    }

    /**
     * Runs a cell. Failures leave as the exception itself (checked ones unchecked-thrown): jjava's execute
     * handler catches every Exception and names the Jupyter error after its class, so a cell that throws
     * ArithmeticException reports ename "ArithmeticException", with {@link #formatError} giving the trace.
     */
    private CellValue runCell(String code, int number) {
        awaitStartup();
        if (interruptBeforeStart) {
            String msg = "interrupted before the cell started";
            throw Unchecked.<RuntimeException>rethrow(new org.uforklab.kernel.exec.CellInterruptedException(msg,
                    List.of("\u001b[1;31mCellInterruptedException\u001b[0m: " + msg)));
        }
        if (startupFailure != null && !startupReported) {
            startupReported = true;
            System.err.println("warning: the notebook startup failed; imports or helpers may be missing:");
            List<String> tb = startupFailure instanceof CellException ce ? ce.traceback()
                    : List.of(String.valueOf(startupFailure));
            tb.forEach(System.err::println);
        }
        try {
            return runner.run(code, number);
        } catch (UserCodeException u) {
            Throwable cause = u.getCause();
            lastTraceback = u.traceback();
            if (cause instanceof Exception ex) {
                lastFailure = ex;
                throw Unchecked.<RuntimeException>rethrow(ex);
            }
            lastFailure = u;
            throw Unchecked.<RuntimeException>rethrow(u);
        } catch (Exception e) {
            throw Unchecked.<RuntimeException>rethrow(e);
        } catch (Error e) {
            // jjava's handler catches Exceptions only: an Error would end the shell thread and hang the kernel
            lastFailure = null;
            throw new IllegalStateException("the kernel failed running this cell: " + e, e);
        }
    }

    @Override
    public List<String> formatError(Throwable e) {
        if (e == lastFailure) {
            return lastTraceback;
        }
        if (e instanceof CellException ce) {
            return ce.traceback();
        }
        List<String> lines = new ArrayList<>();
        lines.add("\u001b[1;31m" + e.getClass().getSimpleName() + "\u001b[0m: " + e.getMessage());
        return lines;
    }

    /** Stops the executing cell; ignored when none executes (Jupyter may send interrupts to an idle kernel). */
    @Override
    public void interrupt() {
        if (!cellActive) {
            return;
        }
        if (started.getCount() > 0) {
            interruptBeforeStart = true; // the cell still waits for startup: do not stop the startup itself
            return;
        }
        evaluator.interrupt();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        flusher.shutdownNow();
        evaluator.interrupt();
        evaluator.close();
    }

    // ---- completion, inspection -----------------------------------------------------------------------

    @Override
    public ReplacementOptions complete(String code, int at) {
        awaitStartup();
        int lineStart = code.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
        String line = code.substring(lineStart, Math.min(at, code.length()));
        if (line.stripLeading().startsWith("%")) {
            String typed = line.strip();
            List<String> names = runner.magics().names().stream().filter(n -> n.startsWith(typed)).toList();
            return new ReplacementOptions(names, lineStart + line.indexOf('%'), at);
        }
        Completion c = evaluator.complete(code, at);
        return new ReplacementOptions(c.matches(), c.start(), c.end());
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        awaitStartup();
        String doc = evaluator.documentation(code, at);
        if (doc.isEmpty()) {
            return null;
        }
        DisplayData dd = new DisplayData(doc);
        return dd;
    }

    @Override
    public String isComplete(String code) {
        String java = CellRunner.javaOnly(code);
        if (java == null) {
            return IS_COMPLETE_YES;
        }
        awaitStartup();
        Completeness c = evaluator.completeness(java);
        return switch (c.status()) {
            case "complete" -> IS_COMPLETE_YES;
            case "invalid" -> IS_COMPLETE_BAD;
            case "incomplete" -> c.indent();
            default -> IS_COMPLETE_MAYBE;
        };
    }

    // ---- NotebookSession: display API for cells ---------------------------------------------------------

    /**
     * The cell value's bundle; a renderer that fails (even with an Error) must not take the kernel's shell
     * thread down, so the value falls back to its text and the failure is reported on stderr.
     */
    private DisplayData safeDisplayData(Object value) {
        try {
            return toDisplayData(value);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            System.err.println("warning: rendering " + value.getClass().getName() + " failed (" + e
                    + "); showing its text");
            flushStreams();
            String text;
            try {
                text = String.valueOf(value);
            } catch (RuntimeException | StackOverflowError e2) {
                text = value.getClass().getName() + " (toString failed: " + e2 + ")";
            }
            return new DisplayData(text);
        }
    }

    private DisplayData toDisplayData(Object value, String... mimeTypes) {
        if (value instanceof DisplayData dd) {
            return dd;
        }
        Renderer r = getRenderer();
        return mimeTypes == null || mimeTypes.length == 0 ? r.render(value) : r.renderAs(value, mimeTypes);
    }

    @Override
    public String display(Object value, String... mimeTypes) {
        DisplayData dd = new DisplayData(toDisplayData(value, mimeTypes));
        String id = dd.hasDisplayId() ? dd.getDisplayId() : "uforklab-" + displayIds.incrementAndGet();
        dd.setDisplayId(id);
        flushStreams();
        io.display.display(dd);
        return id;
    }

    @Override
    public DisplayData render(Object value, String... mimeTypes) {
        return toDisplayData(value, mimeTypes);
    }

    @Override
    public void updateDisplay(String id, Object value, String... mimeTypes) {
        DisplayData dd = new DisplayData(toDisplayData(value, mimeTypes));
        flushStreams();
        io.display.updateDisplay(id, dd);
    }

    @Override
    public Object evalInCell(String code) throws Exception {
        CellValue v = runner.run(code, currentCell);
        return v.present() ? v.value() : null;
    }

    // ---- builder -----------------------------------------------------------------------------------------

    /** Builds {@link UforkKernel}s (jjava's builder, with uforklab's name, renderers and history). */
    public static final class Builder extends BaseKernelBuilder<Builder, UforkKernel> {

        private Path workingDirectory = Path.of("").toAbsolutePath();

        Builder() {
            name("uforklab");
            version(versionOfPackage());
        }

        private static String versionOfPackage() {
            String v = UforkKernel.class.getPackage().getImplementationVersion();
            return v == null ? "0.1.0" : v;
        }

        /** Where %load and %classpath resolve relative paths (default: the process's working directory). */
        public Builder workingDirectory(Path dir) {
            this.workingDirectory = dir.toAbsolutePath();
            return this;
        }

        @Override
        public UforkKernel build() {
            List<String> providers = new ArrayList<>();
            Renderer renderer = Renderers.create(UforkKernel.class.getClassLoader(), providers);
            return new UforkKernel(this, new CellHistory(), renderer, providers);
        }

        @Override
        protected String buildName() {
            return super.buildName();
        }

        @Override
        protected String buildVersion() {
            return super.buildVersion();
        }

        org.dflib.jjava.jupyter.kernel.JupyterIO jupyterIOForKernel() {
            return buildJupyterIO(StandardCharsets.UTF_8);
        }

        org.dflib.jjava.jupyter.kernel.comm.CommManager commManagerForKernel() {
            return buildCommManager();
        }

        org.dflib.jjava.jupyter.kernel.magic.MagicParser magicParserForKernel() {
            return new org.dflib.jjava.jupyter.kernel.magic.MagicParser("(?<=(?:^|=))\\s*%", "%%",
                    buildMagicTranspiler());
        }

        org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry magicsRegistryForKernel() {
            return buildMagicsRegistry();
        }

        org.dflib.jjava.jupyter.kernel.util.StringStyler errorStylerForKernel() {
            return buildErrorStyler();
        }
    }
}
