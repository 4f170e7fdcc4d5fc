package org.uforklab.machine.isa;

/**
 * A named bit range of an instruction word, as the architecture names it ({@code Rn}, {@code imm12},
 * {@code opc}...). Registers are plain 5-bit fields; their meaning (X, W, C, SP or ZR for 31) belongs to the
 * syntax, not to the field.
 *
 * @param name  the architecture's field name
 * @param lsb   lowest bit
 * @param width number of bits (1..32)
 */
public record Field(String name, int lsb, int width) {

    public Field {
        if (lsb < 0 || width < 1 || lsb + width > 32) {
            throw new IllegalArgumentException("field " + name + " at " + lsb + " width " + width + " is outside a 32-bit word");
        }
    }

    /** The bits of this field in the word, as an unsigned value. */
    public int get(int word) {
        return (word >>> lsb) & mask();
    }

    /** The field's bits, sign-extended from its top bit. */
    public int getSigned(int word) {
        return (word << (32 - lsb - width)) >> (32 - width);
    }

    /** The unshifted mask of a value of this width. */
    public int mask() {
        return width == 32 ? -1 : (1 << width) - 1;
    }

    /** The mask of this field in place. */
    public int maskInPlace() {
        return mask() << lsb;
    }

    /** The word with this field replaced by {@code value} (which must fit). */
    public int set(int word, int value) {
        return (word & ~maskInPlace()) | ((value & mask()) << lsb);
    }

    /** True when {@code value} fits the field unsigned. */
    public boolean fits(long value) {
        return value >= 0 && value <= (mask() & 0xffffffffL);
    }

    @Override
    public String toString() {
        return name + "<" + (width == 1 ? String.valueOf(lsb) : (lsb + width - 1) + ":" + lsb) + ">";
    }
}
