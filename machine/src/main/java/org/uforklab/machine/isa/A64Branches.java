package org.uforklab.machine.isa;

import static org.uforklab.machine.isa.Encoding.define;
import static org.uforklab.machine.isa.Operands.byState;
import static org.uforklab.machine.isa.Operands.label;
import static org.uforklab.machine.isa.Operands.optReg;
import static org.uforklab.machine.isa.Operands.r;
import static org.uforklab.machine.isa.Operands.rz;
import static org.uforklab.machine.isa.Operands.x;

import org.uforklab.machine.asm.RelocationType;

/**
 * Base A64 branches (family 8): B, BL, B.cond, CBZ/CBNZ, TBZ/TBNZ and the register branches BR/BLR/RET on
 * X registers. In C64 code a bare {@code ret} means {@code ret c30} (see {@link MorelloBranches}), so the
 * base RET always prints its register; in {@link IsaState#A64} spelling it is the usual {@code ret} (x30).
 */
public final class A64Branches implements EncodingFamily {

    public static final int B_UNCOND = 0x801;
    public static final int BL = 0x802;
    public static final int B_COND = 0x803;
    public static final int CBZ = 0x804;
    public static final int CBNZ = 0x805;
    public static final int TBZ = 0x806;
    public static final int TBNZ = 0x807;
    public static final int BR = 0x808;
    public static final int BLR = 0x809;
    public static final int RET = 0x80a;

    @Override
    public void register(EncodingTable.Builder t) {
        t.add(define(B_UNCOND, "b_uncond", "0 00101 imm26:26")
            .syntax("b", label(RelocationType.BRANCH26, 2, "imm26")));
        t.add(define(BL, "bl", "1 00101 imm26:26")
            .syntax("bl", label(RelocationType.BRANCH26, 2, "imm26")));
        t.add(define(B_COND, "b_cond", "01010100 imm19:19 0 cond:4")
            .syntax("b.{cond}", label(RelocationType.BRANCH19, 2, "imm19")));
        t.add(define(CBZ, "cbz", "sf:1 011010 op=0 imm19:19 Rt:5")
            .syntax("cbz", r("Rt"), label(RelocationType.BRANCH19, 2, "imm19")));
        t.add(define(CBNZ, "cbnz", "sf:1 011010 op=1 imm19:19 Rt:5")
            .syntax("cbnz", r("Rt"), label(RelocationType.BRANCH19, 2, "imm19")));
        // the tested bit is b5:b40; the register is x when b5 = 1
        t.add(define(TBZ, "tbz", "b5:1 011011 op=0 b40:5 imm14:14 Rt:5")
            .syntax("tbz", rz(31, 1, "Rt"), bitNumber(), label(RelocationType.BRANCH14, 2, "imm14")));
        t.add(define(TBNZ, "tbnz", "b5:1 011011 op=1 b40:5 imm14:14 Rt:5")
            .syntax("tbnz", rz(31, 1, "Rt"), bitNumber(), label(RelocationType.BRANCH14, 2, "imm14")));
        t.add(define(BR, "br", "1101011 Z=0 0 op=00 111110000 A=0 M=0 Rn:5 Rm=00000")
            .syntax("br", x("Rn")));
        t.add(define(BLR, "blr", "1101011 Z=0 0 op=01 111110000 A=0 M=0 Rn:5 Rm=00000")
            .syntax("blr", x("Rn")));
        t.add(define(RET, "ret", "1101011 Z=0 0 op=10 111110000 A=0 M=0 Rn:5 Rm=00000")
            // C64 code spells a bare "ret" for RET c30 (MorelloBranches), A64 code for this RET x30
            .syntax("ret", byState(x("Rn"), optReg(RegisterKind.X, "Rn", 30))));
    }

    /**
     * The bit number of TBZ/TBNZ, b5:b40. The register operand has set b5 to its size (1 for X), which bounds the
     * bit number; the encoded b5 is then the bit number's own bit 5, as GNU as encodes it: {@code tbz x0, #3} is
     * b5 = 0 (the same instruction as {@code tbz w0, #3}; the Arm ARM names the register X only when b5 = 1).
     */
    private static Operand bitNumber() {
        Field b5 = new Field("b5", 31, 1);
        Field b40 = new Field("b40", 19, 5);
        return Operands.computed("a bit number", insn -> (long) insn.get("b5") << 5 | insn.get("b40"), (v, st) -> {
            int max = st.get(b5) == 1 ? 63 : 31;
            if (v < 0 || v > max) {
                throw new OperandError("bit number " + v + " is out of range (0 to " + max + ")");
            }
            st.override(b5, v >>> 5, "bit number");
            st.set(b40, v & 31, "bit number");
        });
    }
}
