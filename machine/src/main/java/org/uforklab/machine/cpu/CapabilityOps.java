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
            case ADRP_C_IP_C, ADRDP_C_ID_C -> op.imm = signExtend((i.get("immhi") << 2) | i.get("immlo"), 20) << 12;
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
            case ADRDP_C_ID_C -> result = cpu.ddc().setValue((cpu.ddc().value() & ~0xFFFL) + op.imm);
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
                Capability.ConditionalSeal s = r.cap(op.rn).conditionalSeal(r.cap(op.rm));
                cpu.nzcv = s.sealed() ? Flags.Z : 0;
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
            case CVT_C_CR_C, CVTZ_C_CR_C -> {
                // Cd = Cn with offset Xm (CapSetOffset); CVTZ gives NULL for Xm = 0
                Capability c = r.cap(op.rn);
                result = op.id == CVTZ_C_CR_C && x == 0 ? Capability.NULL : c.setOffset(x);
            }
            case CVTD_C_R_C, CVTDZ_C_R_C, CVTP_C_R_C, CVTPZ_C_R_C -> {
                Capability base = op.id == CVTD_C_R_C || op.id == CVTDZ_C_R_C ? cpu.ddc() : cpu.pccForRelative();
                long v = r.value[op.rn];
                boolean z = op.id == CVTDZ_C_R_C || op.id == CVTPZ_C_R_C;
                result = z && v == 0 ? Capability.NULL : base.setOffset(v);
            }
            default -> {
                integerResult(cpu, op, p);
                return;
            }
        }
        if (op.rd != RegisterFile.DISCARD) {
            r.setC(op.rd, result);
        }
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

    private static Capability checkSubsetUnseal(Cpu cpu, Capability n, Capability m) {
        boolean subset = isSubset(n, m);
        Capability result = n;
        if (subset && n.isSealed() && m.isTagged() == n.isTagged()) {
            result = Capability.of(CapBits.withOtype(n.pesbt(), 0), n.value(), n.isTagged());
        }
        cpu.nzcv = subset ? Flags.N : 0;
        return result;
    }

    /** CHKSS/CHKSSU: tags equal, bounds of n within m's, perms of n a subset of m's. */
    private static boolean isSubset(Capability n, Capability m) {
        return n.isTagged() == m.isTagged() && n.boundsValid() && m.boundsValid()
                && Long.compareUnsigned(n.base(), m.base()) >= 0
                && compareTop(n, m) <= 0
                && (n.perms() & ~m.perms()) == 0;
    }

    private static int compareTop(Capability a, Capability b) {
        if (a.topBit64() != b.topBit64()) {
            return a.topBit64() ? 1 : -1;
        }
        return Long.compareUnsigned(a.topLow(), b.topLow());
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
            case CVT_R_CC_C -> {
                // Xd = Cn.value - Cm.base when Cn is tagged, else 0 ... Morello: offset from Cm, or 0 for untagged
                Capability m = r.cap(op.rm);
                v = n.isTagged() ? n.value() - m.base() : 0;
            }
            case CVTD_R_C_C, CVTP_R_C_C -> {
                Capability base = op.id == CVTD_R_C_C ? cpu.ddc() : cpu.pccForRelative();
                v = n.isTagged() ? n.value() - base.base() : 0;
            }
            case RRLEN_R_R_C -> v = Capability.representableLength(r.value[op.rn]);
            case RRMASK_R_R_C -> v = Capability.representableAlignmentMask(r.value[op.rn]);
            case SUBS_R_CC_C -> {
                // capability compare: flags from (tag:value) - (tag:value), Morello SUBS Xd, Cn, Cm
                Capability m = r.cap(op.rm);
                long a = n.value();
                long b = m.value();
                int f = Flags.sub64(a, b);
                if (n.isTagged() != m.isTagged()) {
                    // the tag is bit 64 of the operands: it decides the comparison
                    f = n.isTagged() ? Flags.C : Flags.N;
                }
                cpu.nzcv = f;
                v = a - b;
            }
            case CHKSS_CC_C -> {
                cpu.nzcv = isSubset(n, r.cap(op.rm)) ? Flags.N : 0;
                return;
            }
            case CHKEQ_CC_C -> {
                Capability m = r.cap(op.rm);
                cpu.nzcv = n.equals(m) ? Flags.Z | Flags.C : Flags.C;
                return;
            }
            case CHKSLD_C_C -> {
                cpu.nzcv = n.isSealed() ? Flags.Z : 0;
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
