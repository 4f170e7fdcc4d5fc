package org.uforklab.kernel.display;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * The kernel's renderer registry: jjava's {@link Renderer} with the kernel's own value types, the uforklab
 * renderers, and every {@link RendererProvider} on the class path. Every bundle has {@code text/plain}.
 */
public final class Renderers {

    private Renderers() {
    }

    /** A renderer with everything registered; the names of the providers loaded are added to {@code loaded}. */
    public static Renderer create(ClassLoader loader, List<String> loaded) {
        Renderer r = new Renderer();
        registerValueTypes(r);
        new UforklabRenderers().register(r);
        loaded.add(UforklabRenderers.class.getName());
        for (RendererProvider p : ServiceLoader.load(RendererProvider.class, loader)) {
            if (!(p instanceof UforklabRenderers)) {
                p.register(r);
                loaded.add(p.getClass().getName());
            }
        }
        return r;
    }

    /** A renderer with the built-in registrations only (tests). */
    public static Renderer create() {
        return create(Renderers.class.getClassLoader(), new ArrayList<>());
    }

    private static void registerValueTypes(Renderer r) {
        r.createRegistration(Html.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((h, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, h::html);
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, h::plain);
                });
        r.createRegistration(Markdown.class).preferring(MIMEType.TEXT_MARKDOWN).supporting(MIMEType.TEXT_PLAIN)
                .register((m, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_MARKDOWN, m::markdown);
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, m::markdown);
                });
        r.createRegistration(HtmlTable.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((t, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, t::toHtml);
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, t::toText);
                });
        r.createRegistration(Progress.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((p, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, p::toHtml);
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, p::toString);
                });
        r.createRegistration(MimeBundle.class).preferring(MIMEType.ANY).register((b, ctx) ->
                b.data().forEach((type, data) -> ctx.getOutputContainer().putData(type, data)));
    }
}
