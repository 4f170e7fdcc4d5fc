package org.uforklab.kernel.magic;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.uforklab.kernel.display.Html;
import org.uforklab.kernel.display.Markdown;
import org.uforklab.kernel.display.HtmlTable;
import org.uforklab.kernel.exec.CellValue;
import org.uforklab.kernel.exec.Variable;

/** The standard magics: %lsmagic, %time/%%time, %classpath, %load, %%html, %%markdown, %vars. */
public final class StandardMagics {

    /** Longest value shown by %vars before it is cut. */
    static final int MAX_VALUE_CHARS = 80;

    private StandardMagics() {
    }

    /** Registers all of them in {@code m}. */
    public static void registerAll(Magics m) {
        m.line("lsmagic", "list the magics", (r, args) -> lsmagic(r.magics()));
        m.line("time", "%time EXPR: run one line of Java, print wall and CPU time", (r, args) -> time(r, args));
        m.cell("time", "%%time: run the cell, print wall and CPU time", (r, args, body) -> time(r, body));
        m.line("classpath", "%classpath [PATH|GLOB ...]: show the class path, or add jars/directories to it",
                StandardMagics::classpath);
        m.line("load", "%load FILE: run a .jsh/.java file or the code cells of a .ipynb notebook",
                StandardMagics::load);
        m.cell("html", "%%html: show the cell as HTML", (r, args, body) -> Html.of(body));
        m.cell("markdown", "%%markdown: show the cell as Markdown", (r, args, body) -> new Markdown(body));
        m.line("vars", "list the variables defined in the notebook", (r, args) -> vars(r));
    }

    static HtmlTable lsmagic(Magics magics) {
        HtmlTable t = new HtmlTable("Magics", "magic", "what it does");
        magics.descriptions().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> t.row(e.getKey(), e.getValue()));
        return t.maxRows(1000);
    }

    static CellValue time(CellRunner r, String code) throws Exception {
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        CellValue v;
        try {
            v = r.run(code, 0, "%time");
        } finally {
            long wall = System.nanoTime() - t0;
            long cpu = processCpuNanos() - cpu0;
            PrintStream out = System.out;
            out.println("CPU time (process): " + formatNanos(cpu) + ", Wall time: " + formatNanos(wall));
            out.flush();
        }
        return v;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** "12.3 ms", "1.52 s", "850 µs". */
    static String formatNanos(long nanos) {
        if (nanos >= 1_000_000_000L) {
            return String.format(java.util.Locale.ROOT, "%.2f s", nanos / 1e9);
        }
        if (nanos >= 1_000_000L) {
            return String.format(java.util.Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(java.util.Locale.ROOT, "%d µs", nanos / 1000);
    }

    static Object classpath(CellRunner r, String args) throws Exception {
        if (args.isBlank()) {
            return String.join("\n", r.evaluator().classPath());
        }
        List<String> added = new ArrayList<>();
        for (String arg : args.trim().split("\\s+")) {
            List<Path> paths = expand(r.workingDirectory(), arg);
            if (paths.isEmpty()) {
                throw new MagicException("%classpath: nothing matches " + arg + " (relative to " + r.workingDirectory() + ")");
            }
            for (Path p : paths) {
                r.evaluator().addToClasspath(p.toString());
                added.add(p.toString());
            }
        }
        System.out.println("added to the class path: " + String.join(", ", added));
        return null;
    }

    /** A path, or a glob in its last segment ({@code lib/*.jar}), resolved against {@code base}. */
    static List<Path> expand(Path base, String arg) throws IOException {
        Path p = base.resolve(arg.replace("~", System.getProperty("user.home"))).normalize();
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        if (!name.contains("*") && !name.contains("?")) {
            return Files.exists(p) ? List.of(p) : List.of();
        }
        List<Path> out = new ArrayList<>();
        Path dir = p.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, name)) {
            ds.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    static CellValue load(CellRunner r, String args) throws Exception {
        if (args.isBlank()) {
            throw new MagicException("%load needs a file: %load path/to/file.jsh");
        }
        Path file = r.workingDirectory().resolve(args.strip()).normalize();
        if (!Files.isRegularFile(file)) {
            throw new MagicException("%load: no such file " + file);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String label = "File " + file.getFileName();
        if (!file.toString().endsWith(".ipynb")) {
            return r.run(text, 0, label);
        }
        CellValue last = CellValue.NONE;
        int n = 0;
        for (String code : notebookCodeCells(text, file)) {
            n++;
            last = r.run(code, 0, label + " cell " + n);
        }
        return last;
    }

    /** The sources of the code cells of a notebook, in order. */
    static List<String> notebookCodeCells(String json, Path file) throws MagicException {
        List<String> out = new ArrayList<>();
        try {
            JsonObject nb = JsonParser.parseString(json).getAsJsonObject();
            for (JsonElement c : nb.getAsJsonArray("cells")) {
                JsonObject cell = c.getAsJsonObject();
                if (!"code".equals(cell.get("cell_type").getAsString())) {
                    continue;
                }
                JsonElement src = cell.get("source");
                if (src.isJsonArray()) {
                    StringBuilder sb = new StringBuilder();
                    for (JsonElement line : (JsonArray) src) {
                        sb.append(line.getAsString());
                    }
                    out.add(sb.toString());
                } else {
                    out.add(src.getAsString());
                }
            }
        } catch (RuntimeException e) {
            throw new MagicException("%load: " + file + " is not a notebook (" + e.getMessage() + ")");
        }
        return out;
    }

    static HtmlTable vars(CellRunner r) {
        HtmlTable t = new HtmlTable("Variables", "name", "type", "value");
        for (Variable v : r.evaluator().variables()) {
            String value = v.value();
            if (value.length() > MAX_VALUE_CHARS) {
                value = value.substring(0, MAX_VALUE_CHARS - 1) + "…";
            }
            t.row(v.name(), v.type(), value);
        }
        return t.maxRows(500);
    }
}
