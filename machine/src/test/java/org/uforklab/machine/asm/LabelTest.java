package org.uforklab.machine.asm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.uforklab.machine.asm.Asm.assemble;

class LabelTest {

    @Test
    void labelsRecordSectionAndOffset() {
        ObjectFile o = assemble("""
                .text
                main: nop
                loop:
                  nop
                a: b: ret
                .data
                val: .quad 1
                """);
        assertThat(o.requireSymbol("main").section()).isEqualTo(".text");
        assertThat(o.requireSymbol("loop").value()).isEqualTo(4);
        assertThat(o.requireSymbol("a").value()).isEqualTo(8);
        assertThat(o.requireSymbol("b").value()).isEqualTo(8);
        assertThat(o.requireSymbol("val").section()).isEqualTo(".data");
        assertThat(o.requireSymbol("val").value()).isZero();
    }

    @Test
    void numericLocalLabelsReferToTheNearestDefinition() {
        ObjectFile o = assemble("""
                .text
                1:  nop
                    b 1f
                    b 1b
                1:  b 1b
                    b 2f
                2:  b 1b
                """);
        var t = o.requireSection(".text");
        assertThat(t.u32(4)).isEqualTo(0x14000000 | 2);           // 1f: +8
        assertThat(t.u32(8)).isEqualTo(0x14000000 | 0x3fffffe);   // 1b: -8
        assertThat(t.u32(12)).isEqualTo(0x14000000);              // 1b at the same line: the label just defined
        assertThat(t.u32(16)).isEqualTo(0x14000001);              // 2f: +4
        assertThat(t.u32(20)).isEqualTo(0x14000000 | 0x3fffffe);  // 1b: the second 1:, -8
        // Local labels are assembler-local: not in the symbol table.
        assertThat(o.symbols()).allMatch(s -> s.type() == Symbol.Type.SECTION);
        assertThat(o.relocations()).isEmpty();
    }

    @Test
    void dotLabelsStayLocalToTheAssembler() {
        ObjectFile o = assemble(".text\n.Lloop: nop\nb .Lloop\nkept: ret\n");
        assertThat(o.symbol(".Lloop")).isEmpty();
        assertThat(o.symbol("kept")).isPresent();
    }

    @Test
    void symbolTableBindingsTypesAndSizes() {
        ObjectFile o = assemble("""
                .global main, table
                .weak hook
                .text
                .type main, @function
                main:
                    bl helper
                    ret
                .size main, . - main
                .data
                .type table, %object
                table: .quad 1, 2
                .size table, 16
                local_thing: .byte 0
                """);
        Symbol main = o.requireSymbol("main");
        assertThat(main.binding()).isEqualTo(Symbol.Binding.GLOBAL);
        assertThat(main.type()).isEqualTo(Symbol.Type.FUNC);
        assertThat(main.size()).isEqualTo(8);
        Symbol table = o.requireSymbol("table");
        assertThat(table.type()).isEqualTo(Symbol.Type.OBJECT);
        assertThat(table.size()).isEqualTo(16);
        assertThat(o.requireSymbol("local_thing").binding()).isEqualTo(Symbol.Binding.LOCAL);
        Symbol helper = o.requireSymbol("helper");
        assertThat(helper.isDefined()).isFalse();
        assertThat(helper.binding()).isEqualTo(Symbol.Binding.GLOBAL);
        assertThat(o.requireSymbol("hook").binding()).isEqualTo(Symbol.Binding.WEAK);
        // ELF order: section symbols, then locals, then globals.
        int lastLocal = -1;
        int firstGlobal = Integer.MAX_VALUE;
        for (int i = 0; i < o.symbols().size(); i++) {
            if (o.symbols().get(i).binding() == Symbol.Binding.LOCAL) {
                lastLocal = i;
            } else {
                firstGlobal = Math.min(firstGlobal, i);
            }
        }
        assertThat(lastLocal).isLessThan(firstGlobal);
    }

    @Test
    void objectPrintsLikeObjdump() {
        ObjectFile o = assemble("""
                .global main
                .text
                main: adrp x0, msg
                add x0, x0, #:lo12:msg
                bl puts
                .section .rodata
                msg: .asciz "hi"
                .bss
                .space 32
                """);
        String s = o.toString();
        assertThat(s).contains("Sections:")
                .containsPattern("0 \\.text +0000000c  2\\*\\*2 +CONTENTS, ALLOC, READONLY, CODE")
                .containsPattern("\\.bss +00000020  2\\*\\*0 +ALLOC")
                .containsPattern("0000000000000000 g +\\.text +0000000000000000 main")
                .contains("*UND*")
                .contains("RELOCATION RECORDS FOR [.text]:")
                .containsPattern("0000000000000000 ADRP_HI21 +msg")
                .containsPattern("0000000000000004 LO12 +msg")
                .containsPattern("0000000000000008 BRANCH26 +puts");
        assertThat(o.dump()).contains("Contents of section .rodata:").contains("686900");
    }
}
