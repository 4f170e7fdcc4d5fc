package org.uforklab.kernel.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Chooses the java executable written into the kernelspec: an absolute path to a JDK of at least version
 * {@value #MIN_FEATURE} that has the {@code jdk.jshell} module. Jupyter starts kernels with its own PATH, where
 * {@code java} is often an older or JRE-only Java (IJava's most common complaint), so never "java" alone.
 */
public final class JavaLocator {

    /** The oldest Java the library runs on. */
    public static final int MIN_FEATURE = 21;

    private JavaLocator() {
    }

    /** {@code explicit} when given (checked), else the java of the running JVM (the launcher picks a JDK >= 21). */
    public static Path locate(Path explicit) throws IOException {
        if (explicit != null) {
            Path java = explicit.toAbsolutePath();
            if (Files.isDirectory(java)) {
                java = java.resolve("bin").resolve("java");
            }
            if (!Files.isExecutable(java)) {
                throw new IOException("--java " + explicit + ": not an executable java");
            }
            Path home = java.getParent().getParent();
            int feature = featureOf(home);
            if (feature < MIN_FEATURE) {
                throw new IOException("--java " + explicit + ": Java " + feature + " is too old, the kernel needs "
                        + MIN_FEATURE + " or newer");
            }
            if (!Files.exists(home.resolve("jmods")) && !Files.exists(home.resolve("lib").resolve("modules"))) {
                throw new IOException("--java " + explicit + ": not a JDK (the kernel needs the jdk.jshell module)");
            }
            return java;
        }
        if (Runtime.version().feature() < MIN_FEATURE) {
            throw new IOException("this JVM is Java " + Runtime.version().feature() + "; run the installer with Java "
                    + MIN_FEATURE + "+ or pass --java");
        }
        if (ModuleLayer.boot().findModule("jdk.jshell").isEmpty()) {
            throw new IOException("this JVM has no jdk.jshell module (a JRE?); pass --java with a full JDK");
        }
        return Path.of(System.getProperty("java.home"), "bin", "java").toAbsolutePath();
    }

    /** The feature version from a JDK's {@code release} file, or 0 when unknown. */
    static int featureOf(Path home) throws IOException {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return 0;
        }
        for (String line : Files.readAllLines(release)) {
            if (line.startsWith("JAVA_VERSION=")) {
                String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                String major = v.split("[.+-]")[0];
                return major.startsWith("1") && v.startsWith("1.") ? Integer.parseInt(v.split("\\.")[1])
                        : Integer.parseInt(major);
            }
        }
        return 0;
    }
}
