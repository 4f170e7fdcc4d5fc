package org.uforklab.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParametersTest {
    private final List<Parameter> def = List.of(new Parameter("sizes", "0,1k,10MiB", "sizes"), new Parameter("n", "1e6", "n"),
            new Parameter("mode", "a,b", "modes"));

    @Test
    void defaultsParseWithSuffixes() {
        Parameters p = Parameters.defaults(def);
        assertThat(p.getLongs("sizes")).containsExactly(0L, 1000L, 10L << 20);
        assertThat(p.getLong("n")).isEqualTo(1_000_000);
        assertThat(p.getList("mode")).containsExactly("a", "b");
    }

    @Test
    void settingsOverrideAndAreChecked() {
        Parameters p = Parameters.defaults(def).with(List.of("n=1_000", "mode = c"));
        assertThat(p.getLong("n")).isEqualTo(1000);
        assertThat(p.get("mode")).isEqualTo("c");
        assertThat(p.toString()).isEqualTo("sizes=0,1k,10MiB n=1_000 mode=c");
        assertThatThrownBy(() -> p.with(List.of("nope=1"))).hasMessageContaining("unknown parameter 'nope'");
        assertThatThrownBy(() -> p.with(List.of("n"))).hasMessageContaining("not key=value");
        assertThatThrownBy(() -> p.with(List.of("n=1.5")).getLong("n")).hasMessageContaining("'1.5' is not an integer");
    }

    @Test
    void datasetsSplitIntoEqualValues() {
        assertThat(Dataset.of(0, 100_000)).isEqualTo(new Dataset(0, 0, 0));
        assertThat(Dataset.of(1000, 100_000)).isEqualTo(new Dataset(1000, 1, 1000));
        assertThat(Dataset.of(100_000_000, 100_000)).isEqualTo(new Dataset(100_000_000, 1000, 100_000));
        assertThat(Dataset.of(250_000, 100_000)).isEqualTo(new Dataset(250_000, 3, 83_333));
    }
}
