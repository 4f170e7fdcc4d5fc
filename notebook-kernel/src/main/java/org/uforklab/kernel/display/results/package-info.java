/**
 * Display of results: Tablesaw tables as bounded HTML, Plotly figures as interactive HTML that works offline
 * (plotly.js inlined once per kernel session) with a static SVG beside it, and experiment results as their table
 * and charts; registered through the kernel's {@link org.uforklab.kernel.display.RendererProvider} hook.
 */
package org.uforklab.kernel.display.results;
