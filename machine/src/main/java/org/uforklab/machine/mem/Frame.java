package org.uforklab.machine.mem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * One 4 KiB physical frame: its bytes and its 256 tag bits (one per 16-byte granule, four {@code long}s).
 * Frames are created on first touch by {@link PhysicalMemory} and live as long as the machine, so a TLB
 * entry may keep a reference to its frame and reach data without any lookup.
 *
 * <p>Offsets are within the frame; callers guarantee {@code offset + size <= 4096} (the memory and the
 * access path split accesses that cross a frame boundary). Every data write clears the tags of the
 * granules it overlaps, as on Morello (morello.md §2.1).
 */
public final class Frame {

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    final byte[] data = new byte[PhysicalMemory.FRAME_SIZE];
    final long[] tags = new long[PhysicalMemory.GRANULES_PER_FRAME / 64];
    private final long pa;
    /**
     * Bumped by every write to {@link #data} (data and capability stores, and the bulk writes of
     * {@link PhysicalMemory}), so a cache derived from the frame's bytes (the interpreter's predecoded
     * instructions) can tell with one compare that nothing was written since it last checked. A long never
     * wraps, so equal versions always mean no write in between.
     */
    private long version;

    Frame(long pa) {
        this.pa = pa;
    }

    /** The physical address of the frame's first byte. */
    public long pa() {
        return pa;
    }

    /**
     * The write version: changes whenever any byte of the frame may have been written (tag-only changes do
     * not count). Equal values at two moments mean the bytes are the same.
     */
    public long version() {
        return version;
    }

    /** Records a write to {@link #data} (called by every writer, here and in {@link PhysicalMemory}). */
    void written() {
        version++;
    }

    /** Little-endian 8-byte load (any alignment within the frame). */
    public long read64(int offset) {
        return (long) LONG.get(data, offset);
    }

    /** Little-endian 4-byte load, zero-extended. */
    public long read32(int offset) {
        return ((int) INT.get(data, offset)) & 0xFFFF_FFFFL;
    }

    /** Little-endian 2-byte load, zero-extended. */
    public long read16(int offset) {
        return ((short) SHORT.get(data, offset)) & 0xFFFFL;
    }

    /** Byte load, zero-extended. */
    public long read8(int offset) {
        return data[offset] & 0xFFL;
    }

    /** Load of {@code size} (1, 2, 4 or 8) bytes, zero-extended. */
    public long read(int offset, int size) {
        return switch (size) {
            case 8 -> read64(offset);
            case 4 -> read32(offset);
            case 2 -> read16(offset);
            case 1 -> read8(offset);
            default -> throw new IllegalArgumentException("access size " + size + " is not 1, 2, 4 or 8");
        };
    }

    /** 8-byte data store; clears the overlapped tags. */
    public void write64(int offset, long value) {
        LONG.set(data, offset, value);
        version++;
        clearTags(offset, 8);
    }

    /** Store of the low {@code size} (1, 2, 4 or 8) bytes of {@code value}; clears the overlapped tags. */
    public void write(int offset, int size, long value) {
        switch (size) {
            case 8 -> LONG.set(data, offset, value);
            case 4 -> INT.set(data, offset, (int) value);
            case 2 -> SHORT.set(data, offset, (short) value);
            case 1 -> data[offset] = (byte) value;
            default -> throw new IllegalArgumentException("access size " + size + " is not 1, 2, 4 or 8");
        }
        version++;
        clearTags(offset, size);
    }

    /** The tag of the granule holding {@code offset}. */
    public boolean tag(int offset) {
        int g = offset >>> 4;
        return (tags[g >>> 6] & (1L << g)) != 0;
    }

    /** Writes the 16-byte capability image at a 16-aligned offset: low dword, high dword and the granule's tag. */
    public void writeCap(int offset, long low, long high, boolean tag) {
        LONG.set(data, offset, low);
        LONG.set(data, offset + 8, high);
        version++;
        int g = offset >>> 4;
        if (tag) {
            tags[g >>> 6] |= 1L << g;
        } else {
            tags[g >>> 6] &= ~(1L << g);
        }
    }

    /** Clears the tags of every granule overlapping {@code [offset, offset+len)} (len > 0). */
    void clearTags(int offset, int len) {
        int g0 = offset >>> 4;
        int g1 = (offset + len - 1) >>> 4;
        if (g0 == g1) {
            tags[g0 >>> 6] &= ~(1L << g0);
            return;
        }
        for (int g = g0; g <= g1; g++) {
            tags[g >>> 6] &= ~(1L << g);
        }
    }

    /** Number of tagged granules in the frame. */
    public int tagCount() {
        return Long.bitCount(tags[0]) + Long.bitCount(tags[1]) + Long.bitCount(tags[2]) + Long.bitCount(tags[3]);
    }

    @Override
    public String toString() {
        return String.format("Frame@0x%x (%d tagged granules)", pa, tagCount());
    }
}
