package org.uforklab.machine.isa;

import static org.uforklab.machine.isa.Encoding.define;
import static org.uforklab.machine.isa.Operands.fixed;
import static org.uforklab.machine.isa.Operands.named;
import static org.uforklab.machine.isa.Operands.uimm;
import static org.uforklab.machine.isa.Operands.x;

/**
 * Base A64 system instructions (family 9): exception generation (SVC, HVC, SMC, BRK, HLT, DCPS1-3), hints
 * (NOP, YIELD, WFE, WFI, SEV, SEVL and the rest of the hint space), CLREX, the barriers DMB/DSB/ISB and
 * MRS/MSR of integer system registers (NZCV, TPIDR_EL0, CID_EL0...). HLT with an immediate is uforklab's
 * host-call instruction.
 */
public final class A64System implements EncodingFamily {

    public static final int SVC = 0x901;
    public static final int HVC = 0x902;
    public static final int SMC = 0x903;
    public static final int BRK = 0x904;
    public static final int HLT = 0x905;
    public static final int DCPS1 = 0x906;
    public static final int DCPS2 = 0x907;
    public static final int DCPS3 = 0x908;
    public static final int HINT = 0x909;
    public static final int CLREX = 0x90a;
    public static final int DSB = 0x90b;
    public static final int DMB = 0x90c;
    public static final int ISB = 0x90d;
    public static final int MRS = 0x90e;
    public static final int MSR_REG = 0x90f;

    /** Barrier option names by CRm. */
    private static final String[] BARRIERS = {
        null, "oshld", "oshst", "osh", null, "nshld", "nshst", "nsh", null, "ishld", "ishst", "ish", null, "ld", "st", "sy"};

    private static final String[] HINTS = {"nop", "yield", "wfe", "wfi", "sev", "sevl"};

    @Override
    public void register(EncodingTable.Builder t) {
        t.add(define(SVC, "svc", "11010100000 imm16:16 00001").syntax("svc", uimm("imm16").hex()));
        t.add(define(HVC, "hvc", "11010100000 imm16:16 00010").syntax("hvc", uimm("imm16").hex()));
        t.add(define(SMC, "smc", "11010100000 imm16:16 00011").syntax("smc", uimm("imm16").hex()));
        t.add(define(BRK, "brk", "11010100001 imm16:16 00000").syntax("brk", uimm("imm16").hex()));
        t.add(define(HLT, "hlt", "11010100010 imm16:16 00000").syntax("hlt", uimm("imm16").hex()));
        int[] dcps = {DCPS1, DCPS2, DCPS3};
        for (int i = 1; i <= 3; i++) {
            t.add(define(dcps[i - 1], "dcps" + i, "11010100101 imm16:16 000 LL=" + MorelloCapabilityOps.bits(i, 2))
                // GNU prints and reads a bare "dcpsN" for #0
                .alias(insn -> insn.get("imm16") == 0, "dcps" + i, fixed("imm16", 0))
                .syntax("dcps" + i, uimm("imm16").hex()));
        }
        Encoding.Builder hint = define(HINT, "hint", "11010101000000110010 CRm:4 op2:3 11111");
        for (int i = 0; i < HINTS.length; i++) {
            final int n = i;
            hint.alias(insn -> insn.get("CRm") == 0 && insn.get("op2") == n, HINTS[i], fixed("CRm", 0), fixed("op2", n));
        }
        t.add(hint.syntax("hint", uimm("CRm", "op2")));
        t.add(define(CLREX, "clrex", "11010101000000110011 CRm:4 01011111")
            .alias(i -> i.get("CRm") == 15, "clrex", fixed("CRm", 15))
            .syntax("clrex", uimm("CRm")));
        t.add(define(DSB, "dsb", "11010101000000110011 CRm:4 1 00 11111")
            .syntax("dsb", named("CRm", "a barrier option", BARRIERS)));
        t.add(define(DMB, "dmb", "11010101000000110011 CRm:4 1 01 11111")
            .syntax("dmb", named("CRm", "a barrier option", BARRIERS)));
        t.add(define(ISB, "isb", "11010101000000110011 CRm:4 1 10 11111")
            .alias(i -> i.get("CRm") == 15, "isb", fixed("CRm", 15))
            .syntax("isb", uimm("CRm")));
        t.add(define(MRS, "mrs", "1101010100 L=1 1 o0:1 op1:3 CRn:4 CRm:4 op2:3 Rt:5")
            .syntax("mrs", x("Rt"), SystemRegisters.operand(false)));
        t.add(define(MSR_REG, "msr_reg", "1101010100 L=0 1 o0:1 op1:3 CRn:4 CRm:4 op2:3 Rt:5")
            .syntax("msr", SystemRegisters.operand(false), x("Rt")));
    }
}
