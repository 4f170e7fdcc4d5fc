package org.uforklab.machine.asm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uforklab.machine.isa.Decoder;
import org.uforklab.machine.isa.Disassembler;
import org.uforklab.machine.isa.Encoder;
import org.uforklab.machine.isa.Instruction;
import org.uforklab.machine.isa.IsaState;

/**
 * Real C64 programs through the file-level {@link Assembler} and the isa {@link Encoder}: every word must decode
 * to a supported, defined instruction whose disassembly is the expected listing (written by hand from the
 * source: labels resolved, aliases as GNU prints them), the relocations must be the expected ones, and the
 * base A64 words must be what GNU as makes of their A64 spelling (Morello words are kept as {@code .inst}, so
 * every branch offset is checked against GNU too).
 */
class C64ProgramsTest {

    @TempDir
    Path dir;

    private static ObjectFile assemble(String source) {
        try {
            return Assembler.assemble("prog.s", source, new Encoder());
        } catch (AssemblyErrors e) {
            throw new AssertionError("expected the program to assemble:\n" + e.getMessage());
        }
    }

    /** The disassembly of a code section, one line per word, targets as section offsets. */
    private static List<String> listing(ObjectFile o, String section) {
        Section s = o.requireSection(section);
        List<String> out = new ArrayList<>();
        for (int off = 0; off < s.size(); off += 4) {
            int w = s.u32(off);
            Instruction insn = Decoder.decode(w);
            assertThat(insn.isSupported()).as("%08x at %s+%x is a supported encoding", w, section, off).isTrue();
            assertThat(insn.isUndefined()).as("%08x at %s+%x is defined", w, section, off).isFalse();
            out.add(Disassembler.disassemble(w, off));
        }
        return out;
    }

    /**
     * Compares the base A64 words of a section with GNU as: those words in A64 spelling, the others as
     * {@code .inst}, assembled by GNU, must give back the section's bytes.
     *
     * @return how many base A64 words GNU encoded
     */
    private int sameAsGnu(ObjectFile o, String section) throws Exception {
        Section s = o.requireSection(section);
        StringBuilder src = new StringBuilder("\t.text\n");
        int base = 0;
        for (int off = 0; off < s.size(); off += 4) {
            int w = s.u32(off);
            Instruction insn = Decoder.decode(w);
            boolean a64 = insn.encoding().family().startsWith("A64")
                && !(insn.name().equals("mrs") || insn.name().equals("msr_reg")); // CID_EL0 is Morello's
            if (a64) {
                src.append('\t').append(Disassembler.disassemble(w, IsaState.A64)).append('\n');
                base++;
            } else {
                src.append(String.format("\t.inst 0x%08x%n", w));
            }
        }
        GnuTools.Result gnu = GnuTools.assemble(dir, "gnu" + section.replace('.', '_') + ".s", src.toString(),
            List.of("-march=armv8.4-a"), ".text");
        assertThat(gnu.ok()).as("GNU as: " + gnu.log() + "\n" + src).isTrue();
        byte[] theirs = gnu.section(".text");
        assertThat(theirs.length).isEqualTo(s.size());
        List<String> diff = new ArrayList<>();
        for (int off = 0; off < s.size(); off += 4) {
            int g = GnuTools.word(theirs, off);
            if (g != s.u32(off)) {
                diff.add(String.format("+%x: ours %08x (%s) GNU %08x", off, s.u32(off), Disassembler.disassemble(s.u32(off)), g));
            }
        }
        assertThat(diff).as("words that differ from GNU as").isEmpty();
        assertThat(base).as("base A64 words compared with GNU").isPositive();
        return base;
    }

    @Test
    void memcpyLoop() throws Exception {
        ObjectFile o = assemble("""
                    .text
                    .global memcpy
                    .type memcpy, %function
            // c0 = destination, c1 = source, x2 = length; capabilities are copied 16 bytes at a time (tags too)
            memcpy:
                    mov     c3, c0
                    lsr     x4, x2, #4
                    cbz     x4, 2f
            1:      ldr     c5, [c1], #16
                    str     c5, [c3], #16
                    sub     x4, x4, #1
                    cbnz    x4, 1b
            2:      and     x2, x2, #15
                    cbz     x2, 4f
            3:      ldrb    w6, [c1], #1
                    strb    w6, [c3], #1
                    subs    x2, x2, #1
                    b.ne    3b
            4:      ret
                    .size memcpy, .-memcpy
            """);
        assertThat(listing(o, ".text")).containsExactly(
            "mov c3, c0",
            "lsr x4, x2, #4",
            "cbz x4, 0x1c",
            "ldr c5, [c1], #16",
            "str c5, [c3], #16",
            "sub x4, x4, #1",
            "cbnz x4, 0xc",
            "and x2, x2, #0xf",
            "cbz x2, 0x34",
            "ldrb w6, [c1], #1",
            "strb w6, [c3], #1",
            "subs x2, x2, #1",
            "b.ne 0x24",
            "ret c30");
        assertThat(o.requireSymbol("memcpy").size()).isEqualTo(14 * 4);
        assertThat(o.relocations()).isEmpty();
        sameAsGnu(o, ".text");
    }

    @Test
    void hashTableProbeLoop() throws Exception {
        ObjectFile o = assemble("""
                    .text
            // c0 = table of {key, value} pairs of 8 bytes each, x1 = capacity - 1 (a power of two minus one),
            // x2 = key (never 0; key 0 marks an empty slot). Returns the value, or -1 when the key is absent.
                    .global probe
            probe:
                    mov     x9, #0x7c15
                    movk    x9, #0x9e37, lsl #16
                    eor     x3, x2, x2, lsr #29
                    mul     x3, x3, x9
                    and     x3, x3, x1
            1:      lsl     x4, x3, #4
                    ldr     x5, [c0, x4]
                    cmp     x5, x2
                    b.eq    2f
                    cbz     x5, 3f
                    add     x3, x3, #1
                    and     x3, x3, x1
                    b       1b
            2:      add     c6, c0, x4
                    ldr     x0, [c6, #8]
                    ret
            3:      mov     x0, #-1
                    ret
            """);
        assertThat(listing(o, ".text")).containsExactly(
            "mov x9, #0x7c15",
            "movk x9, #0x9e37, lsl #16",
            "eor x3, x2, x2, lsr #29",
            "mul x3, x3, x9",
            "and x3, x3, x1",
            "lsl x4, x3, #4",
            "ldr x5, [c0, x4]",
            "cmp x5, x2",
            "b.eq 0x34",
            "cbz x5, 0x40",
            "add x3, x3, #1",
            "and x3, x3, x1",
            "b 0x14",
            "add c6, c0, x4, uxtx",
            "ldr x0, [c6, #8]",
            "ret c30",
            "mov x0, #-0x1",
            "ret c30");
        sameAsGnu(o, ".text");
    }

    @Test
    void callsAndReturnsThroughCapabilities() throws Exception {
        ObjectFile o = assemble("""
                    .text
                    .global main
            main:
                    stp     c29, c30, [csp, #-32]!
                    mov     c29, csp
                    str     c19, [csp, #16]
                    mov     x0, #5
                    bl      square
                    mov     x19, x0
                    adr     c1, increment
                    seal    c1, c1, rb
                    blr     c1
                    add     x0, x0, x19
                    ldr     c19, [csp, #16]
                    ldp     c29, c30, [csp], #32
                    ret
            square:
                    mul     x0, x0, x0
                    ret     c30
            increment:
                    add     x0, x0, #1
                    ret
            """);
        assertThat(listing(o, ".text")).containsExactly(
            "stp c29, c30, [csp, #-32]!",
            "mov c29, csp",
            "str c19, [csp, #16]",
            "mov x0, #0x5",
            "bl 0x34",
            "mov x19, x0",
            "adr c1, 0x3c",
            "seal c1, c1, rb",
            "blr c1",
            "add x0, x0, x19",
            "ldr c19, [csp, #16]",
            "ldp c29, c30, [csp], #32",
            "ret c30",
            "mul x0, x0, x0",
            "ret c30",
            "add x0, x0, #1",
            "ret c30");
        assertThat(o.relocations()).as("calls within the section resolve at once").isEmpty();
        sameAsGnu(o, ".text");
    }

    @Test
    void capabilityDataAndPageRelativeAddressesOfAnotherSection() throws Exception {
        ObjectFile o = assemble("""
                    .text
                    .global next
            // increments counter up to limit and returns the new value; through a capability from the GOT too
            next:
                    adrp    c0, counter
                    add     c0, c0, #:lo12:counter
                    ldr     x1, [c0]
                    adrp    c2, limit
                    ldr     x3, [c2, #:lo12:limit]
                    adrp    c4, table_cap
                    ldr     c4, [c4, #:lo12:table_cap]
                    ldr     x5, [c4, #8]
                    add     x1, x1, #1
                    cmp     x1, x3
                    csel    x1, x1, x3, lo
                    str     x1, [c0]
                    mov     x0, x1
                    ret

                    .data
                    .balign 16
            table_cap:
                    .chericap table
                    .chericap message+4
            counter:
                    .quad   0
            limit:
                    .quad   100

                    .section .rodata
            message:
                    .asciz  "hello, world"

                    .bss
                    .balign 16
            table:
                    .space  256
            """);
        assertThat(listing(o, ".text")).containsExactly(
            "adrp c0, 0x0",
            "add c0, c0, #0",
            "ldr x1, [c0]",
            "adrp c2, 0x0",
            "ldr x3, [c2]",
            "adrp c4, 0x0",
            "ldr c4, [c4]",
            "ldr x5, [c4, #8]",
            "add x1, x1, #1",
            "cmp x1, x3",
            "csel x1, x1, x3, lo",
            "str x1, [c0]",
            "mov x0, x1",
            "ret c30");
        assertThat(o.relocations().stream().map(r -> r.section() + " " + r).toList()).containsExactlyInAnyOrder(
            ".text 0000000000000000 ADRP_HI20_C64    counter",
            ".text 0000000000000004 LO12             counter",
            ".text 000000000000000c ADRP_HI20_C64    limit",
            ".text 0000000000000010 LO12_SCALE8      limit",
            ".text 0000000000000014 ADRP_HI20_C64    table_cap",
            ".text 0000000000000018 LO12_SCALE16     table_cap",
            ".data 0000000000000000 CAPINIT          table",
            ".data 0000000000000010 CAPINIT          message+0x4");
        // link: .text at 0x10000, .data at 0x24ff0, so table_cap's page differs from counter's and limit's
        long textBase = 0x10000;
        long dataBase = 0x24ff0;
        Section text = o.requireSection(".text");
        List<String> linked = new ArrayList<>();
        for (int off = 0; off < 0x1c; off += 4) {
            int w = text.u32(off);
            for (Relocation r : o.relocations(".text")) {
                if (r.offset() == off) {
                    Symbol sym = o.requireSymbol(r.symbol());
                    assertThat(sym.section()).isEqualTo(".data");
                    w = r.type().apply(w, dataBase + sym.value() + r.addend(), textBase + off);
                }
            }
            linked.add(Disassembler.disassemble(w, textBase + off));
        }
        assertThat(linked).containsExactly(
            "adrp c0, 0x25000",
            "add c0, c0, #16",
            "ldr x1, [c0]",
            "adrp c2, 0x25000",
            "ldr x3, [c2, #24]",
            "adrp c4, 0x24000",
            "ldr c4, [c4, #4080]");
        Section data = o.requireSection(".data");
        assertThat(data.size()).isEqualTo(48);
        assertThat(data.u64(0x20)).isZero();
        assertThat(data.u64(0x28)).isEqualTo(100);
        sameAsGnu(o, ".text");
    }
}
