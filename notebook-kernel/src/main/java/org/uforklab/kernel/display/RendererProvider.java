package org.uforklab.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.Renderer;

/**
 * A plug-in that teaches the kernel to render more types, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.uforklab.kernel.display.RendererProvider}). This is how charting and table
 * libraries (Tablesaw tables, Plotly figures with a static SVG fallback) are added without the kernel
 * depending on them: the provider lives beside the library and registers its functions here.
 */
public interface RendererProvider {

    /** Registers render functions ({@code renderer.createRegistration(Type.class).preferring(...).register(...)}). */
    void register(Renderer renderer);
}
