package org.uforklab.kernel.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.uforklab.lab.KeyNumbers;
import org.uforklab.lab.Lab;
import org.uforklab.lab.PageMap;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.stats.Stats;

/** Every bundle carries text/plain; uforklab objects get HTML tables. */
class RenderersTest {

    private final Renderer r = Renderers.create();

    private static String html(DisplayData d) {
        return (String) d.getData(MIMEType.TEXT_HTML);
    }

    private static String text(DisplayData d) {
        return String.valueOf(d.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void capabilityIsAFieldTableAndItsToString() {
        Capability c = Capability.root().setBounds(0x100);
        DisplayData d = r.render(c);
        assertThat(text(d)).isEqualTo(c.toString());
        assertThat(html(d)).contains("<table").contains("permissions").contains("length")
                .contains(Long.toHexString(c.base()));
    }

    @Test
    void statsShowNonZeroCounters() {
        Stats s = new Stats();
        s.counter("mmu.tlb.hits").add(3);
        s.counter("mmu.tlb.misses");
        DisplayData d = r.render(s);
        assertThat(html(d)).contains("mmu.tlb.hits").doesNotContain("mmu.tlb.misses");
        assertThat(text(d)).contains("hits").contains("3");
    }

    @Test
    void labTablesAndPageTablesAreBoundedHtml() {
        Lab lab = Lab.morello();
        lab.mapData(0x4000_0000L, 0x4000);
        DisplayData d = r.render(lab.mappings());
        assertThat(html(d)).contains("<table").contains("0x40000000");
        DisplayData p = r.render(lab.tables());
        assertThat(html(p)).contains("mappings").contains("0x40003000");
        assertThat(text(p)).isEqualTo(lab.tables().toString());
    }

    @Test
    void keyNumbersCarryTheirJsonForTheNotebookRunner() {
        DisplayData d = r.render(KeyNumbers.of("a", 1.5, "µs").and("b", 2));
        Object json = d.getData(MIMEType.parse(KeyNumbers.MIME_TYPE));
        assertThat(json).isEqualTo(java.util.Map.of("a", java.util.Map.of("value", 1.5, "unit", "µs"),
                "b", java.util.Map.of("value", 2.0, "unit", "")));
        assertThat(html(d)).contains("<table").contains("1.5").contains("µs");
        assertThat(text(d)).isEqualTo("key numbers: a = 1.5 µs, b = 2");
    }

    @Test
    void pageMapsArePictures() {
        var u = Lab.ufork();
        var p = u.kernel().launch("fork_heap");
        PageMap m = PageMap.of(u, p);
        DisplayData d = r.render(m);
        assertThat((String) d.getData(MIMEType.IMAGE_SVG)).startsWith("<svg").contains(m.title());
        assertThat(text(d)).isEqualTo(m.toString());
    }

    @Test
    void valueTypesRenderTheirMimeTypes() {
        assertThat(html(r.render(Html.of("<b>x</b>")))).isEqualTo("<b>x</b>");
        assertThat(text(r.render(Html.of("<b>x</b>")))).isEqualTo("x");
        DisplayData md = r.render(new Markdown("# T"));
        assertThat(md.getData(MIMEType.TEXT_MARKDOWN)).isEqualTo("# T");
        assertThat(text(md)).isEqualTo("# T");
        DisplayData b = r.render(MimeBundle.of("plain", "image/svg+xml", "<svg/>"));
        assertThat(b.getData(MIMEType.IMAGE_SVG)).isEqualTo("<svg/>");
        assertThat(text(b)).isEqualTo("plain");
        assertThatThrownBy(() -> new MimeBundle(java.util.Map.of("text/html", "x")))
                .hasMessageContaining("needs text/plain");
    }

    @Test
    void anyObjectGetsTextPlainAndRenderAsPicksTypes() {
        assertThat(text(r.render(List.of(1, 2)))).isEqualTo("[1, 2]");
        DisplayData only = r.renderAs(Html.of("<i>y</i>"), "text/html");
        assertThat(html(only)).isEqualTo("<i>y</i>");
    }

    @Test
    void providersAreListed() {
        List<String> loaded = new java.util.ArrayList<>();
        Renderers.create(getClass().getClassLoader(), loaded);
        assertThat(loaded).contains(UforklabRenderers.class.getName());
    }
}
