package org.uforklab.machine.isa;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;
import org.uforklab.machine.asm.AsmException;
import org.uforklab.machine.asm.OperandContext;
import org.uforklab.machine.asm.RelocationType;

/**
 * Factories for the syntax elements encodings are written with. Each element prints and parses itself, so
 * every spelling the disassembler produces is one the assembler reads.
 */
public final class Operands {
    private Operands() {
    }

    // ---------------------------------------------------------------------------------------------- registers

    /** A register of a fixed kind; several field names write the same register into each field. */
    public static Operand reg(RegisterKind kind, String... fields) {
        return new Reg(kind, null, -1, 0, fields, null);
    }

    public static Operand x(String... fields) {
        return reg(RegisterKind.X, fields);
    }

    public static Operand xsp(String... fields) {
        return reg(RegisterKind.XSP, fields);
    }

    public static Operand w(String... fields) {
        return reg(RegisterKind.W, fields);
    }

    public static Operand wsp(String... fields) {
        return reg(RegisterKind.WSP, fields);
    }

    public static Operand c(String... fields) {
        return reg(RegisterKind.C, fields);
    }

    public static Operand csp(String... fields) {
        return reg(RegisterKind.CSP, fields);
    }

    /**
     * A general-purpose register that is x or w depending on one bit of the word (e.g. {@code sf} at bit 31):
     * x when the bit equals {@code xWhen}. Parsing it sets the bit if no earlier operand has.
     */
    public static Operand rz(int sizeBit, int xWhen, String... fields) {
        return new Reg(RegisterKind.X, RegisterKind.W, sizeBit, xWhen, fields, null);
    }

    /** Like {@link #rz} but register 31 is sp / wsp. */
    public static Operand rsp(int sizeBit, int xWhen, String... fields) {
        return new Reg(RegisterKind.XSP, RegisterKind.WSP, sizeBit, xWhen, fields, null);
    }

    /** x or w by {@code sf} (bit 31), 31 = zero register. */
    public static Operand r(String... fields) {
        return rz(31, 1, fields);
    }

    /** x or w by {@code sf} (bit 31), 31 = stack pointer. */
    public static Operand rs(String... fields) {
        return rsp(31, 1, fields);
    }

    /**
     * The base register of a base A64 load or store: {@code Cn|CSP} in C64 state, {@code Xn|SP} in A64 state
     * (same encoding; the state decides whether the address comes from a capability or from DDC).
     */
    public static Operand base(String field) {
        return byState(csp(field), xsp(field));
    }

    /** An element spelled {@code c64} in C64 state and {@code a64} in A64 state. */
    public static Operand byState(Operand c64, Operand a64) {
        return new ByState(c64, a64);
    }

    /** A register operand that may be omitted, standing for {@code dflt} (e.g. {@code ret} = {@code ret x30}). */
    public static Operand optReg(RegisterKind kind, String field, int dflt) {
        return new Reg(kind, null, -1, 0, new String[] {field}, dflt);
    }

    // --------------------------------------------------------------------------------------------- immediates

    /** An unsigned immediate {@code #n}, the concatenation of the fields (most significant first). */
    public static Imm uimm(String... fields) {
        return new Imm(fields, false, 0, 0, false, true, null);
    }

    /** A signed immediate {@code #n}. */
    public static Imm simm(String... fields) {
        return new Imm(fields, true, 0, 0, false, true, null);
    }

    // ------------------------------------------------------------------------------------------------ others

    /** A PC-relative target: {@code .+0x10} (or an absolute address), fixed up through the relocation. */
    public static Operand label(RelocationType type, int shift, String... fields) {
        return new Label(type, shift, fields);
    }

    /** A condition code operand; {@code inverted} prints the inverse (for {@code cset}, {@code cinc}...). */
    public static Operand cond(String field, boolean inverted) {
        return new Cond(field, inverted);
    }

    public static Operand cond(String field) {
        return cond(field, false);
    }

    /** Literal text, e.g. {@code "["}, {@code "]!"}, {@code "c29"}. Attached: no comma is put before it. */
    public static Operand lit(String text) {
        return new Lit(text, true);
    }

    /** A literal operand that takes a comma before it like any operand (e.g. {@code c29} of {@code brs}). */
    public static Operand litOperand(String text) {
        return new Lit(text, false);
    }

    /** Elements printed back to back, e.g. a bracketed address; as a whole it is one operand. */
    public static Operand seq(Operand... parts) {
        return new Seq(parts, false);
    }

    /**
     * Optional elements: printed when {@code when} holds; parsed when the text at the cursor starts with the
     * first element, which must be a literal (usually {@code ","}).
     */
    public static Operand opt(Predicate<Instruction> when, Operand... parts) {
        return new Opt(when, parts);
    }

    /** A field this syntax fixes without printing it (aliases: {@code cmp} is {@code subs} with Rd = 31). */
    public static Operand fixed(String field, int value) {
        return new Fixed(field, value);
    }

    /** Optional {@code , <text>} that is present exactly when the 1-bit field is 1 (e.g. {@code , lsl #12}). */
    public static Operand flag(String field, String text) {
        return new Flag(field, text);
    }

    /** The optional shift of a shifted-register operand: {@code , lsl #n} (also lsr, asr, and ror if allowed). */
    public static Operand shift(String shiftField, String amountField, boolean rorAllowed) {
        return new Shift(shiftField, amountField, rorAllowed);
    }

    /**
     * An extended register ({@code w2, uxtw #2} or {@code x3, lsl #1}): the register is x when the option's two
     * low bits are 11 (or always w when {@code sfBit} is 0 in a 32-bit operation).
     *
     * @param lslAlias when it holds, GNU prints {@code lsl} for uxtw/uxtx (and omits {@code lsl #0})
     * @param maxAmount largest shift amount
     */
    public static Operand extendedReg(String regField, String optionField, String amountField, int sfBit,
                                      Predicate<Integer> lslAlias, int maxAmount) {
        return new ExtendedReg(regField, optionField, amountField, sfBit, lslAlias, maxAmount);
    }

    /**
     * A register offset in an address, {@code xM{, lsl #s}} or {@code wM, uxtw|sxtw {#s}} / {@code xM, sxtx {#s}}:
     * the S field says whether the access-size shift {@code scale} (a function of the word) applies.
     */
    public static Operand regOffset(String regField, String optionField, String sField, IntUnaryOperator scale) {
        return new RegOffset(regField, optionField, sField, scale);
    }

    /** A logical (bitmask) immediate in N:immr:imms; the operation size is 64 when the bit {@code sfBit} is 1. */
    public static Operand bitmask(int sfBit) {
        return new Bitmask(sfBit);
    }

    // ======================================================================================== implementations

    static Field[] resolve(Encoding e, String[] names) {
        Field[] out = new Field[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = e.field(names[i]);
        }
        return out;
    }

    /** Concatenated value of fields (most significant first). */
    static long concat(Field[] fs, int word) {
        long v = 0;
        for (Field f : fs) {
            v = (v << f.width()) | f.get(word);
        }
        return v;
    }

    static int totalWidth(Field[] fs) {
        int w = 0;
        for (Field f : fs) {
            w += f.width();
        }
        return w;
    }

    static void store(Field[] fs, long value, AsmState st, String what) throws AsmException {
        long v = value;
        for (int i = fs.length - 1; i >= 0; i--) {
            Field f = fs[i];
            st.set(f, v & f.mask(), what);
            v >>>= f.width();
        }
    }

    /** True when the word at the cursor is a register name (so it is not an immediate or a label). */
    static boolean atRegister(OperandCursor in) {
        String w = in.peekWord();
        for (RegisterKind k : RegisterKind.values()) {
            if (k.parse(w) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Fails unless the cursor is at something that can start an immediate. */
    static void expectImmediate(OperandCursor in, String what) throws AsmException {
        char c = in.peek();
        if (c == 0 || c == ',' || c == ']' || c == '[' || atRegister(in)) {
            throw in.expected(what);
        }
    }

    static String hex(long v) {
        return v < 0 ? "-0x" + Long.toHexString(-v) : "0x" + Long.toHexString(v);
    }

    /**
     * An element whose spelling depends on the instruction-set state. {@link Encoding} replaces it by the
     * element of each state before binding, so a bound syntax never holds one.
     */
    static final class ByState implements Operand {
        final Operand c64;
        final Operand a64;

        ByState(Operand c64, Operand a64) {
            this.c64 = c64;
            this.a64 = a64;
        }

        @Override
        public Operand inState(IsaState state) {
            return (state == IsaState.A64 ? a64 : c64).inState(state);
        }

        private static IllegalStateException unresolved() {
            return new IllegalStateException("a state-dependent operand must be resolved with inState before use");
        }

        @Override
        public Operand bind(Encoding e) {
            throw unresolved();
        }

        @Override
        public void print(Instruction insn, long pc, boolean absolute, StringBuilder out) {
            throw unresolved();
        }

        @Override
        public void parse(OperandCursor in, AsmState st, OperandContext ctx) {
            throw unresolved();
        }

        @Override
        public String toString() {
            return "C64:" + c64 + "|A64:" + a64;
        }
    }

    /** A register operand. */
    static final class Reg implements Operand {
        final RegisterKind kind64;
        final RegisterKind kind32;
        final int sizeBit;
        final int xWhen;
        final String[] names;
        final Field[] fields;
        final Integer dflt;

        Reg(RegisterKind k64, RegisterKind k32, int sizeBit, int xWhen, String[] names, Integer dflt) {
            this(k64, k32, sizeBit, xWhen, names, null, dflt);
        }

        private Reg(RegisterKind k64, RegisterKind k32, int sizeBit, int xWhen, String[] names, Field[] fields, Integer dflt) {
            this.kind64 = k64;
            this.kind32 = k32;
            this.sizeBit = sizeBit;
            this.xWhen = xWhen;
            this.names = names;
            this.fields = fields;
            this.dflt = dflt;
        }

        @Override
        public Operand bind(Encoding e) {
            return new Reg(kind64, kind32, sizeBit, xWhen, names, resolve(e, names), dflt);
        }

        RegisterKind kindFor(int word) {
            if (kind32 == null) {
                return kind64;
            }
            return ((word >>> sizeBit) & 1) == xWhen ? kind64 : kind32;
        }

        @Override
        public void print(Instruction insn, long pc, boolean absolute, StringBuilder out) {
            int r = fields[0].get(insn.word());
            if (dflt != null) {
                // an optional register is the only operand and brings its own separator
                if (r != dflt) {
                    out.append(' ').append(kindFor(insn.word()).name(r));
                }
                return;
            }
            out.append(kindFor(insn.word()).name(r));
        }

        @Override
        public boolean attached() {
            return dflt != null;
        }

        @Override
        public void parse(OperandCursor in, AsmState st, OperandContext ctx) throws AsmException {
            if (dflt != null && in.atEnd()) {
                for (Field f : fields) {
                    st.set(f, dflt, "register");
                }
                return;
            }
            String tok = in.peekWord();
            RegisterKind kind;
            int r;
            if (kind32 == null) {
                kind = kind64;
                r = kind.parse(tok);
            } else if (st.isBitSet(sizeBit)) {
                kind = ((st.word() >>> sizeBit) & 1) == xWhen ? kind64 : kind32;
                r = kind.parse(tok);
            } else {
                r = kind64.parse(tok);
                kind = kind64;
                if (r < 0) {
                    r = kind32.parse(tok);
                    kind = kind32;
                }
                if (r < 0) {
                    throw in.expected("a general-purpose register (" + kind64.description().replaceAll(".*\\((.*)\\)", "$1")
                        + ", " + kind32.description().replaceAll(".*\\((.*)\\)", "$1") + ")");
                }
                st.setBit(sizeBit, kind == kind64 ? xWhen : 1 - xWhen, "register size");
            }
            if (r < 0) {
                throw in.expected(kind.description());
            }
            in.skipWord();
            for (Field f : fields) {
                st.set(f, r, "register");
            }
        }

        @Override
        public String toString() {
            return (kind32 == null ? kind64.name() : kind64 + "/" + kind32) + "(" + String.join("=", names) + ")";
        }
    }

    /** An immediate {@code #n}. */
    public static final class Imm implements Operand {
        final String[] names;
        final Field[] fields;
        final boolean signed;
        final int shift;
        final int add;
        final boolean hex;
        final boolean hash;
        final RelocationType lo12;

        Imm(String[] names, boolean signed, int shift, int add, boolean hex, boolean hash, RelocationType lo12) {
            this(names, null, signed, shift, add, hex, hash, lo12);
        }

        private Imm(String[] names, Field[] fields, boolean signed, int shift, int add, boolean hex, boolean hash,
                    RelocationType lo12) {
            this.names = names;
            this.fields = fields;
            this.signed = signed;
            this.shift = shift;
            this.add = add;
            this.hex = hex;
            this.hash = hash;
            this.lo12 = lo12;
        }

        /** The value is the field times {@code 2^shift} (scaled offsets). */
        public Imm scaled(int log2) {
            return new Imm(names, fields, signed, log2, add, hex, hash, lo12);
        }

        /** The value is the field plus {@code n} (e.g. widths encoded minus one). */
        public Imm plus(int n) {
            return new Imm(names, fields, signed, shift, n, hex, hash, lo12);
        }

        /** Printed in hex. */
        public Imm hex() {
            return new Imm(names, fields, signed, shift, add, true, hash, lo12);
        }

        /** Accepts {@code #:lo12:sym}, fixed up with this relocation. */
        public Imm lo12(RelocationType type) {
            return new Imm(names, fields, signed, shift, add, hex, hash, type);
        }

        @Override
        public Operand bind(Encoding e) {
            return new Imm(names, resolve(e, names), signed, shift, add, hex, hash, lo12);
        }

        long value(int word) {
            long raw = concat(fields, word);
            int width = totalWidth(fields);
            if (signed && width < 64 && ((raw >>> (width - 1)) & 1) != 0) {
                raw -= 1L << width;
            }
            return (raw << shift) + add;
        }

        @Override
        public void print(Instruction insn, long pc, boolean absolute, StringBuilder out) {
            long v = value(insn.word());
            if (hash) {
                out.append('#');
            }
            out.append(hex ? Operands.hex(v) : Long.toString(v));
        }

        @Override
        public void parse(OperandCursor in, AsmState st, OperandContext ctx) throws AsmException {
            in.tryChar('#');
            if (lo12 != null && in.lookingAt(":lo12:", true)) {
                ctx.fixup(in.expression(), lo12);
                return;
            }
            expectImmediate(in, "an immediate");
            long v = ctx.constant(in.expression());
            setValue(v, st);
        }

        void setValue(long v, AsmState st) throws AsmException {
            long raw = v - add;
            if (shift > 0 && (raw & ((1L << shift) - 1)) != 0) {
                throw new OperandError("immediate " + v + " is not a multiple of " + (1L << shift));
            }
            raw >>= shift;
            int width = totalWidth(fields);
            long min = signed ? -(1L << (width - 1)) : 0;
            long max = signed ? (1L << (width - 1)) - 1 : (1L << width) - 1;
            if (raw < min || raw > max) {
                throw new OperandError("immediate " + v + " is out of range (" + ((min << shift) + add) + " to "
                    + ((max << shift) + add) + (shift > 0 ? ", multiple of " + (1L << shift) : "") + ")");
            }
            store(fields, raw & ((1L << width) - 1), st, "immediate");
        }

        @Override
        public String toString() {
            return "#" + String.join(":", names);
        }
    }

    /** A PC-relative label. */
    static final class Label implements Operand {
        final RelocationType type;
        final int shift;
        final String[] names;
        final Field[] fields;

        Label(RelocationType type, int shift, String[] names) {
            this(type, shift, names, null);
        }

        private Label(RelocationType type, int shift, String[] names, Field[] fields) {
            this.type = type;
            this.shift = shift;
            this.names = names;
            this.fields = fields;
        }

        @Override
        public Operand bind(Encoding e) {
            return new Label(type, shift, names, resolve(e, names));
        }

        boolean page() {
            return type == RelocationType.ADRP_HI21 || type == RelocationType.ADRP_HI20_C64;
        }

        @Override
        public void print(Instruction insn, long pc, boolean absolute, StringBuilder out) {
            long raw = concat(fields, insn.word());
            int width = totalWidth(fields);
            if (((raw >>> (width - 1)) & 1) != 0) {
                raw -= 1L << width;
            }
            long off = raw << shift;
            if (absolute) {
                long base = page() ? (pc & ~0xfffL) : pc;
                out.append("0x").append(Long.toHexString(base + off));
            } else if (off == 0) {
                out.append('.');
            } else {
                out.append(off < 0 ? ".-0x" : ".+0x").append(Long.toHexString(Math.abs(off)));
            }
        }

        @Override
        public void parse(OperandCursor in, AsmState st, OperandContext ctx) throws AsmException {
            if (in.peek() == '#') {
                throw in.expected("a label or address");
            }
            expectImmediate(in, "a label or address");
            ctx.fixup(in.expression(), type);
        }

        @Override
        public String toString() {
            return "label(" + String.join(":", names) + ")";
        }
    }

    /** A condition code. */
    static final class Cond implements Operand {
        final String name;
        final Field field;
        final boolean inverted;

        Cond(String name, boolean inverted) {
            this(name, null, inverted);
        }

        private Cond(String name, Field field, boolean inverted) {
            this.name = name;
            this.field = field;
            this.inverted = inverted;
        }

        @Override
        public Operand bind(Encoding e) {
            return new Cond(name, e.field(name), inverted);
        }

        @Override
        public void print(Instruction insn, long pc, boolean absolute, StringBuilder out) {
            int c = field.get(insn.word());
            out.append(Conditions.name(inverted ? c ^ 1 : c));
        }

        @Override
        public void parse(OperandCursor in, AsmState st, OperandContext ctx) throws AsmException {
            int c = Conditions.parse(in.peekWord());
            if (c < 0 || (inverted && c >= 14)) {
                throw in.expected(inverted ? "a condition other than al and nv" : "a condition (eq, ne, hs, lo, mi, pl, vs, vc, hi, ls, ge, lt, gt, le, al, nv)");
            }
            in.skipWord();
            st.set(field, inverted ? c ^ 1 : c, "condition");
        }

        @Override
        public String toString() {
            return "cond(" + name + ")";
        }
    }

    /** Literal text. */
    static final class Lit implements Operand {
        final String text;
        final boolean attached;

        Lit(String text, boolean attached) {
            this.text = text;
            this.attached = attached;
        }

        @Override
        public Operand bind(Encoding e) {
            return this;
        }

        @Override
        public boolean attached() {
            return attached;
        }

        @Override
        public void print(Instruction insn, long pc, boolean absolute, StringBuilder out) {
            out.append(text);
        }

        @Override
        public void parse(OperandCursor in, AsmState st, OperandContext ctx) throws AsmException {
            in.expect(text);
        }

        @Override
        public String toString() {
            return "'" + text + "'";
        }
    }

    /** Elements back to back. */
    static final class Seq implements Operand {
        final Operand[] parts;
        final boolean attached;

        Seq(Operand[] parts, boolean attached) {
            this.parts = parts;
            this.attached = attached;
        }

        @Override
        public Operand bind(Encoding e) {
            Operand[] b = new Operand[parts.length];
            for (int i = 0; i < parts.length; i++) {
                b[i] = parts[i].bind(e);
            }
            return new Seq(b, attached);
        }

        @Override
        public Operand inState(IsaState state) {
            Operand[] m = new Operand[parts.length];
            for (int i = 0; i < parts.length; i++) {
                m[i] = parts[i].inState(state);
            }
            return new Seq(m, attached);
        }

        @Override
        public boolean attached() {
            return attached;
        }

        @Override
        public void print(Instruction insn, long pc, boolean absolute, StringBuilder out) {
            for (Operand p : parts) {
                p.print(insn, pc, absolute, out);
            }
        }

        @Override
        public void parse(OperandCursor in, AsmState st, OperandContext ctx) throws AsmException {
            for (Operand p : parts) {
                p.parse(in, st, ctx);
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (Operand p : parts) {
                sb.append(p);
            }
            return sb.toString();
        }
    }

    /** Optional elements. */
    static final class Opt implements Operand {
        final Predicate<Instruction> when;
        final Operand[] parts;

        Opt(Predicate<Instruction> when, Operand[] parts) {
            if (parts.length == 0 || !(parts[0] instanceof Lit)) {
                throw new IllegalArgumentException("an optional group starts with a literal");
            }
            this.when = when;
            this.parts = parts;
        }

        @Override
        public Operand bind(Encoding e) {
            Operand[] b = new Operand[parts.length];
            for (int i = 0; i < parts.length; i++) {
                b[i] = parts[i].bind(e);
            }
            return new Opt(when, b);
        }

        @Override
        public Operand inState(IsaState state) {
            Operand[] m = new Operand[parts.length];
            for (int i = 0; i < parts.length; i++) {
                m[i] = parts[i].inState(state);
            }
            return new Opt(when, m);
        }

        @Override
        public boolean attached() {
            return true;
        }

        @Override
        public void print(Instruction insn, long pc, boolean absolute, StringBuilder out) {
            if (when.test(insn)) {
                for (Operand p : parts) {
                    p.print(insn, pc, absolute, out);
                }
            }
        }

        @Override
        public void parse(OperandCursor in, AsmState st, OperandContext ctx) throws AsmException {
            if (!in.lookingAt(((Lit) parts[0]).text, false)) {
                return;
            }
            for (Operand p : parts) {
                p.parse(in, st, ctx);
            }
        }

        @Override
        public String toString() {
            return "{" + Arrays.toString(parts) + "}";
        }
    }

    /** A field the syntax fixes. */
    static final class Fixed implements Operand {
        final String name;
        final Field field;
        final int value;

        Fixed(String name, int value) {
            this(name, null, value);
        }

        private Fixed(String name, Field field, int value) {
            this.name = name;
            this.field = field;
            this.value = value;
        }

        @Override
        public Operand bind(Encoding e) {
            return new Fixed(name, e.field(name), value);
        }

        @Override
        public boolean attached() {
            return true;
        }

        @Override
        public void print(Instruction insn, long pc, boolean absolute, StringBuilder out) {
        }

        @Override
        public void parse(OperandCursor in, AsmState st, OperandContext ctx) throws AsmException {
            st.set(field, value, name);
        }

        @Override
        public String toString() {
            return name + "=" + value;
        }
    }

    /** An optional suffix present iff a 1-bit field is set. */
    static final class Flag implements Operand {
        final String name;
        final Field field;
        final String text;

        Flag(String name, String text) {
            this(name, null, text);
        }

        private Flag(String name, Field field, String text) {
            this.name = name;
            this.field = field;
            this.text = text;
        }

        @Override
        public Operand bind(Encoding e) {
            return new Flag(name, e.field(name), text);
        }

        @Override
        public boolean attached() {
            return true;
        }

        @Override
        public void print(Instruction insn, long pc, boolean absolute, StringBuilder out) {
            if (field.get(insn.word()) == 1) {
                out.append(", ").append(text);
            }
        }

        @Override
        public void parse(OperandCursor in, AsmState st, OperandContext ctx) throws AsmException {
            int save = in.position();
            if (in.tryChar(',')) {
                String word = text.split("\\s+")[0];
                if (in.peekWord().equals(word)) {
                    in.expect(text);
                    st.set(field, 1, name);
                    return;
                }
                in.reset(save);
            }
            st.set(field, 0, name);
        }

        @Override
        public String toString() {
            return "{, " + text + "}";
        }
    }

    static final String[] SHIFT_NAMES = {"lsl", "lsr", "asr", "ror"};

    /** Optional shift of a shifted-register operand. */
    static final class Shift implements Operand {
        final String shiftName;
        final String amountName;
        final Field shiftField;
        final Field amountField;
        final boolean rorAllowed;

        Shift(String shiftName, String amountName, boolean rorAllowed) {
            this(shiftName, amountName, null, null, rorAllowed);
        }

        private Shift(String shiftName, String amountName, Field s, Field a, boolean rorAllowed) {
            this.shiftName = shiftName;
            this.amountName = amountName;
            this.shiftField = s;
            this.amountField = a;
            this.rorAllowed = rorAllowed;
        }

        @Override
        public Operand bind(Encoding e) {
            return new Shift(shiftName, amountName, e.field(shiftName), e.field(amountName), rorAllowed);
        }

        @Override
        public boolean attached() {
            return true;
        }

        @Override
        public void print(Instruction insn, long pc, boolean absolute, StringBuilder out) {
            int s = shiftField.get(insn.word());
            int a = amountField.get(insn.word());
            if (s == 0 && a == 0) {
                return;
            }
            out.append(", ").append(SHIFT_NAMES[s]).append(" #").append(a);
        }

        @Override
        public void parse(OperandCursor in, AsmState st, OperandContext ctx) throws AsmException {
            int save = in.position();
            if (!in.tryChar(',')) {
                st.set(shiftField, 0, "shift");
                st.set(amountField, 0, "shift amount");
                return;
            }
            String w = in.peekWord();
            int s = Arrays.asList(SHIFT_NAMES).indexOf(w);
            if (s < 0 || (s == 3 && !rorAllowed)) {
                in.reset(save);
                in.tryChar(',');
                throw in.expected(rorAllowed ? "a shift (lsl, lsr, asr, ror)" : "a shift (lsl, lsr, asr)");
            }
            in.skipWord();
            in.tryChar('#');
            long a = ctx.constant(in.expression());
            if (a < 0 || a > amountField.mask()) {
                throw new OperandError("shift amount " + a + " is out of range (0 to " + amountField.mask() + ")");
            }
            st.set(shiftField, s, "shift");
            st.set(amountField, a, "shift amount");
        }

        @Override
        public String toString() {
            return "{, shift #n}";
        }
    }

    static final String[] EXTEND_NAMES = {"uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx"};

    /** Extended register for add/sub (extended register). */
    static final class ExtendedReg implements Operand {
        final String regName;
        final String optionName;
        final String amountName;
        final Field reg;
        final Field option;
        final Field amount;
        final int sfBit;
        final Predicate<Integer> lslAlias;
        final int maxAmount;

        ExtendedReg(String regName, String optionName, String amountName, int sfBit, Predicate<Integer> lslAlias, int maxAmount) {
            this(regName, optionName, amountName, null, null, null, sfBit, lslAlias, maxAmount);
        }

        private ExtendedReg(String regName, String optionName, String amountName, Field reg, Field option, Field amount,
                            int sfBit, Predicate<Integer> lslAlias, int maxAmount) {
            this.regName = regName;
            this.optionName = optionName;
            this.amountName = amountName;
            this.reg = reg;
            this.option = option;
            this.amount = amount;
            this.sfBit = sfBit;
            this.lslAlias = lslAlias;
            this.maxAmount = maxAmount;
        }

        @Override
        public Operand bind(Encoding e) {
            return new ExtendedReg(regName, optionName, amountName, e.field(regName), e.field(optionName),
                e.field(amountName), sfBit, lslAlias, maxAmount);
        }

        private boolean is64(int word) {
            return sfBit < 0 || ((word >>> sfBit) & 1) == 1;
        }

        /** The option that GNU spells {@code lsl} in this operation size. */
        private int lslOption(int word) {
            return is64(word) ? 3 : 2;
        }

        @Override
        public void print(Instruction insn, long pc, boolean absolute, StringBuilder out) {
            int w = insn.word();
            int opt = option.get(w);
            int amt = amount.get(w);
            boolean xreg = is64(w) && (opt & 3) == 3;
            out.append((xreg ? RegisterKind.X : RegisterKind.W).name(reg.get(w)));
            if (lslAlias.test(w) && opt == lslOption(w)) {
                if (amt != 0) {
                    out.append(", lsl #").append(amt);
                }
                return;
            }
            out.append(", ").append(EXTEND_NAMES[opt]);
            if (amt != 0) {
                out.append(" #").append(amt);
            }
        }

        @Override
        public void parse(OperandCursor in, AsmState st, OperandContext ctx) throws AsmException {
            int w0 = st.word();
            boolean op64 = is64(w0);
            String tok = in.peekWord();
            int r = RegisterKind.X.parse(tok);
            boolean xreg = r >= 0;
            if (!xreg) {
                r = RegisterKind.W.parse(tok);
            }
            if (r < 0 || (xreg && !op64)) {
                throw in.expected(op64 ? "a register (x0-x30, xzr, w0-w30, wzr)" : RegisterKind.W.description());
            }
            in.skipWord();
            st.set(reg, r, "register");
            int opt;
            long amt = 0;
            int save = in.position();
            if (in.tryChar(',')) {
                String e = in.peekWord();
                int idx = Arrays.asList(EXTEND_NAMES).indexOf(e);
                if (e.equals("lsl") && lslAlias.test(st.word())) {
                    idx = lslOption(st.word());
                } else if (idx < 0) {
                    in.reset(save);
                    in.tryChar(',');
                    throw in.expected("an extend (uxtb, uxth, uxtw, uxtx, sxtb, sxth, sxtw, sxtx" + (lslAlias.test(st.word()) ? ", lsl)" : ")"));
                }
                in.skipWord();
                opt = idx;
                if (!in.atEnd() && in.peek() != ',' && in.peek() != ']') {
                    in.tryChar('#');
                    amt = ctx.constant(in.expression());
                } else if (e.equals("lsl")) {
                    throw in.expected("a shift amount");
                }
            } else {
                opt = xreg ? 3 : (op64 ? -1 : 2);
                if (opt < 0) {
                    throw in.expected("an extend for a w register (uxtw, sxtw, ...)");
                }
                if (!xreg && op64) {
                    throw in.expected("an extend");
                }
            }
            if (op64 && xreg != ((opt & 3) == 3)) {
                throw new OperandError(xreg ? "extend " + EXTEND_NAMES[opt] + " needs a w register"
                    : "extend " + EXTEND_NAMES[opt] + " needs an x register");
            }
            if (amt < 0 || amt > maxAmount) {
                throw new OperandError("extend amount " + amt + " is out of range (0 to " + maxAmount + ")");
            }
            st.set(option, opt, "extend");
            st.set(amount, amt, "extend amount");
        }

        @Override
        public String toString() {
            return regName + "{, extend #n}";
        }
    }

    /** Register offset of an address. */
    static final class RegOffset implements Operand {
        final String regName;
        final String optionName;
        final String sName;
        final Field reg;
        final Field option;
        final Field s;
        final IntUnaryOperator scale;

        RegOffset(String regName, String optionName, String sName, IntUnaryOperator scale) {
            this(regName, optionName, sName, null, null, null, scale);
        }

        private RegOffset(String regName, String optionName, String sName, Field reg, Field option, Field s, IntUnaryOperator scale) {
            this.regName = regName;
            this.optionName = optionName;
            this.sName = sName;
            this.reg = reg;
            this.option = option;
            this.s = s;
            this.scale = scale;
        }

        @Override
        public Operand bind(Encoding e) {
            return new RegOffset(regName, optionName, sName, e.field(regName), e.field(optionName), e.field(sName), scale);
        }

        @Override
        public void print(Instruction insn, long pc, boolean absolute, StringBuilder out) {
            int w = insn.word();
            int opt = option.get(w);
            boolean sBit = s.get(w) == 1;
            int amt = scale.applyAsInt(w);
            boolean xreg = (opt & 1) == 1;
            out.append((xreg ? RegisterKind.X : RegisterKind.W).name(reg.get(w)));
            if (opt == 3) {
                if (sBit) {
                    out.append(", lsl #").append(amt);
                }
                return;
            }
            out.append(", ").append(EXTEND_NAMES[opt]);
            if (sBit) {
                out.append(" #").append(amt);
            }
        }

        @Override
        public void parse(OperandCursor in, AsmState st, OperandContext ctx) throws AsmException {
            String tok = in.peekWord();
            int r = RegisterKind.X.parse(tok);
            boolean xreg = r >= 0;
            if (!xreg) {
                r = RegisterKind.W.parse(tok);
            }
            if (r < 0) {
                throw in.expected("an offset register (x0-x30, xzr, w0-w30, wzr)");
            }
            in.skipWord();
            st.set(reg, r, "offset register");
            int opt = xreg ? 3 : -1;
            int sBit = 0;
            if (in.tryChar(',')) {
                String e = in.peekWord();
                int idx = e.equals("lsl") ? 3 : Arrays.asList(EXTEND_NAMES).indexOf(e);
                if (idx != 2 && idx != 3 && idx != 6 && idx != 7) {
                    throw in.expected("lsl, uxtw, sxtw or sxtx");
                }
                in.skipWord();
                opt = idx;
                int want = scale.applyAsInt(st.word());
                if (in.peek() == '#' || (in.peek() != ']' && in.peek() != 0)) {
                    in.tryChar('#');
                    long amt = ctx.constant(in.expression());
                    if (amt == want) {
                        sBit = 1;
                    } else if (amt != 0) {
                        throw new OperandError("shift amount " + amt + " must be " + want + (want == 0 ? "" : " or 0"));
                    }
                } else if (e.equals("lsl")) {
                    throw in.expected("a shift amount");
                }
            }
            if (opt < 0) {
                throw in.expected("an extend (uxtw or sxtw) for a w register");
            }
            if (xreg != ((opt & 1) == 1)) {
                throw new OperandError((xreg ? "an x register cannot be extended with " : "a w register cannot be extended with ")
                    + (opt == 3 ? "lsl" : EXTEND_NAMES[opt]));
            }
            st.set(option, opt, "extend");
            st.set(s, sBit, "shift");
        }

        @Override
        public String toString() {
            return regName + "{, extend #s}";
        }
    }

    /** Logical immediate. */
    static final class Bitmask implements Operand {
        final int sfBit;
        final Field n;
        final Field immr;
        final Field imms;

        Bitmask(int sfBit) {
            this(sfBit, null, null, null);
        }

        private Bitmask(int sfBit, Field n, Field immr, Field imms) {
            this.sfBit = sfBit;
            this.n = n;
            this.immr = immr;
            this.imms = imms;
        }

        @Override
        public Operand bind(Encoding e) {
            return new Bitmask(sfBit, e.field("N"), e.field("immr"), e.field("imms"));
        }

        @Override
        public void print(Instruction insn, long pc, boolean absolute, StringBuilder out) {
            int w = insn.word();
            int size = ((w >>> sfBit) & 1) == 1 ? 64 : 32;
            long v = BitmaskImmediate.decode(n.get(w), imms.get(w), immr.get(w), size);
            out.append("#0x").append(Long.toHexString(size == 32 ? v & 0xffffffffL : v));
        }

        @Override
        public void parse(OperandCursor in, AsmState st, OperandContext ctx) throws AsmException {
            in.tryChar('#');
            expectImmediate(in, "a logical immediate");
            long v = ctx.constant(in.expression());
            int size = ((st.word() >>> sfBit) & 1) == 1 ? 64 : 32;
            if (size == 32) {
                if ((v >> 32) != 0 && (v >> 32) != -1) {
                    throw new OperandError("immediate 0x" + Long.toHexString(v) + " does not fit 32 bits");
                }
                v &= 0xffffffffL;
            }
            int enc = BitmaskImmediate.encode(v, size);
            if (enc < 0) {
                throw new OperandError("immediate 0x" + Long.toHexString(v) + " is not a valid logical (bitmask) immediate");
            }
            st.set(n, enc >>> 12, "N");
            st.set(immr, (enc >>> 6) & 63, "immr");
            st.set(imms, enc & 63, "imms");
        }

        @Override
        public String toString() {
            return "#bitmask";
        }
    }

    /** Prints an immediate computed from the fields, and parses one back into fields (aliases like lsl #n). */
    @FunctionalInterface
    public interface ImmSetter {
        /** Stores the value read from the text into the fields, or throws if it cannot be encoded. */
        void set(long value, AsmState state) throws AsmException;
    }

    /**
     * An immediate {@code #n} computed from several fields ({@code lsl x0, x1, #3} is UBFM with immr and imms
     * derived from 3).
     */
    public static Operand computed(String description, java.util.function.ToLongFunction<Instruction> value,
                                   ImmSetter setter) {
        return new Computed(description, value, setter, false);
    }

    /** Like {@link #computed} but printed in hex. */
    public static Operand computedHex(String description, java.util.function.ToLongFunction<Instruction> value,
                                      ImmSetter setter) {
        return new Computed(description, value, setter, true);
    }

    static final class Computed implements Operand {
        final String description;
        final java.util.function.ToLongFunction<Instruction> value;
        final ImmSetter setter;
        final boolean hex;

        Computed(String description, java.util.function.ToLongFunction<Instruction> value, ImmSetter setter, boolean hex) {
            this.description = description;
            this.value = value;
            this.setter = setter;
            this.hex = hex;
        }

        @Override
        public Operand bind(Encoding e) {
            return this;
        }

        @Override
        public void print(Instruction insn, long pc, boolean absolute, StringBuilder out) {
            long v = value.applyAsLong(insn);
            out.append('#').append(hex ? Operands.hex(v) : Long.toString(v));
        }

        @Override
        public void parse(OperandCursor in, AsmState st, OperandContext ctx) throws AsmException {
            in.tryChar('#');
            expectImmediate(in, description);
            setter.set(ctx.constant(in.expression()), st);
        }

        @Override
        public String toString() {
            return "#" + description;
        }
    }

    /** A check on the word assembled so far, printing nothing (e.g. {@code mov} through ADD needs sp). */
    public static Operand require(String message, Predicate<AsmState> test) {
        return silent("require(" + message + ")", st -> {
            if (!test.test(st)) {
                throw new OperandError(message);
            }
        });
    }

    /** What a {@link #silent} operand does to the word assembled so far. */
    @FunctionalInterface
    interface SilentStep {
        void apply(AsmState st) throws AsmException;
    }

    /**
     * An operand that prints and reads no text but acts on the word assembled so far when parsed (a check, or a
     * field computed from other fields); {@code description} is its {@code toString}.
     */
    static Operand silent(String description, SilentStep step) {
        return new Operand() {
            @Override
            public Operand bind(Encoding e) {
                return this;
            }

            @Override
            public boolean attached() {
                return true;
            }

            @Override
            public void print(Instruction insn, long pc, boolean absolute, StringBuilder out) {
            }

            @Override
            public void parse(OperandCursor in, AsmState st, OperandContext ctx) throws AsmException {
                step.apply(st);
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }

    /** A pair of consecutive registers {@code x2, x3} (CASP), x or w by bit 30; the field holds the even first one. */
    static final class Pair implements Operand {
        final String name;
        final Field field;

        Pair(String name) {
            this(name, null);
        }

        private Pair(String name, Field field) {
            this.name = name;
            this.field = field;
        }

        @Override
        public Operand bind(Encoding e) {
            return new Pair(name, e.field(name));
        }

        private static RegisterKind kind(int word) {
            return ((word >>> 30) & 1) == 1 ? RegisterKind.X : RegisterKind.W;
        }

        @Override
        public void print(Instruction insn, long pc, boolean absolute, StringBuilder out) {
            int r = field.get(insn.word());
            RegisterKind k = kind(insn.word());
            out.append(k.name(r)).append(", ").append(k.name(Math.min(r + 1, 31)));
        }

        @Override
        public void parse(OperandCursor in, AsmState st, OperandContext ctx) throws AsmException {
            String first = in.peekWord();
            RegisterKind k = RegisterKind.X.parse(first) >= 0 ? RegisterKind.X : RegisterKind.W;
            int r = k.parse(first);
            if (r < 0 || (r & 1) == 1) {
                throw in.expected("the even first register of a pair (x0, x2, ... or w0, w2, ...)");
            }
            in.skipWord();
            st.setBit(30, k == RegisterKind.X ? 1 : 0, "register size");
            in.expectChar(',');
            int r2 = k.parse(in.peekWord());
            if (r2 != r + 1) {
                throw in.expected(k.name(r + 1) + ", the second register of the pair");
            }
            in.skipWord();
            st.set(field, r, "register");
        }

        @Override
        public String toString() {
            return "pair(" + name + ")";
        }
    }

    /** Names for a generic choice field (seal forms, prefetch operations...). */
    public static Operand named(String field, String what, String... names) {
        return new Named(field, null, what, names);
    }

    static final class Named implements Operand {
        final String name;
        final Field field;
        final String what;
        final String[] names;

        Named(String name, Field field, String what, String[] names) {
            this.name = name;
            this.field = field;
            this.what = what;
            this.names = names;
        }

        @Override
        public Operand bind(Encoding e) {
            return new Named(name, e.field(name), what, names);
        }

        @Override
        public void print(Instruction insn, long pc, boolean absolute, StringBuilder out) {
            int v = field.get(insn.word());
            if (v < names.length && names[v] != null) {
                out.append(names[v]);
            } else {
                out.append('#').append(v);
            }
        }

        @Override
        public void parse(OperandCursor in, AsmState st, OperandContext ctx) throws AsmException {
            String wd = in.peekWord();
            for (int i = 0; i < names.length; i++) {
                if (names[i] != null && names[i].equals(wd)) {
                    in.skipWord();
                    st.set(field, i, what);
                    return;
                }
            }
            if (in.peek() == '#') {
                in.tryChar('#');
                long v = ctx.constant(in.expression());
                st.set(field, v, what);
                return;
            }
            List<String> valid = new ArrayList<>();
            for (String s : names) {
                if (s != null) {
                    valid.add(s);
                }
            }
            throw in.expected(what + " (" + String.join(", ", valid) + ")");
        }

        @Override
        public String toString() {
            return what.toLowerCase(Locale.ROOT);
        }
    }
}
