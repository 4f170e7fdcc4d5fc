package org.uforklab.kernel.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProgressTest {

    /** Records displays and updates as text. */
    static final class Recorder implements DisplaySink {
        final List<String> shown = new ArrayList<>();
        final List<String> updates = new ArrayList<>();

        @Override
        public String display(Object value) {
            shown.add(value.toString());
            return "d" + shown.size();
        }

        @Override
        public void update(String id, Object value) {
            updates.add(id + ":" + value);
        }
    }

    @Test
    void oneDisplayThrottledUpdatesAndAFinalState() {
        Recorder rec = new Recorder();
        Progress p = new Progress(rec, "sweep", 1000);
        assertThat(rec.shown).containsExactly("sweep [....................] 0/1000 (0%)");
        for (int i = 0; i < 999; i++) {
            p.step();
        }
        assertThat(rec.updates.size()).isLessThan(50); // a tight loop is not one message per step
        p.step();
        assertThat(rec.updates.get(rec.updates.size() - 1)).isEqualTo("d1:sweep [####################] 1000/1000 (100%)");
        assertThat(p.toHtml()).contains("<progress value=\"1000\" max=\"1000\"");
    }

    @Test
    void messageAndClampingAndBadTotal() {
        Recorder rec = new Recorder();
        Progress p = new Progress(rec, "x", 4).set(9).message("done!");
        assertThat(p.current()).isEqualTo(4);
        assertThat(p.toString()).endsWith("4/4 (100%) done!");
        assertThatThrownBy(() -> new Progress(rec, "x", 0)).hasMessageContaining("at least 1");
    }
}
