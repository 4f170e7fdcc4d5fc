package org.uforklab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager.ResultFlag;
import org.junit.jupiter.api.Test;

class CellHistoryTest {

    private final Set<ResultFlag> none = EnumSet.noneOf(ResultFlag.class);

    private CellHistory sample() {
        CellHistory h = new CellHistory();
        h.add(1, "int a = 1;", null);
        h.add(2, "6 * 7", "42");
        h.add(3, "6 * 7", "42");
        h.add(4, "a + 1", "2");
        return h;
    }

    @Test
    void tailRangeAndSearch() {
        CellHistory h = sample();
        assertThat(h.lookupTail(2, none)).extracting(HistoryEntry::getCellNumber).containsExactly(3, 4);
        assertThat(h.lookupRange(CellHistory.SESSION, 2, 4, none)).extracting(HistoryEntry::getCellNumber)
                .containsExactly(2, 3);
        assertThat(h.search("6 *", 10, none)).hasSize(2);
        assertThat(h.search("6 *", 10, EnumSet.of(ResultFlag.UNIQUE))).hasSize(1);
        assertThat(h.search("*", 3, none)).extracting(HistoryEntry::getCellNumber).containsExactly(2, 3, 4);
        assertThat(h.search("a?+*", 10, none)).extracting(HistoryEntry::getInput).containsExactly("a + 1");
    }

    @Test
    void outputOnlyWhenAsked() {
        CellHistory h = sample();
        assertThat(h.lookupTail(1, none).get(0).hasOutput()).isFalse();
        HistoryEntry e = h.lookupTail(1, EnumSet.of(ResultFlag.INCLUDE_OUTPUT)).get(0);
        assertThat(e.getOutput()).isEqualTo("2");
    }

    @Test
    void repliesUseTheProtocolTuples() {
        CellHistory h = sample();
        var rows = new Replies.History(h.lookupTail(1, EnumSet.of(ResultFlag.INCLUDE_OUTPUT))).rows();
        assertThat(rows).containsExactly(java.util.List.of(1, 4, java.util.List.of("a + 1", "2")));
    }
}
