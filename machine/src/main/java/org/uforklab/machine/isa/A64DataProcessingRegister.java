package org.uforklab.machine.isa;

import static org.uforklab.machine.isa.Encoding.define;
import static org.uforklab.machine.isa.Operands.cond;
import static org.uforklab.machine.isa.Operands.extendedReg;
import static org.uforklab.machine.isa.Operands.fixed;
import static org.uforklab.machine.isa.Operands.r;
import static org.uforklab.machine.isa.Operands.rs;
import static org.uforklab.machine.isa.Operands.shift;
import static org.uforklab.machine.isa.Operands.uimm;
import static org.uforklab.machine.isa.Operands.w;
import static org.uforklab.machine.isa.Operands.x;

import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * Base A64 data processing on registers (family 11): add/sub (shifted and extended register), logical (shifted
 * register), ADC/SBC, conditional select and compare, shifts by register (LSLV...), division, the one-source
 * bit operations (CLZ, CLS, RBIT, REV*), and multiply(-add) including the long and high forms, with GNU's
 * preferred aliases (cmp, cmn, neg, negs, mov, mvn, tst, ngc, cset, cinc, mul, smull, lsl...).
 */
public final class A64DataProcessingRegister implements EncodingFamily {

    public static final int ADD_ADDSUB_SHIFT = 0xb01;
    public static final int ADDS_ADDSUB_SHIFT = 0xb02;
    public static final int SUB_ADDSUB_SHIFT = 0xb03;
    public static final int SUBS_ADDSUB_SHIFT = 0xb04;
    public static final int ADD_ADDSUB_EXT = 0xb05;
    public static final int ADDS_ADDSUB_EXT = 0xb06;
    public static final int SUB_ADDSUB_EXT = 0xb07;
    public static final int SUBS_ADDSUB_EXT = 0xb08;
    public static final int AND_LOG_SHIFT = 0xb09;
    public static final int BIC_LOG_SHIFT = 0xb0a;
    public static final int ORR_LOG_SHIFT = 0xb0b;
    public static final int ORN_LOG_SHIFT = 0xb0c;
    public static final int EOR_LOG_SHIFT = 0xb0d;
    public static final int EON = 0xb0e;
    public static final int ANDS_LOG_SHIFT = 0xb0f;
    public static final int BICS = 0xb10;
    public static final int ADC = 0xb11;
    public static final int ADCS = 0xb12;
    public static final int SBC = 0xb13;
    public static final int SBCS = 0xb14;
    public static final int CSEL = 0xb15;
    public static final int CSINC = 0xb16;
    public static final int CSINV = 0xb17;
    public static final int CSNEG = 0xb18;
    public static final int CCMN_IMM = 0xb19;
    public static final int CCMP_IMM = 0xb1a;
    public static final int CCMN_REG = 0xb1b;
    public static final int CCMP_REG = 0xb1c;
    public static final int LSLV = 0xb1d;
    public static final int LSRV = 0xb1e;
    public static final int ASRV = 0xb1f;
    public static final int RORV = 0xb20;
    public static final int UDIV = 0xb21;
    public static final int SDIV = 0xb22;
    public static final int RBIT_INT = 0xb23;
    public static final int REV16_INT = 0xb24;
    public static final int REV32_INT = 0xb25;
    public static final int REV_32 = 0xb26;
    public static final int REV_64 = 0xb27;
    public static final int CLZ_INT = 0xb28;
    public static final int CLS_INT = 0xb29;
    public static final int MADD = 0xb2a;
    public static final int MSUB = 0xb2b;
    public static final int SMADDL = 0xb2c;
    public static final int SMSUBL = 0xb2d;
    public static final int UMADDL = 0xb2e;
    public static final int UMSUBL = 0xb2f;
    public static final int SMULH = 0xb30;
    public static final int UMULH = 0xb31;

    /** A 32-bit operation shifting by 32 or more is UNDEFINED. */
    static final IntPredicate SHIFT_TOO_BIG = w -> (w >>> 31) == 0 && ((w >>> 15) & 1) == 1;

    @Override
    public void register(EncodingTable.Builder t) {
        registerAddSub(t);
        registerLogical(t);
        registerCarryAndConditional(t);
        registerOneTwoSource(t);
        registerMultiply(t);
    }

    private static Operand sh() {
        return shift("shift", "imm6", false);
    }

    private void registerAddSub(EncodingTable.Builder t) {
        IntPredicate reserved = w -> ((w >>> 22) & 3) == 3 || SHIFT_TOO_BIG.test(w);
        String why = "shift == 11, or a 32-bit shift amount >= 32";
        t.add(define(ADD_ADDSUB_SHIFT, "add_addsub_shift", "sf:1 op=0 S=0 01011 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5")
            .undefinedIf(why, reserved)
            .syntax("add", r("Rd"), r("Rn"), r("Rm"), sh()));
        t.add(define(ADDS_ADDSUB_SHIFT, "adds_addsub_shift", "sf:1 op=0 S=1 01011 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5")
            .undefinedIf(why, reserved)
            .alias(i -> i.get("Rd") == 31, "cmn", r("Rn"), r("Rm"), sh(), fixed("Rd", 31))
            .syntax("adds", r("Rd"), r("Rn"), r("Rm"), sh()));
        t.add(define(SUB_ADDSUB_SHIFT, "sub_addsub_shift", "sf:1 op=1 S=0 01011 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5")
            .undefinedIf(why, reserved)
            .alias(i -> i.get("Rn") == 31, "neg", r("Rd"), r("Rm"), sh(), fixed("Rn", 31))
            .syntax("sub", r("Rd"), r("Rn"), r("Rm"), sh()));
        t.add(define(SUBS_ADDSUB_SHIFT, "subs_addsub_shift", "sf:1 op=1 S=1 01011 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5")
            .undefinedIf(why, reserved)
            .alias(i -> i.get("Rd") == 31, "cmp", r("Rn"), r("Rm"), sh(), fixed("Rd", 31))
            .alias(i -> i.get("Rn") == 31, "negs", r("Rd"), r("Rm"), sh(), fixed("Rn", 31))
            .syntax("subs", r("Rd"), r("Rn"), r("Rm"), sh()));

        IntPredicate bigExtend = w -> ((w >>> 10) & 7) > 4;
        Predicate<Integer> spInvolved = w -> (w & 31) == 31 || ((w >>> 5) & 31) == 31;
        Predicate<Integer> rnSp = w -> ((w >>> 5) & 31) == 31;
        String ext = "sf:1 op=%d S=%d 01011 00 1 Rm:5 option:3 imm3:3 Rn:5 Rd:5";
        t.add(define(ADD_ADDSUB_EXT, "add_addsub_ext", String.format(ext, 0, 0))
            .undefinedIf("imm3 > 4", bigExtend)
            .syntax("add", rs("Rd"), rs("Rn"), extendedReg("Rm", "option", "imm3", 31, spInvolved, 4)));
        t.add(define(ADDS_ADDSUB_EXT, "adds_addsub_ext", String.format(ext, 0, 1))
            .undefinedIf("imm3 > 4", bigExtend)
            .alias(i -> i.get("Rd") == 31, "cmn", rs("Rn"), extendedReg("Rm", "option", "imm3", 31, rnSp, 4), fixed("Rd", 31))
            .syntax("adds", r("Rd"), rs("Rn"), extendedReg("Rm", "option", "imm3", 31, rnSp, 4)));
        t.add(define(SUB_ADDSUB_EXT, "sub_addsub_ext", String.format(ext, 1, 0))
            .undefinedIf("imm3 > 4", bigExtend)
            .syntax("sub", rs("Rd"), rs("Rn"), extendedReg("Rm", "option", "imm3", 31, spInvolved, 4)));
        t.add(define(SUBS_ADDSUB_EXT, "subs_addsub_ext", String.format(ext, 1, 1))
            .undefinedIf("imm3 > 4", bigExtend)
            .alias(i -> i.get("Rd") == 31, "cmp", rs("Rn"), extendedReg("Rm", "option", "imm3", 31, rnSp, 4), fixed("Rd", 31))
            .syntax("subs", r("Rd"), rs("Rn"), extendedReg("Rm", "option", "imm3", 31, rnSp, 4)));
    }

    private void registerLogical(EncodingTable.Builder t) {
        String p = "sf:1 opc=%s 01010 shift:2 N=%d Rm:5 imm6:6 Rn:5 Rd:5";
        Operand shr = shift("shift", "imm6", true);
        String why = "a 32-bit shift amount >= 32";
        t.add(define(AND_LOG_SHIFT, "and_log_shift", String.format(p, "00", 0)).undefinedIf(why, SHIFT_TOO_BIG)
            .syntax("and", r("Rd"), r("Rn"), r("Rm"), shr));
        t.add(define(BIC_LOG_SHIFT, "bic_log_shift", String.format(p, "00", 1)).undefinedIf(why, SHIFT_TOO_BIG)
            .syntax("bic", r("Rd"), r("Rn"), r("Rm"), shr));
        t.add(define(ORR_LOG_SHIFT, "orr_log_shift", String.format(p, "01", 0)).undefinedIf(why, SHIFT_TOO_BIG)
            .alias(i -> i.get("Rn") == 31 && i.get("shift") == 0 && i.get("imm6") == 0, "mov", r("Rd"), r("Rm"),
                fixed("Rn", 31), fixed("shift", 0), fixed("imm6", 0))
            .syntax("orr", r("Rd"), r("Rn"), r("Rm"), shr));
        t.add(define(ORN_LOG_SHIFT, "orn_log_shift", String.format(p, "01", 1)).undefinedIf(why, SHIFT_TOO_BIG)
            .alias(i -> i.get("Rn") == 31, "mvn", r("Rd"), r("Rm"), shr, fixed("Rn", 31))
            .syntax("orn", r("Rd"), r("Rn"), r("Rm"), shr));
        t.add(define(EOR_LOG_SHIFT, "eor_log_shift", String.format(p, "10", 0)).undefinedIf(why, SHIFT_TOO_BIG)
            .syntax("eor", r("Rd"), r("Rn"), r("Rm"), shr));
        t.add(define(EON, "eon", String.format(p, "10", 1)).undefinedIf(why, SHIFT_TOO_BIG)
            .syntax("eon", r("Rd"), r("Rn"), r("Rm"), shr));
        t.add(define(ANDS_LOG_SHIFT, "ands_log_shift", String.format(p, "11", 0)).undefinedIf(why, SHIFT_TOO_BIG)
            .alias(i -> i.get("Rd") == 31, "tst", r("Rn"), r("Rm"), shr, fixed("Rd", 31))
            .syntax("ands", r("Rd"), r("Rn"), r("Rm"), shr));
        t.add(define(BICS, "bics", String.format(p, "11", 1)).undefinedIf(why, SHIFT_TOO_BIG)
            .syntax("bics", r("Rd"), r("Rn"), r("Rm"), shr));
    }

    private void registerCarryAndConditional(EncodingTable.Builder t) {
        String carry = "sf:1 op=%d S=%d 11010000 Rm:5 000000 Rn:5 Rd:5";
        t.add(define(ADC, "adc", String.format(carry, 0, 0)).syntax("adc", r("Rd"), r("Rn"), r("Rm")));
        t.add(define(ADCS, "adcs", String.format(carry, 0, 1)).syntax("adcs", r("Rd"), r("Rn"), r("Rm")));
        t.add(define(SBC, "sbc", String.format(carry, 1, 0))
            .alias(i -> i.get("Rn") == 31, "ngc", r("Rd"), r("Rm"), fixed("Rn", 31))
            .syntax("sbc", r("Rd"), r("Rn"), r("Rm")));
        t.add(define(SBCS, "sbcs", String.format(carry, 1, 1))
            .alias(i -> i.get("Rn") == 31, "ngcs", r("Rd"), r("Rm"), fixed("Rn", 31))
            .syntax("sbcs", r("Rd"), r("Rn"), r("Rm")));

        String sel = "sf:1 op=%d 011010100 Rm:5 cond:4 0 o2=%d Rn:5 Rd:5";
        Predicate<Instruction> notAlways = i -> i.get("cond") < 14;
        t.add(define(CSEL, "csel", String.format(sel, 0, 0))
            .syntax("csel", r("Rd"), r("Rn"), r("Rm"), cond("cond")));
        t.add(define(CSINC, "csinc", String.format(sel, 0, 1))
            .alias(notAlways.and(i -> i.get("Rm") == 31 && i.get("Rn") == 31), "cset", r("Rd"), cond("cond", true),
                fixed("Rn", 31), fixed("Rm", 31))
            .alias(notAlways.and(i -> i.get("Rm") != 31 && i.get("Rn") != 31 && i.get("Rn") == i.get("Rm")), "cinc",
                r("Rd"), r("Rn", "Rm"), cond("cond", true))
            .syntax("csinc", r("Rd"), r("Rn"), r("Rm"), cond("cond")));
        t.add(define(CSINV, "csinv", String.format(sel, 1, 0))
            .alias(notAlways.and(i -> i.get("Rm") == 31 && i.get("Rn") == 31), "csetm", r("Rd"), cond("cond", true),
                fixed("Rn", 31), fixed("Rm", 31))
            .alias(notAlways.and(i -> i.get("Rm") != 31 && i.get("Rn") != 31 && i.get("Rn") == i.get("Rm")), "cinv",
                r("Rd"), r("Rn", "Rm"), cond("cond", true))
            .syntax("csinv", r("Rd"), r("Rn"), r("Rm"), cond("cond")));
        t.add(define(CSNEG, "csneg", String.format(sel, 1, 1))
            .alias(notAlways.and(i -> i.get("Rn") == i.get("Rm")), "cneg", r("Rd"), r("Rn", "Rm"), cond("cond", true))
            .syntax("csneg", r("Rd"), r("Rn"), r("Rm"), cond("cond")));

        t.add(define(CCMN_IMM, "ccmn_imm", "sf:1 op=0 111010010 imm5:5 cond:4 1 0 Rn:5 0 nzcv:4")
            .syntax("ccmn", r("Rn"), uimm("imm5"), uimm("nzcv"), cond("cond")));
        t.add(define(CCMP_IMM, "ccmp_imm", "sf:1 op=1 111010010 imm5:5 cond:4 1 0 Rn:5 0 nzcv:4")
            .syntax("ccmp", r("Rn"), uimm("imm5"), uimm("nzcv"), cond("cond")));
        t.add(define(CCMN_REG, "ccmn_reg", "sf:1 op=0 111010010 Rm:5 cond:4 0 0 Rn:5 0 nzcv:4")
            .syntax("ccmn", r("Rn"), r("Rm"), uimm("nzcv"), cond("cond")));
        t.add(define(CCMP_REG, "ccmp_reg", "sf:1 op=1 111010010 Rm:5 cond:4 0 0 Rn:5 0 nzcv:4")
            .syntax("ccmp", r("Rn"), r("Rm"), uimm("nzcv"), cond("cond")));
    }

    private void registerOneTwoSource(EncodingTable.Builder t) {
        String[] shifts = {"lsl", "lsr", "asr", "ror"};
        int[] shiftIds = {LSLV, LSRV, ASRV, RORV};
        for (int i = 0; i < 4; i++) {
            t.add(define(shiftIds[i], shifts[i] + "v", "sf:1 0011010110 Rm:5 0010 op2=" + MorelloCapabilityOps.bits(i, 2) + " Rn:5 Rd:5")
                .alias(insn -> true, shifts[i], r("Rd"), r("Rn"), r("Rm"))
                .accept(shifts[i] + "v", r("Rd"), r("Rn"), r("Rm")));
        }
        t.add(define(UDIV, "udiv", "sf:1 0011010110 Rm:5 00001 o1=0 Rn:5 Rd:5").syntax("udiv", r("Rd"), r("Rn"), r("Rm")));
        t.add(define(SDIV, "sdiv", "sf:1 0011010110 Rm:5 00001 o1=1 Rn:5 Rd:5").syntax("sdiv", r("Rd"), r("Rn"), r("Rm")));

        t.add(define(RBIT_INT, "rbit_int", "sf:1 101101011000000000000 Rn:5 Rd:5").syntax("rbit", r("Rd"), r("Rn")));
        t.add(define(REV16_INT, "rev16_int", "sf:1 1011010110000000000 opc=01 Rn:5 Rd:5").syntax("rev16", r("Rd"), r("Rn")));
        t.add(define(REV32_INT, "rev32_int", "sf=1 1011010110000000000 opc=10 Rn:5 Rd:5").syntax("rev32", x("Rd"), x("Rn")));
        t.add(define(REV_32, "rev", "sf=0 1011010110000000000 opc=10 Rn:5 Rd:5").syntax("rev", w("Rd"), w("Rn")));
        t.add(define(REV_64, "rev", "sf=1 1011010110000000000 opc=11 Rn:5 Rd:5").syntax("rev", x("Rd"), x("Rn"))
            .accept("rev64", x("Rd"), x("Rn")));
        t.add(define(CLZ_INT, "clz_int", "sf:1 10110101100000000010 op=0 Rn:5 Rd:5").syntax("clz", r("Rd"), r("Rn")));
        t.add(define(CLS_INT, "cls_int", "sf:1 10110101100000000010 op=1 Rn:5 Rd:5").syntax("cls", r("Rd"), r("Rn")));
    }

    private void registerMultiply(EncodingTable.Builder t) {
        t.add(define(MADD, "madd", "sf:1 0011011000 Rm:5 o0=0 Ra:5 Rn:5 Rd:5")
            .alias(i -> i.get("Ra") == 31, "mul", r("Rd"), r("Rn"), r("Rm"), fixed("Ra", 31))
            .syntax("madd", r("Rd"), r("Rn"), r("Rm"), r("Ra")));
        t.add(define(MSUB, "msub", "sf:1 0011011000 Rm:5 o0=1 Ra:5 Rn:5 Rd:5")
            .alias(i -> i.get("Ra") == 31, "mneg", r("Rd"), r("Rn"), r("Rm"), fixed("Ra", 31))
            .syntax("msub", r("Rd"), r("Rn"), r("Rm"), r("Ra")));
        String[][] longs = {{"smaddl", "smull"}, {"smsubl", "smnegl"}, {"umaddl", "umull"}, {"umsubl", "umnegl"}};
        int[] longIds = {SMADDL, SMSUBL, UMADDL, UMSUBL};
        for (int i = 0; i < 4; i++) {
            int u = i >> 1;
            int o0 = i & 1;
            t.add(define(longIds[i], longs[i][0], "10011011 U=" + u + " 01 Rm:5 o0=" + o0 + " Ra:5 Rn:5 Rd:5")
                .alias(insn -> insn.get("Ra") == 31, longs[i][1], x("Rd"), w("Rn"), w("Rm"), fixed("Ra", 31))
                .syntax(longs[i][0], x("Rd"), w("Rn"), w("Rm"), x("Ra")));
        }
        t.add(define(SMULH, "smulh", "10011011 U=0 10 Rm:5 0 Ra=11111 Rn:5 Rd:5").syntax("smulh", x("Rd"), x("Rn"), x("Rm")));
        t.add(define(UMULH, "umulh", "10011011 U=1 10 Rm:5 0 Ra=11111 Rn:5 Rd:5").syntax("umulh", x("Rd"), x("Rn"), x("Rm")));
    }
}
