package org.uforklab.machine.asm;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assembles the same sources with GNU as for AArch64 (Debian binutils-aarch64-linux-gnu) and with our
 * assembler and compares every section's contents, size and alignment, and every symbol's value. Skipped where
 * the tools are missing, failed instead under {@code CI=true}. The sources use directives, expressions, macros and the few instructions
 * {@link TestEncoder} knows, so this also checks those encodings.
 */
class GnuAsCrossCheckTest {

    private static final String PREFIX = "aarch64-linux-gnu-";

    /** Skipped without GNU binutils, except under CI=true where that is a failure ({@link GnuTools#require}). */
    @BeforeEach
    void requireGnuAs() {
        GnuTools.require("as");
        GnuTools.require("objdump");
        GnuTools.require("objcopy");
        GnuTools.require("nm");
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"expressions.s", "data.s", "macros.s", "code.s"})
    void sameBytesAsGnuAs(String name) throws Exception {
        String source = new String(getClass().getResourceAsStream("gnu/" + name).readAllBytes(), StandardCharsets.UTF_8);
        ObjectFile ours = Asm.assemble(source);

        Path src = dir.resolve(name);
        Files.writeString(src, source);
        Path obj = dir.resolve(name + ".o");
        run(PREFIX + "as", "-o", obj.toString(), src.toString());
        Map<String, long[]> headers = sectionHeaders(run(PREFIX + "objdump", "-h", obj.toString()));

        for (Section s : ours.sections()) {
            long[] h = headers.get(s.name());
            if (h == null) {
                assertThat(s.size()).as("%s exists only in ours, so it must be empty", s.name()).isZero();
                continue;
            }
            assertThat(s.size()).as("size of %s", s.name()).isEqualTo(h[0]);
            assertThat(s.alignment()).as("alignment of %s", s.name()).isEqualTo(h[1]);
            if (!s.nobits()) {
                Path bin = dir.resolve(name + s.name() + ".bin");
                run(PREFIX + "objcopy", "-O", "binary", "--only-section=" + s.name(), obj.toString(), bin.toString());
                assertThat(s.bytes()).as("contents of %s", s.name()).isEqualTo(Files.readAllBytes(bin));
            }
        }
        for (Map.Entry<String, long[]> h : headers.entrySet()) {
            if (h.getValue()[0] > 0) {
                assertThat(ours.section(h.getKey())).as("GNU as has a non-empty %s", h.getKey()).isPresent();
            }
        }
        int checked = 0;
        for (String line : run(PREFIX + "nm", obj.toString()).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && "tTdDbBrRaA".indexOf(f[1].charAt(0)) >= 0 && !f[2].startsWith("$")) {
                assertThat(ours.requireSymbol(f[2]).value()).as("value of %s", f[2]).isEqualTo(Long.parseUnsignedLong(f[0], 16));
                checked++;
            }
        }
        assertThat(checked).as("symbols compared").isPositive();
        assertThat(ours.relocations()).as("these sources resolve everything").isEmpty();
    }

    private static final Pattern HEADER = Pattern.compile(
            "^\\s*\\d+\\s+(\\S+)\\s+([0-9a-f]+)\\s+[0-9a-f]+\\s+[0-9a-f]+\\s+[0-9a-f]+\\s+2\\*\\*(\\d+)", Pattern.MULTILINE);

    /** Section name -> {size, alignment} from {@code objdump -h}. */
    private static Map<String, long[]> sectionHeaders(String text) {
        Map<String, long[]> m = new HashMap<>();
        Matcher x = HEADER.matcher(text);
        while (x.find()) {
            m.put(x.group(1), new long[] {Long.parseLong(x.group(2), 16), 1L << Integer.parseInt(x.group(3))});
        }
        return m;
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of(cmd));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " timed out");
        }
        assertThat(p.exitValue()).as(String.join(" ", cmd) + " failed:\n" + out).isZero();
        return out;
    }
}
