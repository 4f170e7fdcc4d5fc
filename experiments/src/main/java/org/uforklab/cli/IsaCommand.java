package org.uforklab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.uforklab.machine.isa.Decoder;
import org.uforklab.machine.isa.Instruction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code uforklab isa ...}: the A64 + Morello instruction tables from the command line. */
@Command(name = "isa",
        mixinStandardHelpOptions = true,
        description = "A64 + Morello instructions: decode and disassemble words.",
        subcommands = {IsaCommand.Decode.class})
public final class IsaCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code uforklab isa decode WORD...} and {@code uforklab isa decode --tsv FILE}. */
    @Command(name = "decode",
            mixinStandardHelpOptions = true,
            description = {"Decode 32-bit instruction words: one line per word with the word, the architecture's "
                + "encoding name (or 'unsupported') and the GNU disassembly, separated by tabs.",
                "With --tsv, read the words from the first column of a file such as morello-encodings.tsv and "
                    + "end with how many agree with the encoding names of its second column."})
    static final class Decode implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "0..*", paramLabel = "WORD", description = "instruction words in hex, e.g. 0xc2c10000")
        List<String> words = new ArrayList<>();

        @Option(names = "--tsv", paramLabel = "FILE", description = "a TSV file: word<TAB>encoding-name [fields...]")
        Path tsv;

        @Option(names = "--pc", paramLabel = "ADDR",
                description = "address of the first word: print PC-relative targets as absolute addresses")
        String pc;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Long base = pc == null ? null : parseAddress(pc);
            if (tsv != null && !words.isEmpty()) {
                throw new IllegalArgumentException("give either words or --tsv FILE, not both");
            }
            if (tsv != null) {
                decodeTsv(out, base);
            } else if (words.isEmpty()) {
                throw new IllegalArgumentException("nothing to decode: give instruction words (e.g. 0xc2c10000) or --tsv FILE");
            } else {
                List<Integer> parsed = new ArrayList<>();
                for (String w : words) {
                    parsed.add(parseWord(w, "argument"));
                }
                for (int i = 0; i < parsed.size(); i++) {
                    out.println(line(parsed.get(i), base == null ? null : base + 4L * i));
                }
            }
            out.flush();
            return 0;
        }

        private void decodeTsv(PrintWriter out, Long base) throws IOException {
            if (!Files.isRegularFile(tsv)) {
                throw new IllegalArgumentException(tsv + ": no such file");
            }
            int total = 0;
            int agree = 0;
            try (BufferedReader r = Files.newBufferedReader(tsv, StandardCharsets.UTF_8)) {
                String text;
                int lineNo = 0;
                while ((text = r.readLine()) != null) {
                    lineNo++;
                    if (text.isBlank() || text.startsWith("#") || (lineNo == 1 && text.startsWith("word"))) {
                        continue;
                    }
                    String[] cols = text.split("\t");
                    int word = parseWord(cols[0].trim(), tsv + ":" + lineNo);
                    String expected = cols.length > 1 ? encodingName(cols[1]) : null;
                    out.println(line(word, base == null ? null : base + 4L * total));
                    total++;
                    if (expected != null && expected.equals(Decoder.decode(word).name())) {
                        agree++;
                    }
                }
            }
            out.printf("%d of %d words agree with the encoding names of %s%n", agree, total, tsv.getFileName());
        }

        /** The encoding name of the corpus's second column: its first token, before any ':'. */
        static String encodingName(String column) {
            String first = column.trim().split("\\s+")[0];
            int colon = first.indexOf(':');
            return colon >= 0 ? first.substring(0, colon) : first;
        }

        static String line(int word, Long pc) {
            Instruction insn = Decoder.decode(word);
            String text = pc == null ? insn.disassemble() : insn.disassemble(pc);
            return String.format("0x%08x\t%s\t%s", word, insn.name(), text);
        }

        static int parseWord(String s, String where) {
            String h = s.toLowerCase().startsWith("0x") ? s.substring(2) : s;
            if (h.isEmpty() || h.length() > 8 || !h.matches("[0-9a-fA-F]+")) {
                throw new IllegalArgumentException(where + ": '" + s + "' is not a 32-bit instruction word in hex (e.g. 0xc2c10000)");
            }
            return (int) Long.parseLong(h, 16);
        }

        static long parseAddress(String s) {
            try {
                return s.toLowerCase().startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--pc: '" + s + "' is not an address (e.g. 0x400000)");
            }
        }
    }
}
