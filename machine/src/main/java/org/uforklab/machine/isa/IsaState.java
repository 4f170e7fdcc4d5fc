package org.uforklab.machine.isa;

/**
 * The instruction-set state whose spelling the disassembler prints and the encoder reads. Morello cores run in
 * A64 or C64 state (PSTATE.C64); the same base A64 encodings then name different registers: in C64 the base
 * register of a load or store is a capability ({@code ldr x0, [c1, #8]}) and a bare {@code ret} returns through
 * {@code c30}, in A64 it is {@code Xn|SP} ({@code ldr x0, [x1, #8]}) and {@code ret} means {@code ret x30}.
 * Decoding does not depend on the state; only the text does.
 */
public enum IsaState {
    /** Pure-capability code, uforklab's default: capability base registers, {@code ret} = {@code ret c30}. */
    C64,
    /**
     * Plain AArch64 spelling of the base A64 encodings, as GNU as for AArch64 reads them: {@code Xn|SP} base
     * registers and {@code ret} = {@code ret x30}. Morello encodings keep their C64 spelling (their A64-state
     * operand forms are not modelled).
     */
    A64
}
