// Run a small experiment, print its result as a bounded table and write its charts (HTML + SVG).
// Run: ./uforklab repl repl/examples/chart.jsh   (the full sweep is: ./uforklab run kvstore-populate)
var r = Lab.run("kvstore-populate", "sizes=0,1e5,1e6", "layouts=compact");
r

// Each chart is written as an interactive Plotly page (offline) and a static SVG; their paths are printed.
var charts = Charts.show(r);
charts.size()
r.rows("populate_time").size()
