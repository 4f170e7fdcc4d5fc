package org.uforklab.machine.isa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uforklab.machine.asm.Assembler;
import org.uforklab.machine.asm.AssemblyErrors;
import org.uforklab.machine.asm.GnuTools;
import org.uforklab.machine.asm.ObjectFile;

/**
 * Issue 3 §4: every supported base A64 encoding, assembled by GNU as for AArch64 and by our {@link Assembler}
 * with the isa {@link Encoder}, must give the same word.
 *
 * <p>The source is generated: for each encoding of the A64* families, the corpus words of that encoding plus
 * seeded random words of it (random free bits, and the all-zero and all-one free-bit extremes: register 31,
 * largest and most negative immediates), disassembled by our {@link Disassembler} in {@link IsaState#A64}
 * spelling. GNU as does not know Morello, and in C64 spelling base registers of loads and stores are
 * capabilities ({@code [c1, #8]}); the A64 spelling of the same bits is {@code [x1, #8]}, which it reads.
 * PC-relative targets print as {@code .+0x10}, which GNU as reads as relative to the instruction.
 *
 * <p>Both assemblers read the same text, so the comparison checks our encoder against GNU's reading of our
 * syntax; a separate check says that our word is the word we disassembled (else our disassembler printed
 * something that means another word), except where the architecture leaves bits without effect.
 */
class A64GnuAsCrossCheckTest {

    /** Variations per encoding besides the corpus words. */
    private static final int RANDOM_PER_ENCODING = 24;

    /**
     * Words left out, with the reason: encoding name, a pattern on the A64 disassembly, and why. No encoding is
     * left out as a whole: each still has compared words.
     */
    record Exclusion(String encoding, Pattern text, String reason) {
    }

    static final String MORELLO_SYSREG = "CID_EL0 (s3_3_c13_c0_7) is a Morello system register; GNU as for plain "
        + "AArch64 refuses its name ('unknown or missing system register name')";

    static final List<Exclusion> EXCLUDED = List.of(
        new Exclusion("mrs", Pattern.compile("\\bcid_el0\\b"), MORELLO_SYSREG),
        new Exclusion("msr_reg", Pattern.compile("\\bcid_el0\\b"), MORELLO_SYSREG));

    /**
     * Hand-picked operands the corpus and the random words may miss: named system registers, x30 links, the
     * extremes of immediates and branch ranges, register 31 as sp/xzr, aliases. Assembled with our A64
     * encoder, then disassembled like the other words (so a text our encoder refuses is a failure too).
     */
    static final List<String> EXTRA = List.of(
        "ret", "ret x30", "br x30", "blr x30", "blr xzr",
        "mrs x0, nzcv", "msr nzcv, x1", "mrs x2, tpidr_el0", "msr tpidr_el0, x3", "mrs x4, tpidrro_el0", "mrs x5, fpcr",
        "msr fpsr, x6", "mrs x7, daif", "mrs x8, cntvct_el0", "mrs x9, currentel", "mrs x10, tpidr_el1",
        "msr vbar_el1, x11", "mrs x12, esr_el1", "mrs x13, far_el1", "mrs x14, elr_el1", "msr spsr_el1, x15",
        "mrs x16, cid_el0", "msr cid_el0, x17",
        "ldr x0, [sp, #32760]", "ldr w0, [x1, #16380]", "ldrh w0, [x1, #8190]", "ldrb w0, [x1, #4095]",
        "ldur x1, [x2, #-256]", "str x3, [x4, #255]!", "ldr x3, [sp], #-256", "ldp x5, x6, [sp, #-512]!",
        "stp w7, w8, [x9], #252", "ldpsw x0, x1, [sp, #-256]", "ldnp x0, x1, [sp, #504]", "stnp w0, w1, [x2, #-256]",
        "ldr x0, [x1, w2, sxtw #3]", "ldrb w0, [x1, x2, lsl #0]", "ldrh w3, [sp, x4, lsl #1]", "str w5, [x6, w7, uxtw]",
        "ldrsw x0, [x1, x2, sxtx #2]", "prfm pldl1keep, [x0]", "prfm pstl3strm, [sp, #32760]", "prfm plil2keep, .+0x100",
        "ldr x0, .-0x100000", "ldr w1, .+0xffffc", "ldrsw x2, .",
        "b .+0x7fffffc", "bl .-0x8000000", "b.nv .+4", "b.al .-4", "cbz x0, .+0xffffc", "cbnz wzr, .-0x100000",
        "tbz w0, #31, .+0x7ffc", "tbnz x1, #63, .-0x8000", "tbz x2, #32, .", "tbz x3, #3, .+0x20", "tbnz x5, #31, .",
        "add sp, sp, #4095, lsl #12", "sub x0, sp, #1", "mov x0, sp", "mov sp, x1", "mov wsp, w2", "cmp sp, #4095",
        "add x0, x1, w2, sxtb #4", "add w0, wsp, w1, uxth", "sub sp, sp, x3, uxtx #4", "cmn x0, w1, uxtw #2",
        "adds xzr, x1, x2, lsl #63", "neg w0, w1, asr #31", "mvn x0, x1, ror #63",
        "movz x0, #0xffff, lsl #48", "movn w0, #0xffff, lsl #16", "movk w0, #1, lsl #16", "mov x0, #0x12340000",
        "mov x1, #-1", "mov w2, #-0x10000",
        "and x0, x1, #0x5555555555555555", "orr w0, wzr, #0xff", "tst x0, #0x8000000000000000",
        "eor w3, w4, #0xfffffffe", "ands xzr, x1, #0x1",
        "lsl x0, x1, #63", "asr w0, w1, #31", "ror x0, x1, #1", "ubfx x0, x1, #60, #4", "sbfiz w0, w1, #31, #1",
        "bfxil x0, x1, #0, #64", "extr x0, x1, x2, #63", "extr w0, w1, w2, #31", "sxtw x0, w1", "uxth w0, w1",
        "csel x0, x1, x2, nv", "cset w0, eq", "csetm x0, lo", "cinc x0, x1, hi", "cneg w0, w1, le",
        "ccmp x0, #31, #15, al", "ccmn w0, w1, #0, nv",
        "mul x0, x1, x2", "smull x0, w1, w2", "umulh x0, x1, x2", "udiv w0, w1, w2", "rev x0, x1", "rev16 w0, w1",
        "ldaxr x0, [sp]", "stlxr w0, x1, [x2]", "stxp w0, x1, x2, [sp]", "ldaxp x0, x1, [x2]", "stlrb w0, [sp]",
        "cas x0, x1, [sp]", "casp x0, x1, x2, x3, [x4]", "caspal w30, wzr, w28, w29, [sp]", "ldadd x0, x1, [x2]",
        "stadd w0, [x1]", "swpal x0, x1, [sp]", "ldapr x0, [sp]", "ldsmaxalh w0, w1, [x2]", "stumaxlb w0, [sp]",
        "hint #127", "nop", "yield", "dmb ish", "dsb sy", "dmb #0", "isb", "isb #3", "clrex", "clrex #5",
        "svc #0", "hlt #0xf000", "brk #0x3e8", "hvc #0xffff", "smc #1", "dcps1", "dcps2 #0", "dcps3 #0x10");

    @TempDir
    Path dir;

    record Case(int word, String text, String origin, Encoding encoding) {
    }

    @Test
    void everyBaseA64EncodingAssemblesLikeGnuAs() throws Exception {
        EncodingTable table = EncodingTable.standard();
        List<Encoding> base = table.encodings().stream().filter(e -> e.family().startsWith("A64")).toList();
        Map<Encoding, List<Case>> cases = new LinkedHashMap<>();
        for (Encoding e : base) {
            cases.put(e, new ArrayList<>());
        }
        Set<Integer> seen = new LinkedHashSet<>();
        int corpusWords = 0;
        for (int w : corpusWords()) {
            Instruction insn = table.decode(w);
            if (cases.containsKey(insn.encoding()) && insn.undefinedReason() == null && seen.add(w)) {
                cases.get(insn.encoding()).add(new Case(w, Disassembler.disassemble(w, IsaState.A64), "corpus", insn.encoding()));
                corpusWords++;
            }
        }
        int generated = 0;
        List<String> failures = new ArrayList<>();
        Encoder a64 = Encoder.a64();
        for (String text : EXTRA) {
            int w;
            try {
                w = a64.assemble(text);
            } catch (org.uforklab.machine.asm.AsmException ex) {
                failures.add("our A64 encoder refuses the extra operand case '" + text + "': " + ex.getMessage());
                continue;
            }
            Instruction insn = table.decode(w);
            if (!cases.containsKey(insn.encoding())) {
                failures.add(String.format("extra case '%s' gives %08x, not a base A64 encoding (%s)", text, w, insn.name()));
            } else if (seen.add(w)) {
                cases.get(insn.encoding()).add(new Case(w, Disassembler.disassemble(w, IsaState.A64), "extra", insn.encoding()));
                generated++;
            }
        }
        for (Encoding e : base) {
            for (int w : variations(e, table)) {
                if (seen.add(w)) {
                    cases.get(e).add(new Case(w, Disassembler.disassemble(w, IsaState.A64), "generated", e));
                    generated++;
                }
            }
        }

        List<Case> lines = new ArrayList<>();
        Map<String, Integer> excludedWords = new LinkedHashMap<>();
        for (Map.Entry<Encoding, List<Case>> en : cases.entrySet()) {
            Encoding e = en.getKey();
            if (en.getValue().isEmpty()) {
                failures.add("no word of " + e + " to compare (neither in the corpus nor generated)");
            }
            for (Case c : en.getValue()) {
                String reason = exclusion(c);
                if (reason != null) {
                    excludedWords.merge(e.name() + " (" + reason + ")", 1, Integer::sum);
                    continue;
                }
                lines.add(c);
            }
        }

        // GNU as: lines it refuses are reported and left out of the byte comparison
        String header = "\t.text\n";
        int firstLine = 2;
        GnuTools.Result gnu = GnuTools.assemble(dir, "a64.s", source(header, lines), List.of("-march=armv8.4-a"), ".text");
        if (!gnu.ok()) {
            List<Case> kept = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String err = gnu.errors().get(firstLine + i);
                if (err != null) {
                    Case c = lines.get(i);
                    failures.add(String.format("GNU as refuses %08x (%s) '%s': %s", c.word(), c.encoding().name(), c.text(), err));
                } else {
                    kept.add(lines.get(i));
                }
            }
            assertThat(gnu.errors()).as("GNU as errors outside the generated lines: " + gnu.log())
                .doesNotContainKey(0);
            lines = kept;
            gnu = GnuTools.assemble(dir, "a64-kept.s", source(header, lines), List.of("-march=armv8.4-a"), ".text");
            assertThat(gnu.ok()).as("GNU as after leaving out the lines it refused: " + gnu.log()).isTrue();
        }

        String src = source(header, lines);
        ObjectFile ours;
        try {
            ours = new Assembler(Encoder.a64()).assemble("a64.s", src);
        } catch (AssemblyErrors errs) {
            throw new AssertionError("our assembler refuses lines of the generated source:\n" + errs.getMessage());
        }
        byte[] theirs = gnu.section(".text");
        byte[] mine = ours.requireSection(".text").bytes();
        assertThat(mine.length).as("size of .text").isEqualTo(theirs.length).isEqualTo(4 * lines.size());

        Set<Encoding> covered = new LinkedHashSet<>();
        int compared = 0;
        int nonCanonical = 0;
        Set<String> nonCanonicalNames = new java.util.TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            Case c = lines.get(i);
            int g = GnuTools.word(theirs, 4 * i);
            int o = GnuTools.word(mine, 4 * i);
            compared++;
            covered.add(c.encoding());
            if (g != o) {
                failures.add(String.format("line %d: %-40s GNU %08x ours %08x (%s %s word %08x)", firstLine + i, c.text(), g, o,
                    c.encoding().name(), c.origin(), c.word()));
            } else if (o != c.word()) {
                // same text, other word: fine only if the word's extra bits are ones the architecture ignores
                String why = ignoredBits(c.word(), o);
                if (why == null) {
                    failures.add(String.format("line %d: %-40s assembles (GNU and ours) to %08x, not the disassembled %08x (%s)",
                        firstLine + i, c.text(), o, c.word(), c.encoding().name()));
                } else {
                    nonCanonical++;
                    nonCanonicalNames.add(c.encoding().name());
                }
            }
        }
        for (Encoding e : base) {
            if (!covered.contains(e) && !excludedWords.keySet().stream().anyMatch(k -> k.startsWith(e.name() + " ("))) {
                failures.add("encoding " + e + " has no compared word");
            }
        }

        System.out.printf("A64 GNU as cross-check: %d of %d base A64 encodings covered (%d names), %d words compared "
                + "(%d from the corpus, %d generated), %d non-canonical words assembled to their canonical form, %d failures%n",
            covered.size(), base.size(), covered.stream().map(Encoding::name).distinct().count(), compared, corpusWords,
            generated, nonCanonical, failures.size());
        System.out.printf("  non-canonical words (%s) in %s%n", CorpusEncodingsTest.IGNORED_IMMR, nonCanonicalNames);
        excludedWords.forEach((k, n) -> System.out.printf("  excluded %d word(s) of %s%n", n, k));
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
    }

    private static String source(String header, List<Case> lines) {
        StringBuilder sb = new StringBuilder(header);
        for (Case c : lines) {
            sb.append('\t').append(c.text()).append('\n');
        }
        return sb.toString();
    }

    /** Why a word is left out, or null. */
    static String exclusion(Case c) {
        for (Exclusion x : EXCLUDED) {
            if (x.encoding().equals(c.encoding().name()) && x.text().matcher(c.text()).find()) {
                return x.reason();
            }
        }
        return null;
    }

    /**
     * Why two words with the same text are the same instruction, or null: a logical immediate whose immr has bits
     * above the element size (DecodeBitMasks ignores them).
     */
    static String ignoredBits(int original, int canonical) {
        Instruction a = Decoder.decode(original);
        Instruction b = Decoder.decode(canonical);
        if (a.encoding() != b.encoding() || !a.name().endsWith("_log_imm")) {
            return null;
        }
        Field immr = a.encoding().field("immr");
        int size = (original >>> 31) == 1 ? 64 : 32;
        boolean sameImmediate = BitmaskImmediate.decode(a.get("N"), a.get("imms"), a.get("immr"), size)
            == BitmaskImmediate.decode(b.get("N"), b.get("imms"), b.get("immr"), size);
        return sameImmediate && ((original ^ canonical) & ~immr.maskInPlace()) == 0 ? CorpusEncodingsTest.IGNORED_IMMR : null;
    }

    /** Seeded random words of the encoding, with the all-zero and all-one free bits first. */
    static List<Integer> variations(Encoding e, EncodingTable table) {
        List<Integer> out = new ArrayList<>();
        Random rnd = new Random(e.id());
        int free = ~e.mask();
        int[] fixedTries = {e.match(), e.match() | free};
        for (int w : fixedTries) {
            if (valid(w, e, table)) {
                out.add(w);
            }
        }
        for (int tries = 0; tries < 20_000 && out.size() < RANDOM_PER_ENCODING; tries++) {
            int w = e.match() | (rnd.nextInt() & free);
            if (valid(w, e, table) && !out.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    private static boolean valid(int w, Encoding e, EncodingTable table) {
        return table.encodingOf(w) == e && e.undefinedReason(w) == null;
    }

    static List<Integer> corpusWords() throws Exception {
        List<Integer> out = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(A64GnuAsCrossCheckTest.class.getResourceAsStream("/vectors/morello-encodings.tsv"));
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = r.readLine(); // header
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add((int) Long.parseLong(line.substring(2, line.indexOf('\t')), 16));
                }
            }
        }
        return out;
    }
}
