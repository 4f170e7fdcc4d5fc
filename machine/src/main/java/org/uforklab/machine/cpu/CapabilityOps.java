package org.uforklab.machine.cpu;

import static org.uforklab.machine.isa.MorelloCapabilityOps.*;

import java.util.Set;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.Perm;
import org.uforklab.machine.isa.Instruction;

/**
 * The Morello capability manipulation instructions (family 1): bounds, values, offsets, flags, permissions,
 * sealing, BUILD, the getters, CVT*, CHK*, CSEL and SUBS on capabilities, ADR/ADRP/ADRDP. None of them faults:
 * a violation of monotonicity or sealing yields an untagged result (morello.md §2.4).
 */
final class CapabilityOps {
    private CapabilityOps() {
    }

    /** Encodings whose Cd is CZR (not CSP) for register 31; all other Cd are CSP. */
    private static final Set<Integer> CD_ZR = Set.of(ADR_C_I_C, ADRP_C_IP_C, ADRDP_C_ID_C, CPYTYPE_C_C_C, CPYVALUE_C_C_C,
            SEAL_C_CC_C, UNSEAL_C_CC_C, CHKSSU_C_CC_C, SEAL_C_CI_C, CSEL_C_CI_C, CVT_C_CR_C, CVTZ_C_CR_C, CVTD_C_R_C,
            CVTP_C_R_C, CVTDZ_C_R_C, CVTPZ_C_R_C);
    private static final Set<Integer> CN_ZR = Set.of(CTHI_C_CR_C, CPYTYPE_C_C_C, CPYVALUE_C_C_C, SEAL_C_CC_C, UNSEAL_C_CC_C,
            SEAL_C_CI_C, CSEL_C_CI_C, SUBS_R_CC_C);
    private static final Set<Integer> CM_ZR = Set.of(CPYTYPE_C_C_C, CPYVALUE_C_C_C, SEAL_C_CC_C, UNSEAL_C_CC_C, CSEL_C_CI_C,
            SUBS_R_CC_C, CHKEQ_CC_C, CVT_R_CC_C);

    static void predecode(Op op, Instruction i, int w) {
        int id = i.id();
        op.id = id;
        var e = i.encoding();
        if (e.hasField("Cd")) {
            op.rd = reg(i.get("Cd"), CD_ZR.contains(id), true);
        } else if (e.hasField("Rd")) {
            op.rd = reg(i.get("Rd"), true, true);
        }
        if (e.hasField("Cn")) {
            op.rn = reg(i.get("Cn"), CN_ZR.contains(id), false);
        } else if (e.hasField("Rn")) {
            op.rn = reg(i.get("Rn"), true, false);
        }
        if (e.hasField("Cm")) {
            op.rm = reg(i.get("Cm"), CM_ZR.contains(id), false);
        } else if (e.hasField("Rm")) {
            op.rm = reg(i.get("Rm"), true, false);
        }
        switch (id) {
            case ADD_C_CRI_C -> {
                op.aux = i.get("option");
                op.imm2 = i.get("imm3");
            }
            case ADR_C_I_C -> op.imm = signExtend((i.get("P") << 20) | (i.get("immhi") << 2) | i.get("immlo"), 21);
            case ADRP_C_IP_C -> op.imm = signExtend((i.get("immhi") << 2) | i.get("immlo"), 20) << 12;
            // Sail decode_ADRDP_C_ID_C (C64, P = 0): imm = ZeroExtend(immhi:immlo:Zeros(12)), never negative
            case ADRDP_C_ID_C -> op.imm = (long) ((i.get("immhi") << 2) | i.get("immlo")) << 12;
            case SCBNDS_C_CI_C -> op.imm = i.get("imm6");
            case SCBNDS_C_CI_S -> op.imm = (long) i.get("imm6") << 4;
            case ALIGND_C_CI_C, ALIGNU_C_CI_C -> op.imm = i.get("imm6");
            case BICFLGS_C_CI_C, ORRFLGS_C_CI_C, EORFLGS_C_CI_C -> op.imm = i.get("imm8");
            case SEAL_C_CI_C -> op.imm = i.get("form");
            case CSEL_C_CI_C -> op.aux = i.get("cond");
            case CLRPERM_C_CI_C -> {
                int p = i.get("perm");
                int mask = 0;
                if ((p & 4) != 0) {
                    mask |= Perm.LOAD;
                }
                if ((p & 2) != 0) {
                    mask |= Perm.STORE;
                }
                if ((p & 1) != 0) {
                    mask |= Perm.EXECUTE;
                }
                op.imm = mask;
            }
            default -> {
            }
        }
    }

    private static long signExtend(long v, int bits) {
        return (v << (64 - bits)) >> (64 - bits);
    }

    private static int reg(int r, boolean zr, boolean write) {
        if (r != 31 || !zr) {
            return r;
        }
        return write ? RegisterFile.DISCARD : RegisterFile.ZR;
    }

    static void execute(Cpu cpu, Op op, long p) {
        RegisterFile r = cpu.regs;
        long x = r.value[op.rm];
        Capability result;
        switch (op.id) {
            case ADD_C_CRI_C -> result = r.cap(op.rn).add(Alu.extend(x, op.aux, (int) op.imm2));
            case ADR_C_I_C -> result = cpu.pccForRelative().setValue(p + op.imm);
            case ADRP_C_IP_C -> result = cpu.pccForRelative().setValue((p & ~0xFFFL) + op.imm);
            case ADRDP_C_ID_C -> result = adrdp(cpu, op.imm);
            case SCBNDS_C_CR_C -> result = r.cap(op.rn).setBounds(x);
            case SCBNDSE_C_CR_C -> result = r.cap(op.rn).setBoundsExact(x);
            case SCBNDS_C_CI_C, SCBNDS_C_CI_S -> result = r.cap(op.rn).setBounds(op.imm);
            case SCVALUE_C_CR_C -> result = r.cap(op.rn).setValue(x);
            case SCOFF_C_CR_C -> result = r.cap(op.rn).setOffset(x);
            case SCFLGS_C_CR_C -> result = r.cap(op.rn).setFlags((int) (x >>> 56));
            case BICFLGS_C_CR_C, ORRFLGS_C_CR_C, EORFLGS_C_CR_C -> result = flags(r.cap(op.rn), op.id, (int) (x >>> 56));
            case BICFLGS_C_CI_C, ORRFLGS_C_CI_C, EORFLGS_C_CI_C -> result = flags(r.cap(op.rn), op.id, (int) op.imm);
            case CLRPERM_C_CR_C -> result = r.cap(op.rn).clearPerms((int) (x & Perm.ALL));
            case CLRPERM_C_CI_C -> result = r.cap(op.rn).clearPerms((int) op.imm);
            case SCTAG_C_CR_C -> {
                if (cpu.mmu().exceptionLevel() == 0) {
                    throw cpu.undefined(p, op, "SCTAG is UNDEFINED at EL0");
                }
                Capability c = r.cap(op.rn);
                result = Capability.of(c.pesbt(), c.value(), cpu.pccHasSystem() && (x & 1) != 0);
            }
            case ALIGND_C_CI_C -> {
                Capability c = r.cap(op.rn);
                result = c.setValue(c.value() & ~Alu.ones((int) op.imm));
            }
            case ALIGNU_C_CI_C -> {
                Capability c = r.cap(op.rn);
                long m = Alu.ones((int) op.imm);
                result = c.setValue((c.value() + m) & ~m);
            }
            case CTHI_C_CR_C -> result = Capability.of(x, r.value[op.rn], false);
            case BUILD_C_C_C -> result = r.cap(op.rn).buildFrom(r.cap(op.rm));
            case CPYTYPE_C_C_C -> result = r.cap(op.rn).setValue(r.cap(op.rm).typeValue());
            case CPYVALUE_C_C_C -> result = r.cap(op.rn).setValue(r.value[op.rm]);
            case CSEAL_C_C_C -> {
                // Sail execute_CSEAL_C_C_C: NZCV = 0b0001 (V) when Cm's value is CAP_NO_SEALING or the seal
                // happened, 0b0000 when a condition failed; Cn passes through unchanged in both non-seal cases
                Capability m = r.cap(op.rm);
                Capability.ConditionalSeal s = r.cap(op.rn).conditionalSeal(m);
                cpu.nzcv = s.sealed() || m.value() == -1L ? Flags.V : 0;
                result = s.capability();
            }
            case SEAL_C_CC_C -> result = r.cap(op.rn).seal(r.cap(op.rm));
            case UNSEAL_C_CC_C -> result = r.cap(op.rn).unseal(r.cap(op.rm));
            case SEAL_C_CI_C -> result = r.cap(op.rn).sealEntry((int) op.imm);
            case CHKSSU_C_CC_C -> result = checkSubsetUnseal(cpu, r.cap(op.rn), r.cap(op.rm));
            case CSEL_C_CI_C -> result = Flags.holds(op.aux, cpu.nzcv) ? r.cap(op.rn) : r.cap(op.rm);
            case CLRTAG_C_C_C -> result = r.cap(op.rn).withTagCleared();
            case CPY_C_C_C -> {
                r.copy(op.rd, op.rn);
                return;
            }
            case CVT_C_CR_C, CVTZ_C_CR_C ->
                // Sail execute_CVT_C_CR_C / execute_CVTZ_C_CR_C: Cn (CSP for 31), CCTLR.DDCBO selects offset
                result = toCapability(r.cap(op.rn), x, op.id == CVTZ_C_CR_C, ddcBaseOffset(cpu));
            case CVTD_C_R_C, CVTDZ_C_R_C ->
                // Sail execute_CVTD_C_R_C / execute_CVTDZ_C_R_C: DDC, CCTLR.DDCBO
                result = toCapability(cpu.ddc(), r.value[op.rn], op.id == CVTDZ_C_R_C, ddcBaseOffset(cpu));
            case CVTP_C_R_C, CVTPZ_C_R_C ->
                // Sail execute_CVTP_C_R_C / execute_CVTPZ_C_R_C: PCC_read(), CCTLR.PCCBO
                result = toCapability(cpu.pccForRelative(), r.value[op.rn], op.id == CVTPZ_C_R_C, pccBaseOffset(cpu));
            default -> {
                integerResult(cpu, op, p);
                return;
            }
        }
        if (op.rd != RegisterFile.DISCARD) {
            r.setC(op.rd, result);
        }
    }

    /** CCTLR_ELx.DDCBO (bit 2): 64-bit addresses are offsets from DDC's base. */
    private static boolean ddcBaseOffset(Cpu cpu) {
        return (cpu.cctlr() & (1 << 2)) != 0;
    }

    /** CCTLR_ELx.PCCBO (bit 3): PC-relative integers are offsets from PCC's base. */
    private static boolean pccBaseOffset(Cpu cpu) {
        return (cpu.cctlr() & (1 << 3)) != 0;
    }

    /** CCTLR_ELx.ADRDPB (bit 4): ADRDP is relative to C28 instead of DDC. */
    private static boolean adrdpBase(Cpu cpu) {
        return (cpu.cctlr() & (1 << 4)) != 0;
    }

    /**
     * The CVT/CVTD/CVTP integer-to-capability forms (Sail {@code execute_CVT_C_CR_C} and relatives): NULL for 0 in
     * the Z forms, else {@code CapSetOffset} when the base-offset control bit is set and {@code CapSetValue}
     * otherwise; a sealed source gives an untagged result.
     */
    private static Capability toCapability(Capability c, long x, boolean nullForZero, boolean offset) {
        if (nullForZero && x == 0) {
            return Capability.NULL;
        }
        Capability result = offset ? c.setOffset(x) : c.setValue(x);
        return c.isSealed() ? result.withTagCleared() : result;
    }

    /**
     * The capability-to-integer forms (Sail {@code execute_CVT_R_CC_C}, {@code execute_CVTD_R_C_C},
     * {@code execute_CVTP_R_C_C}): 0 with NZCV = 0000 for an untagged Cn; else the value, less the base of
     * {@code base} when the base-offset control bit is set, with NZCV = 0110 (Z, C) for 0 and 0010 (C) otherwise.
     */
    private static long toInteger(Cpu cpu, Capability n, Capability base, boolean offset) {
        if (!n.isTagged()) {
            cpu.nzcv = 0;
            return 0;
        }
        long v = offset ? n.value() - base.base() : n.value();
        cpu.nzcv = v == 0 ? Flags.Z | Flags.C : Flags.C;
        return v;
    }

    /**
     * Sail {@code execute_ADRDP_C_ID_C} in C64: the base is C28 when CCTLR.ADRDPB is set, else DDC; its value
     * with the low 12 bits cleared, plus the (unsigned) immediate, applied with {@code CapAdd}; a sealed base
     * gives an untagged result.
     */
    private static Capability adrdp(Cpu cpu, long imm) {
        Capability base = adrdpBase(cpu) ? cpu.regs.cap(28) : cpu.ddc();
        long v = base.value();
        Capability result = base.add((v & ~0xFFFL) - v + imm);
        return base.isSealed() ? result.withTagCleared() : result;
    }

    private static Capability flags(Capability c, int id, int f) {
        int old = c.flags();
        int n = switch (id) {
            case BICFLGS_C_CR_C, BICFLGS_C_CI_C -> old & ~f;
            case ORRFLGS_C_CR_C, ORRFLGS_C_CI_C -> old | f;
            default -> old ^ f;
        };
        return c.setFlags(n & 0xFF);
    }

    /**
     * Sail {@code execute_CHKSSU_C_CC_C}: Cn is unsealed only when it is a subset of Cm with equal tags, Cm is
     * tagged and unsealed, and Cn is tagged and sealed; NZCV = 1000 on a subset, else 0000.
     */
    private static Capability checkSubsetUnseal(Cpu cpu, Capability n, Capability m) {
        boolean subset = isSubset(n, m);
        Capability result = n;
        if (subset && m.isTagged() && !m.isSealed() && n.isTagged() && n.isSealed()) {
            result = Capability.of(CapBits.withOtype(n.pesbt(), 0), n.value(), true);
        }
        cpu.nzcv = subset ? Flags.N : 0;
        return result;
    }

    /** CHKSS/CHKSSU (Sail {@code execute_CHKSS___CC_C}): {@code CapIsSubSetOf(n, m)} and equal tags. */
    private static boolean isSubset(Capability n, Capability m) {
        return n.isTagged() == m.isTagged() && n.isSubsetOf(m);
    }

    /** Getters, checks and compares whose result is an X register or flags. */
    private static void integerResult(Cpu cpu, Op op, long p) {
        RegisterFile r = cpu.regs;
        Capability n = r.cap(op.rn);
        long v;
        switch (op.id) {
            case GCLIM_R_C_C -> v = n.topBit64() ? -1L : n.topLow();
            case GCFLGS_R_C_C -> v = n.value() & 0xFF00_0000_0000_0000L;
            case CFHI_R_C_C -> v = n.pesbt();
            case CVT_R_CC_C -> v = toInteger(cpu, n, r.cap(op.rm), ddcBaseOffset(cpu));
            case CVTD_R_C_C -> v = toInteger(cpu, n, cpu.ddc(), ddcBaseOffset(cpu));
            case CVTP_R_C_C -> v = toInteger(cpu, n, cpu.pccForRelative(), pccBaseOffset(cpu));
            case RRLEN_R_R_C -> v = Capability.representableLength(r.value[op.rn]);
            case RRMASK_R_R_C -> v = Capability.representableAlignmentMask(r.value[op.rn]);
            case SUBS_R_CC_C -> {
                // Sail execute_SUBS_R_CC_C: with equal tags, the values are subtracted; with different tags
                // only the 2-bit tag values are: AddWithCarry(tag1, NOT tag2, 1) gives 0b01 with C (Cn
                // tagged) or 0b11 with N (Cm tagged), and Xd receives that 2-bit result zero-extended
                Capability m = r.cap(op.rm);
                if (n.isTagged() != m.isTagged()) {
                    cpu.nzcv = n.isTagged() ? Flags.C : Flags.N;
                    v = n.isTagged() ? 1 : 3;
                } else {
                    long a = n.value();
                    long b = m.value();
                    cpu.nzcv = Flags.sub64(a, b);
                    v = a - b;
                }
            }
            case CHKSS_CC_C -> {
                cpu.nzcv = isSubset(n, r.cap(op.rm)) ? Flags.N : 0;
                return;
            }
            case CHKEQ_CC_C -> {
                // Sail execute_CHKEQ___CC_C: NZCV = 0100 when all 129 bits are equal, else 0000
                cpu.nzcv = n.equals(r.cap(op.rm)) ? Flags.Z : 0;
                return;
            }
            case CHKSLD_C_C -> {
                // Sail execute_CHKSLD_C_C: NZCV = 0001 (V) for a sealed Cn, else 0000
                cpu.nzcv = n.isSealed() ? Flags.V : 0;
                return;
            }
            case CHKTGD_C_C -> {
                cpu.nzcv = n.isTagged() ? Flags.C : 0;
                return;
            }
            default -> v = getter(cpu, op, p, n);
        }
        if (op.rd != RegisterFile.DISCARD) {
            r.setX(op.rd, v);
        }
    }

    private static long getter(Cpu cpu, Op op, long p, Capability n) {
        String name = op.insn.name();
        return switch (name.substring(0, name.indexOf('-'))) {
            case "GCPERM" -> n.perms();
            case "GCTYPE" -> n.otype();
            case "GCSEAL" -> n.isSealed() ? 1 : 0;
            case "GCTAG" -> n.isTagged() ? 1 : 0;
            case "GCBASE" -> n.base();
            case "GCLEN" -> n.lengthClamped();
            case "GCOFF" -> n.offset();
            case "GCVALUE" -> n.value();
            default -> throw cpu.undefined(p, op, "no semantics for " + name);
        };
    }
}
