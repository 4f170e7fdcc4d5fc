package org.uforklab.machine.asm;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * A section of a relocatable object: its name, flags, alignment and contents. A {@code NOBITS} section
 * ({@code .bss}) has a size but no bytes in the file; the loader zero-fills it.
 */
public final class Section {

    /** ELF section flags, as {@code .section name, "awx"} spells them. */
    public enum Flag {
        /** Occupies memory when loaded (SHF_ALLOC, {@code a}). */
        ALLOC,
        /** Writable when loaded (SHF_WRITE, {@code w}). */
        WRITE,
        /** Holds instructions (SHF_EXECINSTR, {@code x}). */
        EXEC
    }

    private final String name;
    private final Set<Flag> flags;
    private final boolean nobits;
    private final int alignment;
    private final long size;
    private final byte[] bytes;

    /**
     * @param bytes the contents; ignored (may be null) for a NOBITS section, whose size is {@code size}
     */
    public Section(String name, Set<Flag> flags, boolean nobits, int alignment, long size, byte[] bytes) {
        if (Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment " + alignment + " is not a power of two");
        }
        this.name = name;
        this.flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        this.nobits = nobits;
        this.alignment = alignment;
        this.size = size;
        this.bytes = nobits ? new byte[0] : bytes.clone();
        if (!nobits && bytes.length != size) {
            throw new IllegalArgumentException("section " + name + ": " + bytes.length + " bytes for size " + size);
        }
    }

    public String name() {
        return name;
    }

    public Set<Flag> flags() {
        return flags;
    }

    public boolean has(Flag flag) {
        return flags.contains(flag);
    }

    /** True for a section that takes no space in the file ({@code .bss}, {@code @nobits}). */
    public boolean nobits() {
        return nobits;
    }

    /** Required alignment of the section's start address, in bytes (a power of two). */
    public int alignment() {
        return alignment;
    }

    /** Size in bytes (for NOBITS, the size in memory). */
    public long size() {
        return size;
    }

    /** A copy of the contents (empty for NOBITS). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Unsigned byte at {@code offset}. */
    public int u8(long offset) {
        return bytes[checked(offset, 1)] & 0xff;
    }

    /** Little-endian 16-bit value at {@code offset}. */
    public int u16(long offset) {
        return (int) le(offset, 2);
    }

    /** Little-endian 32-bit word at {@code offset} (an instruction, for code). */
    public int u32(long offset) {
        return (int) le(offset, 4);
    }

    /** Little-endian 64-bit value at {@code offset}. */
    public long u64(long offset) {
        return le(offset, 8);
    }

    private long le(long offset, int n) {
        int at = checked(offset, n);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (bytes[at + i] & 0xff);
        }
        return v;
    }

    private int checked(long offset, int n) {
        if (nobits) {
            throw new IllegalStateException(name + " has no contents (NOBITS)");
        }
        if (offset < 0 || offset + n > bytes.length) {
            throw new IndexOutOfBoundsException(name + ": " + n + " bytes at 0x" + Long.toHexString(offset)
                    + " are outside the section (size 0x" + Long.toHexString(size) + ")");
        }
        return (int) offset;
    }

    /** Flag letters as objdump -h prints them, e.g. {@code ALLOC, CODE}. */
    String flagText() {
        StringBuilder sb = new StringBuilder();
        if (!nobits) {
            sb.append("CONTENTS, ");
        }
        if (has(Flag.ALLOC)) {
            sb.append("ALLOC, ");
        }
        if (!has(Flag.WRITE) && has(Flag.ALLOC)) {
            sb.append("READONLY, ");
        }
        if (has(Flag.EXEC)) {
            sb.append("CODE, ");
        } else if (!nobits) {
            sb.append("DATA, ");
        }
        return sb.length() == 0 ? "" : sb.substring(0, sb.length() - 2);
    }

    @Override
    public String toString() {
        return name + " (" + (nobits ? "nobits, " : "") + "size 0x" + Long.toHexString(size) + ", align " + alignment
                + (flags.isEmpty() ? "" : ", " + flagText()) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Section s && s.name.equals(name) && s.flags.equals(flags) && s.nobits == nobits
                && s.alignment == alignment && s.size == size && Arrays.equals(s.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Long.hashCode(size);
    }
}
