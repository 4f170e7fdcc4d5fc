package org.uforklab.machine.asm;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs GNU binutils for AArch64 (Debian package binutils-aarch64-linux-gnu) from tests that compare our bytes
 * with theirs. Where the tools are missing such tests are skipped, except under {@code CI=true}, where they fail:
 * CI must run the cross-checks.
 */
public final class GnuTools {

    static final String PREFIX = "aarch64-linux-gnu-";
    private static final String INSTALL = "install the Debian package binutils-aarch64-linux-gnu "
        + "(apt-get install binutils-aarch64-linux-gnu)";

    private GnuTools() {
    }

    /** The tool ({@code as}, {@code objcopy}...) on the PATH, if installed. */
    public static Optional<Path> find(String tool) {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(List.of(path == null ? new String[0] : path.split(File.pathSeparator)));
        dirs.add("/usr/bin");
        for (String d : dirs) {
            Path p = Path.of(d, PREFIX + tool);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The tool, or: a failure under {@code CI=true} saying to install binutils, a skipped test (assumption)
     * elsewhere.
     */
    public static Path require(String tool) {
        Optional<Path> p = find(tool);
        if (p.isPresent()) {
            return p.get();
        }
        String msg = PREFIX + tool + " not found: " + INSTALL;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(msg + " (CI=true, so the GNU cross-check may not be skipped)");
        }
        Assumptions.assumeTrue(false, msg);
        throw new IllegalStateException("unreachable");
    }

    /**
     * What GNU as made of a source: the error messages by line (empty when it assembled) and, when it did, the
     * contents of the requested sections.
     */
    public record Result(Map<Integer, String> errors, Map<String, byte[]> sections, String log) {
        public boolean ok() {
            return errors.isEmpty();
        }

        public byte[] section(String name) {
            byte[] b = sections.get(name);
            if (b == null) {
                throw new AssertionError("GNU as produced no section " + name);
            }
            return b;
        }
    }

    private static final Pattern ERROR = Pattern.compile("^[^:\\n]+:(\\d+): Error: (.*)$", Pattern.MULTILINE);

    /**
     * Assembles {@code source} with GNU as in {@code dir} and extracts {@code sections} (raw bytes, as
     * {@code objcopy -O binary --only-section} gives them).
     */
    public static Result assemble(Path dir, String name, String source, List<String> asFlags, String... sections)
        throws IOException, InterruptedException {
        Path as = require("as");
        Path objcopy = require("objcopy");
        Path src = dir.resolve(name);
        Files.writeString(src, source);
        Path obj = dir.resolve(name + ".o");
        List<String> cmd = new ArrayList<>(List.of(as.toString()));
        cmd.addAll(asFlags);
        cmd.addAll(List.of("-o", obj.toString(), src.toString()));
        Run r = run(cmd);
        Map<Integer, String> errors = new TreeMap<>();
        if (r.exit != 0) {
            Matcher m = ERROR.matcher(r.out);
            while (m.find()) {
                errors.merge(Integer.parseInt(m.group(1)), m.group(2), (a, b) -> a + "; " + b);
            }
            if (errors.isEmpty()) {
                errors.put(0, r.out.strip());
            }
            return new Result(errors, Map.of(), r.out);
        }
        Map<String, byte[]> out = new TreeMap<>();
        for (String s : sections) {
            Path bin = dir.resolve(name + s + ".bin");
            Run c = run(List.of(objcopy.toString(), "-O", "binary", "--only-section=" + s, obj.toString(), bin.toString()));
            if (c.exit != 0) {
                throw new AssertionError("objcopy failed: " + c.out);
            }
            out.put(s, Files.readAllBytes(bin));
        }
        return new Result(errors, out, r.out);
    }

    private record Run(int exit, String out) {
    }

    private static Run run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " timed out");
        }
        return new Run(p.exitValue(), out);
    }

    /** The little-endian 32-bit word at {@code offset}. */
    public static int word(byte[] b, int offset) {
        return (b[offset] & 0xff) | (b[offset + 1] & 0xff) << 8 | (b[offset + 2] & 0xff) << 16 | (b[offset + 3] & 0xff) << 24;
    }
}
