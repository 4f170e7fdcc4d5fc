package org.uforklab.repl;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import jdk.jshell.tool.JavaShellToolBuilder;

/**
 * {@code uforklab repl}: with no file, the interactive JShell tool with the library ({@link ReplTool}); with
 * {@code FILE.jsh}, runs the script without a terminal ({@link ScriptRunner}) and exits non-zero on the
 * first compile or runtime error. Options starting with {@code -} go to the JShell tool
 * (e.g. {@code --feedback concise}).
 */
public final class Repl {

    /** The line printed above JShell's welcome. */
    public static final String BANNER = "uforklab REPL: the library is imported. Start with  var lab = Lab.morello();"
            + "  then try  lab.<Tab>";

    static final String USAGE = """
            usage: uforklab repl [JSHELL-OPTION...]   the interactive JShell with the uforklab library
                   uforklab repl FILE.jsh             run a script; exit 1 on the first error, printing where
            """;

    private Repl() {
    }

    /** Entry point of the launcher. */
    public static void main(String[] args) throws Exception {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** Runs with the process's terminal; returns the exit code. */
    static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.contains("-h") || args.contains("--help")) {
            out.print(USAGE);
            return 0;
        }
        List<String> files = args.stream().filter(a -> !a.startsWith("-")).toList();
        if (files.isEmpty()) {
            out.println(BANNER);
            out.flush();
            return ReplTool.run(JavaShellToolBuilder.builder(), args);
        }
        if (files.size() > 1 || files.size() != args.size()) {
            err.print("uforklab repl: give one script and no options, or only options\n" + USAGE);
            return 2;
        }
        Path script = Path.of(files.get(0));
        if (!Files.isRegularFile(script)) {
            err.println("uforklab repl: no such script: " + script);
            return 2;
        }
        return new ScriptRunner(out, err).run(script);
    }
}
