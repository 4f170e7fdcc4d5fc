package org.uforklab.machine.cpu;

import static org.uforklab.machine.cpu.RegisterFile.DISCARD;
import static org.uforklab.machine.cpu.RegisterFile.ZR;

/**
 * Predecoding of the base A64 loads and stores, selected by encoding name with operands read from the
 * architectural bit positions. In C64 state the base register (Rn, 31 = CSP) is a capability: it authorises
 * the access and pre/post-index writeback changes its value as {@code CapAdd} does.
 */
final class BaseLoadStore {
    private BaseLoadStore() {
    }

    private static int bits(int w, int lo, int len) {
        return (w >>> lo) & ((1 << len) - 1);
    }

    private static long sbits(int w, int lo, int len) {
        return ((long) w << (64 - lo - len)) >> (64 - len);
    }

    static void decode(Op op, String name, int w) {
        op.cls = InstructionClass.MEMORY;
        int rt = bits(w, 0, 5);
        op.rn = bits(w, 5, 5);
        int sizeBits = bits(w, 30, 2);
        if (name.endsWith("_fpsimd")) {
            undefinedOp(op, "FP/SIMD loads and stores are not modelled");
            return;
        }
        if (name.startsWith("ldtr") || name.startsWith("sttr")) {
            undefinedOp(op, "unprivileged LDTR/STTR are not modelled");
            return;
        }
        if (name.startsWith("prfm") || name.equals("prfum")) {
            op.kind = Op.NOP;             // prefetch: a hint, never faults
            return;
        }
        switch (name) {
            case "ldr_imm_gen", "str_imm_gen", "ldrb_imm", "strb_imm", "ldrh_imm", "strh_imm", "ldrsb_imm", "ldrsh_imm",
                    "ldrsw_imm", "ldur_gen", "stur_gen", "ldurb", "sturb", "ldurh", "sturh", "ldursb", "ldursh", "ldursw",
                    "ldr_reg_gen", "str_reg_gen", "ldrb_reg", "strb_reg", "ldrh_reg", "strh_reg", "ldrsb_reg", "ldrsh_reg",
                    "ldrsw_reg" -> single(op, w, rt, sizeBits);
            case "ldr_lit_gen", "ldrsw_lit" -> {
                op.kind = Op.LOAD;
                op.aux = Op.MODE_LITERAL;
                op.imm = sbits(w, 5, 19) << 2;
                op.rd = wz(rt);
                int opc = bits(w, 30, 2);
                op.size = opc == 1 ? 8 : 4;
                op.flag = opc == 2;
                op.sf = true;
            }
            case "ldp_gen", "stp_gen", "ldnp_gen", "stnp_gen", "ldpsw" -> {
                boolean load = bits(w, 22, 1) == 1;
                op.kind = load ? Op.LOAD_PAIR : Op.STORE_PAIR;
                int opc = bits(w, 30, 2);
                op.size = opc == 2 ? 8 : 4;
                op.flag = opc == 1;          // LDPSW
                op.sf = true;
                op.imm = sbits(w, 15, 7) * op.size;
                op.aux = switch (bits(w, 23, 2)) {
                    case 1 -> Op.MODE_POST;
                    case 3 -> Op.MODE_PRE;
                    default -> Op.MODE_OFFSET;
                };
                op.rd = load ? wz(rt) : rz(rt);
                int rt2 = bits(w, 10, 5);
                op.ra = load ? wz(rt2) : rz(rt2);
            }
            default -> exclusiveOrAtomic(op, name, w, rt, sizeBits);
        }
    }

    private static void single(Op op, int w, int rt, int sizeBits) {
        int opc = bits(w, 22, 2);
        boolean load = opc != 0;
        op.size = 1 << sizeBits;
        op.kind = load ? Op.LOAD : Op.STORE;
        op.rd = load ? wz(rt) : rz(rt);
        if (opc >= 2) {
            // signed loads: opc 10 extends to 64 bits, 11 to 32 bits (LDRSW has only 10)
            op.flag = true;
            op.sf = opc == 2;
        } else {
            op.sf = true;
        }
        if (bits(w, 24, 1) == 1) {
            op.aux = Op.MODE_OFFSET;
            op.imm = (long) bits(w, 10, 12) << sizeBits;
        } else if (bits(w, 21, 1) == 1) {
            op.aux = Op.MODE_REG;
            op.rm = rz(bits(w, 16, 5));
            op.aux2 = bits(w, 13, 3);
            op.imm2 = bits(w, 12, 1) == 1 ? sizeBits : 0;
        } else {
            op.imm = sbits(w, 12, 9);
            op.aux = switch (bits(w, 10, 2)) {
                case 1 -> Op.MODE_POST;
                case 3 -> Op.MODE_PRE;
                default -> Op.MODE_OFFSET;
            };
        }
        if (op.aux == Op.MODE_OFFSET && op.size == 8 && !op.flag) {
            op.kind = load ? Op.LOAD_X_UOFF : Op.STORE_X_UOFF; // the common cases get their own fast cases
        } else if (op.aux == Op.MODE_REG && op.size == 8 && op.aux2 == 3 && !op.flag) {
            op.kind = load ? Op.LOAD_X_REG : Op.STORE_X_REG;   // [Cn, Xm{, lsl #3}]
        }
    }

    private static void exclusiveOrAtomic(Op op, String name, int w, int rt, int sizeBits) {
        op.size = 1 << sizeBits;
        op.sf = true;
        String base = name.replaceAll("[bh]$", "");
        if (name.equals("casp")) {
            op.kind = Op.CASP;
            op.size = bits(w, 30, 1) == 1 ? 8 : 4;
            op.rm = bits(w, 16, 5);
            op.rd = rt;
            return;
        }
        switch (base) {
            case "ldxr", "ldaxr", "ldxp", "ldaxp" -> {
                op.kind = Op.LOAD_EXCL;
                op.rd = wz(rt);
                op.flag = base.endsWith("p");
                if (op.flag) {
                    op.size = bits(w, 30, 1) == 1 ? 8 : 4;
                }
                op.ra = wz(bits(w, 10, 5));
            }
            case "stxr", "stlxr", "stxp", "stlxp" -> {
                op.kind = Op.STORE_EXCL;
                op.rd = rz(rt);
                op.flag = base.endsWith("p");
                if (op.flag) {
                    op.size = bits(w, 30, 1) == 1 ? 8 : 4;
                }
                op.ra = rz(bits(w, 10, 5));
                op.rm = wz(bits(w, 16, 5));
            }
            case "ldar", "ldapr", "ldlar" -> {
                op.kind = Op.LOAD;
                op.rd = wz(rt);
                op.aux = Op.MODE_OFFSET;
            }
            case "stlr", "stllr" -> {
                op.kind = Op.STORE;
                op.rd = rz(rt);
                op.aux = Op.MODE_OFFSET;
            }
            case "cas" -> {
                op.kind = Op.CAS;
                op.rm = rz(bits(w, 16, 5));
                op.ra = wz(bits(w, 16, 5));
                op.rd = rz(rt);
            }
            case "swp" -> {
                op.kind = Op.SWP;
                op.rm = rz(bits(w, 16, 5));
                op.rd = wz(rt);
            }
            default -> atomic(op, name, base, w, rt);
        }
    }

    private static final String[] ATOMIC_OPS = {"add", "clr", "eor", "set", "smax", "smin", "umax", "umin"};

    private static void atomic(Op op, String name, String base, int w, int rt) {
        // ld<op> and its st<op> alias (Rt = 31: the old value is discarded)
        String opName = base.startsWith("ld") || base.startsWith("st") ? base.substring(2) : "";
        for (int i = 0; i < ATOMIC_OPS.length; i++) {
            if (ATOMIC_OPS[i].equals(opName)) {
                op.kind = Op.ATOMIC;
                op.aux = i;
                op.rm = rz(bits(w, 16, 5));
                op.rd = wz(rt);
                return;
            }
        }
        undefinedOp(op, "no semantics for " + name);
    }

    private static int rz(int r) {
        return r == 31 ? ZR : r;
    }

    private static int wz(int r) {
        return r == 31 ? DISCARD : r;
    }

    private static void undefinedOp(Op op, String reason) {
        op.kind = Op.UNDEFINED;
        op.reason = reason;
        op.cls = InstructionClass.SYSTEM;
    }
}
