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

    @Test
    void aGapCountsRowsLeftOutOfTheSourceAndAlignRightIsKept() {
        HtmlTable t = new HtmlTable("", "k", "v").alignRight(1);
        t.row("a", "1.5").row("b", "2");
        t.gap(996);
        t.row("y", "3").row("z", "4");
        String html = t.toHtml();
        assertThat(html.indexOf(">b<")).isLessThan(html.indexOf("… 996 more rows (1000 in all)"));
        assertThat(html.indexOf("… 996 more rows")).isLessThan(html.indexOf(">y<"));
        assertThat(html).contains("<td style=\"text-align:right\">1.5</td>").contains("<td style=\"text-align:left\">a</td>");
        assertThat(t.toText()).isEqualTo("k    v\na  1.5\nb    2\n… 996 more rows (1000 in all)\ny    3\nz    4");
        HtmlTable end = new HtmlTable("", "k").row("a").gap(5);
        assertThat(end.toText()).endsWith("a\n… 5 more rows (6 in all)");
        assertThat(new HtmlTable("", "k").row("a").gap(0).toHtml()).doesNotContain("more rows");
        assertThatThrownBy(() -> end.gap(1)).hasMessageContaining("at most one gap");
        assertThatThrownBy(() -> new HtmlTable("", "k").alignRight(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
