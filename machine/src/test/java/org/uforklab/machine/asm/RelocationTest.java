package org.uforklab.machine.asm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.uforklab.machine.asm.Asm.assemble;

class RelocationTest {

    @Test
    void branchesWithinASectionAreResolved() {
        ObjectFile o = assemble("""
                .text
                start:
                    b end
                    bl start
                    b.ne start
                    cbz x3, end
                    tbz w1, #5, end
                    adr x2, end
                    b .+0x10
                end:
                    ret
                """);
        var t = o.requireSection(".text");
        assertThat(t.u32(0)).isEqualTo(0x14000007);                       // +28
        assertThat(t.u32(4)).isEqualTo(0x97ffffff);                       // -4
        assertThat(t.u32(8)).isEqualTo(0x54000000 | (0x7fffe << 5) | 1);  // -8
        assertThat(t.u32(12)).isEqualTo(0xb4000000 | (4 << 5) | 3);       // +16
        assertThat(t.u32(16)).isEqualTo(0x36000000 | (5 << 19) | (3 << 5) | 1);
        assertThat(t.u32(20)).isEqualTo(0x10000000 | (2 << 5) | 2);       // adr +8: immlo 0, immhi 2
        assertThat(t.u32(24)).isEqualTo(0x14000004);                      // . + 16 from the b itself
        assertThat(o.relocations()).isEmpty();
    }

    @Test
    void crossSectionAndExternalTargetsBecomeRelocations() {
        ObjectFile o = assemble("""
                .text
                    adrp x0, table + 8
                    ldr x1, [x0, #:lo12:table + 8]
                    bl external
                    b other
                    add x2, x2, #:lo12:0x1234
                .data
                    .quad 0
                table: .quad 1, 2
                .section .text.other, "ax"
                other: ret
                """);
        assertThat(o.relocations()).containsExactly(
                new Relocation(".text", 0, RelocationType.ADRP_HI21, "table", 8),
                new Relocation(".text", 4, RelocationType.LO12_SCALE8, "table", 8),
                new Relocation(".text", 8, RelocationType.BRANCH26, "external", 0),
                new Relocation(".text", 12, RelocationType.BRANCH26, "other", 0));
        var t = o.requireSection(".text");
        assertThat(t.u32(0)).isEqualTo(0x90000000);
        assertThat(t.u32(4)).isEqualTo(0xf9400001);
        // A :lo12: of a constant needs no relocation: 0x234 goes straight into imm12.
        assertThat(t.u32(16)).isEqualTo(0x91000000 | (0x234 << 10) | (2 << 5) | 2);
        assertThat(o.requireSymbol("external").isDefined()).isFalse();
    }

    @Test
    void pageRelativeFixupsStayRelocationsEvenInTheSameSection() {
        // The page of a label depends on where the loader puts .text, so the assembler cannot resolve it.
        ObjectFile o = assemble(".text\nadrp x0, here\nhere: add x0, x0, #:lo12:here\n");
        assertThat(o.relocations()).extracting(Relocation::type)
                .containsExactly(RelocationType.ADRP_HI21, RelocationType.LO12);
    }

    @Test
    void localLabelsInOtherSectionsAreNamedThroughTheirSection() {
        ObjectFile o = assemble(".text\nadrp x0, .Lstr\n.section .rodata\n.byte 0\n.Lstr: .asciz \"x\"\n");
        assertThat(o.relocations()).containsExactly(new Relocation(".text", 0, RelocationType.ADRP_HI21, ".rodata", 1));
    }

    @Test
    void dataWordsHoldingAddressesAreAbsoluteRelocations() {
        ObjectFile o = assemble("""
                .data
                ptrs: .quad ptrs, target + 4, ext - 2
                .word target
                .quad end - ptrs
                end:
                .section .rodata
                target: .byte 0
                """);
        assertThat(o.relocations()).containsExactly(
                new Relocation(".data", 0, RelocationType.ABS64, "ptrs", 0),
                new Relocation(".data", 8, RelocationType.ABS64, "target", 4),
                new Relocation(".data", 16, RelocationType.ABS64, "ext", -2),
                new Relocation(".data", 24, RelocationType.ABS32, "target", 0));
        assertThat(o.requireSection(".data").u64(28)).isEqualTo(36);
        assertThat(o.requireSection(".data").u64(0)).isZero();
    }

    @Test
    void chericapEmitsAnAlignedCapabilitySlotWithACapinitRelocation() {
        ObjectFile o = assemble("""
                .data
                .balign 16
                caps:
                .chericap buffer
                .chericap buffer + 32
                .chericap printf
                .bss
                .type buffer, @object
                buffer: .space 64
                .size buffer, 64
                """);
        Section d = o.requireSection(".data");
        assertThat(d.size()).isEqualTo(48);
        assertThat(d.alignment()).isEqualTo(16);
        assertThat(d.bytes()).containsOnly(0);
        assertThat(o.relocations()).containsExactly(
                new Relocation(".data", 0, RelocationType.CAPINIT, "buffer", 0),
                new Relocation(".data", 16, RelocationType.CAPINIT, "buffer", 32),
                new Relocation(".data", 32, RelocationType.CAPINIT, "printf", 0));
        // The loader bounds the capability to the object: the symbol carries its size.
        assertThat(o.requireSymbol("buffer").size()).isEqualTo(64);
    }

    @Test
    void gotReferencesGetOneCapabilitySlotPerSymbol() {
        ObjectFile o = assemble("""
                .text
                    adrp c0, :got:counter
                    ldr c0, [c0, #:got_lo12:counter]
                    adrp c1, :got:puts
                    ldr c1, [c1, #:got_lo12:puts]
                    adrp c2, :got:counter
                .data
                counter: .quad 0
                """);
        Section got = o.requireSection(".got");
        assertThat(got.size()).isEqualTo(32);
        assertThat(got.alignment()).isEqualTo(16);
        assertThat(o.relocations(".got")).containsExactly(
                new Relocation(".got", 0, RelocationType.CAPINIT, "counter", 0),
                new Relocation(".got", 16, RelocationType.CAPINIT, "puts", 0));
        assertThat(o.relocations(".text")).containsExactly(
                new Relocation(".text", 0, RelocationType.ADRP_HI20_C64, ".got", 0),
                new Relocation(".text", 4, RelocationType.LO12_SCALE16, ".got", 0),
                new Relocation(".text", 8, RelocationType.ADRP_HI20_C64, ".got", 16),
                new Relocation(".text", 12, RelocationType.LO12_SCALE16, ".got", 16),
                new Relocation(".text", 16, RelocationType.ADRP_HI20_C64, ".got", 0));
        assertThat(o.requireSection(".text").u32(4)).isEqualTo(0xc2400000);
    }

    @Test
    void capabilityLiteralLoadIsResolvedInSection() {
        ObjectFile o = assemble(".text\nldr c3, lit\nnop\nnop\nnop\nlit: .chericap lit\n");
        // imm17 counts 16-byte units: +16.
        assertThat(o.requireSection(".text").u32(0)).isEqualTo(0x82000000 | (1 << 5) | 3);
        assertThat(o.relocations()).containsExactly(new Relocation(".text", 16, RelocationType.CAPINIT, "lit", 0));
    }

    @Test
    void constantsInOperandsComeFromEquAndExpressions() {
        ObjectFile o = assemble("""
                .equ OFF, 2 * 8
                .text
                ldr x0, [x1, #OFF + 8]
                mov x2, #(1 << 4) | 3
                mov x3, #'A'
                """);
        var t = o.requireSection(".text");
        assertThat(t.u32(0)).isEqualTo(0xf9400000 | (3 << 10) | (1 << 5));
        assertThat(t.u32(4)).isEqualTo(0xd2800000 | (19 << 5) | 2);
        assertThat(t.u32(8)).isEqualTo(0xd2800000 | (65 << 5) | 3);
    }
}
