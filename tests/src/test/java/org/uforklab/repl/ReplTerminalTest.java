package org.uforklab.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, in a real terminal: starts {@code ./uforklab repl} in a detached tmux session, types with
 * {@code send-keys} and reads the screen with {@code capture-pane}, as a person would. Waits poll the screen
 * until a deadline (this is not a timing test). Needs tmux ({@code .ci/run} installs it).
 */
class ReplTerminalTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private final Path root = Path.of("..").toAbsolutePath().normalize();
    private String socket;

    @TempDir
    Path prefs;

    @BeforeEach
    void startTmux() throws Exception {
        assertThat(exec(List.of("tmux", "-V")).startsWith("tmux"))
                .as("tmux is needed for this test (apt-get install tmux)").isTrue();
        assertThat(root.resolve("repl/target/lib")).as("the built repl (./uforklab build)").isDirectory();
        socket = "uforklab-repl-test-" + ProcessHandle.current().pid();
        // A private tmux server (-L) and private JShell preferences (history): nothing of the user's is touched.
        String command = "env UFORKLAB_NO_BUILD=1 UFORKLAB_JAVA_OPTS=-Djava.util.prefs.userRoot=" + prefs
                + " " + root.resolve("uforklab") + " repl";
        tmux("new-session", "-d", "-s", "repl", "-x", "120", "-y", "50", command);
    }

    @AfterEach
    void stopTmux() throws Exception {
        tmux("kill-server");
    }

    @Test
    void aPersonAtThePrompt() throws Exception {
        String screen = waitFor("the prompt", s -> s.contains("jshell>"));
        assertThat(screen).contains(Repl.BANNER).contains("Welcome to JShell");

        type("var lab = Lab.morello();");
        waitFor("the lab", s -> s.contains("lab ==> Lab(4 cores @ 2.50 GHz, 16 GiB; no mappings; 0 cycles)"));

        // Tab completion: one candidate, so the tool completes the method name and opens the parenthesis.
        tmux("send-keys", "-t", "repl", "-l", "lab.mapD");
        tmux("send-keys", "-t", "repl", "Tab");
        waitFor("the completion", s -> s.contains("jshell> lab.mapData("));
        type("0x41_0000, 4 * 4096)");
        waitFor("the mapping", s -> s.contains("==> VA 0x410000-0x413fff -> PA 0x81000000-0x81003fff (4 pages)"));

        type("Lab.cap(0x40001000L, 0x30)");
        waitFor("a capability", s -> s.contains("==> 0x40001000 [rwxRWLSUsBCM0123EG,0x40001000-0x40001030]"));

        type("lab.walk(0x41_0010)");
        screen = waitFor("a walk", s -> s.contains("=> PA 0x000081000010"));
        assertThat(screen).contains("walk VA 0x0000000000410010 via TTBR0")
                .contains("L3 [0x000080003080] 0x3060000081000703 page -> 0x81000000");

        type("labx.walk(0)");
        waitFor("a compile error", s -> s.contains("cannot find symbol"));

        type("/exit");
        waitFor("the end of the session", s -> !sessionAlive());
    }

    private void type(String line) throws Exception {
        tmux("send-keys", "-t", "repl", "-l", line);
        tmux("send-keys", "-t", "repl", "Enter");
    }

    private boolean sessionAlive() {
        try {
            Process p = new ProcessBuilder("tmux", "-L", socket, "has-session", "-t", "repl")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Polls the screen until {@code ok} holds or the deadline passes; returns the last screen. */
    private String waitFor(String what, Predicate<String> ok) throws Exception {
        long end = System.nanoTime() + DEADLINE.toNanos();
        String screen = "";
        while (System.nanoTime() < end) {
            if (!sessionAlive()) {
                if (ok.test(screen)) {
                    return screen;
                }
                fail("the repl session ended while waiting for " + what + "; last screen:\n" + screen);
            }
            screen = tmux("capture-pane", "-p", "-t", "repl", "-S", "-200");
            if (ok.test(screen)) {
                return screen;
            }
            Thread.sleep(100);
        }
        return fail("no " + what + " on the screen after " + DEADLINE.toSeconds() + " s; screen:\n" + screen);
    }

    private String tmux(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        return exec(cmd);
    }

    private static String exec(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " did not finish");
        }
        return out;
    }
}
