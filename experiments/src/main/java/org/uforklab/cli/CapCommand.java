package org.uforklab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.uforklab.machine.cap.Bound65;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.SetBoundsResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code uforklab cap}: the Morello capability from the shell. Each subcommand works on one capability given
 * as arguments, or with {@code --csv FILE} on every row of a file in the layout of the matching vector file,
 * printing the rows with the computed columns (so {@code diff} against the file is empty when everything
 * agrees) and a summary on stderr. Exit status: 0 when every row agrees, 1 when some row differs or the input
 * is bad (a one-line error naming the argument or file:line).
 */
@Command(name = "cap",
        mixinStandardHelpOptions = true,
        description = "Decode and derive Morello capabilities (bit-exact to the Sail model).",
        subcommands = {CapCommand.Decode.class, CapCommand.SetBounds.class, CapCommand.SetAddr.class})
public final class CapCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Bad input: reported as one line, exit status 1. */
    static final class BadInput extends RuntimeException {
        BadInput(String message) {
            super(message);
        }
    }

    /** One vector-file layout: its header and how a row's inputs turn into the full computed row. */
    interface Layout {
        String header();

        int inputColumns();

        /** The computed row for the input columns; {@code where} prefixes parse errors ("file:line: "). */
        String computeRow(String[] inputs, String where);
    }

    /** Shared plumbing: single-capability mode or {@code --csv FILE}, and error reporting. */
    abstract static class Sub implements Callable<Integer>, Layout {

        @Spec
        CommandSpec spec;

        @Option(names = "--csv", paramLabel = "FILE",
                description = "Check every row of FILE (vector-file layout); prints the computed rows.")
        Path csv;

        @Override
        public final Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                int code = csv != null ? runCsv(out, err) : runSingle(out);
                out.flush();
                return code;
            } catch (BadInput e) {
                out.flush();
                err.println(spec.qualifiedName() + ": " + e.getMessage());
                err.flush();
                return 1;
            }
        }

        /** The positional arguments, used when there is no {@code --csv}. */
        abstract List<String> positionals();

        /** Prints the readable result for one capability given as arguments. */
        abstract void single(PrintWriter out);

        private int runSingle(PrintWriter out) {
            List<String> args = positionals();
            if (args.stream().anyMatch(a -> a == null)) {
                throw new BadInput("needs " + String.join(" ", argNames()) + " (or --csv FILE)");
            }
            single(out);
            return 0;
        }

        abstract List<String> argNames();

        private int runCsv(PrintWriter out, PrintWriter err) {
            if (positionals().stream().anyMatch(a -> a != null)) {
                throw new BadInput("takes either " + String.join(" ", argNames()) + " or --csv FILE, not both");
            }
            List<String> lines;
            try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                lines = r.lines().toList();
            } catch (NoSuchFileException e) {
                throw new BadInput(csv + ": no such file");
            } catch (IOException | UncheckedIOException e) {
                throw new BadInput(csv + ": cannot read (" + e.getMessage() + ")");
            }
            if (lines.isEmpty()) {
                throw new BadInput(csv + ": empty file, expected the header " + header());
            }
            String head = stripCr(lines.get(0));
            if (!head.equals(header())) {
                throw new BadInput(csv + ":1: header is '" + head + "', expected '" + header() + "'");
            }
            int columns = header().split(",").length;
            out.println(header());
            int rows = 0;
            int agree = 0;
            List<String> differences = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                String line = stripCr(lines.get(i));
                String where = csv + ":" + (i + 1) + ": ";
                String[] cols = line.split(",", -1);
                if (cols.length != columns) {
                    throw new BadInput(where + "expected " + columns + " columns (" + header() + "), found "
                            + (line.isEmpty() ? "an empty line" : cols.length));
                }
                String[] inputs = new String[inputColumns()];
                System.arraycopy(cols, 0, inputs, 0, inputs.length);
                String computed = computeRow(inputs, where);
                out.println(computed);
                rows++;
                if (computed.equals(line)) {
                    agree++;
                } else if (differences.size() < 10) {
                    differences.add(where + "the file has " + line);
                }
            }
            out.flush();
            differences.forEach(err::println);
            err.println(rows + " rows, " + agree + " agree with the file");
            err.flush();
            return agree == rows ? 0 : 1;
        }

        private static String stripCr(String s) {
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }
    }

    // -----------------------------------------------------------------------------------------------------

    /** {@code cap decode PESBT VALUE}: the decoded capability (tag 1 unless {@code --untagged}). */
    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = {"Decode the capability with this pesbt (bits 127:64) and value (bits 63:0).",
                "--csv layout: pesbt,value,base,top,exponent,bounds_valid,perms,otype,flags.",
                "The flags column is the flag bits held in the pesbt half (cheri-compressed-cap's cr_flags), "
                    + "which is 0 on Morello: its flags are value[63:56], shown by the single form."})
    static final class Decode extends Sub {

        /**
         * The vector file's {@code flags} column: flag bits stored in the pesbt half. The Morello format keeps
         * none there (its flags are value[63:56], Sail {@code CapGetFlags}), so this is always 0.
         */
        static final int PESBT_FLAGS = 0;

        @Parameters(index = "0", arity = "0..1", paramLabel = "PESBT", description = "Bits 127:64, hex (0x...).")
        String pesbt;

        @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE", description = "Bits 63:0, hex (0x...).")
        String value;

        @Option(names = "--untagged", description = "Decode with tag 0 (the bounds do not depend on the tag).")
        boolean untagged;

        @Override
        List<String> positionals() {
            return Arrays.asList(pesbt, value);
        }

        @Override
        List<String> argNames() {
            return List.of("PESBT", "VALUE");
        }

        @Override
        void single(PrintWriter out) {
            Capability c = Capability.of(Numbers.u64(pesbt, "PESBT"), Numbers.u64(value, "VALUE"), !untagged);
            out.print(c.describe());
        }

        @Override
        public String header() {
            return "pesbt,value,base,top,exponent,bounds_valid,perms,otype,flags";
        }

        @Override
        public int inputColumns() {
            return 2;
        }

        @Override
        public String computeRow(String[] in, String where) {
            Capability c = Capability.of(Numbers.csvU64(in[0], where, "pesbt"), Numbers.csvU64(in[1], where, "value"),
                    true);
            return String.format("0x%016x,0x%016x,0x%x,%s,%d,%d,0x%05x,0x%04x,0x%02x", c.pesbt(), c.value(),
                    c.base(), c.top(), c.exponent(), c.boundsValid() ? 1 : 0, c.perms(), c.otype(), PESBT_FLAGS);
        }
    }

    /** {@code cap setbounds VALUE LENGTH}: SCBNDS (or SCBNDSE) on the root capability with that value. */
    @Command(name = "setbounds", mixinStandardHelpOptions = true,
            description = {"Set bounds of LENGTH bytes on the root capability whose value is VALUE (SCBNDS).",
                "--csv layout: value,length,exact,new_pesbt,new_base,new_top,tag."})
    static final class SetBounds extends Sub {

        @Parameters(index = "0", arity = "0..1", paramLabel = "VALUE", description = "The address, hex (0x...).")
        String value;

        @Parameters(index = "1", arity = "0..1", paramLabel = "LENGTH",
                description = "The length, hex (0x...), at most 2^64.")
        String length;

        @Option(names = "--exact", description = "SCBNDSE: clear the tag unless the bounds are exact.")
        boolean exact;

        @Override
        List<String> positionals() {
            return Arrays.asList(value, length);
        }

        @Override
        List<String> argNames() {
            return List.of("VALUE", "LENGTH");
        }

        @Override
        void single(PrintWriter out) {
            long v = Numbers.u64(value, "VALUE");
            Bound65 len = Numbers.u65(length, "LENGTH");
            Capability start = Capability.root().setValue(v);
            SetBoundsResult r = start.setBounds(len.low(), len.bit64(), exact);
            out.println("input      " + start);
            out.println("request    " + (exact ? "SCBNDSE" : "SCBNDS") + " length " + len + (r.exact()
                    ? " (exact)" : " (inexact: bounds rounded outward)"));
            out.print(r.capability().describe());
        }

        @Override
        public String header() {
            return "value,length,exact,new_pesbt,new_base,new_top,tag";
        }

        @Override
        public int inputColumns() {
            return 2;
        }

        @Override
        public String computeRow(String[] in, String where) {
            long v = Numbers.csvU64(in[0], where, "value");
            Bound65 len = Numbers.csvU65(in[1], where, "length");
            SetBoundsResult r = Capability.root().setValue(v).setBounds(len.low(), len.bit64(), false);
            Capability c = r.capability();
            return String.format("0x%016x,%s,%d,0x%016x,0x%x,%s,%d", v, len, r.exact() ? 1 : 0, c.pesbt(),
                    c.base(), c.top(), c.isTagged() ? 1 : 0);
        }
    }

    /** {@code cap setaddr PESBT VALUE NEW}: pointer arithmetic (CapAdd, fast check) on a tagged capability. */
    @Command(name = "setaddr", mixinStandardHelpOptions = true,
            description = {"Change the value of the tagged capability (PESBT, VALUE) to NEW as pointer arithmetic "
                + "does (CapAdd: fast representability check).",
                "--csv layout: pesbt,value,new_value,tag_kept,new_base,new_top."})
    static final class SetAddr extends Sub {

        @Parameters(index = "0", arity = "0..1", paramLabel = "PESBT", description = "Bits 127:64, hex (0x...).")
        String pesbt;

        @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE", description = "Bits 63:0, hex (0x...).")
        String value;

        @Parameters(index = "2", arity = "0..1", paramLabel = "NEW", description = "The new value, hex (0x...).")
        String newValue;

        @Option(names = "--precise", description = "Use SCVALUE's precise check (CapSetValue) instead.")
        boolean precise;

        @Override
        List<String> positionals() {
            return Arrays.asList(pesbt, value, newValue);
        }

        @Override
        List<String> argNames() {
            return List.of("PESBT", "VALUE", "NEW");
        }

        @Override
        void single(PrintWriter out) {
            Capability c = Capability.of(Numbers.u64(pesbt, "PESBT"), Numbers.u64(value, "VALUE"), true);
            long nv = Numbers.u64(newValue, "NEW");
            Capability n = precise ? c.setValue(nv) : c.add(nv - c.value());
            out.println("input      " + c);
            out.println("operation  " + (precise ? "CapSetValue (precise check)" : "CapAdd (fast check)")
                    + String.format(" to 0x%x: tag %s", nv, n.isTagged() ? "kept" : "cleared"));
            out.print(n.describe());
        }

        @Override
        public String header() {
            return "pesbt,value,new_value,tag_kept,new_base,new_top";
        }

        @Override
        public int inputColumns() {
            return 3;
        }

        @Override
        public String computeRow(String[] in, String where) {
            Capability c = Capability.of(Numbers.csvU64(in[0], where, "pesbt"), Numbers.csvU64(in[1], where, "value"),
                    true);
            long nv = Numbers.csvU64(in[2], where, "new_value");
            Capability n = c.add(nv - c.value());
            return String.format("0x%016x,0x%016x,0x%016x,%d,0x%x,%s", c.pesbt(), c.value(), nv,
                    n.isTagged() ? 1 : 0, n.base(), n.top());
        }
    }

    // -----------------------------------------------------------------------------------------------------

    /** Parsing of unsigned numbers with errors that name the argument or the file:line and column. */
    static final class Numbers {
        private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

        private Numbers() {
        }

        /** Hex with {@code 0x} or decimal digits, unsigned. */
        static BigInteger parse(String text, String what) {
            String t = text.strip().replace("_", "");
            try {
                BigInteger v;
                if (t.startsWith("0x") || t.startsWith("0X")) {
                    if (t.length() == 2 || t.charAt(2) == '-' || t.charAt(2) == '+') {
                        throw new NumberFormatException();
                    }
                    v = new BigInteger(t.substring(2), 16);
                } else {
                    if (t.isEmpty() || !Character.isDigit(t.charAt(0))) {
                        throw new NumberFormatException();
                    }
                    v = new BigInteger(t, 10);
                }
                return v;
            } catch (NumberFormatException e) {
                throw new BadInput(what + " '" + text + "' is not a number (hex with 0x, or decimal)");
            }
        }

        static long u64(String text, String what) {
            BigInteger v = parse(text, what);
            if (v.bitLength() > 64) {
                throw new BadInput(what + " " + text + " does not fit in 64 bits");
            }
            return v.longValue();
        }

        static Bound65 u65(String text, String what) {
            BigInteger v = parse(text, what);
            if (v.compareTo(TWO_64) > 0) {
                throw new BadInput(what + " " + text + " is above 2^64 (0x10000000000000000)");
            }
            return Bound65.of(v);
        }

        /** A CSV cell: hex with {@code 0x}, as in the vector files. */
        static long csvU64(String cell, String where, String column) {
            requireHex(cell, where, column);
            return u64(cell, where + column);
        }

        static Bound65 csvU65(String cell, String where, String column) {
            requireHex(cell, where, column);
            return u65(cell, where + column);
        }

        private static void requireHex(String cell, String where, String column) {
            if (!cell.matches("0x[0-9a-fA-F]+")) {
                throw new BadInput(where + column + " '" + cell + "' is not hex (0x...)");
            }
        }
    }
}
