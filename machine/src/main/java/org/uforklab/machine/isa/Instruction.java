package org.uforklab.machine.isa;

import java.util.List;

/**
 * A decoded instruction word: its encoding and the values of the encoding's fields, extracted once so an
 * interpreter that caches decoded words reads them as array elements. Words no encoding claims decode to an
 * instruction whose encoding is unsupported ({@link #isSupported()} false, {@link #id()} 0), never to null.
 */
public final class Instruction {

    private final int word;
    private final Encoding encoding;
    private final int[] values;

    Instruction(int word, Encoding encoding) {
        this.word = word;
        this.encoding = encoding;
        List<Field> fields = encoding.fields();
        this.values = new int[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = fields.get(i).get(word);
        }
    }

    public int word() {
        return word;
    }

    public Encoding encoding() {
        return encoding;
    }

    /** The encoding's id (0 when unsupported); the interpreter switches on it. */
    public int id() {
        return encoding.id();
    }

    /** The architecture's encoding name, or {@code unsupported}. */
    public String name() {
        return encoding.name();
    }

    public boolean isSupported() {
        return encoding.isSupported();
    }

    /** True when the word has this encoding but the architecture makes it UNDEFINED (see {@link #undefinedReason()}). */
    public boolean isUndefined() {
        return encoding.undefinedReason(word) != null;
    }

    /** Why the word is UNDEFINED, or null. */
    public String undefinedReason() {
        return encoding.undefinedReason(word);
    }

    /** The value of the i-th field of {@link Encoding#fields()} (unsigned). */
    public int field(int index) {
        return values[index];
    }

    /** The value of a named field (unsigned). */
    public int get(String fieldName) {
        int i = encoding.fieldIndex(fieldName);
        if (i < 0) {
            throw new IllegalArgumentException(encoding.name() + " has no field " + fieldName);
        }
        return values[i];
    }

    /** The value of a named field, sign-extended. */
    public int getSigned(String fieldName) {
        return encoding.field(fieldName).getSigned(word);
    }

    /** The GNU disassembly, PC-relative targets as {@code .+offset}. */
    public String disassemble() {
        return Disassembler.disassemble(this, 0, false);
    }

    /** The GNU disassembly with PC-relative targets as absolute addresses. */
    public String disassemble(long pc) {
        return Disassembler.disassemble(this, pc, true);
    }

    @Override
    public String toString() {
        return String.format("%08x  %-16s %s", word, encoding.name(), disassemble());
    }
}
