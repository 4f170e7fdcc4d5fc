package org.uforklab.machine.asm;

import java.util.ArrayList;
import java.util.List;

/**
 * A small instruction encoder for the assembler's own tests, so they do not depend on the ISA tables. The
 * A64 words are the architecture's (checked against GNU as where it is installed); the capability forms use
 * the Morello encodings of the corpus (LDR-C.RIB-C 0xc2400000, LDR-C.I-C 0x82000000, ADRP-C.I-C 0x90000000).
 *
 * <p>Supports: nop, ret, b, bl, b.eq, b.ne, cbz, tbz, adr, adrp (x or c), add xd, xn, #imm|#:lo12:sym,
 * ldr xt, [xn, #imm|#:lo12:sym], ldr ct, [cn, #imm|#:lo12:sym|#:got_lo12:sym], ldr ct, label, mov xd, #imm.
 */
final class TestEncoder implements InstructionAssembler {

    /** One operand and its index in the operand text. */
    private record Op(String text, int at) {
    }

    @Override
    public int encode(String mnemonic, String operands, OperandContext ctx) throws AsmException {
        List<Op> ops = split(operands);
        return switch (mnemonic) {
            case "nop" -> none(ops, 0xd503201f);
            case "ret" -> none(ops, 0xd65f03c0);
            case "b", "bl" -> {
                count(ops, 1, mnemonic, operands);
                ctx.fixup(ops.get(0).text(), RelocationType.BRANCH26);
                yield mnemonic.equals("b") ? 0x14000000 : 0x94000000;
            }
            case "b.eq", "b.ne" -> {
                count(ops, 1, mnemonic, operands);
                ctx.fixup(ops.get(0).text(), RelocationType.BRANCH19);
                yield 0x54000000 | (mnemonic.equals("b.eq") ? 0 : 1);
            }
            case "cbz" -> {
                count(ops, 2, mnemonic, operands);
                int t = reg(ops.get(0), 'x');
                ctx.fixup(ops.get(1).text(), RelocationType.BRANCH19);
                yield 0xb4000000 | t;
            }
            case "tbz" -> {
                count(ops, 3, mnemonic, operands);
                int t = reg(ops.get(0), 'w');
                long bit = ctx.constant(imm(ops.get(1)));
                if (bit < 0 || bit > 31) {
                    throw new AsmException("bit number " + bit + " out of range 0 to 31", ops.get(1).at());
                }
                ctx.fixup(ops.get(2).text(), RelocationType.BRANCH14);
                yield 0x36000000 | (int) bit << 19 | t;
            }
            case "adr" -> {
                count(ops, 2, mnemonic, operands);
                int d = reg(ops.get(0), 'x');
                ctx.fixup(ops.get(1).text(), RelocationType.ADR_LO21);
                yield 0x10000000 | d;
            }
            case "adrp" -> {
                count(ops, 2, mnemonic, operands);
                boolean cap = ops.get(0).text().startsWith("c");
                int d = reg(ops.get(0), cap ? 'c' : 'x');
                ctx.fixup(ops.get(1).text(), cap ? RelocationType.ADRP_HI20_C64 : RelocationType.ADRP_HI21);
                yield 0x90000000 | d;
            }
            case "add" -> {
                count(ops, 3, mnemonic, operands);
                int d = reg(ops.get(0), 'x');
                int n = reg(ops.get(1), 'x');
                yield 0x91000000 | offset12(ops.get(2), 0, RelocationType.LO12, ctx) << 10 | n << 5 | d;
            }
            case "ldr" -> ldr(ops, operands, ctx);
            case "mov" -> {
                count(ops, 2, mnemonic, operands);
                int d = reg(ops.get(0), 'x');
                long v = ctx.constant(imm(ops.get(1)));
                if (v < 0 || v > 0xffff) {
                    throw new AsmException("immediate " + v + " out of range for mov (0 to 65535)", ops.get(1).at());
                }
                yield 0xd2800000 | (int) v << 5 | d;
            }
            default -> throw new AsmException("unknown instruction '" + mnemonic + "'");
        };
    }

    private static int ldr(List<Op> ops, String operands, OperandContext ctx) throws AsmException {
        count(ops, 2, "ldr", operands);
        boolean cap = ops.get(0).text().startsWith("c");
        int t = reg(ops.get(0), cap ? 'c' : 'x');
        Op mem = ops.get(1);
        if (!mem.text().startsWith("[")) {
            if (!cap) {
                throw new AsmException("expected '[' before the base register", mem.at());
            }
            ctx.fixup(mem.text(), RelocationType.LITERAL17_CAP);
            return 0x82000000 | t;
        }
        if (!mem.text().endsWith("]")) {
            throw new AsmException("expected ']' after the base register", mem.at() + mem.text().length());
        }
        List<Op> inner = split(mem.text().substring(1, mem.text().length() - 1));
        int n = reg(new Op(inner.get(0).text(), mem.at() + 1 + inner.get(0).at()), cap ? 'c' : 'x');
        int imm = 0;
        if (inner.size() > 1) {
            Op o = new Op(inner.get(1).text(), mem.at() + 1 + inner.get(1).at());
            imm = cap ? offset12(o, 4, RelocationType.LO12_SCALE16, ctx) : offset12(o, 3, RelocationType.LO12_SCALE8, ctx);
        }
        return (cap ? 0xc2400000 : 0xf9400000) | imm << 10 | n << 5 | t;
    }

    /** {@code #imm} (scaled) or {@code #:lo12:sym} / {@code #:got_lo12:sym} (a fixup, field left zero). */
    private static int offset12(Op o, int scale, RelocationType reloc, OperandContext ctx) throws AsmException {
        String e = imm(o);
        if (e.startsWith(":lo12:")) {
            ctx.fixup(e.substring(6), reloc);
            return 0;
        }
        if (e.startsWith(":got_lo12:")) {
            ctx.fixup(e, reloc);
            return 0;
        }
        long v = ctx.constant(e);
        if (v < 0 || v % (1L << scale) != 0 || (v >> scale) > 0xfff) {
            throw new AsmException("offset " + v + " is not a multiple of " + (1 << scale) + " from 0 to "
                    + (0xfff << scale), o.at());
        }
        return (int) (v >> scale);
    }

    private static String imm(Op o) throws AsmException {
        if (!o.text().startsWith("#")) {
            throw new AsmException("expected '#' before the immediate", o.at());
        }
        return o.text().substring(1).strip();
    }

    private static int reg(Op o, char kind) throws AsmException {
        String r = o.text();
        if (r.length() >= 2 && r.charAt(0) == kind) {
            try {
                int n = Integer.parseInt(r.substring(1));
                if (n >= 0 && n <= 30) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new AsmException("expected a register " + kind + "0 to " + kind + "30, found '" + r + "'", o.at());
    }

    private static int none(List<Op> ops, int word) throws AsmException {
        if (!ops.isEmpty()) {
            throw new AsmException("unexpected operand '" + ops.get(0).text() + "'", ops.get(0).at());
        }
        return word;
    }

    private static void count(List<Op> ops, int n, String m, String operands) throws AsmException {
        if (ops.size() != n) {
            throw new AsmException(m + " takes " + n + " operand" + (n == 1 ? "" : "s"),
                    ops.size() < n ? operands.length() : ops.get(n).at());
        }
    }

    /** Operands at top-level commas (not inside brackets), trimmed, with their indices. */
    private static List<Op> split(String s) {
        List<Op> out = new ArrayList<>();
        if (s.isBlank()) {
            return out;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : ',';
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ',' && (depth == 0 || i == s.length())) {
                String raw = s.substring(start, i);
                int lead = raw.length() - raw.stripLeading().length();
                out.add(new Op(raw.strip(), start + lead));
                start = i + 1;
            }
        }
        return out;
    }
}
