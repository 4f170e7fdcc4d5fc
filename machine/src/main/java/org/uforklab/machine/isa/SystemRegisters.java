package org.uforklab.machine.isa;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.uforklab.machine.asm.AsmException;
import org.uforklab.machine.asm.OperandContext;

/**
 * System register names for MRS/MSR: the integer view (base A64 {@code mrs x0, nzcv}) and the capability view
 * (Morello {@code mrs c0, ctpidr_el0}). Registers are identified by op0:op1:CRn:CRm:op2; any encoding without a
 * name prints and parses in the generic {@code s3_3_c13_c0_2} form.
 */
public final class SystemRegisters {
    private SystemRegisters() {
    }

    static int key(int op0, int op1, int crn, int crm, int op2) {
        return (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2;
    }

    private static final Map<Integer, String> INTEGER = new LinkedHashMap<>();
    private static final Map<Integer, String> CAPABILITY = new LinkedHashMap<>();

    static {
        INTEGER.put(key(3, 3, 4, 2, 0), "nzcv");
        INTEGER.put(key(3, 3, 4, 2, 1), "daif");
        INTEGER.put(key(3, 3, 4, 4, 0), "fpcr");
        INTEGER.put(key(3, 3, 4, 4, 1), "fpsr");
        INTEGER.put(key(3, 3, 13, 0, 2), "tpidr_el0");
        INTEGER.put(key(3, 3, 13, 0, 3), "tpidrro_el0");
        INTEGER.put(key(3, 3, 13, 0, 7), "cid_el0");
        INTEGER.put(key(3, 3, 14, 0, 2), "cntvct_el0");
        INTEGER.put(key(3, 0, 4, 2, 2), "currentel");
        INTEGER.put(key(3, 0, 13, 0, 4), "tpidr_el1");
        INTEGER.put(key(3, 0, 4, 0, 0), "spsr_el1");
        INTEGER.put(key(3, 0, 4, 0, 1), "elr_el1");
        INTEGER.put(key(3, 0, 5, 2, 0), "esr_el1");
        INTEGER.put(key(3, 0, 6, 0, 0), "far_el1");
        INTEGER.put(key(3, 0, 12, 0, 0), "vbar_el1");

        CAPABILITY.put(key(3, 3, 13, 0, 2), "ctpidr_el0");
        CAPABILITY.put(key(3, 3, 13, 0, 3), "ctpidrro_el0");
        CAPABILITY.put(key(3, 3, 13, 0, 7), "cid_el0");
        CAPABILITY.put(key(3, 3, 4, 1, 1), "ddc");
        CAPABILITY.put(key(3, 0, 4, 1, 0), "csp_el0");
        CAPABILITY.put(key(3, 0, 13, 0, 4), "ctpidr_el1");
        CAPABILITY.put(key(3, 0, 4, 0, 1), "celr_el1");
        CAPABILITY.put(key(3, 0, 12, 0, 0), "cvbar_el1");
    }

    /** The name of a register in the integer or capability view, or the generic {@code sN_N_cN_cN_N} form. */
    public static String name(int op0, int op1, int crn, int crm, int op2, boolean capability) {
        String n = (capability ? CAPABILITY : INTEGER).get(key(op0, op1, crn, crm, op2));
        return n != null ? n : "s" + op0 + "_" + op1 + "_c" + crn + "_c" + crm + "_" + op2;
    }

    /** The op0:op1:CRn:CRm:op2 key of a name (named or generic), or -1. */
    public static int parse(String name, boolean capability) {
        String l = name.toLowerCase(Locale.ROOT);
        for (Map.Entry<Integer, String> e : (capability ? CAPABILITY : INTEGER).entrySet()) {
            if (e.getValue().equals(l)) {
                return e.getKey();
            }
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("s([0-3])_([0-7])_c(\\d+)_c(\\d+)_([0-7])").matcher(l);
        if (m.matches()) {
            int crn = Integer.parseInt(m.group(3));
            int crm = Integer.parseInt(m.group(4));
            if (crn <= 15 && crm <= 15) {
                return key(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), crn, crm, Integer.parseInt(m.group(5)));
            }
        }
        return -1;
    }

    /** The system register operand of MRS/MSR, with op0 = 2 + o0. */
    static Operand operand(boolean capability) {
        return new SysReg(capability, null);
    }

    static final class SysReg implements Operand {
        final boolean capability;
        final Field[] f; // o0, op1, CRn, CRm, op2

        SysReg(boolean capability, Field[] f) {
            this.capability = capability;
            this.f = f;
        }

        @Override
        public Operand bind(Encoding e) {
            return new SysReg(capability, Operands.resolve(e, new String[] {"o0", "op1", "CRn", "CRm", "op2"}));
        }

        @Override
        public void print(Instruction insn, long pc, boolean absolute, StringBuilder out) {
            int w = insn.word();
            out.append(name(2 + f[0].get(w), f[1].get(w), f[2].get(w), f[3].get(w), f[4].get(w), capability));
        }

        @Override
        public void parse(OperandCursor in, AsmState st, OperandContext ctx) throws AsmException {
            String wd = in.peekWord();
            int k = SystemRegisters.parse(wd, capability);
            if (k < 0 || (k >>> 14) < 2) {
                throw in.expected("a system register (e.g. nzcv, tpidr_el0, ctpidr_el0, cid_el0, ddc, or s3_<op1>_c<n>_c<m>_<op2>)");
            }
            in.skipWord();
            st.set(f[0], (k >>> 14) - 2, "op0");
            st.set(f[1], (k >>> 11) & 7, "op1");
            st.set(f[2], (k >>> 7) & 15, "CRn");
            st.set(f[3], (k >>> 3) & 15, "CRm");
            st.set(f[4], k & 7, "op2");
        }

        @Override
        public String toString() {
            return capability ? "capsysreg" : "sysreg";
        }
    }
}
