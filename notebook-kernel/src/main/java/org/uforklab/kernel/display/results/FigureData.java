package org.uforklab.kernel.display.results;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.uforklab.experiments.ChartData;
import org.uforklab.experiments.ChartSpec;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Reads the points of a tablesaw-jsplot {@link Figure} back as a {@link ChartData}, so that any figure (not only
 * the experiments' charts) gets a static SVG from {@link org.uforklab.experiments.SvgChart}. Scatter and line
 * traces with numeric y are understood; other trace types (bars, pies, heatmaps...) are not, and then there is
 * no SVG. tablesaw-jsplot keeps a trace's data and a layout's axes in private fields without getters, so they
 * are read reflectively (tablesaw is on the class path, in the unnamed module, so this is permitted).
 */
public final class FigureData {

    private FigureData() {
    }

    /** The figure's lines, or empty when a trace is not a scatter/line of numbers or the fields cannot be read. */
    public static Optional<ChartData> of(Figure figure) {
        try {
            Trace[] traces = figure.getTraces();
            if (traces == null || traces.length == 0) {
                return Optional.empty();
            }
            List<Object[]> xs = new ArrayList<>();
            List<Object[]> ys = new ArrayList<>();
            for (Trace t : traces) {
                if (!(t instanceof ScatterTrace)) {
                    return Optional.empty();
                }
                Object[] x = (Object[]) field(ScatterTrace.class, t, "x");
                Object[] y = (Object[]) field(ScatterTrace.class, t, "y");
                if (x == null || y == null || x.length != y.length) {
                    return Optional.empty();
                }
                for (Object v : y) {
                    if (v != null && !(v instanceof Number)) {
                        return Optional.empty();
                    }
                }
                xs.add(x);
                ys.add(y);
            }
            boolean categorical = xs.stream().flatMap(Arrays::stream).anyMatch(v -> v != null && !(v instanceof Number));
            List<String> labels = categorical
                    ? new ArrayList<>(new LinkedHashSet<>(xs.stream().flatMap(Arrays::stream).filter(Objects::nonNull).map(String::valueOf).toList()))
                    : List.of();
            List<ChartData.Series> series = new ArrayList<>();
            for (int i = 0; i < traces.length; i++) {
                List<double[]> points = new ArrayList<>();
                Object[] x = xs.get(i);
                Object[] y = ys.get(i);
                for (int k = 0; k < x.length; k++) {
                    if (y[k] == null || x[k] == null || Double.isNaN(((Number) y[k]).doubleValue())) {
                        continue;
                    }
                    double px = categorical ? labels.indexOf(String.valueOf(x[k])) : ((Number) x[k]).doubleValue();
                    points.add(new double[] {px, ((Number) y[k]).doubleValue()});
                }
                String name = traces[i].name();
                series.add(new ChartData.Series(name == null || name.isBlank() ? "trace " + i : name, false, points));
            }
            Layout layout = figure.getLayout();
            Axis xAxis = layout == null ? null : (Axis) field(Layout.class, layout, "xAxis");
            Axis yAxis = layout == null ? null : (Axis) field(Layout.class, layout, "yAxis");
            String title = layout == null || layout.getTitle() == null ? "" : layout.getTitle();
            ChartSpec spec = new ChartSpec("figure", title, axisTitle(xAxis), axisTitle(yAxis), isLog(xAxis), isLog(yAxis));
            return Optional.of(new ChartData(spec, series, labels));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a tablesaw version with other field names, or a module boundary: the figure just has no SVG
            return Optional.empty();
        }
    }

    private static String axisTitle(Axis axis) throws ReflectiveOperationException {
        Object t = axis == null ? null : field(Axis.class, axis, "title");
        return t == null ? "" : t.toString();
    }

    private static boolean isLog(Axis axis) throws ReflectiveOperationException {
        Object type = axis == null ? null : field(Axis.class, axis, "type");
        return type == Axis.Type.LOG;
    }

    private static Object field(Class<?> owner, Object target, String name) throws ReflectiveOperationException {
        Field f = owner.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(target);
    }
}
