package org.uforklab.machine.asm;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** A section being assembled: its location counter and the bytes emitted so far. Becomes a {@link Section}. */
final class SectionBuffer {

    /** Larger sections are rejected: a guest image of this emulator is far smaller, and memory is the host's. */
    static final long MAX_SIZE = 1L << 28;

    /** The A64 NOP, which pads code sections ({@code .balign} in {@code .text}) as GNU as does. */
    static final int NOP = 0xd503201f;

    final String name;
    final Set<Section.Flag> flags;
    final boolean nobits;
    int alignment;
    private byte[] bytes = new byte[64];
    long offset;
    /** Size at the end of the layout pass, to check that emission lays out the same way. */
    long layoutSize = -1;

    SectionBuffer(String name, Set<Section.Flag> flags, boolean nobits, int alignment) {
        this.name = name;
        this.flags = flags.isEmpty() ? EnumSet.noneOf(Section.Flag.class) : EnumSet.copyOf(flags);
        this.nobits = nobits;
        this.alignment = alignment;
    }

    boolean code() {
        return flags.contains(Section.Flag.EXEC);
    }

    /** Starts the emission pass: same section, empty again. */
    void rewind() {
        layoutSize = offset;
        offset = 0;
        Arrays.fill(bytes, (byte) 0);
    }

    /** Advances the location counter by {@code n} zero bytes (no bytes are stored for NOBITS). */
    void skip(long n, int column) throws StatementError {
        grow(n, column);
        offset += n;
    }

    /** Emits {@code size} bytes of {@code value}, little-endian. */
    void put(long value, int size, int column) throws StatementError {
        if (nobits && value != 0) {
            throw new StatementError(column, "only zero values may be emitted in " + name
                    + " (a NOBITS section has no contents); use .space or .zero");
        }
        grow(size, column);
        if (!nobits) {
            for (int i = 0; i < size; i++) {
                bytes[(int) offset + i] = (byte) (value >>> (8 * i));
            }
        }
        offset += size;
    }

    void putBytes(byte[] b, int column) throws StatementError {
        for (byte x : b) {
            put(x & 0xff, 1, column);
        }
    }

    /** Overwrites a 32-bit word emitted earlier (a resolved fixup). */
    void patch32(long at, int word) {
        for (int i = 0; i < 4; i++) {
            bytes[(int) at + i] = (byte) (word >>> (8 * i));
        }
    }

    /** Raises the section's alignment to at least {@code a} (a power of two). */
    void requireAlignment(int a) {
        alignment = Math.max(alignment, a);
    }

    private void grow(long n, int column) throws StatementError {
        if (n < 0 || n > MAX_SIZE || offset + n > MAX_SIZE) {
            throw new StatementError(column, "section " + name + " would grow beyond " + (MAX_SIZE >> 20) + " MiB");
        }
        if (nobits) {
            return;
        }
        int need = (int) (offset + n);
        if (need > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(need, bytes.length * 2));
        }
    }

    Section toSection() {
        return new Section(name, flags, nobits, alignment, offset, nobits ? null : Arrays.copyOf(bytes, (int) offset));
    }

    @Override
    public String toString() {
        return name + "@0x" + Long.toHexString(offset);
    }
}
