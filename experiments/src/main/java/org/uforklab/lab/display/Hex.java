package org.uforklab.lab.display;

/**
 * A number shown in hexadecimal ({@code 0x41000}): addresses, descriptors and register values keep their
 * numeric value for renderers and comparisons while printing the way the architecture manuals write them.
 *
 * @param value the number (unsigned for display)
 */
public record Hex(long value) implements Comparable<Hex> {

    /** {@code value} as a {@link Hex}. */
    public static Hex of(long value) {
        return new Hex(value);
    }

    /** {@code 0x} followed by the unsigned hexadecimal digits, e.g. {@code 0xffffc00000010005}. */
    public static String format(long value) {
        return "0x" + Long.toHexString(value);
    }

    @Override
    public int compareTo(Hex o) {
        return Long.compareUnsigned(value, o.value);
    }

    @Override
    public String toString() {
        return format(value);
    }
}
