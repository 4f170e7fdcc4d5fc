package org.uforklab.machine.isa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.uforklab.machine.asm.AsmException;
import org.uforklab.machine.asm.OperandContext;

/**
 * One GNU spelling of an encoding: a mnemonic and its operands. A mnemonic may embed the condition field, as in
 * {@code b.{cond}}. Preferred aliases ({@code mov}, {@code cmp}, {@code lsl}...) are syntaxes with a condition
 * that says when the disassembler prints them.
 */
public final class Syntax {

    private final String mnemonic;
    private final Predicate<Instruction> when;
    private final boolean printable;
    private final List<Operand> operands;
    private final Encoding encoding;
    private final Field mnemonicCond;

    Syntax(String mnemonic, Predicate<Instruction> when, boolean printable, List<Operand> operands) {
        this(mnemonic, when, printable, operands, null, null);
    }

    private Syntax(String mnemonic, Predicate<Instruction> when, boolean printable, List<Operand> operands,
                   Encoding encoding, Field mnemonicCond) {
        this.mnemonic = mnemonic.toLowerCase(Locale.ROOT);
        this.when = when;
        this.printable = printable;
        this.operands = List.copyOf(operands);
        this.encoding = encoding;
        this.mnemonicCond = mnemonicCond;
    }

    /** This (unbound) syntax as spelled in an instruction-set state. */
    Syntax inState(IsaState state) {
        List<Operand> mapped = new ArrayList<>();
        for (Operand o : operands) {
            mapped.add(o.inState(state));
        }
        return new Syntax(mnemonic, when, printable, mapped, encoding, mnemonicCond);
    }

    Syntax bind(Encoding e) {
        List<Operand> bound = new ArrayList<>();
        for (Operand o : operands) {
            bound.add(o.bind(e));
        }
        Field cond = mnemonic.endsWith(".{cond}") ? e.field("cond") : null;
        return new Syntax(mnemonic, when, printable, bound, e, cond);
    }

    /** The mnemonic, e.g. {@code scbnds}, or a template such as {@code b.{cond}}. */
    public String mnemonic() {
        return mnemonic;
    }

    /** The mnemonics this syntax answers to (every condition for a {@code b.{cond}} template). */
    public List<String> mnemonics() {
        if (mnemonicCond == null) {
            return List.of(mnemonic);
        }
        String stem = mnemonic.substring(0, mnemonic.length() - "{cond}".length());
        List<String> out = new ArrayList<>();
        for (String c : Conditions.ALL_NAMES) {
            out.add(stem + c);
        }
        return out;
    }

    public Encoding encoding() {
        return encoding;
    }

    public List<Operand> operands() {
        return operands;
    }

    /** True when the disassembler may print this syntax for the instruction. */
    public boolean printsFor(Instruction insn) {
        return printable && (when == null || when.test(insn));
    }

    public boolean isAlias() {
        return when != null || !printable;
    }

    /** Appends the mnemonic and operands. */
    public void print(Instruction insn, long pc, boolean absolute, StringBuilder out) {
        if (mnemonicCond != null) {
            out.append(mnemonic, 0, mnemonic.length() - "{cond}".length()).append(Conditions.name(mnemonicCond.get(insn.word())));
        } else {
            out.append(mnemonic);
        }
        boolean first = true;
        for (Operand o : operands) {
            int before = out.length();
            if (!o.attached()) {
                out.append(first ? " " : ", ");
            }
            int mark = out.length();
            o.print(insn, pc, absolute, out);
            if (out.length() == mark && !o.attached()) {
                out.setLength(before); // an element that prints nothing (a fixed field) takes no separator
            } else if (!o.attached()) {
                first = false;
            } else if (out.length() > before && first) {
                first = false;
            }
        }
    }

    /**
     * Assembles the operand text into a word of this encoding.
     *
     * @param usedMnemonic the mnemonic as written (gives the condition of {@code b.eq})
     */
    public int parse(String usedMnemonic, String operandText, OperandContext ctx) throws AsmException {
        AsmState st = new AsmState(encoding.match());
        if (mnemonicCond != null) {
            String stem = mnemonic.substring(0, mnemonic.length() - "{cond}".length());
            int c = Conditions.parse(usedMnemonic.substring(stem.length()));
            if (c < 0) {
                throw new OperandError("unknown condition '" + usedMnemonic.substring(stem.length()) + "'");
            }
            st.set(mnemonicCond, c, "condition");
        }
        OperandCursor in = new OperandCursor(operandText);
        try {
            boolean first = true;
            for (Operand o : operands) {
                if (!o.attached() && !(o instanceof Operands.Fixed)) {
                    if (!first) {
                        in.expectChar(',');
                    }
                    first = false;
                }
                o.parse(in, st, ctx);
            }
            if (!in.atEnd()) {
                throw in.expected(first ? "no operands" : "the end of the operands");
            }
        } catch (ParseFailure e) {
            throw e;
        } catch (AsmException e) {
            // where the user should look: what the error names, else the value just read, else the cursor
            int at = e.operandOffset() >= 0 ? e.operandOffset()
                : in.lastTokenStart() >= 0 ? in.lastTokenStart() : in.position();
            throw new ParseFailure(e.getMessage(), in.position(), at);
        }
        return st.word();
    }

    /** A syntax that did not match, with how far into the operands it got (to report the most relevant error). */
    static final class ParseFailure extends AsmException {
        private static final long serialVersionUID = 1L;
        /** How far the syntax read, to rank the attempts. */
        final int position;

        /** An attempt that failed without a place in the operands (a reserved encoding, a bad condition). */
        ParseFailure(String message, int position) {
            this(message, position, -1);
        }

        /**
         * @param position how far the syntax read
         * @param at       index in the operand text the error is about ({@link #operandOffset()})
         */
        ParseFailure(String message, int position, int at) {
            super(message, at);
            this.position = position;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // one per failed syntax attempt; only the message matters
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(mnemonic);
        for (Operand o : operands) {
            sb.append(' ').append(o);
        }
        return sb.toString();
    }
}
