package org.uforklab.kernel.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The evaluator on its own: values, errors mapped to cells, interrupt, exit trap, redefinition, analysis. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CellEvaluatorTest {

    private final List<String> notes = new ArrayList<>();
    private CellEvaluator ev;

    @BeforeAll
    void start() {
        ev = new CellEvaluator("test-cell", null, notes::add);
    }

    @AfterAll
    void stop() {
        ev.close();
    }

    private static String plain(List<String> lines) {
        return String.join("\n", lines).replaceAll("\u001b\\[[0-9;]*m", "");
    }

    @Test
    void lastExpressionIsTheLiveValue() throws Exception {
        CellValue v = ev.eval("StringBuilder sb = new StringBuilder(\"ab\");\nsb", 1);
        assertThat(v.present()).isTrue();
        assertThat(v.value()).isInstanceOf(StringBuilder.class);
        ((StringBuilder) v.value()).append("c");
        assertThat(ev.eval("sb.toString()", 2).value()).isEqualTo("abc"); // the same object lives in the session
        assertThat(ev.eval("6 * 7", 3).value()).isEqualTo(42);
    }

    @Test
    void declarationsAndStatementsHaveNoValue() throws Exception {
        assertThat(ev.eval("int declared = 5;", 1).present()).isFalse();
        assertThat(ev.eval("System.getProperty(\"x\");\nint other = 1;", 2).present()).isFalse();
        assertThat(ev.eval("  // only a comment\n", 3)).isEqualTo(CellValue.NONE);
    }

    @Test
    void nullValueIsPresentAndNull() throws Exception {
        CellValue v = ev.eval("String nothing = null;\nnothing", 1);
        assertThat(v.present()).isTrue();
        assertThat(v.value()).isNull();
    }

    @Test
    void compileErrorNamesCellLineAndPointsAtTheToken() {
        assertThatThrownBy(() -> ev.eval("int fine = 1;\n\nint broken = missingName + 1;", 7))
                .isInstanceOfSatisfying(CompilationException.class, e -> {
                    assertThat(e.getMessage()).startsWith("Cell In[7], line 3: cannot find symbol");
                    String tb = plain(e.traceback());
                    assertThat(tb).contains("int broken = missingName + 1;");
                    assertThat(tb).contains("             ^^^^^^^^^^^");
                });
    }

    @Test
    void exceptionTraceIsMappedToCellsAndKeepsCauses() throws Exception {
        ev.eval("int ratio(int a, int b) {\n    return a / b;\n}", 4);
        assertThatThrownBy(() -> ev.eval("int a0 = 0;\n\nratio(1, a0)", 5))
                .isInstanceOfSatisfying(UserCodeException.class, e -> {
                    assertThat(e.getCause()).isInstanceOf(ArithmeticException.class);
                    assertThat(plain(e.traceback())).isEqualTo("""
                            java.lang.ArithmeticException: / by zero
                                at ratio (Cell In[4], line 2)
                                at Cell In[5], line 3""");
                });
        assertThatThrownBy(() -> ev.eval("throw new RuntimeException(\"outer\", new java.io.IOException(\"inner\"));", 6))
                .isInstanceOfSatisfying(UserCodeException.class, e -> {
                    assertThat(e.getCause().getCause()).isInstanceOf(java.io.IOException.class);
                    assertThat(plain(e.traceback())).contains("Caused by: java.io.IOException: inner");
                });
    }

    @Test
    void systemExitAndHaltAreTrapped() {
        assertThatThrownBy(() -> ev.eval("System.exit(3);", 1))
                .isInstanceOfSatisfying(UserCodeException.class,
                        e -> assertThat(e.getCause()).isInstanceOf(ExitAttemptException.class)
                                .extracting(c -> ((ExitAttemptException) c).status()).isEqualTo(3));
        assertThatThrownBy(() -> ev.eval("Runtime.getRuntime().halt(4);", 2))
                .hasCauseInstanceOf(ExitAttemptException.class);
        assertThatThrownBy(() -> ev.eval("void quit() { System.exit(5); }\nquit();", 3))
                .hasCauseInstanceOf(ExitAttemptException.class);
    }

    @Test
    void interruptStopsABusyLoopAndTheSessionGoesOn() throws Exception {
        ev.eval("long spins = 0;", 8);
        Thread stopper = new Thread(() -> {
            while (!ev.isRunning()) {
                Thread.onSpinWait();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ev.interrupt();
        });
        stopper.start();
        assertThatThrownBy(() -> ev.eval("int unused = 0;\nwhile (true) { spins++; }", 9))
                .isInstanceOf(CellInterruptedException.class)
                .hasMessageContaining("Cell In[9], line 2");
        stopper.join();
        ev.clearInterrupt();
        assertThat((Long) ev.eval("spins", 10).value()).isPositive();
    }

    @Test
    void interruptWhileNoSnippetRunsStopsTheNextOne() throws Exception {
        ev.interrupt();
        assertThatThrownBy(() -> ev.eval("int never = 1;", 1)).isInstanceOf(CellInterruptedException.class);
        ev.clearInterrupt();
        assertThat(ev.eval("2 + 3", 2).value()).isEqualTo(5);
    }

    @Test
    void interruptWakesABlockedCell() {
        new Thread(() -> {
            while (!ev.isRunning()) {
                Thread.onSpinWait();
            }
            ev.interrupt();
        }).start();
        assertThatThrownBy(() -> ev.eval("Thread.sleep(60_000);", 1)).isInstanceOf(CellInterruptedException.class);
        ev.clearInterrupt();
    }

    @Test
    void redefiningAMethodKeepsDependentVariables() throws Exception {
        ev.eval("int base() { return 1; }", 1);
        ev.eval("int derived = base() + 41;", 2);
        ev.eval("int base() { return 100; }", 3);
        assertThat(ev.eval("derived", 4).value()).isEqualTo(42);
        assertThat(ev.eval("base()", 5).value()).isEqualTo(100);
    }

    @Test
    void aVariableWhoseTypeIsRedefinedIsReportedNotSilentlyReset() throws Exception {
        notes.clear();
        ev.eval("class Box { int v = 7; }", 1);
        ev.eval("Box box = new Box();", 2);
        ev.eval("class Box { int v = 8; int w; }", 3);
        assertThat(notes).anyMatch(n -> n.contains("variable box was reset"));
    }

    @Test
    void incompleteCellIsReported() {
        assertThatThrownBy(() -> ev.eval("for (int i = 0; i < 3; i++) {", 1))
                .isInstanceOf(IncompleteSourceException.class);
    }

    @Test
    void completionDocumentationCompleteness() throws Exception {
        Completion c = ev.complete("int q = 1;\nMath.ma", 18);
        assertThat(c.matches()).contains("max(");
        assertThat(c.start()).isEqualTo(16);
        assertThat(c.end()).isEqualTo(18);
        assertThat(ev.documentation("Math.max", 8)).contains("Math.max(int a, int b)");
        ev.eval("long documented = 12L;", 1);
        assertThat(ev.documentation("documented", 3)).contains("documented").contains("long");
        assertThat(ev.completeness("1 + 1")).isEqualTo(Completeness.COMPLETE);
        assertThat(ev.completeness("void f() {").status()).isEqualTo("incomplete");
        assertThat(ev.completeness("void f() {").indent()).isEqualTo("    ");
        assertThat(ev.completeness("int x = ;")).isEqualTo(Completeness.INVALID);
    }

    @Test
    void variablesAreListedWithoutTemporaries() throws Exception {
        ev.eval("String listed = \"yes\";\n1 + 1", 1);
        assertThat(ev.variables()).contains(new Variable("listed", "String", "\"yes\""));
        assertThat(ev.variables()).noneMatch(v -> v.name().startsWith("$"));
    }

    @Test
    void cellThreadsCarryTheContext() throws Exception {
        Object context = new Object();
        try (CellEvaluator withContext = new CellEvaluator("ctx", context, s -> { })) {
            Object seen = withContext.eval(
                    "org.uforklab.kernel.exec.CellThreadGroup.current().context()", 1).value();
            assertThat(seen).isSameAs(context);
        }
        assertThat(CellThreadGroup.current()).isNull();
    }
}
