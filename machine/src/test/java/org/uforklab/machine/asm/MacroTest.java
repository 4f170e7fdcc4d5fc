package org.uforklab.machine.asm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.uforklab.machine.asm.Asm.assemble;
import static org.uforklab.machine.asm.Asm.bytes;
import static org.uforklab.machine.asm.Asm.u8;

class MacroTest {

    @Test
    void positionalNamedAndDefaultArguments() {
        ObjectFile o = assemble("""
                .macro triple a, b=7, c
                .byte \\a, \\b, \\c
                .endm
                .data
                triple 1, 2, 3
                triple 4,, 5
                triple c=9, a=8
                triple 1 2 3
                triple "4+1", (1 + 1), 0
                """);
        assertThat(bytes(o, ".data")).containsExactly(u8(1, 2, 3, 4, 7, 5, 8, 7, 9, 1, 2, 3, 5, 2, 0));
    }

    @Test
    void counterConcatenationAndLabelsInBodies() {
        ObjectFile o = assemble("""
                .macro entry name, value
                \\name\\()_\\@: .byte \\value, \\@
                .endm
                .data
                entry first, 10
                entry second, 20
                .quad second_1 - first_0
                """);
        assertThat(bytes(o, ".data")).startsWith(10, 0, 20, 1);
        assertThat(o.requireSymbol("first_0").value()).isZero();
        assertThat(o.requireSymbol("second_1").value()).isEqualTo(2);
        assertThat(o.requireSection(".data").u64(4)).isEqualTo(2);
    }

    @Test
    void macrosExpandToInstructionsAndUseLocalLabels() {
        ObjectFile o = assemble("""
                .macro spin n
                1: nop
                   b 1b
                .endm
                .text
                spin 1
                spin 2
                """);
        var t = o.requireSection(".text");
        assertThat(t.u32(4)).isEqualTo(0x17ffffff);
        assertThat(t.u32(12)).isEqualTo(0x17ffffff);
    }

    @Test
    void recursiveMacroWithConditional() {
        // The example of the GNU as manual: sum 0, 5 emits .long 0 .. 5.
        ObjectFile o = assemble("""
                .macro sum from=0, to=5
                .long \\from
                .if \\to-\\from
                sum "(\\from+1)",\\to
                .endif
                .endm
                .data
                sum 0, 5
                """);
        var d = o.requireSection(".data");
        assertThat(d.size()).isEqualTo(24);
        for (int i = 0; i <= 5; i++) {
            assertThat(d.u32(4L * i)).isEqualTo(i);
        }
    }

    @Test
    void varargRequiredAndExitm() {
        ObjectFile o = assemble("""
                .macro bytes first:req, rest:vararg
                .byte \\first
                .ifnb \\rest
                .byte \\rest
                .endif
                .exitm
                .byte 99
                .endm
                .data
                bytes 1
                bytes 2, 3, 4
                """);
        assertThat(bytes(o, ".data")).containsExactly(1, 2, 3, 4);
    }

    @Test
    void labelBeforeAMacroInvocation() {
        ObjectFile o = assemble(".macro one\n.byte 1\n.endm\n.data\n.byte 0\nhere: one\n");
        assertThat(o.requireSymbol("here").value()).isEqualTo(1);
    }

    @Test
    void purgemAllowsRedefinition() {
        ObjectFile o = assemble(".macro m\n.byte 1\n.endm\n.purgem m\n.macro m\n.byte 2\n.endm\n.data\nm\n");
        assertThat(bytes(o, ".data")).containsExactly(2);
    }

    @Test
    void reptIrpAndIrpc() {
        ObjectFile o = assemble("""
                .data
                .rept 3
                .byte 0xee
                .endr
                .rept 2
                .rept 2
                .byte \\+
                .endr
                .endr
                .irp r, 5, 6, 7
                .byte \\r
                .endr
                .irpc c, 89
                .byte \\c
                .endr
                .rept 0
                .byte 1
                .endr
                """);
        assertThat(bytes(o, ".data")).containsExactly(u8(0xee, 0xee, 0xee, 0, 1, 0, 1, 5, 6, 7, 8, 9));
    }

    @Test
    void conditionals() {
        ObjectFile o = assemble("""
                .equ DEBUG, 1
                .data
                .if DEBUG
                .byte 1
                .else
                .byte 2
                .endif
                .if DEBUG == 2
                .byte 3
                .elseif DEBUG == 1
                .byte 4
                .else
                .byte 5
                .endif
                .ifdef DEBUG
                .byte 6
                .endif
                .ifndef NOPE
                .byte 7
                .endif
                .ifeq DEBUG
                .byte 8
                .endif
                .if 0
                .if 1
                .byte 9
                .endif
                .unknown_but_skipped
                .endif
                .ifc abc, abc
                .byte 10
                .endif
                .ifnc abc, abd
                .byte 11
                .endif
                """);
        assertThat(bytes(o, ".data")).containsExactly(1, 4, 6, 7, 10, 11);
    }

    @Test
    void setCountersInRepetitions() {
        ObjectFile o = assemble("""
                .set i, 0
                .data
                .rept 4
                .byte i * i
                .set i, i + 1
                .endr
                .byte i
                """);
        assertThat(bytes(o, ".data")).containsExactly(0, 1, 4, 9, 4);
    }
}
