package org.uforklab.machine.asm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.uforklab.machine.isa.Decoder;
import org.uforklab.machine.isa.Encoder;

class LinkerTest {

    private static ObjectFile assemble(String src) throws AssemblyErrors {
        return Assembler.assemble("l.s", src, new Encoder());
    }

    private static int word(LinkedImage img, String section, long offset) {
        return ByteBuffer.wrap(img.section(section).bytes()).order(ByteOrder.LITTLE_ENDIAN).getInt((int) offset);
    }

    @Test
    void placesSectionsResolvesBranchesAdrpLo12Abs64AndListsCapinit() throws Exception {
        ObjectFile o = assemble("""
                .text
                _start:
                    bl f
                    adrp c0, value
                    ldr x1, [c0, #:lo12:value]
                f:  ret c30
                .data
                .balign 16
                value: .quad 42
                ptr:   .quad value
                .balign 16
                cap:   .chericap value
                """);
        LinkedImage img = Linker.link(o, Map.of(".text", 0x10_0000L, ".data", 0x23_4560L));
        assertThat(img.address("f")).isEqualTo(0x10_000cL);
        assertThat(Decoder.decode(word(img, ".text", 0)).disassemble(0x10_0000L)).isEqualTo("bl 0x10000c");
        assertThat(Decoder.decode(word(img, ".text", 4)).disassemble(0x10_0004L)).contains("0x234000");
        assertThat(Decoder.decode(word(img, ".text", 8)).disassemble()).contains("#1376");
        long ptr = ByteBuffer.wrap(img.section(".data").bytes()).order(ByteOrder.LITTLE_ENDIAN).getLong(8);
        assertThat(ptr).isEqualTo(0x23_4560L);
        assertThat(img.capInits()).singleElement().satisfies(c -> {
            assertThat(c.address()).isEqualTo(0x23_4570L);
            assertThat(c.target()).isEqualTo(0x23_4560L);
            assertThat(c.symbol()).isEqualTo("value");
        });
    }

    @Test
    void sequentialPlacementAlignsAndUndefinedSymbolsAreNamed() throws Exception {
        ObjectFile o = assemble("""
                .text
                    nop
                .data
                    .quad 1
                """);
        LinkedImage img = Linker.link(o, 0x1000);
        assertThat(img.section(".data").address()).isEqualTo(0x1010);
        ObjectFile bad = assemble(".text\n    bl nowhere\n");
        assertThatThrownBy(() -> Linker.link(bad, 0x1000)).isInstanceOf(AsmException.class).hasMessageContaining("nowhere");
    }
}
