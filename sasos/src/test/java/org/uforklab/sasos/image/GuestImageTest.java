package org.uforklab.sasos.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.uforklab.machine.asm.ObjectFile;
import org.uforklab.machine.asm.Symbol;

class GuestImageTest {

    @Test
    void helloAssemblesWithPreludeAndTrapWrappers() {
        GuestImage g = GuestImage.bundled("hello");
        assertThat(g.symbol("_start")).isPresent();
        assertThat(g.symbol("__sys_trap_7")).hasValueSatisfying(s -> assertThat(s.binding()).isEqualTo(Symbol.Binding.GLOBAL));
        assertThat(g.objects()).extracting(ObjectFile::name).containsExactly("hello.s", GuestImage.RUNTIME);
        assertThat(g.sectionSize(".rodata")).isEqualTo(13);
        assertThat(g.natives()).isEmpty();
        assertThat(g.toString()).contains("hello").contains("1 source").contains(".text");
    }

    @Test
    void importedNativesGetHostCallStubs() {
        GuestImage g = GuestImage.of("n", """
                .text
                .global _start
                _start:
                    bl strlen
                    bl memcpy
                    sys exit
                """);
        assertThat(g.natives()).containsExactly("strlen", "memcpy");
        assertThat(g.symbol("memcpy")).isPresent();
        assertThat(g.objects()).extracting(ObjectFile::name).containsExactly("n.s", GuestImage.RUNTIME,
                GuestImage.NATIVE_STUBS);
    }

    @Test
    void unknownSymbolsAreNamed() {
        assertThatThrownBy(() -> GuestImage.of("bad", ".text\n_start: bl nosuch\n"))
                .hasMessageContaining("nosuch").hasMessageContaining("used in bad.s");
        assertThatThrownBy(() -> GuestImage.of("bad2", ".text\nfoo: nop\n")).hasMessageContaining("_start");
        assertThatThrownBy(() -> GuestImage.bundled("nope")).hasMessageContaining("nope");
    }

    @Test
    void eachSourceIsItsOwnObjectWithThePrelude() {
        GuestImage g = GuestImage.builder("two")
                .source("main.s", ".text\n.global _start\n_start:\n    bl helper\nloop: b loop\n")
                .source("util.s", ".text\n.global helper\nhelper:\nloop: cbz x0, 1f\n    sys getpid\n1:  ret c30\n")
                .build();
        assertThat(g.objects()).extracting(ObjectFile::name).containsExactly("main.s", "util.s", GuestImage.RUNTIME);
        assertThat(g.layout().section(".text").orElseThrow().inputs()).hasSize(3);
        assertThat(g.sectionSize(".text")).isEqualTo(8 + 4 * 6 + 12L * org.uforklab.sasos.syscall.Sys.TABLE_ENTRIES);
        assertThat(g.symbol("loop")).isEmpty(); // local to two files
        assertThat(g.toString()).contains("2 sources");
    }

    @Test
    void errorsNameTheFileAndItsOwnLines() {
        assertThatThrownBy(() -> GuestImage.builder("e").source("main.s", ".text\n.global _start\n_start: nop\n")
                .source("util.s", ".text\nnop\n    bogus x1\n").build())
                .hasMessageContaining("util.s:3:5:");
        assertThatThrownBy(() -> GuestImage.builder("d").source("a.s", ".text\n.global _start, f\n_start:\nf: nop\n")
                .source("b.s", ".text\n.global f\nf: nop\n").build().link(java.util.Map.of(".text", 0x10000L)))
                .hasMessageContaining("duplicate symbol 'f': defined in a.s and in b.s");
        assertThatThrownBy(() -> GuestImage.builder("r").source(GuestImage.PRELUDE, "").build())
                .hasMessageContaining("reserved");
    }

    @Test
    void includedHeadersAreReadByEverySourceAndNamedInErrors() {
        GuestImage g = GuestImage.builder("hdr")
                .include("config.s", ".equ SLOTS, 3\n.macro twice r\n    add \\r, \\r, \\r\n.endm\n")
                .source("main.s", ".text\n.global _start\n_start:\n    mov x0, #SLOTS\n    twice x0\n    bl helper\n")
                .source("util.s", ".text\n.global helper\nhelper:\n    mov x1, #SLOTS\n    ret c30\n")
                .build();
        // Both objects see the header's equate and macro; the header adds no code of its own.
        assertThat(g.objects()).extracting(ObjectFile::name).containsExactly("main.s", "util.s", GuestImage.RUNTIME);
        assertThat(g.sectionSize(".text")).isEqualTo(3 * 4 + 2 * 4 + 12L * org.uforklab.sasos.syscall.Sys.TABLE_ENTRIES);
        assertThatThrownBy(() -> GuestImage.builder("bad").include("config.s", ".equ A, \n")
                .source("main.s", ".text\n.global _start\n_start: nop\n").build())
                .hasMessageContaining("config.s:1:");
        assertThatThrownBy(() -> GuestImage.builder("dup").include("x.s", "").include("x.s", ""))
                .hasMessageContaining("x.s");
    }
}
