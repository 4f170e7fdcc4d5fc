package org.uforklab.machine.cpu;

import static org.uforklab.machine.cpu.RegisterFile.DISCARD;
import static org.uforklab.machine.cpu.RegisterFile.SP;
import static org.uforklab.machine.cpu.RegisterFile.ZR;

import org.uforklab.machine.isa.BitmaskImmediate;
import org.uforklab.machine.isa.Decoder;
import org.uforklab.machine.isa.Instruction;
import org.uforklab.machine.isa.MorelloBranches;
import org.uforklab.machine.isa.MorelloCapabilityOps;
import org.uforklab.machine.isa.MorelloLoadStore;
import org.uforklab.machine.isa.MorelloSystem;
import org.uforklab.machine.time.CostModel;

/**
 * Turns a word into an {@link Op}: {@link Decoder#decode} says which encoding it is (the isa tables are the
 * single authority on what is supported and UNDEFINED); base A64 encodings are selected by their architectural
 * name and their operands read from the architectural bit positions, Morello encodings by id and field name.
 * Words the decoder does not support, UNDEFINED words and supported encodings the interpreter does not execute
 * (FP/SIMD, unprivileged LDTR/STTR) become {@link Op#UNDEFINED} with the reason.
 */
final class Predecoder {

    private final long[] classCost = new long[InstructionClass.values().length];

    Predecoder(CostModel costs) {
        for (InstructionClass c : InstructionClass.values()) {
            classCost[c.ordinal()] = costs.get(c.cost());
        }
    }

    private static int bits(int w, int lo, int len) {
        return (w >>> lo) & ((1 << len) - 1);
    }

    private static long sbits(int w, int lo, int len) {
        return ((long) w << (64 - lo - len)) >> (64 - len);
    }

    /** Register read where 31 is the zero register. */
    private static int rz(int r) {
        return r == 31 ? ZR : r;
    }

    /** Register write where 31 is the zero register (discarded). */
    private static int wz(int r) {
        return r == 31 ? DISCARD : r;
    }

    Op decode(int word) {
        Instruction insn = Decoder.decode(word);
        Op op = new Op();
        op.insn = insn;
        op.cls = InstructionClass.ALU;
        try {
            if (!insn.isSupported()) {
                undefined(op, "unsupported encoding");
            } else if (insn.isUndefined()) {
                undefined(op, "UNDEFINED: " + insn.undefinedReason());
            } else {
                int id = insn.id();
                int family = id >>> 8;
                op.id = id;
                switch (family) {
                    case 1 -> morelloCapability(op, insn, word);
                    case 2 -> morelloLoadStore(op, insn, word);
                    case 3 -> morelloBranch(op, insn, word);
                    case 4 -> morelloSystem(op, insn, word);
                    default -> base(op, insn.name(), word);
                }
            }
        } catch (IllegalArgumentException e) {
            // a field this code expects is missing from the tables: report, do not guess
            undefined(op, "not executable: " + e.getMessage());
        }
        op.cost = classCost[op.cls.ordinal()];
        op.clsIndex = op.cls.ordinal();
        return op;
    }

    private static void undefined(Op op, String reason) {
        op.kind = Op.UNDEFINED;
        op.reason = reason;
        op.cls = InstructionClass.SYSTEM;
    }

    // ------------------------------------------------------------------ base A64, by encoding name

    private void base(Op op, String name, int w) {
        boolean sf = (w >>> 31) == 1;
        op.sf = sf;
        op.size = sf ? 64 : 32;
        int rd = bits(w, 0, 5);
        int rn = bits(w, 5, 5);
        int rm = bits(w, 16, 5);
        switch (name) {
            case "add_addsub_imm", "sub_addsub_imm", "adds_addsub_imm", "subs_addsub_imm" -> {
                boolean sub = bits(w, 30, 1) == 1;
                boolean s = bits(w, 29, 1) == 1;
                op.kind = s ? (sub ? Op.SUBS_IMM : Op.ADDS_IMM) : (sub ? Op.SUB_IMM : Op.ADD_IMM);
                op.rd = s ? wz(rd) : rd;
                op.rn = rn;
                op.imm = (long) bits(w, 10, 12) << (bits(w, 22, 1) * 12);
            }
            case "add_addsub_shift", "sub_addsub_shift", "adds_addsub_shift", "subs_addsub_shift" -> {
                op.kind = Op.ADDSUB_SHIFT;
                op.aux = bits(w, 22, 2);      // shift type
                op.imm2 = bits(w, 10, 6);     // amount
                op.flag = bits(w, 29, 1) == 1;
                op.aux2 = bits(w, 30, 1);     // sub
                op.rd = wz(rd);
                op.rn = rz(rn);
                op.rm = rz(rm);
            }
            case "add_addsub_ext", "sub_addsub_ext", "adds_addsub_ext", "subs_addsub_ext" -> {
                op.kind = Op.ADDSUB_EXT;
                op.aux = bits(w, 13, 3);      // option
                op.imm2 = bits(w, 10, 3);     // shift
                op.flag = bits(w, 29, 1) == 1;
                op.aux2 = bits(w, 30, 1);
                op.rd = op.flag ? wz(rd) : rd;
                op.rn = rn;
                op.rm = rz(rm);
            }
            case "adc", "adcs", "sbc", "sbcs" -> {
                op.kind = Op.ADC;
                op.flag = bits(w, 29, 1) == 1;
                op.aux2 = bits(w, 30, 1);
                op.rd = wz(rd);
                op.rn = rz(rn);
                op.rm = rz(rm);
            }
            case "and_log_imm", "orr_log_imm", "eor_log_imm", "ands_log_imm" -> {
                op.kind = Op.LOGIC_IMM;
                op.aux = bits(w, 29, 2);
                op.rd = op.aux == 3 ? wz(rd) : rd;
                op.rn = rz(rn);
                op.imm = BitmaskImmediate.decode(bits(w, 22, 1), bits(w, 10, 6), bits(w, 16, 6), op.size);
            }
            case "and_log_shift", "bic_log_shift", "orr_log_shift", "orn_log_shift", "eor_log_shift", "eon",
                    "ands_log_shift", "bics" -> {
                op.kind = Op.LOGIC_SHIFT;
                op.aux = bits(w, 29, 2);
                op.flag = bits(w, 21, 1) == 1; // invert operand 2
                op.aux2 = bits(w, 22, 2);      // shift type
                op.imm2 = bits(w, 10, 6);
                op.rd = wz(rd);
                op.rn = rz(rn);
                op.rm = rz(rm);
            }
            case "movz", "movn" -> {
                op.kind = Op.MOV_WIDE;
                op.rd = wz(rd);
                long v = (long) bits(w, 5, 16) << (16 * bits(w, 21, 2));
                if (name.equals("movn")) {
                    v = ~v;
                }
                op.imm = sf ? v : v & 0xFFFF_FFFFL;
            }
            case "movk" -> {
                op.kind = Op.MOVK;
                op.rd = wz(rd);
                op.imm2 = 16L * bits(w, 21, 2);
                op.imm = bits(w, 5, 16);
            }
            case "sbfm", "bfm", "ubfm" -> {
                op.kind = name.equals("sbfm") ? Op.SBFM : name.equals("bfm") ? Op.BFM : Op.UBFM;
                op.rd = wz(rd);
                op.rn = rz(rn);
                int immr = bits(w, 16, 6);
                int imms = bits(w, 10, 6);
                op.aux = immr;
                op.aux2 = imms;
                long[] masks = Alu.decodeBitMasks(bits(w, 22, 1), imms, immr, op.size);
                op.imm = masks[0];
                op.imm2 = masks[1];
            }
            case "extr" -> {
                op.kind = Op.EXTR;
                op.rd = wz(rd);
                op.rn = rz(rn);
                op.rm = rz(rm);
                op.aux = bits(w, 10, 6);
            }
            case "lslv", "lsrv", "asrv", "rorv" -> {
                op.kind = Op.SHIFTV;
                op.aux = bits(w, 10, 2);
                op.rd = wz(rd);
                op.rn = rz(rn);
                op.rm = rz(rm);
            }
            case "madd", "msub" -> {
                op.kind = Op.MADD;
                op.cls = InstructionClass.MULTIPLY;
                op.flag = bits(w, 15, 1) == 1; // subtract
                op.rd = wz(rd);
                op.rn = rz(rn);
                op.rm = rz(rm);
                op.ra = rz(bits(w, 10, 5));
            }
            case "smaddl", "smsubl", "umaddl", "umsubl" -> {
                op.kind = Op.MADDL;
                op.cls = InstructionClass.MULTIPLY;
                op.flag = bits(w, 15, 1) == 1;
                op.aux = bits(w, 23, 1);         // unsigned
                op.rd = wz(rd);
                op.rn = rz(rn);
                op.rm = rz(rm);
                op.ra = rz(bits(w, 10, 5));
            }
            case "smulh", "umulh" -> {
                op.kind = Op.MULH;
                op.cls = InstructionClass.MULTIPLY;
                op.aux = bits(w, 23, 1);
                op.rd = wz(rd);
                op.rn = rz(rn);
                op.rm = rz(rm);
            }
            case "udiv", "sdiv" -> {
                op.kind = Op.DIV;
                op.cls = InstructionClass.DIVIDE;
                op.flag = bits(w, 10, 1) == 1;   // signed
                op.rd = wz(rd);
                op.rn = rz(rn);
                op.rm = rz(rm);
            }
            case "csel", "csinc", "csinv", "csneg" -> {
                op.kind = Op.CSEL;
                op.aux = (bits(w, 30, 1) << 1) | bits(w, 10, 1);
                op.aux2 = bits(w, 12, 4);
                op.rd = wz(rd);
                op.rn = rz(rn);
                op.rm = rz(rm);
            }
            case "ccmn_imm", "ccmp_imm", "ccmn_reg", "ccmp_reg" -> {
                op.kind = Op.CCMP;
                op.flag = bits(w, 11, 1) == 1;   // immediate form
                op.aux = bits(w, 30, 1);         // 1 = compare (subtract)
                op.aux2 = bits(w, 12, 4);
                op.imm2 = (long) bits(w, 0, 4) << 28;
                op.rn = rz(rn);
                op.rm = rz(rm);
                op.imm = rm;
            }
            case "cls_int", "clz_int", "rbit_int", "rev", "rev16_int", "rev32_int" -> {
                op.kind = Op.BITOP;
                op.aux = switch (name) {
                    case "rbit_int" -> 0;
                    case "rev16_int" -> 1;
                    case "rev32_int" -> 2;
                    case "rev" -> 3;
                    case "clz_int" -> 4;
                    default -> 5;
                };
                op.rd = wz(rd);
                op.rn = rz(rn);
            }
            default -> baseBranchSystem(op, name, w);
        }
    }

    private void baseBranchSystem(Op op, String name, int w) {
        int rt = bits(w, 0, 5);
        int rn = bits(w, 5, 5);
        op.cls = InstructionClass.BRANCH;
        switch (name) {
            case "b_uncond" -> {
                op.kind = Op.B;
                op.imm = sbits(w, 0, 26) << 2;
            }
            case "bl" -> {
                op.kind = Op.BL;
                op.imm = sbits(w, 0, 26) << 2;
            }
            case "b_cond" -> {
                op.kind = Op.B_COND;
                op.imm = sbits(w, 5, 19) << 2;
                op.aux = bits(w, 0, 4);
            }
            case "cbz", "cbnz" -> {
                op.kind = Op.CBZ;
                op.flag = name.equals("cbnz");
                op.imm = sbits(w, 5, 19) << 2;
                op.rn = rz(rt);
            }
            case "tbz", "tbnz" -> {
                op.kind = Op.TBZ;
                op.flag = name.equals("tbnz");
                op.imm = sbits(w, 5, 14) << 2;
                op.aux = (bits(w, 31, 1) << 5) | bits(w, 19, 5);
                op.rn = rz(rt);
            }
            case "br", "blr", "ret" -> {
                op.kind = Op.BR_X;
                op.flag = name.equals("blr");
                op.rn = rz(rn);
            }
            default -> baseSystem(op, name, w);
        }
    }

    private void baseSystem(Op op, String name, int w) {
        op.cls = InstructionClass.SYSTEM;
        int imm16 = bits(w, 5, 16);
        switch (name) {
            case "svc" -> {
                op.kind = Op.SVC;
                op.imm = imm16;
            }
            case "brk" -> {
                op.kind = Op.BRK;
                op.imm = imm16;
            }
            case "hlt" -> {
                op.kind = Op.HLT;
                op.imm = imm16;
            }
            case "hvc", "smc", "dcps1", "dcps2", "dcps3" -> undefined(op, name + " is UNDEFINED at EL0");
            case "hint", "dsb", "dmb", "isb" -> op.kind = Op.NOP;
            case "clrex" -> op.kind = Op.CLREX;
            case "mrs", "msr_reg" -> {
                op.kind = name.equals("mrs") ? Op.MRS : Op.MSR;
                op.cls = InstructionClass.SYSTEM_REGISTER;
                op.aux = ((2 + bits(w, 19, 1)) << 14) | bits(w, 5, 14); // op0:op1:CRn:CRm:op2
                op.rd = bits(w, 0, 5);
            }
            default -> BaseLoadStore.decode(op, name, w);
        }
    }

    // ------------------------------------------------------------------ Morello

    private static int c(Instruction i, String f) {
        return rz(i.get(f));
    }

    private static int cw(Instruction i, String f) {
        return wz(i.get(f));
    }

    private void morelloCapability(Op op, Instruction i, int w) {
        op.cls = InstructionClass.CAPABILITY;
        int id = i.id();
        switch (id) {
            case MorelloCapabilityOps.ADD_C_CIS_C, MorelloCapabilityOps.SUB_C_CIS_C -> {
                op.kind = Op.ADD_C_IMM;
                op.rd = i.get("Cd");
                op.rn = i.get("Cn");
                long imm = (long) i.get("imm12") << (12 * i.get("sh"));
                op.imm = id == MorelloCapabilityOps.SUB_C_CIS_C ? -imm : imm;
                return;
            }
            default -> {
            }
        }
        op.kind = Op.CAP_OP;
        CapabilityOps.predecode(op, i, w);
    }

    private void morelloLoadStore(Op op, Instruction i, int w) {
        op.cls = InstructionClass.MEMORY;
        CapabilityLoadStore.predecode(op, i, w);
    }

    private void morelloBranch(Op op, Instruction i, int w) {
        op.cls = InstructionClass.BRANCH;
        int id = i.id();
        switch (id) {
            case MorelloBranches.BR_C_C, MorelloBranches.BLR_C_C, MorelloBranches.RET_C_C,
                    MorelloBranches.BRS_C_C, MorelloBranches.BLRS_C_C, MorelloBranches.RETS_C_C -> {
                op.kind = Op.BR_C;
                op.rn = c(i, "Cn");
                op.flag = id == MorelloBranches.BLR_C_C || id == MorelloBranches.BLRS_C_C;
                op.aux = id >= MorelloBranches.BRS_C_C ? 1 : 0; // sentry-only form
            }
            case MorelloBranches.BRR_C_C, MorelloBranches.BLRR_C_C, MorelloBranches.RETR_C_C ->
                undefined(op, "branch to Restricted mode: uforklab models Executive mode only");
            case MorelloBranches.BX_C -> undefined(op, "BX #4 switches to A64 state, which uforklab does not model");
            case MorelloBranches.BRS_C_C_C, MorelloBranches.BLRS_C_C_C, MorelloBranches.RETS_C_C_C -> {
                op.kind = Op.BR_PAIR;
                op.rn = c(i, "Cn");
                op.rm = c(i, "Cm");
                op.flag = id == MorelloBranches.BLRS_C_C_C;
            }
            case MorelloBranches.BR_CI_C, MorelloBranches.BLR_CI_C -> {
                op.kind = Op.BR_MEM;
                op.rn = i.get("Cn");
                op.imm = (long) i.getSigned("imm7") * 16;
                op.flag = id == MorelloBranches.BLR_CI_C;
            }
            case MorelloBranches.LDPBR_C_C_C, MorelloBranches.LDPBLR_C_C_C -> {
                op.kind = Op.LDPBR;
                op.rn = i.get("Cn");
                op.rd = cw(i, "Ct");
                op.ra = i.get("Ct");
                op.flag = id == MorelloBranches.LDPBLR_C_C_C;
            }
            default -> undefined(op, "no semantics for " + i.name());
        }
    }

    private void morelloSystem(Op op, Instruction i, int w) {
        op.cls = InstructionClass.SYSTEM_REGISTER;
        op.kind = i.id() == MorelloSystem.MRS_C_I_C ? Op.MRS_C : Op.MSR_C;
        op.aux = ((2 + bits(w, 19, 1)) << 14) | bits(w, 5, 14);
        op.rd = i.get("Ct");
    }

    /** Whether id belongs to {@link MorelloLoadStore} (for tests). */
    static boolean isCapabilityLoadStore(int id) {
        return (id >>> 8) == 2;
    }
}
