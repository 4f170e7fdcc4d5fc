package org.uforklab.kernel.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtmlTableTest {

    @Test
    void smallTableIsRenderedWhole() {
        HtmlTable t = new HtmlTable("caps", "name", "n").row("a<b", 1).row("c", 22);
        assertThat(t.toHtml()).contains("<caption style=\"text-align:left\"><b>caps</b></caption>")
                .contains("<td style=\"text-align:left\">a&lt;b</td><td style=\"text-align:right\">1</td>");
        assertThat(t.toText()).isEqualTo("""
                caps
                name   n
                a<b    1
                c     22""");
    }

    @Test
    void largeTableKeepsHeadAndTailWithANote() {
        HtmlTable t = new HtmlTable("", "i").maxRows(4);
        for (int i = 0; i < 1000; i++) {
            t.row(i);
        }
        String html = t.toHtml();
        assertThat(html).contains(">0<").contains(">1<").contains(">998<").contains(">999<")
                .doesNotContain(">2<").doesNotContain(">997<")
                .contains("… 996 more rows (1000 in all)");
        assertThat(t.toText().lines().count()).isEqualTo(6); // header, 2 head rows, note, 2 tail rows
        assertThat(t.size()).isEqualTo(1000);
    }

    @Test
    void badRowsAreRejectedWithTheColumns() {
        assertThatThrownBy(() -> new HtmlTable("", "a", "b").row(1))
                .hasMessageContaining("row has 1 cells, table has 2 columns [a, b]");
        assertThatThrownBy(() -> new HtmlTable("", "a").maxRows(1)).hasMessageContaining("at least 2");
    }
}
