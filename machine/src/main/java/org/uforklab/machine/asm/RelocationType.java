package org.uforklab.machine.asm;

/**
 * How a symbol's value is placed into an instruction word or a data word, named after the ELF AArch64 /
 * Morello relocations they mirror. {@code S} is the symbol's address plus addend, {@code P} the address of the
 * place being patched. Values that do not fit are reported, never silently truncated.
 */
public enum RelocationType {
    /** B, BL (R_AARCH64_JUMP26 / CALL26, R_MORELLO_JUMP26 / CALL26): imm26 = (S - P) >> 2. */
    BRANCH26(0, 26, 2, true, true),
    /** B.cond, CBZ/CBNZ, LDR (literal) (R_AARCH64_CONDBR19, LD_PREL_LO19): imm19 at bits 23:5 = (S - P) >> 2. */
    BRANCH19(5, 19, 2, true, true),
    /** TBZ/TBNZ (R_AARCH64_TSTBR14): imm14 at bits 18:5 = (S - P) >> 2. */
    BRANCH14(5, 14, 2, true, true),
    /** Morello LDR Ct, label (R_MORELLO_LD_PREL_LO17): imm17 at bits 21:5 = (S - P) >> 4. */
    LITERAL17_CAP(5, 17, 4, true, true),
    /** ADR (R_AARCH64_ADR_PREL_LO21): immlo at 30:29, immhi at 23:5 = S - P. */
    ADR_LO21(-1, 21, 0, true, true),
    /** ADRP (R_AARCH64_ADR_PREL_PG_HI21): page(S) - page(P) >> 12, split like ADR. */
    ADRP_HI21(-1, 21, 12, true, true),
    /** Morello ADRP on capabilities (R_MORELLO_ADR_PREL_PG_HI20): 20 bits, split like ADR with bit 20 clear. */
    ADRP_HI20_C64(-1, 20, 12, true, true),
    /** ADD #:lo12:S (R_AARCH64_ADD_ABS_LO12_NC): imm12 at bits 21:10 = S & 0xfff. */
    LO12(10, 12, 0, false, false),
    /** LDR/STR of 2 bytes #:lo12:S (LDST16_ABS_LO12_NC): imm12 = (S & 0xfff) >> 1. */
    LO12_SCALE2(10, 12, 1, false, false),
    /** LDR/STR of 4 bytes (LDST32_ABS_LO12_NC). */
    LO12_SCALE4(10, 12, 2, false, false),
    /** LDR/STR of 8 bytes (LDST64_ABS_LO12_NC). */
    LO12_SCALE8(10, 12, 3, false, false),
    /** LDR/STR of a capability (LDST128_ABS_LO12_NC): imm12 = (S & 0xfff) >> 4. */
    LO12_SCALE16(10, 12, 4, false, false),
    /** A 64-bit data word (.quad sym; R_AARCH64_ABS64). */
    ABS64(0, 64, 0, false, false),
    /** A 32-bit data word (.word sym; R_AARCH64_ABS32). */
    ABS32(0, 32, 0, false, false),
    /**
     * A 16-byte capability to S (R_MORELLO_CAPINIT, the {@code __cap_relocs} of CHERI toolchains): the loader
     * writes a tagged capability bounded to the symbol's object.
     */
    CAPINIT(0, 128, 0, false, false);

    private final int lsb;
    private final int bits;
    private final int shift;
    private final boolean pcRelative;
    private final boolean signed;

    RelocationType(int lsb, int bits, int shift, boolean pcRelative, boolean signed) {
        this.lsb = lsb;
        this.bits = bits;
        this.shift = shift;
        this.pcRelative = pcRelative;
        this.signed = signed;
    }

    public boolean pcRelative() {
        return pcRelative;
    }

    /** True for relocations that patch an instruction word (as opposed to data). */
    public boolean patchesInstruction() {
        return this != ABS64 && this != ABS32 && this != CAPINIT;
    }

    /**
     * Patches an instruction word.
     *
     * @param word the word with the relocated field zero
     * @param s    symbol address plus addend
     * @param p    address of the instruction
     * @throws AsmException if the value is out of range or misaligned for this field
     */
    public int apply(int word, long s, long p) throws AsmException {
        if (!patchesInstruction()) {
            throw new IllegalStateException(this + " patches data, not an instruction");
        }
        long v;
        switch (this) {
            case ADRP_HI21, ADRP_HI20_C64 -> v = (s & ~0xfffL) - (p & ~0xfffL);
            default -> v = pcRelative ? s - p : s;
        }
        if (!pcRelative) {
            v &= 0xfff;
        }
        if (shift > 0 && (v & ((1L << shift) - 1)) != 0 && this != ADRP_HI21 && this != ADRP_HI20_C64) {
            throw new AsmException(name() + ": value 0x" + Long.toHexString(v) + " is not a multiple of " + (1 << shift));
        }
        v >>= shift;
        if (signed) {
            long min = -(1L << (bits - 1));
            long max = (1L << (bits - 1)) - 1;
            if (v < min || v > max) {
                throw new AsmException(name() + ": target out of range (" + v + " does not fit " + bits + " signed bits)");
            }
        }
        int field = (int) (v & ((1L << bits) - 1));
        if (lsb >= 0) {
            return word | (field << lsb);
        }
        // ADR-style split: immlo = bits 1:0 at 30:29, immhi = the rest at 23:5.
        return word | ((field & 3) << 29) | ((field >>> 2) << 5);
    }
}
