package org.uforklab.machine.cpu;

import static org.uforklab.machine.isa.MorelloLoadStore.*;

import org.uforklab.machine.isa.Instruction;

/** Predecoding of the Morello capability loads and stores (family 2): LDR/STR C in every addressing mode, pairs, exclusives, CAS, SWP, LDCT/STCT. */
final class CapabilityLoadStore {
    private CapabilityLoadStore() {
    }

    private static int rz(int r) {
        return r == 31 ? RegisterFile.ZR : r;
    }

    private static int wz(int r) {
        return r == 31 ? RegisterFile.DISCARD : r;
    }

    static void predecode(Op op, Instruction i, int w) {
        int id = i.id();
        op.size = 16;
        int ct = i.encoding().hasField("Ct") ? i.get("Ct") : 0;
        op.rn = i.encoding().hasField("Rn") ? i.get("Rn") : 0;
        switch (id) {
            case LDR_C_I_C -> {
                op.kind = Op.LOAD_CAP;
                op.aux = Op.MODE_LITERAL;
                op.imm = (long) i.getSigned("imm17") * 16;
                op.rd = wz(ct);
            }
            case LDR_C_RIB_C, STR_C_RIB_C -> single(op, id == LDR_C_RIB_C, ct, Op.MODE_OFFSET, (long) i.get("imm12") * 16);
            case LDR_C_RIAW_C, STR_C_RIAW_C -> single(op, id == LDR_C_RIAW_C, ct, Op.MODE_POST, (long) i.getSigned("imm9") * 16);
            case LDR_C_RIBW_C, STR_C_RIBW_C -> single(op, id == LDR_C_RIBW_C, ct, Op.MODE_PRE, (long) i.getSigned("imm9") * 16);
            case LDUR_C_RI_C, STUR_C_RI_C -> single(op, id == LDUR_C_RI_C, ct, Op.MODE_OFFSET, i.getSigned("imm9"));
            case LDR_C_RRB_C, STR_C_RRB_C -> {
                single(op, id == LDR_C_RRB_C, ct, Op.MODE_REG, 0);
                op.rm = rz(i.get("Rm"));
                op.aux2 = i.get("option");
                op.imm2 = i.get("S") == 1 ? 4 : 0;
            }
            case LDP_C_RIB_C, STP_C_RIB_C, LDNP_C_RIB_C, STNP_C_RIB_C -> pair(op, id == LDP_C_RIB_C || id == LDNP_C_RIB_C, i, Op.MODE_OFFSET);
            case LDP_C_RIBW_C, STP_C_RIBW_C -> pair(op, id == LDP_C_RIBW_C, i, Op.MODE_PRE);
            case LDP_CC_RIAW_C, STP_CC_RIAW_C -> pair(op, id == LDP_CC_RIAW_C, i, Op.MODE_POST);
            case LDXR_C_R_C, LDAXR_C_R_C, LDXP_C_R_C, LDAXP_C_R_C -> {
                op.kind = Op.LOAD_EXCL;
                op.rd = wz(ct);
                op.flag = id == LDXP_C_R_C || id == LDAXP_C_R_C;
                op.ra = op.flag ? wz(i.get("Ct2")) : RegisterFile.DISCARD;
            }
            case STXR_R_CR_C, STLXR_R_CR_C, STXP_R_CR_C, STLXP_R_CR_C -> {
                op.kind = Op.STORE_EXCL;
                op.rd = rz(ct);
                op.flag = id == STXP_R_CR_C || id == STLXP_R_CR_C;
                op.ra = op.flag ? rz(i.get("Ct2")) : RegisterFile.ZR;
                op.rm = wz(i.get("Rs"));
            }
            case LDAR_C_R_C, LDAPR_C_R_C -> single(op, true, ct, Op.MODE_OFFSET, 0);
            case STLR_C_R_C -> single(op, false, ct, Op.MODE_OFFSET, 0);
            case CAS_C_R_C, CASA_C_R_C, CASL_C_R_C, CASAL_C_R_C -> {
                op.kind = Op.CAS;
                op.rm = rz(i.get("Cs"));
                op.ra = wz(i.get("Cs"));
                op.rd = rz(ct);
            }
            case SWP_CC_R_C, SWPA_CC_R_C, SWPL_CC_R_C, SWPAL_CC_R_C -> {
                op.kind = Op.SWP;
                op.rm = rz(i.get("Cs"));
                op.rd = wz(ct);
            }
            case LDCT_R_R, STCT_R_R -> {
                op.kind = id == LDCT_R_R ? Op.LDCT : Op.STCT;
                int rt = i.get("Rt");
                op.rd = id == LDCT_R_R ? wz(rt) : rz(rt);
            }
            default -> {
                op.kind = Op.UNDEFINED;
                op.reason = "no semantics for " + i.name();
            }
        }
    }

    private static void single(Op op, boolean load, int ct, int mode, long imm) {
        op.kind = load ? Op.LOAD_CAP : Op.STORE_CAP;
        op.rd = load ? wz(ct) : rz(ct);
        op.aux = mode;
        op.imm = imm;
    }

    private static void pair(Op op, boolean load, Instruction i, int mode) {
        op.kind = load ? Op.LOAD_CAP_PAIR : Op.STORE_CAP_PAIR;
        op.rd = load ? wz(i.get("Ct")) : rz(i.get("Ct"));
        op.ra = load ? wz(i.get("Ct2")) : rz(i.get("Ct2"));
        op.aux = mode;
        op.imm = (long) i.getSigned("imm7") * 16;
    }
}
