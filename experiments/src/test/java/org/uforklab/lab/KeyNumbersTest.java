package org.uforklab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Key numbers: immutable, validated, and published as the JSON object the notebook runner reads. */
class KeyNumbersTest {

    @Test
    void collectsInOrderWithoutChangingTheOriginal() {
        KeyNumbers a = KeyNumbers.of("copa.latency_us", 149.55, "µs");
        KeyNumbers b = a.and("pages", 3).and(KeyNumbers.of("x:y-z", -0.5));
        assertThat(a.size()).isEqualTo(1);
        assertThat(b.keys()).extracting(KeyNumbers.Key::name).containsExactly("copa.latency_us", "pages", "x:y-z");
        assertThat(b.get("pages")).isEqualTo(3.0);
        assertThat(b.toString()).isEqualTo("key numbers: copa.latency_us = 149.55 µs, pages = 3, x:y-z = -0.5");
        assertThat(KeyNumbers.none().toString()).isEqualTo("key numbers: (none)");
    }

    @Test
    void formatsCountsWithSeparatorsAndFractionsCompactly() {
        assertThat(new KeyNumbers.Key("a", 1_234_567, "").formatted()).isEqualTo("1,234,567");
        assertThat(new KeyNumbers.Key("a", 2.7108, "").formatted()).isEqualTo("2.7108");
        assertThat(new KeyNumbers.Key("a", 100.0 / 3, "").formatted()).isEqualTo("33.3333");
        assertThat(new KeyNumbers.Key("a", 1.25e-7, "").formatted()).isEqualTo("1.25e-07");
    }

    @Test
    void rejectsBadNamesRepeatsAndValuesThatCannotBeCompared() {
        assertThatThrownBy(() -> KeyNumbers.of("has space", 1)).hasMessageContaining("'has space'");
        assertThatThrownBy(() -> KeyNumbers.of("", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyNumbers.of("nan", Double.NaN)).hasMessageContaining("'nan' is NaN");
        assertThatThrownBy(() -> KeyNumbers.of("a", 1).and("a", 2)).hasMessageContaining("'a' is already set to 1");
        assertThatThrownBy(() -> KeyNumbers.of("a", 1).get("b")).hasMessageContaining("there are: a");
    }

    @Test
    void publishesNameValueAndUnitAsJson() {
        KeyNumbers k = KeyNumbers.of("lat", 2.5, "µs").and("n", 1).and("tiny", 1e-20, "a\\b \"q\"");
        assertThat(k.toJson()).isEqualTo("{\"lat\": {\"value\": 2.5, \"unit\": \"µs\"}, \"n\": {\"value\": 1.0, \"unit\": \"\"}, "
                + "\"tiny\": {\"value\": 1.0E-20, \"unit\": \"a\\\\b \\\"q\\\"\"}}");
        Map<String, Map<String, Object>> json = k.asJsonObject();
        assertThat(json.keySet()).containsExactly("lat", "n", "tiny");
        assertThat(json.get("lat")).containsEntry("value", 2.5).containsEntry("unit", "µs");
        assertThat(k.table().rows()).containsExactly(List.of("lat", "2.5", "µs"), List.of("n", "1", ""), List.of("tiny", "1e-20", "a\\b \"q\""));
    }
}
