package org.uforklab.machine.isa;

import static org.uforklab.machine.isa.Encoding.define;
import static org.uforklab.machine.isa.Operands.c;
import static org.uforklab.machine.isa.Operands.csp;
import static org.uforklab.machine.isa.Operands.label;
import static org.uforklab.machine.isa.Operands.lit;
import static org.uforklab.machine.isa.Operands.opt;
import static org.uforklab.machine.isa.Operands.regOffset;
import static org.uforklab.machine.isa.Operands.seq;
import static org.uforklab.machine.isa.Operands.simm;
import static org.uforklab.machine.isa.Operands.uimm;
import static org.uforklab.machine.isa.Operands.w;
import static org.uforklab.machine.isa.Operands.x;

import org.uforklab.machine.asm.RelocationType;

/**
 * Morello capability loads and stores in C64 (family 2): every addressing mode of LDR/STR Ct, LDUR/STUR, pairs
 * (LDP/STP/LDNP/STNP), literal loads, exclusives (LDXR/LDAXR/STXR/STLXR and pairs), LDAR/STLR/LDAPR, CAS and
 * SWP on capabilities, and the tag block access LDCT/STCT. The base register is a capability (CSP for 31).
 * Not here: the A-prefixed alternate-base forms and LDTR/STTR (unprivileged), which uforklab does not support.
 */
public final class MorelloLoadStore implements EncodingFamily {

    public static final int LDR_C_I_C = 0x201;
    public static final int STR_C_RIB_C = 0x202;
    public static final int LDR_C_RIB_C = 0x203;
    public static final int STR_C_RIAW_C = 0x204;
    public static final int LDR_C_RIAW_C = 0x205;
    public static final int STR_C_RIBW_C = 0x206;
    public static final int LDR_C_RIBW_C = 0x207;
    public static final int STUR_C_RI_C = 0x208;
    public static final int LDUR_C_RI_C = 0x209;
    public static final int STR_C_RRB_C = 0x20a;
    public static final int LDR_C_RRB_C = 0x20b;
    public static final int STP_C_RIB_C = 0x20c;
    public static final int LDP_C_RIB_C = 0x20d;
    public static final int STP_C_RIBW_C = 0x20e;
    public static final int LDP_C_RIBW_C = 0x20f;
    public static final int STP_CC_RIAW_C = 0x210;
    public static final int LDP_CC_RIAW_C = 0x211;
    public static final int STNP_C_RIB_C = 0x212;
    public static final int LDNP_C_RIB_C = 0x213;
    public static final int STXR_R_CR_C = 0x214;
    public static final int STLXR_R_CR_C = 0x215;
    public static final int STXP_R_CR_C = 0x216;
    public static final int STLXP_R_CR_C = 0x217;
    public static final int LDXR_C_R_C = 0x218;
    public static final int LDAXR_C_R_C = 0x219;
    public static final int LDXP_C_R_C = 0x21a;
    public static final int LDAXP_C_R_C = 0x21b;
    public static final int STLR_C_R_C = 0x21c;
    public static final int LDAR_C_R_C = 0x21d;
    public static final int LDAPR_C_R_C = 0x21e;
    public static final int CAS_C_R_C = 0x21f;
    public static final int CASA_C_R_C = 0x220;
    public static final int CASL_C_R_C = 0x221;
    public static final int CASAL_C_R_C = 0x222;
    public static final int SWP_CC_R_C = 0x223;
    public static final int SWPA_CC_R_C = 0x224;
    public static final int SWPL_CC_R_C = 0x225;
    public static final int SWPAL_CC_R_C = 0x226;
    public static final int STCT_R_R = 0x227;
    public static final int LDCT_R_R = 0x228;

    /** {@code [cn]}. */
    static Operand base(String rn) {
        return seq(lit("["), csp(rn), lit("]"));
    }

    /** {@code [cn{, #imm}]}, the offset printed unless zero. */
    static Operand offset(String rn, Operands.Imm imm, String immField) {
        return seq(lit("["), csp(rn), opt(i -> i.get(immField) != 0, lit(", "), imm), lit("]"));
    }

    /** {@code [cn, #imm]!}. */
    static Operand preIndex(String rn, Operands.Imm imm) {
        return seq(lit("["), csp(rn), lit(", "), imm, lit("]!"));
    }

    @Override
    public void register(EncodingTable.Builder t) {
        t.add(define(LDR_C_I_C, "LDR-C.I-C", "1000001000 imm17:17 Ct:5")
            .syntax("ldr", c("Ct"), label(RelocationType.LITERAL17_CAP, 4, "imm17")));

        for (int l = 0; l < 2; l++) {
            String m = l == 1 ? "ldr" : "str";
            String M = l == 1 ? "LDR" : "STR";
            String L = "L=" + l;
            String opc = "opc=0" + l;
            t.add(define(l == 1 ? LDR_C_RIB_C : STR_C_RIB_C, M + "-C.RIB-C", "110000100 " + L + " imm12:12 Rn:5 Ct:5")
                .syntax(m, c("Ct"), offset("Rn", uimm("imm12").scaled(4).lo12(RelocationType.LO12_SCALE16), "imm12")));
            t.add(define(l == 1 ? LDR_C_RIAW_C : STR_C_RIAW_C, M + "-C.RIAW-C", "10100010 " + opc + " 0 imm9:9 01 Rn:5 Ct:5")
                .syntax(m, c("Ct"), base("Rn"), simm("imm9").scaled(4)));
            t.add(define(l == 1 ? LDR_C_RIBW_C : STR_C_RIBW_C, M + "-C.RIBW-C", "10100010 " + opc + " 0 imm9:9 11 Rn:5 Ct:5")
                .syntax(m, c("Ct"), preIndex("Rn", simm("imm9").scaled(4))));
            t.add(define(l == 1 ? LDUR_C_RI_C : STUR_C_RI_C, (l == 1 ? "LDUR" : "STUR") + "-C.RI-C", "10100010 " + opc + " 0 imm9:9 00 Rn:5 Ct:5")
                .syntax(l == 1 ? "ldur" : "stur", c("Ct"), offset("Rn", simm("imm9"), "imm9"))
                // like GNU as and LLVM, ldr/str with an offset the scaled form cannot encode means ldur/stur
                .accept(m, c("Ct"), offset("Rn", simm("imm9"), "imm9")));
            t.add(define(l == 1 ? LDR_C_RRB_C : STR_C_RRB_C, M + "-C.RRB-C", "10100010 " + opc + " 1 Rm:5 option:3 S:1 10 Rn:5 Ct:5")
                .undefinedIf("option<1> == 0", w -> ((w >>> 14) & 1) == 0)
                .syntax(m, c("Ct"), seq(lit("["), csp("Rn"), lit(", "), regOffset("Rm", "option", "S", w -> 4), lit("]"))));

            // pairs: offset, pre-index, post-index, non-temporal
            String p = l == 1 ? "ldp" : "stp";
            String P = l == 1 ? "LDP" : "STP";
            t.add(define(l == 1 ? LDP_C_RIB_C : STP_C_RIB_C, P + "-C.RIB-C", "010000101 " + L + " imm7:7 Ct2:5 Rn:5 Ct:5")
                .syntax(p, c("Ct"), c("Ct2"), offset("Rn", simm("imm7").scaled(4), "imm7")));
            t.add(define(l == 1 ? LDP_C_RIBW_C : STP_C_RIBW_C, P + "-C.RIBW-C", "011000101 " + L + " imm7:7 Ct2:5 Rn:5 Ct:5")
                .syntax(p, c("Ct"), c("Ct2"), preIndex("Rn", simm("imm7").scaled(4))));
            t.add(define(l == 1 ? LDP_CC_RIAW_C : STP_CC_RIAW_C, P + "-CC.RIAW-C", "001000101 " + L + " imm7:7 Ct2:5 Rn:5 Ct:5")
                .syntax(p, c("Ct"), c("Ct2"), base("Rn"), simm("imm7").scaled(4)));
            t.add(define(l == 1 ? LDNP_C_RIB_C : STNP_C_RIB_C, (l == 1 ? "LDNP" : "STNP") + "-C.RIB-C", "011000100 " + L + " imm7:7 Ct2:5 Rn:5 Ct:5")
                .syntax(l == 1 ? "ldnp" : "stnp", c("Ct"), c("Ct2"), offset("Rn", simm("imm7").scaled(4), "imm7")));
        }

        // exclusives: bit 21 = pair, bit 15 = acquire/release
        t.add(define(STXR_R_CR_C, "STXR-R.CR-C", "001000100 L=0 0 Rs:5 0 11111 Rn:5 Ct:5")
            .syntax("stxr", w("Rs"), c("Ct"), base("Rn")));
        t.add(define(STLXR_R_CR_C, "STLXR-R.CR-C", "001000100 L=0 0 Rs:5 1 11111 Rn:5 Ct:5")
            .syntax("stlxr", w("Rs"), c("Ct"), base("Rn")));
        t.add(define(STXP_R_CR_C, "STXP-R.CR-C", "001000100 L=0 1 Rs:5 0 Ct2:5 Rn:5 Ct:5")
            .syntax("stxp", w("Rs"), c("Ct"), c("Ct2"), base("Rn")));
        t.add(define(STLXP_R_CR_C, "STLXP-R.CR-C", "001000100 L=0 1 Rs:5 1 Ct2:5 Rn:5 Ct:5")
            .syntax("stlxp", w("Rs"), c("Ct"), c("Ct2"), base("Rn")));
        t.add(define(LDXR_C_R_C, "LDXR-C.R-C", "001000100 L=1 0 11111 0 11111 Rn:5 Ct:5")
            .syntax("ldxr", c("Ct"), base("Rn")));
        t.add(define(LDAXR_C_R_C, "LDAXR-C.R-C", "001000100 L=1 0 11111 1 11111 Rn:5 Ct:5")
            .syntax("ldaxr", c("Ct"), base("Rn")));
        t.add(define(LDXP_C_R_C, "LDXP-C.R-C", "001000100 L=1 1 11111 0 Ct2:5 Rn:5 Ct:5")
            .syntax("ldxp", c("Ct"), c("Ct2"), base("Rn")));
        t.add(define(LDAXP_C_R_C, "LDAXP-C.R-C", "001000100 L=1 1 11111 1 Ct2:5 Rn:5 Ct:5")
            .syntax("ldaxp", c("Ct"), c("Ct2"), base("Rn")));
        t.add(define(STLR_C_R_C, "STLR-C.R-C", "010000100 L=0 0 11111 1 11111 Rn:5 Ct:5")
            .syntax("stlr", c("Ct"), base("Rn")));
        t.add(define(LDAR_C_R_C, "LDAR-C.R-C", "010000100 L=1 0 11111 1 11111 Rn:5 Ct:5")
            .syntax("ldar", c("Ct"), base("Rn")));
        t.add(define(LDAPR_C_R_C, "LDAPR-C.R-C", "10100010 00 1 11111 110000 Rn:5 Ct:5")
            .syntax("ldapr", c("Ct"), base("Rn")));

        // compare-and-swap and swap
        String[] cas = {"CAS", "CASL", "CASA", "CASAL"};
        int[] casIds = {CAS_C_R_C, CASL_C_R_C, CASA_C_R_C, CASAL_C_R_C};
        for (int i = 0; i < 4; i++) {
            int r = i & 1;
            int acq = i >> 1;
            t.add(define(casIds[i], cas[i] + "-C.R-C", "10100010 1 L=" + acq + " 1 Cs:5 R=" + r + " 11111 Rn:5 Ct:5")
                .syntax(cas[i].toLowerCase(), c("Cs"), c("Ct"), base("Rn")));
        }
        String[] swp = {"SWP", "SWPL", "SWPA", "SWPAL"};
        int[] swpIds = {SWP_CC_R_C, SWPL_CC_R_C, SWPA_CC_R_C, SWPAL_CC_R_C};
        for (int i = 0; i < 4; i++) {
            int r = i & 1;
            int acq = i >> 1;
            t.add(define(swpIds[i], swp[i] + "-CC.R-C", "10100010 A=" + acq + " R=" + r + " 1 Cs:5 100000 Rn:5 Ct:5")
                .syntax(swp[i].toLowerCase(), c("Cs"), c("Ct"), base("Rn")));
        }

        // tags of a 64-byte block as bits of an X register
        t.add(define(STCT_R_R, "STCT-R.R-_", "11000010110001001 opc=00 100 Rn:5 Rt:5")
            .syntax("stct", x("Rt"), base("Rn")));
        t.add(define(LDCT_R_R, "LDCT-R.R-_", "11000010110001001 opc=01 100 Rn:5 Rt:5")
            .syntax("ldct", x("Rt"), base("Rn")));
    }
}
