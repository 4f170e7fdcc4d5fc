package org.uforklab.machine.isa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Seeded random words: decoding and disassembly never throw, the decode tree agrees with a linear scan of the
 * encodings, and every supported word assembles back from its disassembly. Random words are drawn both
 * uniformly and from each encoding's pattern (fixed bits kept, other bits random) so that every encoding is
 * exercised with all its field values.
 */
class RandomWordsTest {

    static final EncodingTable TABLE = EncodingTable.standard();

    static Encoding linearScan(int word) {
        for (Encoding e : TABLE.encodings()) {
            if (e.matches(word)) {
                return e;
            }
        }
        return null;
    }

    /**
     * Words with bits the architecture ignores, which the assembler cannot know: logical immediates whose
     * immr has bits above the element size ({@code DecodeBitMasks} uses immr modulo the element size), so
     * several words denote the same immediate and the assembler produces the canonical one.
     */
    static String unconstrained(Instruction insn) {
        if (insn.name().endsWith("_log_imm")) {
            int n = insn.get("N");
            int imms = insn.get("imms");
            int len = 31 - Integer.numberOfLeadingZeros((n << 6) | (~imms & 0x3f));
            if ((insn.get("immr") >>> len) != 0) {
                return "immr bits above the element size are ignored";
            }
        }
        return null;
    }

    @Test
    void uniformWordsDecodeLikeALinearScanAndNeverThrow() {
        SplittableRandom rnd = new SplittableRandom(0x15a);
        for (int i = 0; i < 100_000; i++) {
            int w = rnd.nextInt();
            Instruction insn = Decoder.decode(w);
            Encoding scan = linearScan(w);
            assertThat(insn.isSupported() ? insn.encoding() : null).as("%08x", w).isSameAs(scan);
            assertThat(Disassembler.disassemble(w)).isNotEmpty();
        }
    }

    @Test
    void patternWordsRoundTripThroughTheDisassembly() {
        SplittableRandom rnd = new SplittableRandom(42);
        Encoder enc = new Encoder();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> perName = new TreeMap<>();
        for (Encoding e : TABLE.encodings()) {
            for (int i = 0; i < 300; i++) {
                int w = (rnd.nextInt() & ~e.mask()) | e.match();
                Instruction insn = Decoder.decode(w);
                if (insn.encoding() != e || insn.isUndefined() || unconstrained(insn) != null) {
                    continue; // a constraint gave it to another encoding, or it has ignored bits
                }
                String text = insn.disassemble();
                try {
                    int back = enc.assemble(text);
                    if (back != w) {
                        perName.merge(e.name(), 1, Integer::sum);
                        failures.add(String.format("%s %08x '%s' -> %08x", e.name(), w, text, back));
                    }
                } catch (Exception ex) {
                    perName.merge(e.name(), 1, Integer::sum);
                    failures.add(String.format("%s %08x '%s': %s", e.name(), w, text, ex.getMessage()));
                }
                long pc = 0x1234_5000L + 4L * rnd.nextInt(1 << 20);
                String abs = insn.disassemble(pc);
                try {
                    int back = enc.assemble(abs, pc);
                    if (back != w) {
                        perName.merge(e.name(), 1, Integer::sum);
                        failures.add(String.format("%s %08x '%s' @%x -> %08x", e.name(), w, abs, pc, back));
                    }
                } catch (Exception ex) {
                    perName.merge(e.name(), 1, Integer::sum);
                    failures.add(String.format("%s %08x '%s' @%x: %s", e.name(), w, abs, pc, ex.getMessage()));
                }
            }
        }
        StringBuilder sb = new StringBuilder(failures.size() + " failures " + perName + "\n");
        failures.stream().limit(40).forEach(f -> sb.append(f).append('\n'));
        assertThat(failures).as(sb.toString()).isEmpty();
    }
}
