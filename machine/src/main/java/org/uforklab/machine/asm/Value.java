package org.uforklab.machine.asm;

/**
 * The value of an expression: a constant, an address in a section of this file (section and offset, plus the
 * label it was derived from so relocations can name it), or an undefined symbol plus an addend.
 *
 * @param section the section of an address, or null
 * @param offset  the constant, the offset in the section, or the addend to the undefined symbol
 * @param symbol  the label an address came from (may be null for {@code .}), or the undefined symbol
 */
record Value(SectionBuffer section, long offset, SymbolEntry symbol) {

    static Value absolute(long v) {
        return new Value(null, v, null);
    }

    boolean isAbsolute() {
        return section == null && symbol == null;
    }

    boolean isAddress() {
        return section != null;
    }

    boolean isUndefined() {
        return section == null && symbol != null;
    }

    Value plus(long n) {
        return new Value(section, offset + n, symbol);
    }

    /** How errors describe it: {@code 42}, {@code an address in .data}, {@code undefined symbol 'x'}. */
    String describe() {
        if (isAbsolute()) {
            return Long.toString(offset);
        }
        if (isAddress()) {
            return "an address in " + section.name;
        }
        return "undefined symbol '" + symbol.name + "'";
    }

    @Override
    public String toString() {
        if (isAbsolute()) {
            return "0x" + Long.toHexString(offset);
        }
        if (isAddress()) {
            return section.name + "+0x" + Long.toHexString(offset);
        }
        return symbol.name + (offset == 0 ? "" : "+" + offset);
    }
}
