package org.uforklab.lab.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void rendersAlignedWithNumbersOnTheRight() {
        Table t = Table.builder("name", "value", "addr").title("counters")
                .row("walks", 4L, Hex.of(0x41_0000))
                .row("tlb.misses", 12_345L, Hex.of(0x8000_0000L))
                .build();
        assertThat(t.toString()).isEqualTo("""
                counters
                name         value        addr
                ----------  ------  ----------
                walks            4    0x410000
                tlb.misses  12,345  0x80000000
                """);
    }

    @Test
    void printsAHeadAndACount() {
        Table.Builder b = Table.builder("i", "square");
        IntStream.range(0, 10_000).forEach(i -> b.row(i, (long) i * i));
        Table t = b.build();
        String text = t.toString();
        assertThat(text.lines().count()).isEqualTo(2 + Table.DEFAULT_HEAD + 1);
        assertThat(text).endsWith("... 9,980 more rows (10,000 in all)\n");
        assertThat(t.render(1)).endsWith("0\n... 9,999 more rows (10,000 in all)\n");
        assertThat(t.renderAll().lines().count()).isEqualTo(10_002);
        assertThat(t.head(3).size()).isEqualTo(3);
    }

    @Test
    void emptyTablesSaySo() {
        assertThat(Table.builder("a").build().toString()).isEqualTo("a\n-\n(no rows)\n");
    }

    @Test
    void longAndMultiLineCellsAreCut() {
        Table t = Table.builder("text").row("x".repeat(200)).row("first\nsecond").build();
        List<String> lines = t.toString().lines().toList();
        assertThat(lines.get(2)).hasSize(TextTable.MAX_CELL).endsWith("...");
        assertThat(lines.get(3)).isEqualTo("first ...");
    }

    @Test
    void fromItemsAndCellAccess() {
        Table t = Table.of(List.of("a", "bb"), List.of("s", "len"), s -> s, String::length);
        assertThat(t.get(1, "len")).isEqualTo(2);
        assertThatThrownBy(() -> t.get(0, "nope")).hasMessage("no column 'nope' (columns: s, len)");
        assertThatThrownBy(() -> Table.builder("a", "b").row(1)).hasMessage("row 0 has 1 cells, the table has 2 columns (a, b)");
    }

    @Test
    void hexIsUnsigned() {
        assertThat(Hex.of(-1L).toString()).isEqualTo("0xffffffffffffffff");
        assertThat(Hex.of(-1L).compareTo(Hex.of(1))).isPositive();
    }
}
