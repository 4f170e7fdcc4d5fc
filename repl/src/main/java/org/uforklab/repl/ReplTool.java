package org.uforklab.repl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jshell.tool.JavaShellToolBuilder;
import org.uforklab.lab.Startup;

/**
 * Starts the JDK's JShell tool (tab completion, history, {@code /commands} and all) set up for uforklab:
 * the library on the class path, JShell's DEFAULT startup plus the lab's startup script
 * ({@link Startup}), and snippets executed in this JVM ({@link LabExecutionProvider}).
 */
public final class ReplTool {

    private ReplTool() {
    }

    /** The tool's command-line arguments for a startup script in {@code startupFile}, then {@code extra}. */
    public static List<String> arguments(Path startupFile, String classPath, List<String> extra) {
        List<String> args = new ArrayList<>();
        if (!classPath.isEmpty()) {
            args.add("--class-path");
            args.add(classPath);
        }
        args.addAll(List.of("--startup", "DEFAULT", "--startup", startupFile.toString(),
                "--execution", LabExecutionProvider.NAME));
        args.addAll(extra);
        return args;
    }

    /**
     * Runs the tool configured by {@code builder} (streams, persistence) until {@code /exit} or end of input.
     *
     * @return the tool's exit code
     */
    public static int run(JavaShellToolBuilder builder, List<String> extra) throws Exception {
        // The tool reads startup scripts from files; the script itself lives on the class path.
        Path startup = Files.createTempFile("uforklab-startup", ".jsh");
        try {
            Files.writeString(startup, Startup.script(), StandardCharsets.UTF_8);
            return builder.start(arguments(startup, ClassPath.string(), extra).toArray(String[]::new));
        } finally {
            deleteQuietly(startup);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // A temporary file left behind is harmless; the session's result matters more.
        }
    }
}
