package org.uforklab.machine.isa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.uforklab.machine.asm.AsmException;
import org.uforklab.machine.asm.InstructionAssembler;
import org.uforklab.machine.asm.OperandContext;
import org.uforklab.machine.asm.RelocationType;

/**
 * Encodes one instruction from GNU syntax using the same syntaxes the disassembler prints. Every syntax that
 * answers to the mnemonic is tried; when none fits, the error of the one that read furthest is reported, so it
 * says what was expected where ({@code expected a capability register (c0-c30, csp) but found 'x3'}).
 */
public final class Encoder implements InstructionAssembler {

    private final EncodingTable table;
    private final IsaState state;

    /** An encoder for a table that reads the spelling of an instruction-set state. */
    public Encoder(EncodingTable table, IsaState state) {
        this.table = table;
        this.state = state;
    }

    /** An encoder for a table in C64 spelling. */
    public Encoder(EncodingTable table) {
        this(table, IsaState.C64);
    }

    /** An encoder for the standard table in C64 spelling. */
    public Encoder() {
        this(EncodingTable.standard());
    }

    /**
     * An encoder for the standard table in A64 spelling ({@code ldr x0, [x1, #8]}, {@code ret} = {@code ret x30}),
     * the way GNU as for plain AArch64 reads base A64 code.
     */
    public static Encoder a64() {
        return new Encoder(EncodingTable.standard(), IsaState.A64);
    }

    /** The instruction-set state whose spelling this encoder reads. */
    public IsaState state() {
        return state;
    }

    @Override
    public int encode(String mnemonic, String operands, OperandContext ctx) throws AsmException {
        String m = mnemonic.trim().toLowerCase(Locale.ROOT);
        List<Syntax> candidates = table.syntaxes(m, state);
        if (candidates.isEmpty()) {
            throw new AsmException("unknown instruction '" + mnemonic.trim() + "'");
        }
        List<Syntax.ParseFailure> failures = new ArrayList<>();
        for (Syntax s : candidates) {
            Recording rec = new Recording(ctx);
            int word;
            try {
                word = s.parse(m, operands, rec);
            } catch (Syntax.ParseFailure f) {
                failures.add(f);
                continue;
            }
            Encoding got = table.encodingOf(word);
            if (!got.isSupported() || got.undefinedReason(word) != null) {
                failures.add(new Syntax.ParseFailure(
                    "operands give a reserved encoding of " + s.encoding().name(), Integer.MAX_VALUE - 1));
                continue;
            }
            rec.replay();
            return word;
        }
        throw new AsmException(m + ": " + explain(failures), where(failures));
    }

    /**
     * The error of the syntaxes that read furthest; when several stopped at the same place expecting different
     * things, one message lists them all ({@code expected a 64-bit register (x0-x30, xzr) or an immediate}).
     */
    static String explain(List<Syntax.ParseFailure> failures) {
        int far = -1;
        for (Syntax.ParseFailure f : failures) {
            far = Math.max(far, f.position);
        }
        List<String> expected = new ArrayList<>();
        List<String> others = new ArrayList<>();
        String found = null;
        for (Syntax.ParseFailure f : failures) {
            if (f.position != far) {
                continue;
            }
            String msg = f.getMessage();
            java.util.regex.Matcher mt = java.util.regex.Pattern.compile("expected (.*) but found (.*)").matcher(msg);
            if (mt.matches() && (found == null || found.equals(mt.group(2)))) {
                found = mt.group(2);
                if (!expected.contains(mt.group(1))) {
                    expected.add(mt.group(1));
                }
            } else if (!others.contains(msg)) {
                others.add(msg);
            }
        }
        if (found != null) {
            others.add(0, "expected " + String.join(" or ", expected) + " but found " + found);
        }
        return String.join("; ", others);
    }

    /** The operand index of the error {@link #explain} reports first (-1 if it has none). */
    static int where(List<Syntax.ParseFailure> failures) {
        int far = -1;
        for (Syntax.ParseFailure f : failures) {
            far = Math.max(far, f.position);
        }
        for (Syntax.ParseFailure f : failures) {
            if (f.position == far && f.operandOffset() >= 0) {
                return f.operandOffset();
            }
        }
        return -1;
    }

    /** Assembles one line such as {@code "ldr c0, [c1, #16]"} at address 0 (targets written as {@code .+n}). */
    public int assemble(String line) throws AsmException {
        return assemble(line, 0);
    }

    /** Assembles one line at address {@code pc}, resolving PC-relative targets at once. */
    public int assemble(String line, long pc) throws AsmException {
        String t = line.trim();
        int sp = 0;
        while (sp < t.length() && !Character.isWhitespace(t.charAt(sp))) {
            sp++;
        }
        StandaloneContext ctx = new StandaloneContext(pc);
        int word = encode(t.substring(0, sp), t.substring(sp), ctx);
        return ctx.resolve(word);
    }

    @Override
    public String toString() {
        return "Encoder[" + state + ", " + table.encodings().size() + " encodings]";
    }

    /** Holds back the fixups of a syntax attempt until it succeeds. */
    private static final class Recording implements OperandContext {
        private final OperandContext target;
        private final List<Object[]> fixups = new ArrayList<>();

        Recording(OperandContext target) {
            this.target = target;
        }

        @Override
        public long constant(String expression) throws AsmException {
            return target.constant(expression);
        }

        @Override
        public void fixup(String expression, RelocationType type) {
            fixups.add(new Object[] {expression, type});
        }

        @Override
        public long offset() {
            return target.offset();
        }

        void replay() throws AsmException {
            for (Object[] f : fixups) {
                target.fixup((String) f[0], (RelocationType) f[1]);
            }
        }
    }
}
