package org.uforklab.sasos.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GuestImageTest {

    @Test
    void helloAssemblesWithPreludeAndTrapWrappers() {
        GuestImage g = GuestImage.bundled("hello");
        assertThat(g.object().symbol("_start")).isPresent();
        assertThat(g.object().symbol("__sys_trap_7")).isPresent();
        assertThat(g.sectionSize(".rodata")).isEqualTo(13);
        assertThat(g.natives()).isEmpty();
        assertThat(g.toString()).contains("hello").contains(".text");
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
        assertThat(g.object().symbol("memcpy")).isPresent();
    }

    @Test
    void unknownSymbolsAreNamed() {
        assertThatThrownBy(() -> GuestImage.of("bad", ".text\n_start: bl nosuch\n"))
                .hasMessageContaining("nosuch");
        assertThatThrownBy(() -> GuestImage.of("bad2", ".text\nfoo: nop\n")).hasMessageContaining("_start");
        assertThatThrownBy(() -> GuestImage.bundled("nope")).hasMessageContaining("nope");
    }
}
