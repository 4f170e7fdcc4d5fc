package org.uforklab.machine.asm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.uforklab.machine.asm.Asm.assemble;

class ExpressionTest {

    private static long value(String expr) {
        ObjectFile o = assemble(".data\n.quad " + expr + "\n");
        return o.requireSection(".data").u64(0);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            // GNU precedence: * / % << >> bind tighter than | & ^ !, which bind tighter than + - and comparisons.
            "2 * 3 + 1 << 2; 10",
            "1 + 2 & 3; 3",
            "(1 + 2) & 3; 3",
            "4 | 1 + 2; 7",
            "1 + 6 ^ 3 * 1; 6",
            "8 - 4 - 2; 2",
            "64 / 4 / 2; 8",
            "17 % 5; 2",
            "-17 / 5; -3",
            "-17 % 5; -2",
            "1 << 4 >> 2; 4",
            "-1 >> 60; 15",
            "~0 ^ 0xf0; -241",
            "5 ! 1; -1",
            "-(3 + 4); -7",
            "- - 3; 3",
            "+5; 5",
            "!0; 1",
            "!7; 0",
            "3 < 4; -1",
            "3 > 4; 0",
            "3 <= 3; -1",
            "3 >= 4; 0",
            "3 == 3; -1",
            "3 != 3; 0",
            "3 <> 4; -1",
            "1 && 2; 1",
            "0 || 0; 0",
            "1 + 1 == 2 && 2; 1",
            "0x10 + 0X0f; 31",
            "0b101; 5",
            "010; 8",
            "0; 0",
            "'a; 97",
            "'a'; 97",
            "'\\n'; 10",
            "0xffffffffffffffff; -1",
            "((((1)))); 1",
    })
    void gnuPrecedenceAndNumbers(String expr, long expected) {
        assertThat(value(expr)).isEqualTo(expected);
    }

    @Test
    void symbolsAndEqu() {
        ObjectFile o = assemble("""
                .equ SIZE, 16
                .set COUNT, SIZE / 4
                LIMIT = COUNT * 3 + 1
                .data
                .quad SIZE, COUNT, LIMIT
                .set COUNT, COUNT + 1
                .quad COUNT
                """);
        var d = o.requireSection(".data");
        assertThat(d.u64(0)).isEqualTo(16);
        assertThat(d.u64(8)).isEqualTo(4);
        assertThat(d.u64(16)).isEqualTo(13);
        assertThat(d.u64(24)).isEqualTo(5);
        assertThat(o.requireSymbol("SIZE").isAbsolute()).isTrue();
        assertThat(o.requireSymbol("LIMIT").value()).isEqualTo(13);
    }

    @Test
    void differencesOfLabelsInOneSectionAreConstants() {
        ObjectFile o = assemble("""
                .data
                start:
                .quad end - start
                .word . - start
                .byte 1
                .balign 4
                end:
                .equ LEN, end - start
                .byte LEN
                """);
        var d = o.requireSection(".data");
        assertThat(d.u64(0)).isEqualTo(16);
        assertThat(d.u32(8)).isEqualTo(8);
        assertThat(d.u8(16)).isEqualTo(16);
        assertThat(o.relocations()).isEmpty();
    }

    @Test
    void equMayNameLabelsDefinedLater() {
        ObjectFile o = assemble("""
                .equ LEN, end - start
                .data
                .quad LEN
                start: .space 12
                end:
                """);
        assertThat(o.requireSection(".data").u64(0)).isEqualTo(12);
        assertThat(o.requireSymbol("LEN").value()).isEqualTo(12);
    }

    @Test
    void dotIsTheLocationOfTheDirective() {
        ObjectFile o = assemble(".data\n.space 4\nhere: .word here - . , . - here\n");
        var d = o.requireSection(".data");
        assertThat(d.u32(4)).isEqualTo(0);
        assertThat(d.u32(8)).isEqualTo(4);
    }
}
