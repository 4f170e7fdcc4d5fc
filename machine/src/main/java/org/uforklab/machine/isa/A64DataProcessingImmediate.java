package org.uforklab.machine.isa;

import static org.uforklab.machine.isa.Encoding.define;
import static org.uforklab.machine.isa.Operands.bitmask;
import static org.uforklab.machine.isa.Operands.computed;
import static org.uforklab.machine.isa.Operands.computedHex;
import static org.uforklab.machine.isa.Operands.fixed;
import static org.uforklab.machine.isa.Operands.flag;
import static org.uforklab.machine.isa.Operands.lit;
import static org.uforklab.machine.isa.Operands.opt;
import static org.uforklab.machine.isa.Operands.r;
import static org.uforklab.machine.isa.Operands.rs;
import static org.uforklab.machine.isa.Operands.uimm;
import static org.uforklab.machine.isa.Operands.w;
import static org.uforklab.machine.isa.Operands.require;

import org.uforklab.machine.asm.AsmException;
import org.uforklab.machine.asm.OperandContext;
import org.uforklab.machine.asm.RelocationType;

/**
 * Base A64 data processing with immediates (family 10): ADD/ADDS/SUB/SUBS (immediate), the logical immediates
 * (AND/ORR/EOR/ANDS), MOVZ/MOVN/MOVK, the bitfield moves SBFM/BFM/UBFM and EXTR, with GNU's preferred aliases
 * (mov, cmp, cmn, tst, lsl, lsr, asr, ror, sbfx, ubfx, sbfiz, ubfiz, bfi, bfxil, sxt*, uxt*).
 */
public final class A64DataProcessingImmediate implements EncodingFamily {

    public static final int ADD_ADDSUB_IMM = 0xa01;
    public static final int ADDS_ADDSUB_IMM = 0xa02;
    public static final int SUB_ADDSUB_IMM = 0xa03;
    public static final int SUBS_ADDSUB_IMM = 0xa04;
    public static final int AND_LOG_IMM = 0xa05;
    public static final int ORR_LOG_IMM = 0xa06;
    public static final int EOR_LOG_IMM = 0xa07;
    public static final int ANDS_LOG_IMM = 0xa08;
    public static final int MOVN = 0xa09;
    public static final int MOVZ = 0xa0a;
    public static final int MOVK = 0xa0b;
    public static final int SBFM = 0xa0c;
    public static final int BFM = 0xa0d;
    public static final int UBFM = 0xa0e;
    public static final int EXTR = 0xa0f;

    static final Field SF = new Field("sf", 31, 1);
    static final Field N = new Field("N", 22, 1);
    static final Field IMMR = new Field("immr", 16, 6);
    static final Field IMMS = new Field("imms", 10, 6);
    static final Field HW = new Field("hw", 21, 2);
    static final Field IMM16 = new Field("imm16", 5, 16);

    static int size(Instruction i) {
        return i.get("sf") == 1 ? 64 : 32;
    }

    static int size(AsmState st) {
        return st.get(SF) == 1 ? 64 : 32;
    }

    /** The ARM ARM's BFXPreferred: whether SBFM/UBFM print as SBFX/UBFX. */
    static boolean bfxPreferred(int sf, int uns, int imms, int immr) {
        if (imms < immr) {
            return false;
        }
        if (imms == (sf == 1 ? 63 : 31)) {
            return false;
        }
        if (immr == 0) {
            if (sf == 0 && (imms == 7 || imms == 15)) {
                return false;
            }
            if (sf == 1 && uns == 0 && (imms == 7 || imms == 15 || imms == 31)) {
                return false;
            }
        }
        return true;
    }

    /** The value MOVZ/MOVN produce, masked to the register size. */
    static long moveWideValue(Instruction i, boolean inverted) {
        long v = (long) i.get("imm16") << (16 * i.get("hw"));
        if (inverted) {
            v = ~v;
        }
        return size(i) == 32 ? v & 0xffffffffL : v;
    }

    /** Encodes {@code mov rd, #v} as MOVZ (or MOVN when inverted) if it can, else fails. */
    static void setMoveWide(long v, AsmState st, boolean inverted) throws AsmException {
        int size = size(st);
        long val = size == 32 ? v & 0xffffffffL : v;
        if (size == 32 && (v >> 32) != 0 && (v >> 32) != -1) {
            throw new OperandError("immediate 0x" + Long.toHexString(v) + " does not fit 32 bits");
        }
        long target = inverted ? (size == 32 ? ~val & 0xffffffffL : ~val) : val;
        for (int hw = 0; hw < size / 16; hw++) {
            long chunk = (target >>> (16 * hw)) & 0xffff;
            if ((chunk << (16 * hw)) == target && (chunk != 0 || hw == 0)) {
                if (inverted && size == 32 && chunk == 0xffff) {
                    break; // MOVN Wd, #0xffff prints as movn (MOVZ makes the same value)
                }
                st.set(IMM16, chunk, "immediate");
                st.set(HW, hw, "shift");
                return;
            }
        }
        throw new OperandError("immediate 0x" + Long.toHexString(v) + " is not a " + (inverted ? "MOVN" : "MOVZ") + " immediate");
    }

    /** ARM ARM MoveWidePreferred: whether ORR Rd, ZR, #imm would be printed as MOVZ/MOVN instead. */
    static boolean moveWidePreferred(int sf, int n, int imms, int immr) {
        int s = imms;
        int r = immr;
        int width = sf == 1 ? 64 : 32;
        if (sf == 1 && n != 1) {
            return false;
        }
        if (sf == 0 && !(n == 0 && (imms & 0x20) == 0)) {
            return false;
        }
        if (s < 16) {
            return Math.floorMod(-r, 16) <= 15 - s;
        }
        if (s >= width - 15) {
            return (r % 16) <= (s - (width - 15));
        }
        return false;
    }

    @Override
    public void register(EncodingTable.Builder t) {
        registerAddSub(t);
        registerMoveWide(t);
        registerLogical(t);
        registerBitfield(t);
    }

    private void registerAddSub(EncodingTable.Builder t) {
        Operands.Imm imm12 = uimm("imm12").lo12(RelocationType.LO12);
        t.add(define(ADD_ADDSUB_IMM, "add_addsub_imm", "sf:1 op=0 S=0 10001 0 sh:1 imm12:12 Rn:5 Rd:5")
            .alias(i -> i.get("sh") == 0 && i.get("imm12") == 0 && (i.get("Rd") == 31 || i.get("Rn") == 31),
                "mov", rs("Rd"), rs("Rn"), fixed("sh", 0), fixed("imm12", 0),
                require("mov between registers other than sp is orr", st -> (st.word() & 31) == 31 || ((st.word() >>> 5) & 31) == 31))
            .syntax("add", rs("Rd"), rs("Rn"), imm12, flag("sh", "lsl #12")));
        t.add(define(ADDS_ADDSUB_IMM, "adds_addsub_imm", "sf:1 op=0 S=1 10001 0 sh:1 imm12:12 Rn:5 Rd:5")
            .alias(i -> i.get("Rd") == 31, "cmn", rs("Rn"), uimm("imm12"), flag("sh", "lsl #12"), fixed("Rd", 31))
            .syntax("adds", r("Rd"), rs("Rn"), imm12, flag("sh", "lsl #12")));
        t.add(define(SUB_ADDSUB_IMM, "sub_addsub_imm", "sf:1 op=1 S=0 10001 0 sh:1 imm12:12 Rn:5 Rd:5")
            .syntax("sub", rs("Rd"), rs("Rn"), uimm("imm12"), flag("sh", "lsl #12")));
        t.add(define(SUBS_ADDSUB_IMM, "subs_addsub_imm", "sf:1 op=1 S=1 10001 0 sh:1 imm12:12 Rn:5 Rd:5")
            .alias(i -> i.get("Rd") == 31, "cmp", rs("Rn"), uimm("imm12"), flag("sh", "lsl #12"), fixed("Rd", 31))
            .syntax("subs", r("Rd"), rs("Rn"), uimm("imm12"), flag("sh", "lsl #12")));
    }

    private void registerMoveWide(EncodingTable.Builder t) {
        java.util.function.IntPredicate hwTooBig = w -> (w >>> 31) == 0 && ((w >>> 22) & 1) == 1;
        Operand shift = opt(i -> i.get("hw") != 0, lit(", lsl "), uimm("hw").scaled(4));
        t.add(define(MOVZ, "movz", "sf:1 opc=10 100101 hw:2 imm16:16 Rd:5").undefinedIf("sf == 0 and hw<1> == 1", hwTooBig)
            .alias(i -> !(i.get("imm16") == 0 && i.get("hw") != 0), "mov", r("Rd"),
                computedHex("a MOVZ immediate", i -> moveWideValue(i, false), (v, st) -> setMoveWide(v, st, false)))
            .syntax("movz", r("Rd"), uimm("imm16").hex(), shift));
        t.add(define(MOVN, "movn", "sf:1 opc=00 100101 hw:2 imm16:16 Rd:5").undefinedIf("sf == 0 and hw<1> == 1", hwTooBig)
            .alias(i -> !(i.get("imm16") == 0 && i.get("hw") != 0) && !(i.get("sf") == 0 && i.get("imm16") == 0xffff), "mov", r("Rd"),
                computedHex("a MOVN immediate", i -> moveWideValue(i, true), (v, st) -> setMoveWide(v, st, true)))
            .syntax("movn", r("Rd"), uimm("imm16").hex(), shift));
        t.add(define(MOVK, "movk", "sf:1 opc=11 100101 hw:2 imm16:16 Rd:5").undefinedIf("sf == 0 and hw<1> == 1", hwTooBig)
            .syntax("movk", r("Rd"), uimm("imm16").hex(), shift));
    }

    private void registerLogical(EncodingTable.Builder t) {
        java.util.function.IntPredicate invalid =
            w -> !BitmaskImmediate.isValid((w >>> 22) & 1, (w >>> 10) & 63, (w >>> 31) == 1 ? 64 : 32);
        t.add(define(AND_LOG_IMM, "and_log_imm", "sf:1 opc=00 100100 N:1 immr:6 imms:6 Rn:5 Rd:5").undefinedIf("reserved N:imms bitmask", invalid)
            .syntax("and", rs("Rd"), r("Rn"), bitmask(31)));
        t.add(define(ORR_LOG_IMM, "orr_log_imm", "sf:1 opc=01 100100 N:1 immr:6 imms:6 Rn:5 Rd:5").undefinedIf("reserved N:imms bitmask", invalid)
            .alias(i -> i.get("Rn") == 31 && !moveWidePreferred(i.get("sf"), i.get("N"), i.get("imms"), i.get("immr")),
                "mov", rs("Rd"), bitmask(31), fixed("Rn", 31))
            .syntax("orr", rs("Rd"), r("Rn"), bitmask(31)));
        t.add(define(EOR_LOG_IMM, "eor_log_imm", "sf:1 opc=10 100100 N:1 immr:6 imms:6 Rn:5 Rd:5").undefinedIf("reserved N:imms bitmask", invalid)
            .syntax("eor", rs("Rd"), r("Rn"), bitmask(31)));
        t.add(define(ANDS_LOG_IMM, "ands_log_imm", "sf:1 opc=11 100100 N:1 immr:6 imms:6 Rn:5 Rd:5").undefinedIf("reserved N:imms bitmask", invalid)
            .alias(i -> i.get("Rd") == 31, "tst", r("Rn"), bitmask(31), fixed("Rd", 31))
            .syntax("ands", r("Rd"), r("Rn"), bitmask(31)));
    }

    /** Sets immr/imms of a shift-left alias: lsl #s is UBFM with immr = -s mod size, imms = size - 1 - s. */
    static void setLsl(long s, AsmState st) throws AsmException {
        int size = size(st);
        if (s < 0 || s >= size) {
            throw new OperandError("shift amount " + s + " is out of range (0 to " + (size - 1) + ")");
        }
        st.set(IMMR, (size - s) % size, "shift");
        st.set(IMMS, size - 1 - s, "shift");
    }

    /** Sets immr from an lsb (for the insert forms: immr = -lsb mod size). */
    static void setInsertLsb(long lsb, AsmState st) throws AsmException {
        int size = size(st);
        if (lsb < 0 || lsb >= size) {
            throw new OperandError("lsb " + lsb + " is out of range (0 to " + (size - 1) + ")");
        }
        st.set(IMMR, (size - lsb) % size, "lsb");
    }

    /** Sets imms from a width of an insert form (width <= size - lsb). */
    static void setInsertWidth(long width, AsmState st) throws AsmException {
        int size = size(st);
        int lsb = (size - st.get(IMMR)) % size;
        if (width < 1 || width > size - lsb) {
            throw new OperandError("width " + width + " is out of range (1 to " + (size - lsb) + ")");
        }
        st.set(IMMS, width - 1, "width");
    }

    static void setExtractLsb(long lsb, AsmState st) throws AsmException {
        int size = size(st);
        if (lsb < 0 || lsb >= size) {
            throw new OperandError("lsb " + lsb + " is out of range (0 to " + (size - 1) + ")");
        }
        st.set(IMMR, lsb, "lsb");
    }

    static void setExtractWidth(long width, AsmState st) throws AsmException {
        int size = size(st);
        int lsb = st.get(IMMR);
        if (width < 1 || width > size - lsb) {
            throw new OperandError("width " + width + " is out of range (1 to " + (size - lsb) + ")");
        }
        st.set(IMMS, lsb + width - 1, "width");
    }

    private void registerBitfield(EncodingTable.Builder t) {
        // N must equal sf, and a 32-bit operation's immr/imms are below 32
        java.util.function.IntPredicate invalid =
            w -> ((w >>> 22) & 1) != (w >>> 31) || ((w >>> 31) == 0 && (w & 0x208000) != 0);
        Operand lsbInsert = computed("an lsb", i -> (size(i) - i.get("immr")) % size(i), A64DataProcessingImmediate::setInsertLsb);
        Operand widthInsert = computed("a width", i -> i.get("imms") + 1L, A64DataProcessingImmediate::setInsertWidth);
        Operand lsbExtract = computed("an lsb", i -> i.get("immr"), A64DataProcessingImmediate::setExtractLsb);
        Operand widthExtract = computed("a width", i -> i.get("imms") - i.get("immr") + 1L, A64DataProcessingImmediate::setExtractWidth);
        Operand nFromSf = fixedNFromSf();

        t.add(define(SBFM, "sbfm", "sf:1 opc=00 100110 N:1 immr:6 imms:6 Rn:5 Rd:5").undefinedIf("N != sf, or a 32-bit immr/imms >= 32", invalid)
            .alias(i -> i.get("imms") == size(i) - 1, "asr", r("Rd"), r("Rn"), uimm("immr"), nFromSf, imms(-1))
            .alias(i -> i.get("imms") < i.get("immr"), "sbfiz", r("Rd"), r("Rn"), lsbInsert, widthInsert, nFromSf)
            .alias(i -> bfxPreferred(i.get("sf"), 0, i.get("imms"), i.get("immr")), "sbfx", r("Rd"), r("Rn"), lsbExtract, widthExtract, nFromSf)
            .alias(i -> i.get("immr") == 0 && i.get("imms") == 7, "sxtb", r("Rd"), w("Rn"), nFromSf, fixed("immr", 0), fixed("imms", 7))
            .alias(i -> i.get("immr") == 0 && i.get("imms") == 15, "sxth", r("Rd"), w("Rn"), nFromSf, fixed("immr", 0), fixed("imms", 15))
            .alias(i -> i.get("sf") == 1 && i.get("immr") == 0 && i.get("imms") == 31, "sxtw", r("Rd"), w("Rn"), nFromSf,
                fixed("immr", 0), fixed("imms", 31))
            .syntax("sbfm", r("Rd"), r("Rn"), uimm("immr"), uimm("imms"), nFromSf));
        t.add(define(BFM, "bfm", "sf:1 opc=01 100110 N:1 immr:6 imms:6 Rn:5 Rd:5").undefinedIf("N != sf, or a 32-bit immr/imms >= 32", invalid)
            .alias(i -> i.get("imms") < i.get("immr"), "bfi", r("Rd"), r("Rn"), lsbInsert, widthInsert, nFromSf)
            .alias(i -> true, "bfxil", r("Rd"), r("Rn"), lsbExtract, widthExtract, nFromSf)
            .accept("bfm", r("Rd"), r("Rn"), uimm("immr"), uimm("imms"), nFromSf));
        t.add(define(UBFM, "ubfm", "sf:1 opc=10 100110 N:1 immr:6 imms:6 Rn:5 Rd:5").undefinedIf("N != sf, or a 32-bit immr/imms >= 32", invalid)
            .alias(i -> i.get("imms") != size(i) - 1 && i.get("imms") + 1 == i.get("immr"), "lsl", r("Rd"), r("Rn"),
                computed("a shift amount", i -> size(i) - 1L - i.get("imms"), A64DataProcessingImmediate::setLsl), nFromSf)
            .alias(i -> i.get("imms") == size(i) - 1, "lsr", r("Rd"), r("Rn"), uimm("immr"), nFromSf, imms(-1))
            .alias(i -> i.get("imms") < i.get("immr"), "ubfiz", r("Rd"), r("Rn"), lsbInsert, widthInsert, nFromSf)
            .alias(i -> bfxPreferred(i.get("sf"), 1, i.get("imms"), i.get("immr")), "ubfx", r("Rd"), r("Rn"), lsbExtract, widthExtract, nFromSf)
            .alias(i -> i.get("sf") == 0 && i.get("immr") == 0 && i.get("imms") == 7, "uxtb", r("Rd"), r("Rn"), nFromSf, fixed("immr", 0), fixed("imms", 7))
            .alias(i -> i.get("sf") == 0 && i.get("immr") == 0 && i.get("imms") == 15, "uxth", r("Rd"), r("Rn"), nFromSf, fixed("immr", 0), fixed("imms", 15))
            .syntax("ubfm", r("Rd"), r("Rn"), uimm("immr"), uimm("imms"), nFromSf));
        t.add(define(EXTR, "extr", "sf:1 00 100111 N:1 0 Rm:5 imms:6 Rn:5 Rd:5")
            .undefinedIf("N != sf, or a 32-bit imms >= 32",
                w -> ((w >>> 22) & 1) != (w >>> 31) || ((w >>> 31) == 0 && (w & 0x8000) != 0))
            .alias(i -> i.get("Rn") == i.get("Rm"), "ror", r("Rd"), r("Rn", "Rm"), uimm("imms"), nFromSf)
            .syntax("extr", r("Rd"), r("Rn"), r("Rm"), uimm("imms"), nFromSf));
    }

    /** N is a copy of sf in the bitfield and EXTR encodings; set it from the register size. */
    private static Operand fixedNFromSf() {
        return computedFixed(st -> st.get(SF), N);
    }

    /** imms = size - 1 (asr, lsr), or size - 1 + delta. */
    private static Operand imms(int delta) {
        return computedFixed(st -> size(st) + delta, IMMS);
    }

    private static Operand computedFixed(java.util.function.ToIntFunction<AsmState> v, Field f) {
        return Operands.silent(f.name() + "=computed", st -> st.set(f, v.applyAsInt(st), f.name()));
    }
}
