package org.uforklab.machine.asm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.uforklab.machine.isa.Encoder;

/** {@link Assembler#withPrelude}: shared macros and equates read before each file, with errors placed right. */
class PreludeTest {

    private static final String PRELUDE = """
            .equ ANSWER, 42
            .macro setx reg, value
                mov \\reg, #\\value
            .endm
            .text
            """;

    private final Assembler asm = new Assembler(new Encoder()).withPrelude("prelude.s", PRELUDE);

    @Test
    void eachFileSeesThePreludesMacrosAndEquates() throws Exception {
        ObjectFile a = asm.assemble("a.s", ".global f\nf: setx x0, ANSWER\n");
        ObjectFile b = asm.assemble("b.s", ".global g\ng: setx x1, ANSWER\n");
        assertThat(a.requireSection(".text").u32(0)).isEqualTo(0xd2800540); // mov x0, #42
        assertThat(b.requireSection(".text").u32(0)).isEqualTo(0xd2800541); // mov x1, #42
        assertThat(a.symbol("ANSWER")).isPresent();
        assertThat(asm.toString()).contains("prelude.s");
    }

    @Test
    void errorsKeepTheFilesOwnLineNumbers() {
        assertThatThrownBy(() -> asm.assemble("a.s", "nop\nnop\n    bogus x0\n"))
                .isInstanceOf(AssemblyErrors.class).hasMessageContaining("a.s:3:5:");
        assertThatThrownBy(() -> asm.assemble("a.s", "nop\nsetx x0, 99999999\n"))
                .hasMessageContaining("prelude.s:3:").hasMessageContaining("invoked at line 2:1");
        assertThatThrownBy(() -> asm.assemble("a.s", "nop\nANSWER: nop\n"))
                .hasMessageContaining("a.s:2:1:").hasMessageContaining("already defined at prelude.s:1");
    }

    @Test
    void errorsInThePreludeNameIt() {
        Assembler bad = new Assembler(new Encoder()).withPrelude("bad.s", "nop\n.nosuch\n");
        assertThatThrownBy(() -> bad.assemble("a.s", "nop\n")).hasMessageContaining("bad.s:2:1:");
    }
}
