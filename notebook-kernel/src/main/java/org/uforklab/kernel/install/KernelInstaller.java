package org.uforklab.kernel.install;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Installs the kernelspec where Jupyter looks for kernels, with the same choices as
 * {@code jupyter kernelspec install}: {@code --user} (the per-user data directory, the default here),
 * {@code --prefix DIR} ({@code DIR/share/jupyter/kernels}) or {@code --sys-prefix} (Jupyter's Python
 * environment, delegated to {@code jupyter kernelspec install}, which knows where that is).
 */
public final class KernelInstaller {

    /** Where to install. */
    public enum Scope { USER, SYS_PREFIX, PREFIX }

    private final Map<String, String> env;

    /** An installer reading {@code env} for JUPYTER_DATA_DIR, XDG_DATA_HOME, HOME and PATH. */
    public KernelInstaller(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The kernels directory for {@code scope} ({@code prefix} for PREFIX), or null for SYS_PREFIX. */
    public Path kernelsDir(Scope scope, Path prefix) {
        return switch (scope) {
            case USER -> userDataDir().resolve("kernels");
            case PREFIX -> prefix.toAbsolutePath().resolve("share").resolve("jupyter").resolve("kernels");
            case SYS_PREFIX -> null;
        };
    }

    /** Jupyter's per-user data directory, as jupyter_core computes it. */
    Path userDataDir() {
        String explicit = env.get("JUPYTER_DATA_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
        if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("mac")) {
            return home.resolve("Library").resolve("Jupyter");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share")).resolve("jupyter");
    }

    /**
     * Installs kernel {@code name} for {@code java} with the class path {@code classPath}; returns the
     * kernelspec directory.
     */
    public Path install(Scope scope, Path prefix, String name, Path java, List<Path> classPath)
            throws IOException, InterruptedException {
        if (scope != Scope.SYS_PREFIX) {
            Path dir = kernelsDir(scope, prefix).resolve(name);
            KernelSpec.write(dir, java, classPath);
            return dir;
        }
        Path jupyter = findJupyter();
        if (jupyter == null) {
            throw new IOException("--sys-prefix needs the jupyter command (not found on PATH or in /usr/bin); "
                    + "use --user or --prefix DIR instead");
        }
        Path staging = Files.createTempDirectory("uforklab-kernelspec");
        try {
            Path dir = staging.resolve(name);
            KernelSpec.write(dir, java, classPath);
            List<String> cmd = new ArrayList<>(List.of(jupyter.toString(), "kernelspec", "install", dir.toString(),
                    "--name", name, "--sys-prefix"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException("jupyter kernelspec install failed:\n" + out.strip());
            }
            String marker = "Installed kernelspec " + name + " in ";
            int at = out.indexOf(marker);
            return at >= 0 ? Path.of(out.substring(at + marker.length()).strip()) : dir;
        } finally {
            KernelSpec.deleteTree(staging);
        }
    }

    /** The jupyter command: on PATH, else /usr/bin/jupyter; null when there is none. */
    Path findJupyter() {
        for (String d : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (d.isBlank() || d.contains("pyenv/shims")) {
                continue; // pyenv shims exist for commands the selected Python lacks
            }
            Path p = Path.of(d, "jupyter");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        Path sys = Path.of("/usr/bin/jupyter");
        return Files.isExecutable(sys) ? sys : null;
    }
}
