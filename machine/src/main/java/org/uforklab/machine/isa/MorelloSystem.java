package org.uforklab.machine.isa;

import static org.uforklab.machine.isa.Encoding.define;
import static org.uforklab.machine.isa.Operands.c;

/**
 * Morello accesses to capability system registers (family 4): {@code mrs c0, ctpidr_el0} and
 * {@code msr cid_el0, c1} (op0 = 2 + o0, named in {@link SystemRegisters}).
 */
public final class MorelloSystem implements EncodingFamily {

    public static final int MRS_C_I_C = 0x401;
    public static final int MSR_C_I_C = 0x402;

    @Override
    public void register(EncodingTable.Builder t) {
        t.add(define(MRS_C_I_C, "MRS-C.I-C", "11000010100 L=1 o0:1 op1:3 CRn:4 CRm:4 op2:3 Ct:5")
            .syntax("mrs", c("Ct"), SystemRegisters.operand(true)));
        t.add(define(MSR_C_I_C, "MSR-C.I-C", "11000010100 L=0 o0:1 op1:3 CRn:4 CRm:4 op2:3 Ct:5")
            .syntax("msr", SystemRegisters.operand(true), c("Ct")));
    }
}
