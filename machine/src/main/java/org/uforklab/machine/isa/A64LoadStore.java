package org.uforklab.machine.isa;

import static org.uforklab.machine.isa.Encoding.define;
import static org.uforklab.machine.isa.Operands.base;
import static org.uforklab.machine.isa.Operands.label;
import static org.uforklab.machine.isa.Operands.lit;
import static org.uforklab.machine.isa.Operands.named;
import static org.uforklab.machine.isa.Operands.opt;
import static org.uforklab.machine.isa.Operands.reg;
import static org.uforklab.machine.isa.Operands.regOffset;
import static org.uforklab.machine.isa.Operands.seq;
import static org.uforklab.machine.isa.Operands.simm;
import static org.uforklab.machine.isa.Operands.uimm;

import org.uforklab.machine.asm.RelocationType;

/**
 * Base A64 loads and stores of general-purpose registers (family 12), as used in C64 code where the base
 * register is a capability ({@code ldr x0, [c1, #8]}; {@code [x1, #8]} in {@link IsaState#A64} spelling): bytes, halves, words and doublewords in every addressing
 * mode (unsigned offset, pre/post-index, unscaled, unprivileged, register offset), the signed variants,
 * literal loads, prefetch, and the pairs LDP/STP/LDPSW/LDNP/STNP. Exclusives, ordered accesses and atomics are
 * in {@link A64Atomics}.
 */
public final class A64LoadStore implements EncodingFamily {

    // single registers: id = 0xc00 | op << 3 | mode
    public static final int STRB_UIMM = 0xc00;
    public static final int STRB_PRE = 0xc01;
    public static final int STRB_POST = 0xc02;
    public static final int STRB_UNSCALED = 0xc03;
    public static final int STRB_UNPRIV = 0xc04;
    public static final int STRB_REG = 0xc05;
    public static final int LDRB_UIMM = 0xc08;
    public static final int LDRB_PRE = 0xc09;
    public static final int LDRB_POST = 0xc0a;
    public static final int LDRB_UNSCALED = 0xc0b;
    public static final int LDRB_UNPRIV = 0xc0c;
    public static final int LDRB_REG = 0xc0d;
    public static final int LDRSB_X_UIMM = 0xc10;
    public static final int LDRSB_X_PRE = 0xc11;
    public static final int LDRSB_X_POST = 0xc12;
    public static final int LDRSB_X_UNSCALED = 0xc13;
    public static final int LDRSB_X_UNPRIV = 0xc14;
    public static final int LDRSB_X_REG = 0xc15;
    public static final int LDRSB_W_UIMM = 0xc18;
    public static final int LDRSB_W_PRE = 0xc19;
    public static final int LDRSB_W_POST = 0xc1a;
    public static final int LDRSB_W_UNSCALED = 0xc1b;
    public static final int LDRSB_W_UNPRIV = 0xc1c;
    public static final int LDRSB_W_REG = 0xc1d;
    public static final int STRH_UIMM = 0xc20;
    public static final int STRH_PRE = 0xc21;
    public static final int STRH_POST = 0xc22;
    public static final int STRH_UNSCALED = 0xc23;
    public static final int STRH_UNPRIV = 0xc24;
    public static final int STRH_REG = 0xc25;
    public static final int LDRH_UIMM = 0xc28;
    public static final int LDRH_PRE = 0xc29;
    public static final int LDRH_POST = 0xc2a;
    public static final int LDRH_UNSCALED = 0xc2b;
    public static final int LDRH_UNPRIV = 0xc2c;
    public static final int LDRH_REG = 0xc2d;
    public static final int LDRSH_X_UIMM = 0xc30;
    public static final int LDRSH_X_PRE = 0xc31;
    public static final int LDRSH_X_POST = 0xc32;
    public static final int LDRSH_X_UNSCALED = 0xc33;
    public static final int LDRSH_X_UNPRIV = 0xc34;
    public static final int LDRSH_X_REG = 0xc35;
    public static final int LDRSH_W_UIMM = 0xc38;
    public static final int LDRSH_W_PRE = 0xc39;
    public static final int LDRSH_W_POST = 0xc3a;
    public static final int LDRSH_W_UNSCALED = 0xc3b;
    public static final int LDRSH_W_UNPRIV = 0xc3c;
    public static final int LDRSH_W_REG = 0xc3d;
    public static final int STR_W_UIMM = 0xc40;
    public static final int STR_W_PRE = 0xc41;
    public static final int STR_W_POST = 0xc42;
    public static final int STR_W_UNSCALED = 0xc43;
    public static final int STR_W_UNPRIV = 0xc44;
    public static final int STR_W_REG = 0xc45;
    public static final int LDR_W_UIMM = 0xc48;
    public static final int LDR_W_PRE = 0xc49;
    public static final int LDR_W_POST = 0xc4a;
    public static final int LDR_W_UNSCALED = 0xc4b;
    public static final int LDR_W_UNPRIV = 0xc4c;
    public static final int LDR_W_REG = 0xc4d;
    public static final int LDRSW_UIMM = 0xc50;
    public static final int LDRSW_PRE = 0xc51;
    public static final int LDRSW_POST = 0xc52;
    public static final int LDRSW_UNSCALED = 0xc53;
    public static final int LDRSW_UNPRIV = 0xc54;
    public static final int LDRSW_REG = 0xc55;
    public static final int STR_X_UIMM = 0xc58;
    public static final int STR_X_PRE = 0xc59;
    public static final int STR_X_POST = 0xc5a;
    public static final int STR_X_UNSCALED = 0xc5b;
    public static final int STR_X_UNPRIV = 0xc5c;
    public static final int STR_X_REG = 0xc5d;
    public static final int LDR_X_UIMM = 0xc60;
    public static final int LDR_X_PRE = 0xc61;
    public static final int LDR_X_POST = 0xc62;
    public static final int LDR_X_UNSCALED = 0xc63;
    public static final int LDR_X_UNPRIV = 0xc64;
    public static final int LDR_X_REG = 0xc65;
    public static final int PRFM_UIMM = 0xc68;
    public static final int PRFM_UNSCALED = 0xc6b;
    public static final int PRFM_REG = 0xc6d;
    public static final int LDR_W_LIT = 0xc80;
    public static final int LDR_X_LIT = 0xc81;
    public static final int LDRSW_LIT = 0xc82;
    public static final int PRFM_LIT = 0xc83;
    public static final int STP_W_POST = 0xca0;
    public static final int STP_W_PRE = 0xca1;
    public static final int STP_W_OFFSET = 0xca2;
    public static final int LDP_W_POST = 0xca3;
    public static final int LDP_W_PRE = 0xca4;
    public static final int LDP_W_OFFSET = 0xca5;
    public static final int STP_X_POST = 0xca6;
    public static final int STP_X_PRE = 0xca7;
    public static final int STP_X_OFFSET = 0xca8;
    public static final int LDP_X_POST = 0xca9;
    public static final int LDP_X_PRE = 0xcaa;
    public static final int LDP_X_OFFSET = 0xcab;
    public static final int LDPSW_POST = 0xcac;
    public static final int LDPSW_PRE = 0xcad;
    public static final int LDPSW_OFFSET = 0xcae;
    public static final int STNP_W = 0xcaf;
    public static final int LDNP_W = 0xcb0;
    public static final int STNP_X = 0xcb1;
    public static final int LDNP_X = 0xcb2;

    /** One load or store: its size and opc bits, register kind and access size (log2 bytes). */
    private record Op(String id, String size, String opc, RegisterKind kind, int scale, String mnemonic,
                      String immName, String unscaledName, String unprivName, String regName) {
    }

    private static final Op[] OPS = {
        new Op("STRB", "00", "00", RegisterKind.W, 0, "strb", "strb_imm", "sturb", "sttrb", "strb_reg"),
        new Op("LDRB", "00", "01", RegisterKind.W, 0, "ldrb", "ldrb_imm", "ldurb", "ldtrb", "ldrb_reg"),
        new Op("LDRSB_X", "00", "10", RegisterKind.X, 0, "ldrsb", "ldrsb_imm", "ldursb", "ldtrsb", "ldrsb_reg"),
        new Op("LDRSB_W", "00", "11", RegisterKind.W, 0, "ldrsb", "ldrsb_imm", "ldursb", "ldtrsb", "ldrsb_reg"),
        new Op("STRH", "01", "00", RegisterKind.W, 1, "strh", "strh_imm", "sturh", "sttrh", "strh_reg"),
        new Op("LDRH", "01", "01", RegisterKind.W, 1, "ldrh", "ldrh_imm", "ldurh", "ldtrh", "ldrh_reg"),
        new Op("LDRSH_X", "01", "10", RegisterKind.X, 1, "ldrsh", "ldrsh_imm", "ldursh", "ldtrsh", "ldrsh_reg"),
        new Op("LDRSH_W", "01", "11", RegisterKind.W, 1, "ldrsh", "ldrsh_imm", "ldursh", "ldtrsh", "ldrsh_reg"),
        new Op("STR_W", "10", "00", RegisterKind.W, 2, "str", "str_imm_gen", "stur_gen", "sttr", "str_reg_gen"),
        new Op("LDR_W", "10", "01", RegisterKind.W, 2, "ldr", "ldr_imm_gen", "ldur_gen", "ldtr", "ldr_reg_gen"),
        new Op("LDRSW", "10", "10", RegisterKind.X, 2, "ldrsw", "ldrsw_imm", "ldursw", "ldtrsw", "ldrsw_reg"),
        new Op("STR_X", "11", "00", RegisterKind.X, 3, "str", "str_imm_gen", "stur_gen", "sttr", "str_reg_gen"),
        new Op("LDR_X", "11", "01", RegisterKind.X, 3, "ldr", "ldr_imm_gen", "ldur_gen", "ldtr", "ldr_reg_gen"),
        new Op("PRFM", "11", "10", null, 3, "prfm", "prfm_imm", "prfum", null, "prfm_reg"),
    };

    private static final RelocationType[] LO12 = {
        RelocationType.LO12, RelocationType.LO12_SCALE2, RelocationType.LO12_SCALE4, RelocationType.LO12_SCALE8};

    /** PRFM operation names by Rt: type (pld, pli, pst), target level, policy (keep, strm). */
    static final String[] PRFOPS = new String[32];

    static {
        String[] types = {"pld", "pli", "pst"};
        for (int type = 0; type < 3; type++) {
            for (int level = 0; level < 3; level++) {
                for (int policy = 0; policy < 2; policy++) {
                    PRFOPS[type << 3 | level << 1 | policy] = types[type] + "l" + (level + 1) + (policy == 0 ? "keep" : "strm");
                }
            }
        }
    }

    static Operand target(Op op) {
        return op.kind() == null ? named("Rt", "a prefetch operation", PRFOPS) : reg(op.kind(), "Rt");
    }

    /** The unscaled (ldr to ldur) and unprivileged (ldr to ldtr) spellings of a mnemonic. */
    static String respell(String mnemonic, String with) {
        return mnemonic.substring(0, 2) + with + mnemonic.substring(2);
    }

    @Override
    public void register(EncodingTable.Builder t) {
        for (int i = 0; i < OPS.length; i++) {
            Op op = OPS[i];
            int base = 0xc00 | i << 3;
            String head = "size=" + op.size() + " 111 0 ";
            String opc = " opc=" + op.opc() + " ";
            Operand rt = target(op);
            int scale = op.scale();
            String m = op.mnemonic();
            t.add(define(base, op.immName(), head + "01" + opc + "imm12:12 Rn:5 Rt:5")
                .syntax(m, rt, seq(lit("["), base("Rn"),
                    opt(insn -> insn.get("imm12") != 0, lit(", "), uimm("imm12").scaled(scale).lo12(LO12[scale])), lit("]"))));
            if (op.kind() != null) {
                t.add(define(base | 1, op.immName(), head + "00" + opc + "0 imm9:9 11 Rn:5 Rt:5")
                    .syntax(m, rt, seq(lit("["), base("Rn"), lit(", "), simm("imm9"), lit("]!"))));
                t.add(define(base | 2, op.immName(), head + "00" + opc + "0 imm9:9 01 Rn:5 Rt:5")
                    .syntax(m, rt, seq(lit("["), base("Rn"), lit("]")), simm("imm9")));
            }
            t.add(define(base | 3, op.unscaledName(), head + "00" + opc + "0 imm9:9 00 Rn:5 Rt:5")
                .syntax(op.kind() == null ? "prfum" : respell(m, "u"), rt,
                    seq(lit("["), base("Rn"), opt(insn -> insn.get("imm9") != 0, lit(", "), simm("imm9")), lit("]")))
                // like GNU as, ldr/str with an offset the scaled form cannot encode means ldur/stur
                .accept(m, rt, seq(lit("["), base("Rn"), opt(insn -> insn.get("imm9") != 0, lit(", "), simm("imm9")), lit("]"))));
            if (op.kind() != null) {
                t.add(define(base | 4, op.unprivName(), head + "00" + opc + "0 imm9:9 10 Rn:5 Rt:5")
                    .syntax(respell(m, "t"), rt,
                        seq(lit("["), base("Rn"), opt(insn -> insn.get("imm9") != 0, lit(", "), simm("imm9")), lit("]"))));
            }
            t.add(define(base | 5, op.regName(), head + "00" + opc + "1 Rm:5 option:3 S:1 10 Rn:5 Rt:5")
                .undefinedIf("option<1> == 0", w -> ((w >>> 14) & 1) == 0)
                .syntax(m, rt, seq(lit("["), base("Rn"), lit(", "), regOffset("Rm", "option", "S", w -> scale), lit("]"))));
        }

        t.add(define(LDR_W_LIT, "ldr_lit_gen", "opc=00 011 0 00 imm19:19 Rt:5")
            .syntax("ldr", reg(RegisterKind.W, "Rt"), label(RelocationType.BRANCH19, 2, "imm19")));
        t.add(define(LDR_X_LIT, "ldr_lit_gen", "opc=01 011 0 00 imm19:19 Rt:5")
            .syntax("ldr", reg(RegisterKind.X, "Rt"), label(RelocationType.BRANCH19, 2, "imm19")));
        t.add(define(LDRSW_LIT, "ldrsw_lit", "opc=10 011 0 00 imm19:19 Rt:5")
            .syntax("ldrsw", reg(RegisterKind.X, "Rt"), label(RelocationType.BRANCH19, 2, "imm19")));
        t.add(define(PRFM_LIT, "prfm_lit", "opc=11 011 0 00 imm19:19 Rt:5")
            .syntax("prfm", named("Rt", "a prefetch operation", PRFOPS), label(RelocationType.BRANCH19, 2, "imm19")));

        registerPairs(t);
    }

    private void registerPairs(EncodingTable.Builder t) {
        // opc: 00 = 32-bit, 01 = LDPSW (loads only), 10 = 64-bit; mode: 001 post, 011 pre, 010 offset, 000 non-temporal
        String[][] pairs = {{"00", "0", "stp_gen", "stp"}, {"00", "1", "ldp_gen", "ldp"}, {"10", "0", "stp_gen", "stp"},
            {"10", "1", "ldp_gen", "ldp"}, {"01", "1", "ldpsw", "ldpsw"}};
        int[][] ids = {{STP_W_POST, STP_W_PRE, STP_W_OFFSET}, {LDP_W_POST, LDP_W_PRE, LDP_W_OFFSET},
            {STP_X_POST, STP_X_PRE, STP_X_OFFSET}, {LDP_X_POST, LDP_X_PRE, LDP_X_OFFSET},
            {LDPSW_POST, LDPSW_PRE, LDPSW_OFFSET}};
        for (int i = 0; i < pairs.length; i++) {
            String[] p = pairs[i];
            boolean x = !p[0].equals("00");
            RegisterKind k = x ? RegisterKind.X : RegisterKind.W;
            int scale = p[0].equals("10") ? 3 : 2;
            String head = "opc=" + p[0] + " 101 0 ";
            String tail = " L=" + p[1] + " imm7:7 Rt2:5 Rn:5 Rt:5";
            t.add(define(ids[i][0], p[2], head + "001" + tail)
                .syntax(p[3], reg(k, "Rt"), reg(k, "Rt2"), seq(lit("["), base("Rn"), lit("]")), simm("imm7").scaled(scale)));
            t.add(define(ids[i][1], p[2], head + "011" + tail)
                .syntax(p[3], reg(k, "Rt"), reg(k, "Rt2"), seq(lit("["), base("Rn"), lit(", "), simm("imm7").scaled(scale), lit("]!"))));
            t.add(define(ids[i][2], p[2], head + "010" + tail)
                .syntax(p[3], reg(k, "Rt"), reg(k, "Rt2"), seq(lit("["), base("Rn"),
                    opt(insn -> insn.get("imm7") != 0, lit(", "), simm("imm7").scaled(scale)), lit("]"))));
        }
        String[][] nps = {{"00", "0", "stnp_gen", "stnp"}, {"00", "1", "ldnp_gen", "ldnp"}, {"10", "0", "stnp_gen", "stnp"},
            {"10", "1", "ldnp_gen", "ldnp"}};
        int[] npIds = {STNP_W, LDNP_W, STNP_X, LDNP_X};
        for (int i = 0; i < nps.length; i++) {
            String[] p = nps[i];
            RegisterKind k = p[0].equals("10") ? RegisterKind.X : RegisterKind.W;
            int scale = p[0].equals("10") ? 3 : 2;
            t.add(define(npIds[i], p[2], "opc=" + p[0] + " 101 0 000 L=" + p[1] + " imm7:7 Rt2:5 Rn:5 Rt:5")
                .syntax(p[3], reg(k, "Rt"), reg(k, "Rt2"), seq(lit("["), base("Rn"),
                    opt(insn -> insn.get("imm7") != 0, lit(", "), simm("imm7").scaled(scale)), lit("]"))));
        }
    }
}
