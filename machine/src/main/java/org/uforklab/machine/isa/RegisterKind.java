package org.uforklab.machine.isa;

/**
 * How a 5-bit register field is spelled: the bank prefix and what register 31 means in that operand position
 * (the architecture decides per operand whether 31 is the zero register or the stack pointer).
 */
public enum RegisterKind {
    /** 64-bit general-purpose register, 31 = xzr. */
    X('x', "xzr", "a 64-bit register (x0-x30, xzr)"),
    /** 64-bit general-purpose register, 31 = sp. */
    XSP('x', "sp", "a 64-bit register (x0-x30, sp)"),
    /** 32-bit general-purpose register, 31 = wzr. */
    W('w', "wzr", "a 32-bit register (w0-w30, wzr)"),
    /** 32-bit general-purpose register, 31 = wsp. */
    WSP('w', "wsp", "a 32-bit register (w0-w30, wsp)"),
    /** Capability register, 31 = czr (the null capability). */
    C('c', "czr", "a capability register (c0-c30, czr)"),
    /** Capability register, 31 = csp (the capability stack pointer). */
    CSP('c', "csp", "a capability register (c0-c30, csp)");

    private final char prefix;
    private final String reg31;
    private final String description;

    RegisterKind(char prefix, String reg31, String description) {
        this.prefix = prefix;
        this.reg31 = reg31;
        this.description = description;
    }

    /** The register's GNU name. */
    public String name(int r) {
        return r == 31 ? reg31 : prefix + Integer.toString(r);
    }

    /** What the assembler expected, for error messages. */
    public String description() {
        return description;
    }

    public boolean is64() {
        return prefix == 'x';
    }

    /** The register number {@code token} names in this kind, or -1. */
    public int parse(String token) {
        if (token.equals(reg31)) {
            return 31;
        }
        if (prefix == 'x' && token.equals("lr")) {
            return 30;
        }
        if (prefix == 'x' && token.equals("fp")) {
            return 29;
        }
        if (prefix == 'c' && token.equals("clr")) {
            return 30;
        }
        if (prefix == 'c' && token.equals("cfp")) {
            return 29;
        }
        if (token.length() >= 2 && token.length() <= 3 && token.charAt(0) == prefix) {
            for (int i = 1; i < token.length(); i++) {
                if (!Character.isDigit(token.charAt(i))) {
                    return -1;
                }
            }
            if (token.length() == 3 && token.charAt(1) == '0') {
                return -1;
            }
            int n = Integer.parseInt(token.substring(1));
            return n <= 30 ? n : -1;
        }
        return -1;
    }
}
