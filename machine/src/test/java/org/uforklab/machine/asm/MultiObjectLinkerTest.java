package org.uforklab.machine.asm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.uforklab.machine.isa.Decoder;
import org.uforklab.machine.isa.Encoder;

/** Linking several separately assembled objects: layout, symbol resolution across objects, relocations, errors. */
class MultiObjectLinkerTest {

    private static ObjectFile assemble(String file, String src) throws AssemblyErrors {
        return Assembler.assemble(file, src, new Encoder());
    }

    private static String insn(LinkedImage img, long address) {
        LinkedImage.Placed text = img.section(".text");
        int w = ByteBuffer.wrap(text.bytes()).order(ByteOrder.LITTLE_ENDIAN).getInt((int) (address - text.address()));
        return Decoder.decode(w).disassemble(address);
    }

    private static long quad(LinkedImage img, String section, long address) {
        LinkedImage.Placed s = img.section(section);
        return ByteBuffer.wrap(s.bytes()).order(ByteOrder.LITTLE_ENDIAN).getLong((int) (address - s.address()));
    }

    private static long word(LinkedImage img, String section, long address) {
        LinkedImage.Placed s = img.section(section);
        return ByteBuffer.wrap(s.bytes()).order(ByteOrder.LITTLE_ENDIAN).getInt((int) (address - s.address())) & 0xffffffffL;
    }

    private static final String MAIN = """
            .text
            .global _start
            _start:
                bl f
                b.eq f
                tbz x0, #1, f
                adr c2, f
                adrp c0, counter
                ldr x1, [c0, #:lo12:counter]
                adrp c3, half
                ldrh w4, [c3, #:lo12:half]
            .data
            .balign 8
            ptr:   .quad counter + 8
            fword: .word f
            """;

    private static final String UTIL = """
            .text
            .global f
            .type f, @function
                nop
            f:  ret c30
            .size f, 8
            .data
            .balign 8
            .global counter, half
            counter: .quad 5
            half:    .hword 7
            """;

    @Test
    void sameNamedSectionsAreConcatenatedInObjectOrder() throws Exception {
        ObjectFile a = assemble("main.s", MAIN);
        ObjectFile b = assemble("util.s", UTIL);
        LinkLayout layout = Linker.layout(List.of(a, b));
        assertThat(layout.sections()).extracting(LinkLayout.OutputSection::name).containsExactly(".text", ".data");
        LinkLayout.OutputSection text = layout.section(".text").orElseThrow();
        assertThat(text.inputs()).extracting(LinkLayout.Input::object).containsExactly("main.s", "util.s");
        assertThat(text.inputs().get(1).offset()).isEqualTo(a.requireSection(".text").size());
        assertThat(text.size()).isEqualTo(a.requireSection(".text").size() + b.requireSection(".text").size());
        // main's .data is 12 bytes; util's is 8-aligned, so it starts at 16
        assertThat(layout.section(".data").orElseThrow().inputs().get(1).offset()).isEqualTo(16);
        assertThat(layout.size(".data")).isEqualTo(16 + 10);
        assertThat(layout.size(".bss")).isZero();
        assertThat(layout.toString()).contains("main.s").contains("util.s");
    }

    @Test
    void callsBranchesAndDataReferencesReachTheOtherObject() throws Exception {
        LinkedImage img = Linker.link(List.of(assemble("main.s", MAIN), assemble("util.s", UTIL)),
                Map.of(".text", 0x40_0000L, ".data", 0x41_2340L));
        long f = img.address("f");
        assertThat(f).isEqualTo(0x40_0000L + 8 * 4 + 4);
        long counter = img.address("counter");
        assertThat(counter).isEqualTo(0x41_2350L);
        assertThat(img.address("half")).isEqualTo(0x41_2358L);
        assertThat(insn(img, 0x40_0000L)).isEqualTo("bl 0x" + Long.toHexString(f));
        assertThat(insn(img, 0x40_0004L)).isEqualTo("b.eq 0x" + Long.toHexString(f));
        assertThat(insn(img, 0x40_0008L)).contains("0x" + Long.toHexString(f));
        assertThat(insn(img, 0x40_000cL)).contains("0x" + Long.toHexString(f));
        assertThat(insn(img, 0x40_0010L)).startsWith("adrp c0").contains("0x412000");
        assertThat(insn(img, 0x40_0014L)).contains("#" + (counter & 0xfff));
        assertThat(insn(img, 0x40_0018L)).startsWith("adrp c3").contains("0x412000");
        assertThat(insn(img, 0x40_001cL)).contains("#" + (0x358));
        assertThat(quad(img, ".data", 0x41_2340L)).isEqualTo(counter + 8);
        assertThat(word(img, ".data", 0x41_2348L)).isEqualTo(f);
        assertThat(img.section(".text").inputs()).hasSize(2);
        assertThat(img.toString()).contains("main.s").contains("util.s");
    }

    @Test
    void capinitOfASymbolDefinedInAnotherObjectCarriesItsAddressAndSize() throws Exception {
        ObjectFile a = assemble("a.s", """
                .text
                _start:
                    adrp c4, fptr
                    ldr c5, [c4, #:lo12:fptr]
                .data
                .balign 16
                p:  .chericap buf + 8
                fptr: .chericap f
                """);
        ObjectFile b = assemble("b.s", """
                .text
                    adrp c1, :got:buf
                    adrp c2, :got:f
                .global f
                .type f, @function
                f:  ret c30
                .size f, 4
                .data
                .balign 64
                .global buf
                .type buf, @object
                buf: .space 48
                .size buf, 48
                """);
        LinkedImage img = Linker.link(List.of(a, b), 0x10_0000);
        long buf = img.address("buf");
        assertThat(buf % 64).isZero();
        long got = img.section(".got").address();
        // b.s's GOT slots for buf and f
        assertThat(img.section(".got").size()).isEqualTo(32);
        assertThat(img.capInits()).containsExactlyInAnyOrder(
                new LinkedImage.CapInit(img.address("p"), "buf", buf, 48, buf + 8, false),
                new LinkedImage.CapInit(img.address("fptr"), "f", img.address("f"), 4, img.address("f"), true),
                new LinkedImage.CapInit(got, "buf", buf, 48, buf, false),
                new LinkedImage.CapInit(got + 16, "f", img.address("f"), 4, img.address("f"), true));
        // the C64 ADRP to a .chericap slot of a.s, its scaled (16-byte) :lo12:, and b.s's ADRPs to its GOT slots
        long fptr = img.address("fptr");
        assertThat(insn(img, 0x10_0000)).startsWith("adrp c4").contains("0x" + Long.toHexString(fptr & ~0xfffL));
        assertThat(insn(img, 0x10_0004)).contains("#" + (fptr & 0xfff));
        long bText = img.section(".text").address() + img.section(".text").inputs().get(1).offset();
        assertThat(insn(img, bText)).startsWith("adrp c1").contains("0x" + Long.toHexString(got & ~0xfffL));
        assertThat(insn(img, bText + 4)).startsWith("adrp c2").contains("0x" + Long.toHexString((got + 16) & ~0xfffL));
    }

    @Test
    void localLabelsOfTheSameNameStayPrivateToTheirObject() throws Exception {
        String twin = """
                .text
                .global %1$s
                %1$s:
                    mov x0, #3
                loop:
                    subs x0, x0, #1
                    b.ne loop
                1:  cbz x0, 1f
                    b 1b
                1:  adrp c1, msg
                    add c1, c1, #:lo12:msg
                    adr c2, .Lend
                    b helper
                .Lend:
                    ret c30
                helper:
                    ret c30
                .section .rodata
                    .byte %2$d
                msg: .asciz "%1$s"
                """;
        ObjectFile a = assemble("main.s", twin.formatted("_start", 1));
        ObjectFile b = assemble("util.s", twin.formatted("work", 2));
        LinkedImage img = Linker.link(List.of(a, b), 0x20_0000);
        LinkedImage.SymbolAddress loopA = img.symbol("main.s", "loop").orElseThrow();
        LinkedImage.SymbolAddress loopB = img.symbol("util.s", "loop").orElseThrow();
        assertThat(loopB.address()).isNotEqualTo(loopA.address());
        assertThat(loopB.address() - img.address("work")).isEqualTo(loopA.address() - img.address("_start"));
        // a name two objects keep local is not known by itself
        assertThat(img.symbols()).doesNotContainKeys("loop", "msg", "helper").containsKeys("_start", "work");
        assertThatThrownBy(() -> img.address("loop")).hasMessageContaining("several objects");
        long msgA = img.symbol("main.s", "msg").orElseThrow().address();
        long msgB = img.symbol("util.s", "msg").orElseThrow().address();
        assertThat(msgB).isNotEqualTo(msgA);
        byte[] ro = img.section(".rodata").bytes();
        long ro0 = img.section(".rodata").address();
        assertThat(ro[(int) (msgA - ro0)]).isEqualTo((byte) '_');
        assertThat(ro[(int) (msgB - ro0)]).isEqualTo((byte) 'w');
        for (String obj : List.of("main.s", "util.s")) {
            long start = img.symbol(obj, obj.equals("main.s") ? "_start" : "work").orElseThrow().address();
            long msg = img.symbol(obj, "msg").orElseThrow().address();
            long helper = img.symbol(obj, "helper").orElseThrow().address();
            assertThat(insn(img, start + 8)).isEqualTo("b.ne 0x" + Long.toHexString(start + 4));
            assertThat(insn(img, start + 20)).contains("0x" + Long.toHexString(msg & ~0xfffL));
            assertThat(insn(img, start + 24)).contains("#" + (msg & 0xfff));
            assertThat(insn(img, start + 28)).contains("0x" + Long.toHexString(start + 36));
            assertThat(insn(img, start + 32)).isEqualTo("b 0x" + Long.toHexString(helper));
        }
    }

    @Test
    void aLocalSymbolHidesAGlobalOfTheSameNameInItsOwnObjectOnly() throws Exception {
        ObjectFile a = assemble("a.s", ".text\n_start: bl f\n    ret c30\nf: ret c30\n");
        ObjectFile b = assemble("b.s", ".text\n    bl f\n.global f\nf: nop\n    ret c30\n");
        ObjectFile c = assemble("c.s", ".text\n    bl f\n");
        LinkedImage img = Linker.link(List.of(a, b, c), 0x1000);
        long localF = img.symbol("a.s", "f").orElseThrow().address();
        long globalF = img.address("f");
        assertThat(globalF).isEqualTo(img.symbol("b.s", "f").orElseThrow().address()).isNotEqualTo(localF);
        assertThat(insn(img, 0x1000)).isEqualTo("bl 0x" + Long.toHexString(localF));
        long cText = 0x1000 + img.section(".text").inputs().get(2).offset();
        assertThat(insn(img, cText)).isEqualTo("bl 0x" + Long.toHexString(globalF));
    }

    @Test
    void duplicateAndUndefinedSymbolsAreAllReportedWithTheirObjects() throws Exception {
        ObjectFile a = assemble("a.s", ".text\n.global f, g\nf: bl missing\ng: ret c30\n");
        ObjectFile b = assemble("b.s", ".text\n.global f\nf: nop\n");
        assertThatThrownBy(() -> Linker.link(List.of(a, b), 0x1000)).isInstanceOf(LinkException.class)
                .hasMessage("duplicate symbol 'f': defined in a.s and in b.s");
        ObjectFile c = assemble("c.s", ".text\n    bl missing\n    adrp c0, other\n.data\n    .quad missing\n");
        LinkException e = org.junit.jupiter.api.Assertions.assertThrows(LinkException.class,
                () -> Linker.link(List.of(a, c), 0x1000));
        assertThat(e.problems()).containsExactly(
                "a.s: .text+0x0: undefined symbol 'missing' (BRANCH26)",
                "c.s: .text+0x0: undefined symbol 'missing' (BRANCH26)",
                "c.s: .text+0x4: undefined symbol 'other' (ADRP_HI20_C64)");
        assertThat(e.getMessage()).startsWith("3 link errors:");
    }

    @Test
    void weakDefinitionsYieldToAStrongOneAndUndefinedWeakIsZero() throws Exception {
        ObjectFile a = assemble("a.s", """
                .text
                .weak hook, opt
                .global _start
                _start: bl hook
                hook: ret c30
                .data
                .balign 16
                    .quad opt
                    .quad hook
                    .chericap opt
                """);
        ObjectFile b = assemble("b.s", ".text\n.global hook\n    nop\nhook: ret c30\n");
        LinkedImage img = Linker.link(List.of(a, b), 0x8000);
        long strong = img.symbol("b.s", "hook").orElseThrow().address();
        assertThat(img.address("hook")).isEqualTo(strong);
        assertThat(insn(img, 0x8000)).isEqualTo("bl 0x" + Long.toHexString(strong));
        long data = img.section(".data").address();
        assertThat(quad(img, ".data", data)).isZero();
        assertThat(quad(img, ".data", data + 8)).isEqualTo(strong);
        assertThat(img.capInits()).isEmpty();
    }

    @Test
    void placementIsChecked() throws Exception {
        ObjectFile a = assemble("a.s", ".text\n    nop\n.data\n    .byte 1, 2, 3\n");
        ObjectFile b = assemble("b.s", ".data\n.balign 64\nv: .quad 9\n");
        LinkLayout layout = Linker.layout(List.of(a, b));
        assertThat(layout.section(".data").orElseThrow().alignment()).isEqualTo(64);
        assertThat(layout.section(".data").orElseThrow().inputs().get(1).offset()).isEqualTo(64);
        assertThat(Linker.link(layout, layout.sequential(0x1000)).address("v")).isEqualTo(0x1040 + 64);
        assertThatThrownBy(() -> Linker.link(layout, Map.of(".text", 0x1000L, ".data", 0x2010L)))
                .isInstanceOf(LinkException.class).hasMessageContaining("section .data at 0x2010 is not aligned to 64");
        assertThatThrownBy(() -> Linker.link(layout, Map.of(".text", 0x1000L)))
                .hasMessageContaining("section .data (from a.s, b.s) has no address");
        assertThatThrownBy(() -> Linker.link(layout, Map.of(".text", 0x2040L, ".data", 0x2000L)))
                .hasMessageContaining("overlaps");
        assertThatThrownBy(() -> Linker.layout(List.of())).hasMessageContaining("no objects");
    }

    @Test
    void outOfRangeBranchesNameTheObjectAndPlace() throws Exception {
        ObjectFile a = assemble("a.s", ".text\n.global _start\n_start: cbz x0, far\n");
        ObjectFile b = assemble("b.s", ".section .far, \"ax\"\n.global far\nfar: ret c30\n");
        assertThatThrownBy(() -> Linker.link(List.of(a, b), Map.of(".text", 0x1000L, ".far", 0x1000_0000L)))
                .isInstanceOf(LinkException.class)
                .hasMessageStartingWith("a.s: .text+0x0 (BRANCH19 to far): BRANCH19: target out of range");
    }

    @Test
    void oneObjectLinksAsBefore() throws Exception {
        ObjectFile o = assemble("one.s", ".text\n_start: b f\nf: ret c30\n.data\nv: .quad f\n");
        LinkedImage viaList = Linker.link(List.of(o), 0x3000);
        LinkedImage single = Linker.link(o, 0x3000);
        assertThat(single.symbols()).isEqualTo(viaList.symbols());
        assertThat(single.symbols()).containsKeys("_start", "f", "v", ".text", ".data");
        assertThat(quad(single, ".data", single.address("v"))).isEqualTo(0x3004);
    }
}
