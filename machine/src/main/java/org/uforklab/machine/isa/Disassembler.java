package org.uforklab.machine.isa;

/**
 * GNU-syntax disassembly as used for Morello purecap code ({@code ldr c0, [c1, #16]}, {@code scbnds c2, c2, x3}).
 * PC-relative targets print as {@code .+0x10} (GNU's {@code .} is the instruction's own address) so the
 * assembler reads them back, or as absolute addresses when the caller gives the PC. Words no encoding claims
 * print as {@code .inst 0x...}, and so do words of a known encoding that the architecture makes UNDEFINED
 * (with a comment naming the encoding and the reason).
 */
public final class Disassembler {
    private Disassembler() {
    }

    /** Disassembles a word with targets relative to {@code .}. */
    public static String disassemble(int word) {
        return disassemble(Decoder.decode(word), 0, false);
    }

    /** Disassembles a word at address {@code pc}, printing PC-relative targets as absolute addresses. */
    public static String disassemble(int word, long pc) {
        return disassemble(Decoder.decode(word), pc, true);
    }

    /** Disassembles a word with targets relative to {@code .}, spelled as in the given instruction-set state. */
    public static String disassemble(int word, IsaState state) {
        return disassemble(Decoder.decode(word), 0, false, state);
    }

    /** Disassembles a decoded instruction (C64 spelling). */
    public static String disassemble(Instruction insn, long pc, boolean absolute) {
        return disassemble(insn, pc, absolute, IsaState.C64);
    }

    /**
     * Disassembles a decoded instruction.
     *
     * @param absolute print PC-relative targets as addresses computed from {@code pc} instead of {@code .+n}
     * @param state    the instruction-set state whose spelling to print (base registers, bare {@code ret})
     */
    public static String disassemble(Instruction insn, long pc, boolean absolute, IsaState state) {
        if (!insn.isSupported()) {
            return String.format(".inst 0x%08x", insn.word());
        }
        String undefined = insn.undefinedReason();
        if (undefined != null) {
            // what the assembler reads back is the raw word; the comment says why it is not an instruction
            return String.format(".inst 0x%08x // %s: UNDEFINED (%s)", insn.word(), insn.name(), undefined);
        }
        StringBuilder sb = new StringBuilder(32);
        for (Syntax s : insn.encoding().syntaxes(state)) {
            if (s.printsFor(insn)) {
                s.print(insn, pc, absolute, sb);
                return sb.toString();
            }
        }
        return String.format(".inst 0x%08x", insn.word());
    }
}
