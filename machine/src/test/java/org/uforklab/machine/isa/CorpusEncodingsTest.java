package org.uforklab.machine.isa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the decoder, disassembler and encoder against every word of the Morello encodings corpus
 * (vectors/morello-encodings.tsv, from the Sail-generated Morello tests): supported encodings decode with the
 * listed fields, everything else is unsupported, and disassembly assembles back to the same word.
 */
class CorpusEncodingsTest {

    /** One corpus line: the word, the encoding name and its fields (name to value, literals excluded). */
    record Entry(int word, String name, Map<String, Integer> fields) {
    }

    /**
     * Corpus names whose words are bit-for-bit words of other encodings. The corpus labels some ADRP words
     * {@code ADRP-C.I-C} (the test generator's name for C64 ADRP over the whole P:immhi range) although the same
     * bit patterns are also labelled {@code ADRDP-C.ID-C} (P = 0) and {@code ADRP-C.IP-C} (P = 1) elsewhere in the
     * corpus; a decoder can only give one name per word, and uforklab gives the architecture's two specific ones
     * (LLVM's Morello assembler emits ADRP with P = 1 and ADRDP with P = 0).
     */
    static final Map<String, String> OVERLAPPING = Map.of(
        "ADRP-C.I-C", "decodes as ADRDP-C.ID-C (P=0) or ADRP-C.IP-C (P=1)");

    /** Words whose bits the architecture leaves unconstrained, so assembling the disassembly cannot recover them. */
    static final Map<Integer, String> ROUND_TRIP_EXCEPTIONS = new LinkedHashMap<>();

    static List<Entry> corpus;

    @BeforeAll
    static void load() throws IOException {
        corpus = readCorpus();
    }

    static List<Entry> readCorpus() throws IOException {
        List<Entry> out = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(CorpusEncodingsTest.class.getResourceAsStream("/vectors/morello-encodings.tsv"));
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = r.readLine(); // header
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cols = line.split("\t");
                int word = (int) Long.parseLong(cols[0].substring(2), 16);
                String[] toks = cols[1].split(" ");
                String name = toks[0].contains(":") ? toks[0].substring(0, toks[0].indexOf(':')) : toks[0];
                Map<String, Integer> fields = new LinkedHashMap<>();
                for (int i = 1; i < toks.length; i++) {
                    int colon = toks[i].lastIndexOf(':');
                    String fn = toks[i].substring(0, colon);
                    String val = toks[i].substring(colon + 1);
                    if (fn.matches("[01]+") || fn.startsWith("(")) {
                        continue; // fixed opcode bits
                    }
                    boolean register = fn.matches("R[dnmtsa]2?|C[dnmts]2?");
                    int v = register && val.length() < 5 ? Integer.parseInt(val) : Integer.parseInt(val, 2);
                    fields.put(fn, v);
                }
                out.add(new Entry(word, name, fields));
            }
        }
        return out;
    }

    static boolean supported(String name) {
        return !EncodingTable.standard().byName(name).isEmpty();
    }

    @Test
    void corpusIsComplete() {
        assertThat(corpus).hasSize(12573);
    }

    @Test
    void supportedWordsDecodeToTheirEncodingWithTheListedFields() {
        List<String> failures = new ArrayList<>();
        for (Entry e : corpus) {
            if (!supported(e.name())) {
                continue;
            }
            Instruction insn = Decoder.decode(e.word());
            if (!insn.name().equals(e.name())) {
                failures.add(String.format("%08x %s decoded as %s", e.word(), e.name(), insn.name()));
                continue;
            }
            for (Map.Entry<String, Integer> f : e.fields().entrySet()) {
                if (!insn.encoding().hasField(f.getKey())) {
                    failures.add(String.format("%08x %s has no field %s", e.word(), e.name(), f.getKey()));
                } else if (insn.get(f.getKey()) != f.getValue()) {
                    failures.add(String.format("%08x %s field %s = %d, corpus says %d", e.word(), e.name(), f.getKey(),
                        insn.get(f.getKey()), f.getValue()));
                }
            }
        }
        assertThat(failures).as(summary(failures)).isEmpty();
    }

    @Test
    void unsupportedWordsDecodeAsUnsupported() {
        List<String> failures = new ArrayList<>();
        for (Entry e : corpus) {
            if (supported(e.name())) {
                continue;
            }
            Instruction insn = Decoder.decode(e.word());
            if (OVERLAPPING.containsKey(e.name())) {
                assertThat(insn.isSupported()).as("%08x", e.word()).isTrue();
                continue;
            }
            if (insn.isSupported()) {
                failures.add(String.format("%08x %s decoded as %s", e.word(), e.name(), insn.name()));
            }
        }
        assertThat(failures).as(summary(failures)).isEmpty();
    }

    @Test
    void disassemblyAssemblesBackToTheSameWord() {
        Encoder enc = new Encoder();
        List<String> failures = new ArrayList<>();
        for (Entry e : corpus) {
            if (!supported(e.name()) || ROUND_TRIP_EXCEPTIONS.containsKey(e.word())) {
                continue;
            }
            String text = Disassembler.disassemble(e.word());
            try {
                int back = enc.assemble(text);
                if (back != e.word()) {
                    failures.add(String.format("%08x %s '%s' assembled to %08x", e.word(), e.name(), text, back));
                }
            } catch (Exception ex) {
                failures.add(String.format("%08x %s '%s': %s", e.word(), e.name(), text, ex.getMessage()));
            }
        }
        assertThat(failures).as(summary(failures)).isEmpty();
    }

    @Test
    void absoluteDisassemblyAssemblesBackAtThatAddress() {
        Encoder enc = new Encoder();
        long pc = 0x40_0000L;
        List<String> failures = new ArrayList<>();
        for (Entry e : corpus) {
            if (!supported(e.name()) || ROUND_TRIP_EXCEPTIONS.containsKey(e.word())) {
                continue;
            }
            String text = Disassembler.disassemble(e.word(), pc);
            try {
                int back = enc.assemble(text, pc);
                if (back != e.word()) {
                    failures.add(String.format("%08x %s '%s' assembled to %08x", e.word(), e.name(), text, back));
                }
            } catch (Exception ex) {
                failures.add(String.format("%08x %s '%s': %s", e.word(), e.name(), text, ex.getMessage()));
            }
        }
        assertThat(failures).as(summary(failures)).isEmpty();
    }

    @Test
    void noCorpusWordMatchesTwoEncodings() {
        List<String> failures = new ArrayList<>();
        for (Entry e : corpus) {
            List<String> matching = new ArrayList<>();
            for (Encoding enc : EncodingTable.standard().encodings()) {
                if (enc.matches(e.word())) {
                    matching.add(enc.name());
                }
            }
            if (matching.size() > 1) {
                failures.add(String.format("%08x (%s) matches %s", e.word(), e.name(), matching));
            }
        }
        assertThat(failures).as(summary(failures)).isEmpty();
    }

    @Test
    void coverageSummary() {
        Map<String, Integer> words = new TreeMap<>();
        for (Entry e : corpus) {
            words.merge(e.name(), 1, Integer::sum);
        }
        TreeSet<String> supportedNames = new TreeSet<>();
        TreeSet<String> unsupportedNames = new TreeSet<>();
        int supportedWords = 0;
        int morello = 0;
        int morelloSupported = 0;
        for (Map.Entry<String, Integer> n : words.entrySet()) {
            boolean upper = Character.isUpperCase(n.getKey().charAt(0));
            morello += upper ? 1 : 0;
            if (supported(n.getKey())) {
                supportedNames.add(n.getKey());
                supportedWords += n.getValue();
                morelloSupported += upper ? 1 : 0;
            } else {
                unsupportedNames.add(n.getKey());
            }
        }
        EncodingTable t = EncodingTable.standard();
        System.out.printf("ISA coverage: %d of %d corpus encodings supported (%d of %d Morello, %d of %d base A64), "
                + "%d of %d words; table: %s; decode tree: %s%n",
            supportedNames.size(), words.size(), morelloSupported, morello, supportedNames.size() - morelloSupported,
            words.size() - morello, supportedWords, corpus.size(), t, t.decodeTreeStats());
        System.out.println("ISA not supported: " + unsupportedNames);
        assertThat(supportedNames).isNotEmpty();
    }

    static String summary(List<String> failures) {
        StringBuilder sb = new StringBuilder(failures.size() + " failures");
        Map<String, Integer> perName = new TreeMap<>();
        for (String f : failures) {
            perName.merge(f.split(" ")[1], 1, Integer::sum);
        }
        sb.append(" by encoding ").append(perName).append('\n');
        failures.stream().limit(60).forEach(f -> sb.append(f).append('\n'));
        return sb.toString();
    }
}
