package org.uforklab.kernel.display.results;

import java.util.List;
import java.util.Optional;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.uforklab.experiments.ChartData;
import org.uforklab.experiments.ExperimentResult;
import org.uforklab.experiments.PlotlyChart;
import org.uforklab.experiments.SvgChart;
import org.uforklab.kernel.display.Escape;
import org.uforklab.kernel.display.RendererProvider;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * Renders results (registered through {@code META-INF/services}): Tablesaw tables as bounded HTML; Plotly
 * figures and the experiments' charts ({@link ChartData}) as interactive HTML with plotly.js inlined once per
 * session (by this provider's {@link PlotlyLoader}) plus {@code image/svg+xml}; an {@link ExperimentResult} as
 * its title, notes, table and charts, with all its charts stacked in the SVG. Every bundle has text/plain.
 */
public final class ResultRenderers implements RendererProvider {

    private final PlotlyLoader plotly;

    /** A provider with its own plotly.js loader (one per kernel session). */
    public ResultRenderers() {
        this(new PlotlyLoader());
    }

    /** A provider using {@code plotly} (tests). */
    public ResultRenderers(PlotlyLoader plotly) {
        this.plotly = plotly;
    }

    /** The session's plotly.js loader. */
    public PlotlyLoader plotly() {
        return plotly;
    }

    @Override
    public void register(Renderer r) {
        r.createRegistration(Table.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((t, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> TablesawHtml.of(t).toHtml());
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> TablesawHtml.of(t).toText());
                });
        r.createRegistration(Figure.class).preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_SVG).supporting(MIMEType.TEXT_PLAIN)
                .register((f, ctx) -> {
                    Optional<String> svg = FigureData.of(f).map(SvgChart::render);
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> plotly.once() + PlotlyHtml.chart(f, svg.orElse(null)));
                    if (svg.isPresent()) {
                        ctx.renderIfRequested(MIMEType.IMAGE_SVG, svg::get);
                    }
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> figureText(f, svg.isPresent()));
                });
        r.createRegistration(ChartData.class).preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_SVG).supporting(MIMEType.TEXT_PLAIN)
                .register((d, ctx) -> {
                    String svg = SvgChart.render(d);
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> plotly.once() + PlotlyHtml.chart(PlotlyChart.figure(d), svg));
                    ctx.renderIfRequested(MIMEType.IMAGE_SVG, () -> svg);
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> chartText(d));
                });
        r.createRegistration(ExperimentResult.class).preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_SVG)
                .supporting(MIMEType.TEXT_PLAIN).register((res, ctx) -> {
                    List<ChartData> charts = res.chartData();
                    List<String> svgs = charts.stream().map(SvgChart::render).toList();
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> resultHtml(res, charts, svgs));
                    if (!svgs.isEmpty()) {
                        ctx.renderIfRequested(MIMEType.IMAGE_SVG, () -> SvgStack.of(svgs));
                    }
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, res::toString);
                });
    }

    private String resultHtml(ExperimentResult res, List<ChartData> charts, List<String> svgs) {
        StringBuilder sb = new StringBuilder("<div class=\"uforklab-result\">");
        sb.append("<h4>").append(Escape.html(res.experiment())).append(": ").append(Escape.html(res.title())).append("</h4>");
        for (String n : res.notes()) {
            sb.append("<p><i>note: ").append(Escape.html(n)).append("</i></p>");
        }
        sb.append(TablesawHtml.of(res.table()).toHtml());
        if (!charts.isEmpty()) {
            sb.append(plotly.once());
        }
        for (int i = 0; i < charts.size(); i++) {
            sb.append(PlotlyHtml.chart(PlotlyChart.figure(charts.get(i)), svgs.get(i)));
        }
        return sb.append("</div>").toString();
    }

    private static String figureText(Figure f, boolean hasSvg) {
        String title = f.getLayout() == null || f.getLayout().getTitle() == null ? "" : f.getLayout().getTitle();
        int n = f.getTraces() == null ? 0 : f.getTraces().length;
        return "Figure" + (title.isEmpty() ? "" : " \"" + title + "\"") + " (" + n + " trace" + (n == 1 ? "" : "s")
                + (hasSvg ? "" : "; no static image for these trace types") + ")";
    }

    private static String chartText(ChartData d) {
        return "Chart \"" + d.spec().title() + "\" (" + d.series().size() + " series: "
                + String.join(", ", d.series().stream().map(ChartData.Series::name).toList()) + ")";
    }

    @Override
    public String toString() {
        return "ResultRenderers(" + plotly + ")";
    }
}
