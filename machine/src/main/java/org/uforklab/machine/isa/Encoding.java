package org.uforklab.machine.isa;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One instruction encoding, described once for decoding, disassembly, encoding and execution: the
 * architecture's encoding name ({@code SCBNDS-C.CI-S}, {@code add_addsub_imm}), the fixed bits
 * ({@link #mask()}/{@link #match()}), the named fields, the constraints that make it give way to aliases
 * and unallocated patterns, and its GNU syntaxes (the first printable one whose condition holds is what the
 * disassembler prints; the assembler accepts all of them).
 *
 * <p>Encodings are defined by {@link EncodingFamily} classes with a bit pattern written most significant bit
 * first, the way the Arm ARM draws them:
 * <pre>
 *   "11000010110 imm6:6 S=1 1110 Cn:5 Cd:5"
 * </pre>
 * {@code 0}/{@code 1} runs are fixed bits, {@code name:width} a variable field, {@code name=bits} a named field
 * whose value this encoding fixes (an {@code opc} or {@code L} that selects it; {@code x} leaves a bit of it free,
 * as in {@code size=1x}). The pattern must cover 32 bits.
 *
 * <p>{@link #id()} is a small int constant chosen by the family (family number in bits 8 and up), so the
 * interpreter can {@code switch} on it. Several encodings may share an architecture name when the name covers
 * several addressing modes ({@code ldp_gen} is post-index, pre-index and signed offset); they have distinct ids.
 */
public final class Encoding {

    private final int id;
    private final String name;
    private final String family;
    private final String pattern;
    private final int mask;
    private final int match;
    private final List<Field> fields;
    private final Map<String, Integer> fieldIndex;
    private final List<Constraint> constraints;
    private final List<Constraint> undefinedWhen;
    private final List<Syntax> syntaxes;
    private final List<Syntax> a64Syntaxes;

    private Encoding(Builder b) {
        this.id = b.id;
        this.name = b.name;
        this.family = b.family;
        this.pattern = b.pattern;
        this.mask = b.mask;
        this.match = b.match;
        this.fields = List.copyOf(b.fields);
        Map<String, Integer> idx = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            idx.put(fields.get(i).name(), i);
        }
        this.fieldIndex = Collections.unmodifiableMap(idx);
        this.constraints = List.copyOf(b.constraints);
        this.undefinedWhen = List.copyOf(b.undefinedWhen);
        List<Syntax> bound = new ArrayList<>();
        List<Syntax> boundA64 = new ArrayList<>();
        for (Syntax s : b.syntaxes) {
            bound.add(s.inState(IsaState.C64).bind(this));
            boundA64.add(s.inState(IsaState.A64).bind(this));
        }
        this.syntaxes = List.copyOf(bound);
        this.a64Syntaxes = List.copyOf(boundA64);
    }

    /** The placeholder for words no encoding of a table claims. */
    static Encoding unsupported() {
        Builder b = new Builder(0, "unsupported", "00000000000000000000000000000000");
        b.family = "none";
        b.mask = 0;
        b.match = 0;
        return new Encoding(b);
    }

    /**
     * Starts the definition of an encoding.
     *
     * @param id      the encoding's id, unique in its table, {@code > 0}
     * @param name    the architecture's encoding name
     * @param pattern the bit pattern, most significant bit first (see the class comment)
     */
    public static Builder define(int id, String name, String pattern) {
        if (id <= 0) {
            throw new IllegalArgumentException(name + ": ids are positive (0 means unsupported)");
        }
        return new Builder(id, name, pattern);
    }

    public int id() {
        return id;
    }

    /** The architecture's name of this encoding, e.g. {@code SCBNDS-C.CI-S} or {@code ldr_imm_gen}. */
    public String name() {
        return name;
    }

    /** The family that defined it, e.g. {@code MorelloCapabilityOps}. */
    public String family() {
        return family;
    }

    public boolean isSupported() {
        return id != 0;
    }

    /** Bits this encoding fixes. */
    public int mask() {
        return mask;
    }

    /** Values of the fixed bits. */
    public int match() {
        return match;
    }

    /** The pattern it was defined with, most significant bit first. */
    public String pattern() {
        return pattern;
    }

    /** The named fields, least significant first. */
    public List<Field> fields() {
        return fields;
    }

    /** Extra conditions a word must meet besides its fixed bits. */
    public List<Constraint> constraints() {
        return constraints;
    }

    /** The GNU syntaxes; the disassembler prints the first printable one whose condition holds. */
    public List<Syntax> syntaxes() {
        return syntaxes;
    }

    /** The GNU syntaxes as spelled in an instruction-set state ({@link #syntaxes()} for C64). */
    public List<Syntax> syntaxes(IsaState state) {
        return state == IsaState.A64 ? a64Syntaxes : syntaxes;
    }

    /**
     * Why the architecture makes this word UNDEFINED although it has this encoding (the ARM ARM decode
     * pseudocode's {@code if ... then UNDEFINED}, e.g. EXTR with N != sf), or null when it is defined. The
     * interpreter raises an Undefined Instruction exception for such words; the assembler never produces them.
     */
    public String undefinedReason(int word) {
        for (Constraint c : undefinedWhen) {
            if (c.test(word)) {
                return c.description();
            }
        }
        return null;
    }

    /** The conditions that make a word of this encoding UNDEFINED. */
    public List<Constraint> undefinedWhen() {
        return undefinedWhen;
    }

    /** Index of a field in {@link #fields()}, or -1. */
    public int fieldIndex(String fieldName) {
        Integer i = fieldIndex.get(fieldName);
        return i == null ? -1 : i;
    }

    /** The field with that name. */
    public Field field(String fieldName) {
        int i = fieldIndex(fieldName);
        if (i < 0) {
            throw new IllegalArgumentException(name + " has no field " + fieldName + " (fields: " + fieldIndex.keySet() + ")");
        }
        return fields.get(i);
    }

    public boolean hasField(String fieldName) {
        return fieldIndex.containsKey(fieldName);
    }

    /** True when the word has this encoding's fixed bits and meets its constraints. */
    public boolean matches(int word) {
        if ((word & mask) != match) {
            return false;
        }
        for (Constraint c : constraints) {
            if (!c.test(word)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name + " [" + family + " #" + Integer.toHexString(id) + "] " + pattern;
    }

    /** Defines an encoding; see {@link Encoding#define}. */
    public static final class Builder {
        private final int id;
        private final String name;
        private final String pattern;
        private String family = "?";
        private int mask;
        private int match;
        private final List<Field> fields = new ArrayList<>();
        private final List<Constraint> constraints = new ArrayList<>();
        private final List<Constraint> undefinedWhen = new ArrayList<>();
        private final List<Syntax> syntaxes = new ArrayList<>();

        private Builder(int id, String name, String pattern) {
            this.id = id;
            this.name = name;
            this.pattern = pattern;
            parsePattern();
        }

        private void parsePattern() {
            int bit = 32;
            List<Field> msbFirst = new ArrayList<>();
            for (String tok : pattern.trim().split("\\s+")) {
                if (tok.matches("[01]+")) {
                    bit -= tok.length();
                    fix(bit, tok);
                } else if (tok.matches("[A-Za-z][A-Za-z0-9]*:\\d+")) {
                    String[] p = tok.split(":");
                    int w = Integer.parseInt(p[1]);
                    bit -= w;
                    msbFirst.add(new Field(p[0], Math.max(bit, 0), w));
                } else if (tok.matches("[A-Za-z][A-Za-z0-9]*=[01x]+")) {
                    // a named field with fixed bits; x marks bits of the field this encoding leaves free
                    String[] p = tok.split("=");
                    bit -= p[1].length();
                    fix(bit, p[1]);
                    msbFirst.add(new Field(p[0], Math.max(bit, 0), p[1].length()));
                } else {
                    throw new IllegalArgumentException(name + ": bad pattern token '" + tok + "'");
                }
                if (bit < 0) {
                    throw new IllegalArgumentException(name + ": pattern is longer than 32 bits: " + pattern);
                }
            }
            if (bit != 0) {
                throw new IllegalArgumentException(name + ": pattern covers " + (32 - bit) + " bits, not 32: " + pattern);
            }
            for (int i = msbFirst.size() - 1; i >= 0; i--) {
                fields.add(msbFirst.get(i));
            }
        }

        private void fix(int lsb, String bits) {
            for (int i = 0; i < bits.length(); i++) {
                if (bits.charAt(i) == 'x') {
                    continue;
                }
                int b = lsb + bits.length() - 1 - i;
                mask |= 1 << b;
                if (bits.charAt(i) == '1') {
                    match |= 1 << b;
                }
            }
        }

        Builder family(String familyName) {
            this.family = familyName;
            return this;
        }

        Field field(String fieldName) {
            for (Field f : fields) {
                if (f.name().equals(fieldName)) {
                    return f;
                }
            }
            throw new IllegalArgumentException(name + " has no field " + fieldName);
        }

        /** Requires the word to meet a condition (beyond the fixed bits). */
        public Builder require(Constraint c) {
            constraints.add(c);
            return this;
        }

        /** Gives way to words where the field has this value (an alias or unallocated pattern). */
        public Builder unless(String fieldName, int value) {
            Field f = field(fieldName);
            constraints.add(Constraint.field(f, value).negate());
            return this;
        }

        /**
         * Marks words of this encoding that the architecture makes UNDEFINED (they still decode to this
         * encoding, as in the ARM ARM, where the decode pseudocode raises the exception).
         */
        public Builder undefinedIf(String reason, java.util.function.IntPredicate test) {
            undefinedWhen.add(Constraint.of(reason, test));
            return this;
        }

        /** Gives way to words that meet the condition. */
        public Builder unless(Constraint c) {
            constraints.add(c.negate());
            return this;
        }

        /** Adds a syntax; the first one added is the preferred (printed) form unless a later condition says so. */
        public Builder syntax(String mnemonic, Operand... operands) {
            syntaxes.add(new Syntax(mnemonic, null, true, List.of(operands)));
            return this;
        }

        /**
         * Adds a preferred alias: printed instead of the plain syntax whenever {@code when} holds (such aliases
         * must be added before the plain syntax), and accepted by the assembler.
         */
        public Builder alias(Predicate<Instruction> when, String mnemonic, Operand... operands) {
            syntaxes.add(new Syntax(mnemonic, when, true, List.of(operands)));
            return this;
        }

        /** Adds a syntax the assembler accepts but the disassembler never prints (e.g. {@code mov} for ADD). */
        public Builder accept(String mnemonic, Operand... operands) {
            syntaxes.add(new Syntax(mnemonic, null, false, List.of(operands)));
            return this;
        }

        public Encoding build() {
            if (syntaxes.isEmpty()) {
                throw new IllegalStateException(name + " has no syntax");
            }
            return new Encoding(this);
        }
    }
}
