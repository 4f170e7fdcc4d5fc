package org.uforklab.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The shared JShell startup script ({@code org/uforklab/lab/startup.jsh} on the class path): the REPL and the
 * notebook kernel both load it, so a snippet that works in one works in the other.
 */
public final class Startup {

    /** The class path resource holding the script. */
    public static final String RESOURCE = "/org/uforklab/lab/startup.jsh";

    private Startup() {
    }

    /** The script text. */
    public static String script() {
        try (InputStream in = Startup.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("startup script " + RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read startup script " + RESOURCE, e);
        }
    }

    /** The script's import statements, in order, e.g. {@code import org.uforklab.lab.*;}. */
    public static List<String> imports() {
        return script().lines().map(String::strip).filter(l -> l.startsWith("import ")).toList();
    }

    /** The imported package names, e.g. {@code org.uforklab.lab} (on-demand imports only). */
    public static List<String> importedPackages() {
        return imports().stream()
                .filter(l -> l.endsWith(".*;"))
                .map(l -> l.substring("import ".length(), l.length() - ".*;".length()).strip())
                .toList();
    }
}
