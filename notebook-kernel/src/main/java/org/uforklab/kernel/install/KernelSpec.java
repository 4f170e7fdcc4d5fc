package org.uforklab.kernel.install;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import com.google.gson.GsonBuilder;

/**
 * A kernelspec directory: {@code kernel.json}, {@code logo-32x32.png}, {@code logo-64x64.png} and {@code lib/}
 * with the kernel's class path (jars copied, class directories packed into jars), so the installed kernel
 * does not change under a rebuild of the source tree.
 *
 * <p>kernel.json: argv = absolute java, JVM options, {@code -cp {resource_dir}/lib/*}, the main class and
 * {@code {connection_file}}; {@code interrupt_mode: "message"} (a JVM must not get SIGINT: interrupt is a
 * control-channel message that stops the running cell); language java.
 */
public final class KernelSpec {

    /** The kernel's name in Jupyter (kernelspec directory name). */
    public static final String DEFAULT_NAME = "uforklab";
    /** Shown in the notebook's kernel menu. */
    public static final String DISPLAY_NAME = "uforklab (Java)";
    /** The main class in argv. */
    public static final String MAIN_CLASS = "org.uforklab.kernel.KernelMain";

    /** JVM options: headless, English/UTC defaults for reproducible notebooks, quick start. */
    static final List<String> JVM_OPTIONS = List.of(
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xshare:auto",
            "-Djava.awt.headless=true",
            "-Duser.language=en",
            "-Duser.country=US",
            "-Duser.timezone=UTC",
            "-Dfile.encoding=UTF-8",
            "-Dstdout.encoding=UTF-8",
            "-Dstderr.encoding=UTF-8");

    private KernelSpec() {
    }

    /** The kernel.json content for {@code java}. */
    public static Map<String, Object> kernelJson(Path java) {
        List<String> argv = new ArrayList<>();
        argv.add(java.toAbsolutePath().toString());
        argv.addAll(JVM_OPTIONS);
        argv.add("-cp");
        argv.add("{resource_dir}/lib/*");
        argv.add(MAIN_CLASS);
        argv.add("{connection_file}");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("argv", argv);
        m.put("display_name", DISPLAY_NAME);
        m.put("language", "java");
        m.put("interrupt_mode", "message");
        m.put("env", Map.of());
        m.put("metadata", Map.of("debugger", false));
        return m;
    }

    /**
     * Writes a complete kernelspec into {@code dir} (created; an existing one is replaced) for {@code java},
     * copying the class path entries {@code classPath}.
     */
    public static void write(Path dir, Path java, List<Path> classPath) throws IOException {
        if (Files.exists(dir)) {
            deleteTree(dir);
        }
        Path lib = dir.resolve("lib");
        Files.createDirectories(lib);
        int n = 0;
        for (Path entry : classPath) {
            if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
                Files.copy(entry, lib.resolve(entry.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            } else if (Files.isDirectory(entry)) {
                packDirectory(entry, lib.resolve("classes-" + (n++) + ".jar"));
            }
        }
        String json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(kernelJson(java));
        Files.writeString(dir.resolve("kernel.json"), json + "\n", StandardCharsets.UTF_8);
        Files.write(dir.resolve("logo-32x32.png"), Logo.png(32));
        Files.write(dir.resolve("logo-64x64.png"), Logo.png(64));
    }

    /** The running JVM's class path as paths (what the installer copies). */
    public static List<Path> currentClassPath() {
        List<Path> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!e.isBlank()) {
                out.add(Path.of(e).toAbsolutePath());
            }
        }
        return out;
    }

    private static void packDirectory(Path dir, Path jar) throws IOException {
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
            List<Path> files;
            try (var s = Files.walk(dir)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                JarEntry e = new JarEntry(dir.relativize(f).toString().replace('\\', '/'));
                e.setTime(0); // reproducible jars
                out.putNextEntry(e);
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
