package org.uforklab.machine.asm;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.uforklab.machine.asm.Asm.errors;

class AssemblyErrorTest {

    @Test
    void encoderErrorsPointAtTheOperand() {
        assertThat(errors(".text\nmain:\n    ldr x0, [x1, #16\n")).containsExactly(
                "t.s:3:21: expected ']' after the base register");
        assertThat(errors(".text\n  mov x9, #70000\n")).containsExactly(
                "t.s:2:11: immediate 70000 out of range for mov (0 to 65535)");
        // Without an offset, a quoted piece of the operands locates the error...
        assertThat(errors(".text\n  add x1, w2, #1\n")).containsExactly(
                "t.s:2:11: expected a register x0 to x30, found 'w2'");
        // ...and otherwise it is the mnemonic's column.
        assertThat(errors(".text\n  frobnicate x1\n")).containsExactly("t.s:2:3: unknown instruction 'frobnicate'");
    }

    @Test
    void expressionErrorsInsideOperandsPointAtTheSymbol() {
        assertThat(errors(".text\n  mov x1, #1 + nope\n")).containsExactly(
                "t.s:2:12: undefined symbol 'nope' (a constant is needed here)");
        assertThat(errors(".text\n  mov x1, #(2 + 3\n")).containsExactly(
                "t.s:2:18: expected ')' to close the '(' at column 12");
        assertThat(errors(".text\nhere: mov x1, #here\n")).containsExactly(
                "t.s:2:16: expected a constant, but 'here' is an address in .text");
    }

    @Test
    void directiveErrors() {
        assertThat(errors("""
                .text
                    .foo 1
                .endm
                .endr
                .data
                    .byte 256, -129, 255, -128
                    .hword 0x10000
                    .quad 1 +
                    .quad 0x
                    .balign 3
                    .byte 1 / 0
                    .ascii "abc
                    .type f, @banana
                """)).containsExactly(
                "t.s:2:5: unknown directive .foo",
                "t.s:3:1: .endm without .macro",
                "t.s:4:1: .endr without .rept, .irp or .irpc",
                "t.s:6:11: value 256 (0x100) does not fit in 1 byte (.byte)",
                "t.s:6:16: value -129 (0xffffffffffffff7f) does not fit in 1 byte (.byte)",
                "t.s:7:12: value 65536 (0x10000) does not fit in 2 bytes (.hword)",
                "t.s:8:14: expected an operand after '+'",
                "t.s:9:13: expected hex digits after '0x'",
                "t.s:10:13: .balign needs a power of two, not 3",
                "t.s:11:15: division by zero",
                "t.s:12:12: unterminated string: expected '\"' before the end of the line",
                "t.s:13:14: unknown symbol type '@banana': expected @function, @object or @notype");
    }

    @Test
    void symbolErrors() {
        assertThat(errors("""
                .text
                main: nop
                main: nop
                    b 1b
                    b 2f
                    .equ main, 3
                .data
                    .quad other - main
                    .space later
                later:
                """)).containsExactly(
                "t.s:3:1: symbol 'main' is already defined at line 2",
                "t.s:4:7: undefined local label '1b': no '1:' before this line",
                "t.s:5:7: undefined local label '2f': no '2:' after this line",
                "t.s:6:10: symbol 'main' is already defined as a label at line 2",
                "t.s:8:19: cannot subtract an address in .text from undefined symbol 'other': only addresses in the "
                        + "same section have a constant difference",
                "t.s:9:12: .space needs a constant known at this point: 'later' is not defined before this line");
    }

    @Test
    void placementErrors() {
        assertThat(errors("""
                .data
                .byte 1
                nop
                .chericap x
                .bss
                .byte 1
                ret
                .quad x
                """)).containsExactly(
                "t.s:3:1: instruction at offset 0x1 of .data is not 4-byte aligned: put .balign 4 before it",
                "t.s:4:1: .chericap at offset 0x1 of .data is not 16-byte aligned: put .balign 16 before it",
                "t.s:6:7: only zero values may be emitted in .bss (a NOBITS section has no contents); use .space or .zero",
                "t.s:7:1: instruction 'ret' cannot go in .bss (a NOBITS section has no contents)",
                "t.s:8:7: cannot put an address in .bss (a NOBITS section has no contents)");
    }

    @Test
    void macroErrorsNameTheBodyLineAndTheInvocation() {
        assertThat(errors("""
                .macro load reg, off
                \tldr \\reg, [x1, #\\off]
                .endm
                .macro outer
                  load x0, 3
                .endm
                .text
                \tload q2, 8
                \touter
                .macro need a:req
                .endm
                need
                .macro load
                .endm
                """)).containsExactly(
                "t.s:2:6: expected a register x0 to x30, found 'q2' (in macro 'load' invoked at line 8:2)",
                "t.s:2:15: offset 3 is not a multiple of 8 from 0 to 32760 (in macro 'load' invoked at line 5:3)"
                        + " (in macro 'outer' invoked at line 9:2)",
                "t.s:12:1: missing value for required parameter 'a' of macro 'need'",
                "t.s:13:8: macro 'load' is already defined at line 1");
    }

    @Test
    void unclosedBlocks() {
        assertThat(errors(".data\n.rept 2\n.byte 1\n")).containsExactly(
                "t.s:2:1: expected .endr for this .rept before the end of the file");
        assertThat(errors(".macro m\n.byte 1\n")).containsExactly(
                "t.s:1:1: expected .endm for this .macro before the end of the file");
        assertThat(errors(".if 1\n.byte 1\n")).containsExactly(
                "t.s:1:1: expected .endif for this .if before the end of the file");
        assertThat(errors(".endif\n.else\n")).containsExactly("t.s:1:1: .endif without .if", "t.s:2:1: .else without .if");
        assertThat(errors(".data\n/* never closed\n.byte 1\n")).containsExactly(
                "t.s:2:1: unterminated comment: expected '*/' before the end of the file");
    }

    @Test
    void runawayRecursionIsAnErrorNotAStackOverflow() {
        List<String> e = errors(".macro forever\nforever\n.endm\nforever\n");
        assertThat(e).hasSize(1);
        assertThat(e.get(0)).startsWith("t.s:2:1: macros nested more than 100 deep");
    }

    @Test
    void branchOutOfRangeIsReported() {
        assertThat(errors(".text\ncbz x0, far\n.space 0x100000\nfar: ret\n")).containsExactly(
                "t.s:2:9: BRANCH19: target out of range (262145 does not fit 19 signed bits)");
    }

    @Test
    void manyErrorsAreCollectedInSourceOrder() {
        List<String> e = errors(".text\nbad1\n.data\n.byte 300\n.text\nbad2 x\n.bogus\n");
        assertThat(e).containsExactly(
                "t.s:2:1: unknown instruction 'bad1'",
                "t.s:4:7: value 300 (0x12c) does not fit in 1 byte (.byte)",
                "t.s:6:1: unknown instruction 'bad2'",
                "t.s:7:1: unknown directive .bogus");
    }

    @Test
    void anEncoderBugBecomesAnErrorNotAStackTrace() {
        InstructionAssembler broken = (m, ops, ctx) -> {
            throw new IllegalStateException("oops");
        };
        assertThatThrownBy(() -> Assembler.assemble("b.s", ".text\n  nop\n", broken))
                .isInstanceOfSatisfying(AssemblyErrors.class, ex -> assertThat(ex.errors()).singleElement()
                        .hasToString("b.s:2:3: internal error in the instruction encoder for 'nop': "
                                + "java.lang.IllegalStateException: oops"));
    }

    @Test
    void errorsAreRecordsWithPositions() {
        try {
            Assembler.assemble("x.s", "\n\n   .oops\n", new TestEncoder());
        } catch (AssemblyErrors ex) {
            assertThat(ex.errors()).containsExactly(new AssemblyError("x.s", 3, 4, "unknown directive .oops"));
            assertThat(ex.getMessage()).isEqualTo("x.s:3:4: unknown directive .oops");
            return;
        }
        throw new AssertionError("expected errors");
    }
}
