package org.uforklab.kernel.display;

import java.util.Map;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.uforklab.lab.KeyNumbers;
import org.uforklab.lab.PageMap;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.ObjectType;
import org.uforklab.machine.cap.Perm;
import org.uforklab.machine.mmu.Mapping;
import org.uforklab.machine.mmu.PageTables;
import org.uforklab.machine.stats.Stats;

/**
 * HTML tables for the library's objects: a capability's fields, a page table's mappings, a stats tree's
 * counters, the Lab facade's tables; {@link KeyNumbers} as a table plus {@value KeyNumbers#MIME_TYPE} (what the
 * notebook runner compares with a notebook's expectations); a {@link PageMap} as its SVG picture. The text/plain form is the object's own {@code toString} (or dump), as in a JShell REPL.
 */
public final class UforklabRenderers implements RendererProvider {

    /** Mappings shown in a page-table display before the rest is summarised. */
    static final int MAX_MAPPINGS = 64;

    @Override
    public void register(Renderer r) {
        r.createRegistration(Capability.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((c, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> capability(c).toHtml());
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, c::toString);
                });
        r.createRegistration(PageTables.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((p, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> pageTables(p).toHtml());
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, p::toString);
                });
        r.createRegistration(Mapping.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((m, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> mappings("mapping", java.util.List.of(m)).toHtml());
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, m::toString);
                });
        r.createRegistration(org.uforklab.lab.display.Table.class).preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN).register((t, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> labTable(t).toHtml());
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, t::toString);
                });
        MIMEType keys = MIMEType.parse(KeyNumbers.MIME_TYPE);
        r.createRegistration(KeyNumbers.class).preferring(MIMEType.TEXT_HTML, keys).supporting(MIMEType.TEXT_PLAIN)
                .register((k, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> labTable(k.table()).toHtml());
                    ctx.renderIfRequested(keys, k::asJsonObject);
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, k::toString);
                });
        r.createRegistration(PageMap.class).preferring(MIMEType.IMAGE_SVG).supporting(MIMEType.TEXT_PLAIN)
                .register((m, ctx) -> {
                    ctx.renderIfRequested(MIMEType.IMAGE_SVG, m::toSvg);
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, m::toString);
                });
        r.createRegistration(Stats.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((s, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> stats(s).toHtml());
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> s.dump(true));
                });
    }

    /** A capability as a field/value table. */
    public static HtmlTable capability(Capability c) {
        HtmlTable t = new HtmlTable("Capability " + c, "field", "value");
        t.row("tag", c.isTagged() ? "valid" : "cleared");
        t.row("value (address)", hex(c.value()));
        t.row("permissions", Perm.toLetters(c.perms()) + "  (0x" + Integer.toHexString(c.perms()) + ")");
        if (c.boundsValid()) {
            t.row("base", hex(c.base()));
            t.row("top", c.top().toString());
            t.row("length", c.length().toString());
            t.row("offset", hex(c.offset()));
            t.row("address in bounds", c.addressInBounds());
        } else {
            t.row("bounds", "invalid (exponent " + c.exponent() + ")");
        }
        t.row("object type", c.otype() == ObjectType.UNSEALED ? "unsealed" : ObjectType.name(c.otype()));
        t.row("flags", "0x" + Integer.toHexString(c.flags()));
        t.row("exponent", c.exponent() + (c.isInternalExponent() ? " (internal)" : ""));
        t.row("pesbt", hex(c.pesbt()));
        return t;
    }

    /** A page table's leaf mappings, bounded. */
    public static HtmlTable pageTables(PageTables p) {
        HtmlTable t = mappings("Page tables at " + hex(p.root()) + ": " + p.mappings().size() + " mappings, "
                + p.tablesAllocated() + " tables", p.mappings());
        return t.maxRows(MAX_MAPPINGS);
    }

    private static HtmlTable mappings(String caption, java.util.List<Mapping> list) {
        HtmlTable t = new HtmlTable(caption, "VA", "PA", "size", "level", "attributes");
        for (Mapping m : list) {
            t.row(hex(m.va()), hex(m.pa()), m.size() >= 1 << 20 ? (m.size() >> 20) + " MiB" : (m.size() >> 10) + " KiB",
                    m.level(), m.attributes().toString());
        }
        return t;
    }

    /** A table of the Lab facade ({@code lab.mappings()}, {@code lab.stats()}) as bounded HTML. */
    public static HtmlTable labTable(org.uforklab.lab.display.Table t) {
        HtmlTable h = new HtmlTable(t.title(), t.columns().toArray(String[]::new));
        for (java.util.List<Object> row : t.rows()) {
            h.row(row.toArray());
        }
        return h;
    }

    /** The non-zero counters of a stats tree. */
    public static HtmlTable stats(Stats s) {
        Map<String, Long> snap = s.snapshot();
        HtmlTable t = new HtmlTable("Stats" + (s.prefix().isEmpty() ? "" : " " + s.prefix()), "counter", "value");
        snap.forEach((k, v) -> {
            if (v != 0) {
                t.row(k, v);
            }
        });
        return t.maxRows(200);
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
