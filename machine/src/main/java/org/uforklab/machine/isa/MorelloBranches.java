package org.uforklab.machine.isa;

import static org.uforklab.machine.isa.Encoding.define;
import static org.uforklab.machine.isa.Operands.c;
import static org.uforklab.machine.isa.Operands.csp;
import static org.uforklab.machine.isa.Operands.lit;
import static org.uforklab.machine.isa.Operands.litOperand;
import static org.uforklab.machine.isa.Operands.opt;
import static org.uforklab.machine.isa.Operands.byState;
import static org.uforklab.machine.isa.Operands.optReg;
import static org.uforklab.machine.isa.Operands.seq;
import static org.uforklab.machine.isa.Operands.simm;

/**
 * Morello branches through capabilities (family 3): BR/BLR/RET and their Restricted (R) and sentry (S) forms,
 * branches to sealed pairs (BRS/BLRS/RETS C29, Cn, Cm), branches through memory ({@code br [cn, #imm]}),
 * load-pair-and-branch (LDPBR/LDPBLR) and BX #4.
 */
public final class MorelloBranches implements EncodingFamily {

    public static final int BR_C_C = 0x301;
    public static final int BLR_C_C = 0x302;
    public static final int RET_C_C = 0x303;
    public static final int BRS_C_C = 0x304;
    public static final int BLRS_C_C = 0x305;
    public static final int RETS_C_C = 0x306;
    public static final int BRR_C_C = 0x307;
    public static final int BLRR_C_C = 0x308;
    public static final int RETR_C_C = 0x309;
    public static final int BX_C = 0x30a;
    public static final int BRS_C_C_C = 0x30b;
    public static final int BLRS_C_C_C = 0x30c;
    public static final int RETS_C_C_C = 0x30d;
    public static final int BR_CI_C = 0x30e;
    public static final int BLR_CI_C = 0x30f;
    public static final int LDPBR_C_C_C = 0x310;
    public static final int LDPBLR_C_C_C = 0x311;

    @Override
    public void register(EncodingTable.Builder t) {
        // bits 4:0 select plain (00000), sentry (00010) and Restricted (00011); opc selects BR/BLR/RET
        String[][] forms = {{"00000", ""}, {"00010", "S"}, {"00011", "R"}};
        int[][] ids = {{BR_C_C, BLR_C_C, RET_C_C}, {BRS_C_C, BLRS_C_C, RETS_C_C}, {BRR_C_C, BLRR_C_C, RETR_C_C}};
        String[] ops = {"BR", "BLR", "RET"};
        for (int f = 0; f < forms.length; f++) {
            for (int op = 0; op < 3; op++) {
                String m = (ops[op] + forms[f][1]).toLowerCase();
                Encoding.Builder b = define(ids[f][op], ops[op] + forms[f][1] + "-C-C",
                    "11000010110000100 opc=" + MorelloCapabilityOps.bits(op, 2) + " 100 Cn:5 " + forms[f][0])
                    .syntax(m, c("Cn"));
                if (op == 2) {
                    // in C64 code a bare "ret" returns through c30 (in A64 code through x30: A64Branches)
                    b.accept(m, byState(optReg(RegisterKind.C, "Cn", 30), c("Cn")));
                }
                t.add(b);
            }
        }
        t.add(define(BX_C, "BX-_-C", "11000010110000100 opc=11 100 11111 00000")
            .syntax("bx", litOperand("#4")));
        String[] pair = {"BRS", "BLRS", "RETS"};
        int[] pairIds = {BRS_C_C_C, BLRS_C_C_C, RETS_C_C_C};
        for (int op = 0; op < 3; op++) {
            t.add(define(pairIds[op], pair[op] + "-C.C-C", "11000010110 Cm:5 1 opc=" + MorelloCapabilityOps.bits(op, 2) + " 001 Cn:5 00000")
                .syntax(pair[op].toLowerCase(), litOperand("c29"), c("Cn"), c("Cm")));
        }
        t.add(define(BR_CI_C, "BR-CI-C", "110000101101 imm7:7 100 Cn:5 0000 0")
            .syntax("br", seq(lit("["), csp("Cn"), opt(i -> i.get("imm7") != 0, lit(", "), simm("imm7").scaled(4)), lit("]"))));
        t.add(define(BLR_CI_C, "BLR-CI-C", "110000101101 imm7:7 100 Cn:5 0000 1")
            .syntax("blr", seq(lit("["), csp("Cn"), opt(i -> i.get("imm7") != 0, lit(", "), simm("imm7").scaled(4)), lit("]"))));
        t.add(define(LDPBR_C_C_C, "LDPBR-C.C-C", "11000010110001000 opc=00 100 Cn:5 Ct:5")
            .syntax("ldpbr", c("Ct"), seq(lit("["), csp("Cn"), lit("]"))));
        t.add(define(LDPBLR_C_C_C, "LDPBLR-C.C-C", "11000010110001000 opc=01 100 Cn:5 Ct:5")
            .syntax("ldpblr", c("Ct"), seq(lit("["), csp("Cn"), lit("]"))));
    }
}
