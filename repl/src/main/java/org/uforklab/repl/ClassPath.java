package org.uforklab.repl;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The class path given to the shell's compiler: the library as the launcher started this JVM with it
 * ({@code repl/target/classes} and {@code repl/target/lib/*}), i.e. {@code java.class.path} (the Java
 * launcher has already expanded the wildcard), or the {@code uforklab.classpath} system property when set.
 */
public final class ClassPath {

    /** System property overriding the class path. */
    public static final String PROPERTY = "uforklab.classpath";

    private ClassPath() {
    }

    /** The entries that exist, in order. */
    public static List<String> entries() {
        String cp = System.getProperty(PROPERTY, System.getProperty("java.class.path", ""));
        return Arrays.stream(cp.split(File.pathSeparator))
                .filter(e -> !e.isBlank() && Files.exists(Path.of(e)))
                .distinct()
                .toList();
    }

    /** The entries joined with the platform's path separator. */
    public static String string() {
        return String.join(File.pathSeparator, entries());
    }
}
