package org.uforklab.machine.asm;

/**
 * A place in a section that the linker or loader must fill in with a symbol's address.
 *
 * @param section the patched section's name
 * @param offset  offset of the patched instruction or data word in that section
 * @param type    how the value is placed
 * @param symbol  the target symbol's name (a section name for a section symbol, {@link Symbol#ABSOLUTE} when the
 *                target is a plain address)
 * @param addend  added to the symbol's address (the RELA addend)
 */
public record Relocation(String section, long offset, RelocationType type, String symbol, long addend) {

    /** A line like objdump -r prints: offset, type, symbol+addend. */
    @Override
    public String toString() {
        String a = addend == 0 ? "" : addend > 0 ? "+0x" + Long.toHexString(addend) : "-0x" + Long.toHexString(-addend);
        return String.format("%016x %-16s %s%s", offset, type, symbol, a);
    }
}
