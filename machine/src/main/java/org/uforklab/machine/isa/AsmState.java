package org.uforklab.machine.isa;

import org.uforklab.machine.asm.AsmException;

/**
 * The word being assembled, with the bits operands have set so far. Knowing what is already set lets a later
 * operand check that it agrees (a {@code w} register after an {@code x} register in a 64-bit encoding, or the
 * two register fields of {@code ror} that must name the same register).
 */
public final class AsmState {
    private int word;
    private int setMask;

    AsmState(int fixedBits) {
        this.word = fixedBits;
    }

    public int word() {
        return word;
    }

    /** True when the operand parsed so far has set this field. */
    public boolean isSet(Field f) {
        return (setMask & f.maskInPlace()) == f.maskInPlace();
    }

    public int get(Field f) {
        return f.get(word);
    }

    /**
     * Sets a field, which must be free or already hold the same value.
     *
     * @param what what the value is, for the error message (e.g. "shift amount")
     */
    public void set(Field f, long value, String what) throws AsmException {
        if (!f.fits(value)) {
            throw new OperandError(what + " " + value + " does not fit in " + f.width() + " bits");
        }
        if (isSet(f) && f.get(word) != (int) value) {
            throw new OperandError(what + " must be the same as before (" + f.get(word) + ") but is " + value);
        }
        word = f.set(word, (int) value);
        setMask |= f.maskInPlace();
    }

    /**
     * Sets a field another operand set before to a value of its own (TBZ's b5: the register operand sets it to
     * the register size, which bounds the bit number; the bit number then decides the encoded bit).
     */
    public void override(Field f, long value, String what) throws AsmException {
        if (!f.fits(value)) {
            throw new OperandError(what + " " + value + " does not fit in " + f.width() + " bits");
        }
        word = f.set(word, (int) value);
        setMask |= f.maskInPlace();
    }

    /** Sets one bit (absolute position), which must be free or already hold the same value. */
    public void setBit(int bit, int value, String what) throws AsmException {
        set(new Field("bit" + bit, bit, 1), value, what);
    }

    /** True when the bit at this absolute position was set by an operand. */
    public boolean isBitSet(int bit) {
        return (setMask & (1 << bit)) != 0;
    }
}
