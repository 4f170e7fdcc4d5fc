package org.uforklab.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads an {@link ExperimentResult} as JSON (Jackson). Missing values (NaN) are written as
 * {@code null} so the file is plain JSON; a format version guards against reading a different layout.
 */
public final class ResultJson {
    /** Format version written into every file. */
    public static final int FORMAT = 1;

    private ResultJson() {
    }

    /** A mapper per call: ObjectMapper is configurable, so none is kept in a static field. */
    private static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** The result as JSON text. */
    public static String write(ExperimentResult r) {
        ObjectMapper mapper = mapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        root.put("experiment", r.experiment());
        root.put("title", r.title());
        ArrayNode notes = root.putArray("notes");
        r.notes().forEach(notes::add);
        ArrayNode charts = root.putArray("charts");
        for (ChartSpec c : r.charts()) {
            charts.addObject().put("metric", c.metric()).put("title", c.title()).put("xTitle", c.xTitle())
                    .put("yTitle", c.yTitle()).put("logX", c.logX()).put("logY", c.logY());
        }
        ArrayNode rows = root.putArray("rows");
        for (ResultRow row : r.rows()) {
            ObjectNode o = rows.addObject().put("figure", row.figure()).put("metric", row.metric()).put("series", row.series())
                    .put("x", row.x());
            putNumber(o, "ours", row.ours());
            putNumber(o, "paper", row.paper());
            putNumber(o, "ratio", row.ratio());
            o.put("unit", row.unit());
        }
        Provenance p = r.provenance();
        ObjectNode prov = root.putObject("provenance");
        prov.put("gitCommit", p.gitCommit());
        prov.set("machine", mapper.valueToTree(p.machine()));
        prov.set("costModel", mapper.valueToTree(p.costModel()));
        prov.set("kernel", mapper.valueToTree(p.kernel()));
        prov.set("parameters", mapper.valueToTree(p.parameters()));
        prov.put("seed", p.seed());
        prov.put("software", p.software());
        try {
            return mapper.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    private static void putNumber(ObjectNode o, String name, double v) {
        if (Double.isNaN(v)) {
            o.putNull(name);
        } else {
            o.put(name, v);
        }
    }

    /** Writes the result to {@code file}. */
    public static void write(ExperimentResult r, Path file) throws IOException {
        Files.writeString(file, write(r));
    }

    /** Reads a result written by {@link #write(ExperimentResult, Path)}. */
    public static ExperimentResult read(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    /**
     * Parses JSON text.
     *
     * @throws IllegalArgumentException naming {@code source} and what is missing or malformed
     */
    public static ExperimentResult parse(String json, String source) {
        ObjectMapper mapper = mapper();
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": not a result object");
        }
        if (root.path("format").asInt(-1) != FORMAT) {
            throw new IllegalArgumentException(source + ": result format " + root.path("format") + ", expected " + FORMAT);
        }
        List<String> notes = new ArrayList<>();
        root.path("notes").forEach(n -> notes.add(n.asText()));
        List<ChartSpec> charts = new ArrayList<>();
        for (JsonNode c : root.path("charts")) {
            charts.add(new ChartSpec(text(c, "metric", source), text(c, "title", source), text(c, "xTitle", source),
                    text(c, "yTitle", source), c.path("logX").asBoolean(), c.path("logY").asBoolean()));
        }
        List<ResultRow> rows = new ArrayList<>();
        for (JsonNode o : root.path("rows")) {
            rows.add(new ResultRow(text(o, "figure", source), text(o, "metric", source), text(o, "series", source),
                    text(o, "x", source), number(o, "ours"), number(o, "paper"), text(o, "unit", source)));
        }
        JsonNode p = root.path("provenance");
        Provenance prov = new Provenance(p.path("gitCommit").asText("unknown"), stringMap(p.path("machine")),
                longMap(p.path("costModel")), stringMap(p.path("kernel")), stringMap(p.path("parameters")), p.path("seed").asLong(),
                p.path("software").asText(""));
        return new ExperimentResult(text(root, "experiment", source), root.path("title").asText(""), rows, charts, notes, prov);
    }

    private static String text(JsonNode o, String field, String source) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException(source + ": missing field '" + field + "' in " + o);
        }
        return n.asText();
    }

    private static double number(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }

    private static Map<String, String> stringMap(JsonNode n) {
        Map<String, String> m = new LinkedHashMap<>();
        n.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    private static Map<String, Long> longMap(JsonNode n) {
        Map<String, Long> m = new LinkedHashMap<>();
        n.properties().forEach(e -> m.put(e.getKey(), e.getValue().asLong()));
        return m;
    }
}
