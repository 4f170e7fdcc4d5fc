package org.uforklab.machine.isa;

import static org.uforklab.machine.isa.Encoding.define;
import static org.uforklab.machine.isa.Operands.c;
import static org.uforklab.machine.isa.Operands.cond;
import static org.uforklab.machine.isa.Operands.csp;
import static org.uforklab.machine.isa.Operands.extendedReg;
import static org.uforklab.machine.isa.Operands.fixed;
import static org.uforklab.machine.isa.Operands.flag;
import static org.uforklab.machine.isa.Operands.label;
import static org.uforklab.machine.isa.Operands.lit;
import static org.uforklab.machine.isa.Operands.named;
import static org.uforklab.machine.isa.Operands.uimm;
import static org.uforklab.machine.isa.Operands.x;

import org.uforklab.machine.asm.RelocationType;

/**
 * Morello capability manipulation (family 1): arithmetic on capabilities (ADD, SUB, ADR, ADRP, ADRDP), bounds
 * (SCBNDS, SCBNDSE, RRLEN, RRMASK), value/offset/flags/tag setters, the GC* getters, permissions, sealing,
 * BUILD, the CHK* checks, conversions (CVT*) and CSEL/SUBS on capabilities. Register 31 is CSP or CZR per
 * operand, following the Morello architecture (and LLVM's Morello register classes).
 */
public final class MorelloCapabilityOps implements EncodingFamily {

    public static final int ADD_C_CIS_C = 0x101;
    public static final int SUB_C_CIS_C = 0x102;
    public static final int ADD_C_CRI_C = 0x103;
    public static final int ADR_C_I_C = 0x104;
    public static final int ADRDP_C_ID_C = 0x105;
    public static final int ADRP_C_IP_C = 0x106;
    public static final int SCBNDS_C_CR_C = 0x107;
    public static final int SCBNDSE_C_CR_C = 0x108;
    public static final int SCVALUE_C_CR_C = 0x109;
    public static final int SCOFF_C_CR_C = 0x10a;
    public static final int SCBNDS_C_CI_C = 0x10b;
    public static final int SCBNDS_C_CI_S = 0x10c;
    public static final int SCFLGS_C_CR_C = 0x10d;
    public static final int SCTAG_C_CR_C = 0x10e;
    public static final int BUILD_C_C_C = 0x10f;
    public static final int CPYTYPE_C_C_C = 0x110;
    public static final int CSEAL_C_C_C = 0x111;
    public static final int CPYVALUE_C_C_C = 0x112;
    public static final int SEAL_C_CC_C = 0x113;
    public static final int UNSEAL_C_CC_C = 0x114;
    public static final int CHKSSU_C_CC_C = 0x115;
    public static final int SEAL_C_CI_C = 0x116;
    public static final int CSEL_C_CI_C = 0x117;
    public static final int GCBASE_R_C_C = 0x118;
    public static final int GCLEN_R_C_C = 0x119;
    public static final int GCVALUE_R_C_C = 0x11a;
    public static final int GCOFF_R_C_C = 0x11b;
    public static final int GCTAG_R_C_C = 0x11c;
    public static final int GCSEAL_R_C_C = 0x11d;
    public static final int GCPERM_R_C_C = 0x11e;
    public static final int GCTYPE_R_C_C = 0x11f;
    public static final int GCLIM_R_C_C = 0x120;
    public static final int GCFLGS_R_C_C = 0x121;
    public static final int CFHI_R_C_C = 0x122;
    public static final int CLRTAG_C_C_C = 0x123;
    public static final int CPY_C_C_C = 0x124;
    public static final int CHKSLD_C_C = 0x125;
    public static final int CHKTGD_C_C = 0x126;
    public static final int CHKSS_CC_C = 0x127;
    public static final int CHKEQ_CC_C = 0x128;
    public static final int CVT_R_CC_C = 0x129;
    public static final int CVT_C_CR_C = 0x12a;
    public static final int CVTZ_C_CR_C = 0x12b;
    public static final int CVTD_R_C_C = 0x12c;
    public static final int CVTP_R_C_C = 0x12d;
    public static final int CVTD_C_R_C = 0x12e;
    public static final int CVTP_C_R_C = 0x12f;
    public static final int CVTDZ_C_R_C = 0x130;
    public static final int CVTPZ_C_R_C = 0x131;
    public static final int CLRPERM_C_CR_C = 0x132;
    public static final int CLRPERM_C_CI_C = 0x133;
    public static final int BICFLGS_C_CR_C = 0x134;
    public static final int ORRFLGS_C_CR_C = 0x135;
    public static final int EORFLGS_C_CR_C = 0x136;
    public static final int CTHI_C_CR_C = 0x137;
    public static final int BICFLGS_C_CI_C = 0x138;
    public static final int ORRFLGS_C_CI_C = 0x139;
    public static final int EORFLGS_C_CI_C = 0x13a;
    public static final int ALIGND_C_CI_C = 0x13b;
    public static final int ALIGNU_C_CI_C = 0x13c;
    public static final int RRLEN_R_R_C = 0x13d;
    public static final int RRMASK_R_R_C = 0x13e;
    public static final int SUBS_R_CC_C = 0x13f;

    /** CLRPERM immediate spelling: perm bit 2 = r (Load), bit 1 = w (Store), bit 0 = x (Execute). */
    private static final String[] PERMS = {null, "x", "w", "wx", "r", "rx", "rw", "rwx"};

    @Override
    public void register(EncodingTable.Builder t) {
        // ---- arithmetic
        t.add(define(ADD_C_CIS_C, "ADD-C.CIS-C", "00000010 A=0 sh:1 imm12:12 Cn:5 Cd:5")
            .syntax("add", csp("Cd"), csp("Cn"), uimm("imm12").lo12(RelocationType.LO12), flag("sh", "lsl #12")));
        t.add(define(SUB_C_CIS_C, "SUB-C.CIS-C", "00000010 A=1 sh:1 imm12:12 Cn:5 Cd:5")
            .syntax("sub", csp("Cd"), csp("Cn"), uimm("imm12"), flag("sh", "lsl #12")));
        t.add(define(ADD_C_CRI_C, "ADD-C.CRI-C", "11000010101 Rm:5 option:3 imm3:3 Cn:5 Cd:5")
            .undefinedIf("imm3 > 4", w -> ((w >>> 10) & 7) > 4)
            .syntax("add", csp("Cd"), csp("Cn"), extendedReg("Rm", "option", "imm3", -1, w -> false, 4))
            .accept("add", csp("Cd"), csp("Cn"), x("Rm"), fixed("option", 3), fixed("imm3", 0)));

        // ---- PC-relative addresses (C64): P is the top bit of ADR's offset; ADRP has P=1, ADRDP P=0
        t.add(define(ADR_C_I_C, "ADR-C.I-C", "op=0 immlo:2 10000 P:1 immhi:18 Rd:5")
            .syntax("adr", c("Rd"), label(RelocationType.ADR_LO21, 0, "P", "immhi", "immlo")));
        t.add(define(ADRP_C_IP_C, "ADRP-C.IP-C", "op=1 immlo:2 10000 P=1 immhi:18 Rd:5")
            .syntax("adrp", c("Rd"), label(RelocationType.ADRP_HI20_C64, 12, "immhi", "immlo")));
        t.add(define(ADRDP_C_ID_C, "ADRDP-C.ID-C", "op=1 immlo:2 10000 P=0 immhi:18 Rd:5")
            .syntax("adrdp", c("Rd"), uimm("immhi", "immlo").scaled(12).hex()));

        // ---- bounds, value, offset, flags, tag (register forms)
        t.add(define(SCBNDS_C_CR_C, "SCBNDS-C.CR-C", "11000010110 Rm:5 0 opc=00 000 Cn:5 Cd:5")
            .syntax("scbnds", csp("Cd"), csp("Cn"), x("Rm")));
        t.add(define(SCBNDSE_C_CR_C, "SCBNDSE-C.CR-C", "11000010110 Rm:5 0 opc=01 000 Cn:5 Cd:5")
            .syntax("scbndse", csp("Cd"), csp("Cn"), x("Rm")));
        t.add(define(SCVALUE_C_CR_C, "SCVALUE-C.CR-C", "11000010110 Rm:5 0 opc=10 000 Cn:5 Cd:5")
            .syntax("scvalue", csp("Cd"), csp("Cn"), x("Rm")));
        t.add(define(SCOFF_C_CR_C, "SCOFF-C.CR-C", "11000010110 Rm:5 0 opc=11 000 Cn:5 Cd:5")
            .syntax("scoff", csp("Cd"), csp("Cn"), x("Rm")));
        t.add(define(SCTAG_C_CR_C, "SCTAG-C.CR-C", "11000010110 Rm:5 10 0 000 Cn:5 Cd:5")
            .syntax("sctag", csp("Cd"), csp("Cn"), x("Rm")));
        t.add(define(CLRPERM_C_CR_C, "CLRPERM-C.CR-C", "11000010110 Rm:5 10 1 000 Cn:5 Cd:5")
            .syntax("clrperm", csp("Cd"), csp("Cn"), x("Rm")));
        t.add(define(SCFLGS_C_CR_C, "SCFLGS-C.CR-C", "11000010110 Rm:5 111000 Cn:5 Cd:5")
            .syntax("scflgs", csp("Cd"), csp("Cn"), x("Rm")));
        t.add(define(SCBNDS_C_CI_C, "SCBNDS-C.CI-C", "11000010110 imm6:6 S=0 1110 Cn:5 Cd:5")
            .syntax("scbnds", csp("Cd"), csp("Cn"), uimm("imm6")));
        t.add(define(SCBNDS_C_CI_S, "SCBNDS-C.CI-S", "11000010110 imm6:6 S=1 1110 Cn:5 Cd:5")
            .syntax("scbnds", csp("Cd"), csp("Cn"), uimm("imm6"), lit(", lsl #4")));
        t.add(define(ALIGND_C_CI_C, "ALIGND-C.CI-C", "11000010110 imm6:6 U=0 0110 Cn:5 Cd:5")
            .syntax("alignd", csp("Cd"), csp("Cn"), uimm("imm6")));
        t.add(define(ALIGNU_C_CI_C, "ALIGNU-C.CI-C", "11000010110 imm6:6 U=1 0110 Cn:5 Cd:5")
            .syntax("alignu", csp("Cd"), csp("Cn"), uimm("imm6")));

        // ---- flags (the top byte of the value)
        t.add(define(BICFLGS_C_CR_C, "BICFLGS-C.CR-C", "11000010110 Rm:5 opc=00 1010 Cn:5 Cd:5")
            .syntax("bicflgs", csp("Cd"), csp("Cn"), x("Rm")));
        t.add(define(ORRFLGS_C_CR_C, "ORRFLGS-C.CR-C", "11000010110 Rm:5 opc=01 1010 Cn:5 Cd:5")
            .syntax("orrflgs", csp("Cd"), csp("Cn"), x("Rm")));
        t.add(define(EORFLGS_C_CR_C, "EORFLGS-C.CR-C", "11000010110 Rm:5 opc=10 1010 Cn:5 Cd:5")
            .syntax("eorflgs", csp("Cd"), csp("Cn"), x("Rm")));
        t.add(define(CTHI_C_CR_C, "CTHI-C.CR-C", "11000010110 Rm:5 opc=11 1010 Cn:5 Cd:5")
            .syntax("cthi", csp("Cd"), c("Cn"), x("Rm")));
        t.add(define(BICFLGS_C_CI_C, "BICFLGS-C.CI-C", "11000010111 imm8:8 00 0 Cn:5 Cd:5")
            .syntax("bicflgs", csp("Cd"), csp("Cn"), uimm("imm8")));
        t.add(define(ORRFLGS_C_CI_C, "ORRFLGS-C.CI-C", "11000010111 imm8:8 01 0 Cn:5 Cd:5")
            .syntax("orrflgs", csp("Cd"), csp("Cn"), uimm("imm8")));
        t.add(define(EORFLGS_C_CI_C, "EORFLGS-C.CI-C", "11000010111 imm8:8 10 0 Cn:5 Cd:5")
            .syntax("eorflgs", csp("Cd"), csp("Cn"), uimm("imm8")));

        // ---- two-capability operations
        t.add(define(BUILD_C_C_C, "BUILD-C.C-C", "11000010110 Cm:5 0 opc=00 001 Cn:5 Cd:5")
            .syntax("build", csp("Cd"), csp("Cn"), csp("Cm")));
        t.add(define(CPYTYPE_C_C_C, "CPYTYPE-C.C-C", "11000010110 Cm:5 0 opc=01 001 Cn:5 Cd:5")
            .syntax("cpytype", c("Cd"), c("Cn"), c("Cm")));
        t.add(define(CSEAL_C_C_C, "CSEAL-C.C-C", "11000010110 Cm:5 0 opc=10 001 Cn:5 Cd:5")
            .syntax("cseal", csp("Cd"), csp("Cn"), csp("Cm")));
        t.add(define(CPYVALUE_C_C_C, "CPYVALUE-C.C-C", "11000010110 Cm:5 0 opc=11 001 Cn:5 Cd:5")
            .syntax("cpyvalue", c("Cd"), c("Cn"), c("Cm")));
        t.add(define(SEAL_C_CC_C, "SEAL-C.CC-C", "11000010110 Cm:5 opc=00 0010 Cn:5 Cd:5")
            .syntax("seal", c("Cd"), c("Cn"), c("Cm")));
        t.add(define(UNSEAL_C_CC_C, "UNSEAL-C.CC-C", "11000010110 Cm:5 opc=01 0010 Cn:5 Cd:5")
            .syntax("unseal", c("Cd"), c("Cn"), c("Cm")));
        t.add(define(CHKSSU_C_CC_C, "CHKSSU-C.CC-C", "11000010110 Cm:5 opc=10 0010 Cn:5 Cd:5")
            .syntax("chkssu", c("Cd"), csp("Cn"), csp("Cm")));
        t.add(define(SEAL_C_CI_C, "SEAL-C.CI-C", "11000010110000110 form:2 100 Cn:5 Cd:5")
            .undefinedIf("form == 00", w -> ((w >>> 13) & 3) == 0)
            .syntax("seal", c("Cd"), c("Cn"), named("form", "a seal form", null, "rb", "lpb", "lb")));
        t.add(define(CSEL_C_CI_C, "CSEL-C.CI-C", "11000010110 Cm:5 cond:4 11 Cn:5 Cd:5")
            .syntax("csel", c("Cd"), c("Cn"), c("Cm"), cond("cond")));
        t.add(define(SUBS_R_CC_C, "SUBS-R.CC-C", "11000010111 Cm:5 100110 Cn:5 Rd:5")
            .alias(i -> i.get("Rd") == 31, "cmp", c("Cn"), c("Cm"), fixed("Rd", 31))
            .syntax("subs", x("Rd"), c("Cn"), c("Cm")));
        t.add(define(CHKSS_CC_C, "CHKSS-_.CC-C", "11000010110 Cm:5 1 opc=00 001 Cn:5 00001")
            .syntax("chkss", csp("Cn"), csp("Cm")));
        t.add(define(CHKEQ_CC_C, "CHKEQ-_.CC-C", "11000010110 Cm:5 1 opc=01 001 Cn:5 00001")
            .syntax("chkeq", csp("Cn"), c("Cm")));

        // ---- getters
        String[] gc = {"GCBASE", "GCLEN", "GCVALUE", "GCOFF", "GCTAG", "GCSEAL", "GCPERM", "GCTYPE"};
        int[] gcIds = {GCBASE_R_C_C, GCLEN_R_C_C, GCVALUE_R_C_C, GCOFF_R_C_C, GCTAG_R_C_C, GCSEAL_R_C_C, GCPERM_R_C_C, GCTYPE_R_C_C};
        for (int i = 0; i < gc.length; i++) {
            t.add(define(gcIds[i], gc[i] + "-R.C-C", "1100001011000000 opc=" + bits(i, 3) + " 100 Cn:5 Rd:5")
                .syntax(gc[i].toLowerCase(), x("Rd"), csp("Cn")));
        }
        t.add(define(GCLIM_R_C_C, "GCLIM-R.C-C", "11000010110000010 opc=00 100 Cn:5 Rd:5")
            .syntax("gclim", x("Rd"), csp("Cn")));
        t.add(define(GCFLGS_R_C_C, "GCFLGS-R.C-C", "11000010110000010 opc=01 100 Cn:5 Rd:5")
            .syntax("gcflgs", x("Rd"), csp("Cn")));
        t.add(define(CFHI_R_C_C, "CFHI-R.C-C", "11000010110000010 opc=10 100 Cn:5 Rd:5")
            .syntax("cfhi", x("Rd"), csp("Cn")));

        // ---- one-capability operations
        t.add(define(CLRTAG_C_C_C, "CLRTAG-C.C-C", "11000010110000011 opc=00 100 Cn:5 Cd:5")
            .syntax("clrtag", csp("Cd"), csp("Cn")));
        t.add(define(CPY_C_C_C, "CPY-C.C-C", "11000010110000011 opc=10 100 Cn:5 Cd:5")
            .alias(i -> true, "mov", csp("Cd"), csp("Cn"))
            .accept("cpy", csp("Cd"), csp("Cn")));
        t.add(define(CHKSLD_C_C, "CHKSLD-C-C", "11000010110000100 opc=00 100 Cn:5 00001")
            .syntax("chksld", csp("Cn")));
        t.add(define(CHKTGD_C_C, "CHKTGD-C-C", "11000010110000100 opc=01 100 Cn:5 00001")
            .syntax("chktgd", csp("Cn")));
        t.add(define(CLRPERM_C_CI_C, "CLRPERM-C.CI-C", "1100001011000110 perm:3 100 Cn:5 Cd:5")
            .syntax("clrperm", csp("Cd"), csp("Cn"), named("perm", "permissions", PERMS)));

        // ---- conversions between capabilities and integers
        t.add(define(CVT_R_CC_C, "CVT-R.CC-C", "11000010110 Cm:5 110000 Cn:5 Rd:5")
            .syntax("cvt", x("Rd"), csp("Cn"), c("Cm")));
        t.add(define(CVT_C_CR_C, "CVT-C.CR-C", "11000010111 Rm:5 0 0 0110 Cn:5 Cd:5")
            .syntax("cvt", c("Cd"), csp("Cn"), x("Rm")));
        t.add(define(CVTZ_C_CR_C, "CVTZ-C.CR-C", "11000010111 Rm:5 0 1 0110 Cn:5 Cd:5")
            .syntax("cvtz", c("Cd"), csp("Cn"), x("Rm")));
        t.add(define(CVTD_R_C_C, "CVTD-R.C-C", "11000010110001010 opc=00 100 Cn:5 Rd:5")
            .syntax("cvtd", x("Rd"), csp("Cn")));
        t.add(define(CVTP_R_C_C, "CVTP-R.C-C", "11000010110001010 opc=01 100 Cn:5 Rd:5")
            .syntax("cvtp", x("Rd"), csp("Cn")));
        t.add(define(CVTD_C_R_C, "CVTD-C.R-C", "11000010110001011 opc=00 100 Rn:5 Cd:5")
            .syntax("cvtd", c("Cd"), x("Rn")));
        t.add(define(CVTP_C_R_C, "CVTP-C.R-C", "11000010110001011 opc=01 100 Rn:5 Cd:5")
            .syntax("cvtp", c("Cd"), x("Rn")));
        t.add(define(CVTDZ_C_R_C, "CVTDZ-C.R-C", "11000010110001011 opc=10 100 Rn:5 Cd:5")
            .syntax("cvtdz", c("Cd"), x("Rn")));
        t.add(define(CVTPZ_C_R_C, "CVTPZ-C.R-C", "11000010110001011 opc=11 100 Rn:5 Cd:5")
            .syntax("cvtpz", c("Cd"), x("Rn")));

        // ---- representable lengths
        t.add(define(RRLEN_R_R_C, "RRLEN-R.R-C", "11000010110001110 opc=00 100 Rn:5 Rd:5")
            .syntax("rrlen", x("Rd"), x("Rn")));
        t.add(define(RRMASK_R_R_C, "RRMASK-R.R-C", "11000010110001110 opc=01 100 Rn:5 Rd:5")
            .syntax("rrmask", x("Rd"), x("Rn")));
    }

    static String bits(int v, int width) {
        StringBuilder sb = new StringBuilder();
        for (int i = width - 1; i >= 0; i--) {
            sb.append((v >>> i) & 1);
        }
        return sb.toString();
    }
}
