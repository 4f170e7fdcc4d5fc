package org.uforklab.machine.isa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.uforklab.machine.asm.AsmException;

/** The same base A64 bits spelled in C64 and in A64 state. */
class IsaStateTest {

    private final Encoder c64 = new Encoder();
    private final Encoder a64 = Encoder.a64();

    @Test
    void baseRegistersOfLoadsAndStoresAreCapabilitiesInC64AndXRegistersInA64() throws AsmException {
        int w = c64.assemble("ldr x0, [c1, #8]");
        assertThat(a64.assemble("ldr x0, [x1, #8]")).isEqualTo(w);
        assertThat(Disassembler.disassemble(w)).isEqualTo("ldr x0, [c1, #8]");
        assertThat(Disassembler.disassemble(w, IsaState.A64)).isEqualTo("ldr x0, [x1, #8]");
        int sp = a64.assemble("ldp x29, x30, [sp, #-16]!");
        assertThat(Disassembler.disassemble(sp)).isEqualTo("ldp x29, x30, [csp, #-16]!");
        int cas = a64.assemble("casal x0, x1, [x2]");
        assertThat(Disassembler.disassemble(cas)).isEqualTo("casal x0, x1, [c2]");
    }

    @Test
    void eachStateRefusesTheOtherBaseRegister() {
        assertThatThrownBy(() -> a64.assemble("ldr x0, [c1, #8]")).hasMessageContaining("expected a 64-bit register (x0-x30, sp)");
        assertThatThrownBy(() -> c64.assemble("ldr x0, [x1, #8]")).hasMessageContaining("expected a capability register");
    }

    @Test
    void bareRetLinksThroughC30InC64AndX30InA64() throws AsmException {
        int retC = c64.assemble("ret");
        int retX = a64.assemble("ret");
        assertThat(Decoder.decode(retC).name()).isEqualTo("RET-C-C");
        assertThat(retX).isEqualTo(0xd65f03c0);
        assertThat(Disassembler.disassemble(retX)).isEqualTo("ret x30");
        assertThat(Disassembler.disassemble(retX, IsaState.A64)).isEqualTo("ret");
        assertThat(Disassembler.disassemble(retC, IsaState.A64)).isEqualTo("ret c30");
        assertThat(a64.assemble("ret c30")).isEqualTo(retC);
    }

    @Test
    void morelloEncodingsKeepTheirSpelling() throws AsmException {
        int w = c64.assemble("scbnds c2, c2, x3");
        assertThat(Disassembler.disassemble(w, IsaState.A64)).isEqualTo("scbnds c2, c2, x3");
        assertThat(a64.assemble("scbnds c2, c2, x3")).isEqualTo(w);
    }
}
