package org.uforklab.machine.asm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.uforklab.machine.asm.Asm.assemble;
import static org.uforklab.machine.asm.Asm.bytes;
import static org.uforklab.machine.asm.Asm.u8;

class DataDirectivesTest {

    @Test
    void integersAreLittleEndianOfTheirSize() {
        ObjectFile o = assemble("""
                .data
                .byte 1, 0xff, -1
                .hword 0x1234
                .short -2
                .word 0x89abcdef
                .long 7
                .quad 0x0102030405060708
                .xword -1
                """);
        assertThat(bytes(o, ".data")).containsExactly(u8(
                1, 0xff, 0xff,
                0x34, 0x12,
                0xfe, 0xff,
                0xef, 0xcd, 0xab, 0x89,
                7, 0, 0, 0,
                8, 7, 6, 5, 4, 3, 2, 1,
                0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff));
        assertThat(o.requireSection(".data").u64(15)).isEqualTo(0x0102030405060708L);
        assertThat(o.requireSection(".data").u32(7)).isEqualTo(0x89abcdef);
    }

    @Test
    void wordIsFourBytesOnAArch64() {
        ObjectFile o = assemble(".data\n.word 1\n.2byte 2\n.4byte 3\n.8byte 4\n.int 5\n.dword 6\n");
        assertThat(o.requireSection(".data").size()).isEqualTo(4 + 2 + 4 + 8 + 4 + 8);
    }

    @Test
    void stringsWithEscapes() {
        ObjectFile o = assemble("""
                .section .rodata
                .ascii "a\\tb", "\\n"
                .asciz "hi"
                .string "\\x41\\101\\\\\\"\\0"
                """);
        assertThat(bytes(o, ".rodata")).containsExactly(u8('a', 9, 'b', 10, 'h', 'i', 0, 'A', 'A', '\\', '"', 0, 0));
    }

    @Test
    void stringsMayContainCommentAndSeparatorCharacters() {
        ObjectFile o = assemble(".data\n.ascii \"a;b//c/*d*/\" // comment\n");
        assertThat(new String(o.requireSection(".data").bytes())).isEqualTo("a;b//c/*d*/");
    }

    @Test
    void spaceZeroSkipAndFill() {
        ObjectFile o = assemble("""
                .data
                .space 2
                .space 3, 0xaa
                .zero 1
                .skip 1, 7
                .fill 2, 2, 0x1234
                .fill 1, 8, -1
                .fill 3
                """);
        assertThat(bytes(o, ".data")).containsExactly(u8(
                0, 0, 0xaa, 0xaa, 0xaa, 0, 7,
                0x34, 0x12, 0x34, 0x12,
                0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0,
                0, 0, 0));
    }

    @Test
    void balignPadsDataWithZerosOrTheFillByte() {
        ObjectFile o = assemble("""
                .data
                .byte 1
                .balign 4
                .byte 2
                .balign 8, 0xee
                .byte 3
                .balign 8, 0, 2
                .byte 4
                """);
        // The last .balign would need 7 bytes but allows at most 2, so it does nothing.
        assertThat(bytes(o, ".data")).containsExactly(u8(1, 0, 0, 0, 2, 0xee, 0xee, 0xee, 3, 4));
        assertThat(o.requireSection(".data").alignment()).isEqualTo(8);
    }

    @Test
    void alignIsAPowerOfTwoOnAArch64AndCodeIsPaddedWithNops() {
        ObjectFile o = assemble("""
                .text
                nop
                .align 4
                ret
                .byte 1
                .p2align 3
                """);
        var text = o.requireSection(".text");
        assertThat(text.size()).isEqualTo(0x18);
        assertThat(text.alignment()).isEqualTo(16);
        assertThat(text.u32(0)).isEqualTo(0xd503201f);
        assertThat(text.u32(4)).isEqualTo(0xd503201f);
        assertThat(text.u32(12)).isEqualTo(0xd503201f);
        assertThat(text.u32(16)).isEqualTo(0xd65f03c0);
        // Padding not on a word boundary is zeros (as GNU as does), not a partial NOP.
        assertThat(bytes(o, ".text")).endsWith(1, 0, 0, 0);
    }

    @Test
    void bssHasSizeButNoBytes() {
        ObjectFile o = assemble("""
                .bss
                buf: .space 100
                .balign 16
                end: .zero 4
                """);
        Section bss = o.requireSection(".bss");
        assertThat(bss.nobits()).isTrue();
        assertThat(bss.size()).isEqualTo(116);
        assertThat(bss.bytes()).isEmpty();
        assertThat(bss.alignment()).isEqualTo(16);
        assertThat(o.requireSymbol("end").value()).isEqualTo(112);
        assertThat(bss.has(Section.Flag.WRITE)).isTrue();
    }

    @Test
    void sectionsKeepTheirOwnLocationCounters() {
        ObjectFile o = assemble("""
                .data
                .byte 1
                .text
                nop
                .data
                .byte 2
                .section .rodata
                .byte 3
                .previous
                .byte 4
                .pushsection .text
                ret
                .popsection
                .byte 5
                """);
        assertThat(bytes(o, ".data")).containsExactly(1, 2, 4, 5);
        assertThat(o.requireSection(".text").u32(4)).isEqualTo(0xd65f03c0);
        assertThat(bytes(o, ".rodata")).containsExactly(3);
        assertThat(o.sections()).extracting(Section::name).containsExactly(".text", ".data", ".rodata");
    }

    @Test
    void sectionFlagsAndTypes() {
        ObjectFile o = assemble("""
                .section .mytext, "ax", @progbits
                nop
                .section .mybss, "aw", @nobits
                .space 8
                .section .rodata.str1.1, "aMS", @progbits, 1
                .asciz "x"
                .section .note
                .byte 1
                .section .got
                .section .data.rel
                .byte 2
                """);
        assertThat(o.requireSection(".mytext").flags()).containsExactlyInAnyOrder(Section.Flag.ALLOC, Section.Flag.EXEC);
        assertThat(o.requireSection(".mybss").nobits()).isTrue();
        assertThat(o.requireSection(".mybss").size()).isEqualTo(8);
        assertThat(o.requireSection(".rodata.str1.1").flags()).containsExactly(Section.Flag.ALLOC);
        assertThat(o.requireSection(".note").flags()).isEmpty();
        assertThat(o.requireSection(".got").flags()).containsExactlyInAnyOrder(Section.Flag.ALLOC, Section.Flag.WRITE);
        assertThat(o.requireSection(".data.rel").flags()).containsExactlyInAnyOrder(Section.Flag.ALLOC, Section.Flag.WRITE);
    }

    @Test
    void commentsAndStatementSeparators() {
        ObjectFile o = assemble("""
                # a preprocessor-style line comment
                .data /* a block
                comment over lines */ .byte 1 ; .byte 2 // rest ignored ; .byte 9
                    .byte 3 /* inline */ ; .byte ';'
                """);
        assertThat(bytes(o, ".data")).containsExactly(1, 2, 3, ';');
    }

    @Test
    void endStopsAssembly() {
        ObjectFile o = assemble(".data\n.byte 1\n.end\n.byte 2\nthis is not assembled\n");
        assertThat(bytes(o, ".data")).containsExactly(1);
    }
}
