package org.uforklab.experiments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The µFork paper's evaluation data, loaded from {@code resources/experiments/reference/ufork-paper-figures.csv}
 * (provenance in {@code PROVENANCE.md} beside it).
 */
public final class PaperData {
    /** The resource holding the data. */
    public static final String RESOURCE = "/experiments/reference/ufork-paper-figures.csv";
    /** The CSV header this loader expects. */
    public static final String HEADER = "figure,metric,system,x,x_unit,value,unit,basis";

    private final List<PaperPoint> points;

    private PaperData(List<PaperPoint> points) {
        this.points = List.copyOf(points);
    }

    /** The shipped data. */
    public static PaperData load() {
        try (InputStream in = PaperData.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses CSV text with {@link #HEADER}.
     *
     * @throws IllegalArgumentException naming the source and line of a malformed row
     */
    public static PaperData parse(String csv, String source) {
        List<String> lines = csv.lines().toList();
        if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
            throw new IllegalArgumentException(source + ":1: expected header '" + HEADER + "'");
        }
        List<PaperPoint> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 8) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": expected 8 fields, found " + f.length + ": " + line);
            }
            double v;
            try {
                v = Double.parseDouble(f[5]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": value '" + f[5] + "' is not a number");
            }
            out.add(new PaperPoint(f[0], f[1], f[2], f[3], f[4], v, f[6], f[7]));
        }
        return new PaperData(out);
    }

    /** Every point, in file order. */
    public List<PaperPoint> points() {
        return points;
    }

    /** The points of one figure. */
    public List<PaperPoint> figure(String figure) {
        return points.stream().filter(p -> p.figure().equals(figure)).toList();
    }

    /** The points of one figure and metric. */
    public List<PaperPoint> of(String figure, String metric) {
        return points.stream().filter(p -> p.figure().equals(figure) && p.metric().equals(metric)).toList();
    }

    /** The point for (figure, metric, series, x), if the paper has one. */
    public Optional<PaperPoint> find(String figure, String metric, String series, String x) {
        return points.stream().filter(p -> p.figure().equals(figure) && p.metric().equals(metric) && p.series().equals(series)
                && p.x().equals(x)).findFirst();
    }

    /** The figures, in file order. */
    public List<String> figures() {
        return List.copyOf(new LinkedHashSet<>(points.stream().map(PaperPoint::figure).toList()));
    }

    @Override
    public String toString() {
        return "PaperData(" + points.size() + " points, figures " + figures() + ")";
    }
}
