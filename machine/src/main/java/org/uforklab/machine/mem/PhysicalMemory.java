package org.uforklab.machine.mem;

import java.util.Arrays;
import java.util.function.IntConsumer;
import org.uforklab.machine.fault.AccessKind;
import org.uforklab.machine.fault.ArchitecturalFault;
import org.uforklab.machine.fault.FaultKind;
import org.uforklab.machine.stats.Counter;
import org.uforklab.machine.stats.Stats;

/**
 * Sparse tagged physical memory. RAM is the set of regions of a {@link PhysicalMap}; a 4 KiB {@link Frame}
 * is created the first time it is written (reads of untouched RAM return zeros without allocating), so host
 * memory grows with the frames touched, not with the machine's size. Frames sit in a two-level array
 * indexed by frame number (no hashing on any path).
 *
 * <p>All addresses here are physical and unchecked by capabilities: this is the hardware below the MMU, used
 * by the checked access path, by table walks and by the kernel's physical helpers. Loads and stores are
 * little-endian; data accesses may be unaligned and may cross frames; 16-byte capability accesses must be
 * 16-aligned (Alignment fault 0x21); every data store clears the tags of the granules it overlaps.
 */
public final class PhysicalMemory {

    /** Bytes per frame (the 4 KiB translation granule). */
    public static final int FRAME_SIZE = 4096;
    /** log2 of {@link #FRAME_SIZE}. */
    public static final int FRAME_SHIFT = 12;
    /** Bytes per tag granule. */
    public static final int GRANULE_SIZE = 16;
    /** Tag granules per frame (256). */
    public static final int GRANULES_PER_FRAME = FRAME_SIZE / GRANULE_SIZE;

    private static final int LEAF_SHIFT = 14;
    private static final int LEAF_SIZE = 1 << LEAF_SHIFT;

    private final PhysicalMap map;
    private final Frame[][] directory;
    private long framesAllocated;

    private final Counter framesAllocatedCounter;
    private final Counter bytesCopied;
    private final Counter pagesCopied;
    private final Counter pagesZeroed;
    private final Counter tagScans;
    private final Counter tagsFound;

    /**
     * Memory for the given map, counting its events under {@code stats} (e.g. a {@code mem} scope).
     */
    public PhysicalMemory(PhysicalMap map, Stats stats) {
        this.map = map;
        long maxFrame = (map.maxEnd() - 1) >>> FRAME_SHIFT;
        this.directory = new Frame[(int) (maxFrame >>> LEAF_SHIFT) + 1][];
        this.framesAllocatedCounter = stats.counter("framesAllocated");
        this.bytesCopied = stats.counter("bytesCopied");
        this.pagesCopied = stats.counter("pagesCopied");
        this.pagesZeroed = stats.counter("pagesZeroed");
        this.tagScans = stats.counter("tagScans");
        this.tagsFound = stats.counter("taggedGranulesFound");
    }

    /** The physical map. */
    public PhysicalMap map() {
        return map;
    }

    /** True when {@code [pa, pa+len)} is RAM. */
    public boolean contains(long pa, long len) {
        return map.contains(pa, len);
    }

    /** Frames allocated so far (host memory used is about this times 4 KiB). */
    public long framesAllocated() {
        return framesAllocated;
    }

    /** Approximate host bytes held by frames (data plus tag words). */
    public long hostBytes() {
        return framesAllocated * (FRAME_SIZE + GRANULES_PER_FRAME / 8);
    }

    /**
     * The frame holding {@code pa}, created (zeroed, untagged) if untouched.
     *
     * @throws ArchitecturalFault external abort (DFSC 0x10) if {@code pa} is not RAM
     */
    public Frame frame(long pa, AccessKind access) {
        Frame f = frameIfPresent(pa, access);
        return f != null ? f : allocate(pa);
    }

    /**
     * The frame holding {@code pa}, or null if it was never touched (its contents are zero and untagged).
     *
     * @throws ArchitecturalFault external abort (DFSC 0x10) if {@code pa} is not RAM
     */
    public Frame frameIfPresent(long pa, AccessKind access) {
        if (!map.contains(pa, 1)) {
            throw ArchitecturalFault.atPa(FaultKind.EXTERNAL_ABORT, pa, access, "outside RAM");
        }
        long fn = pa >>> FRAME_SHIFT;
        Frame[] leaf = directory[(int) (fn >>> LEAF_SHIFT)];
        return leaf == null ? null : leaf[(int) fn & (LEAF_SIZE - 1)];
    }

    private Frame allocate(long pa) {
        long fn = pa >>> FRAME_SHIFT;
        int top = (int) (fn >>> LEAF_SHIFT);
        Frame[] leaf = directory[top];
        if (leaf == null) {
            leaf = new Frame[LEAF_SIZE];
            directory[top] = leaf;
        }
        Frame f = new Frame(fn << FRAME_SHIFT);
        leaf[(int) fn & (LEAF_SIZE - 1)] = f;
        framesAllocated++;
        framesAllocatedCounter.inc();
        return f;
    }

    // ---------------------------------------------------------------- data loads and stores

    /** Loads {@code size} (1, 2, 4, 8) bytes little-endian, zero-extended; may be unaligned and cross frames. */
    public long read(long pa, int size) {
        checkSize(size);
        int off = (int) pa & (FRAME_SIZE - 1);
        if (off + size <= FRAME_SIZE) {
            Frame f = frameIfPresent(pa, AccessKind.LOAD);
            return f == null ? 0 : f.read(off, size);
        }
        checkRam(pa, size, AccessKind.LOAD);
        long v = 0;
        for (int i = 0; i < size; i++) {
            v |= read(pa + i, 1) << (8 * i);
        }
        return v;
    }

    /** Loads 8 bytes. */
    public long read64(long pa) {
        return read(pa, 8);
    }

    /** Loads 4 bytes, zero-extended. */
    public long read32(long pa) {
        return read(pa, 4);
    }

    /** Loads 2 bytes, zero-extended. */
    public long read16(long pa) {
        return read(pa, 2);
    }

    /** Loads 1 byte, zero-extended. */
    public long read8(long pa) {
        return read(pa, 1);
    }

    /** Stores the low {@code size} (1, 2, 4, 8) bytes of {@code value}; clears the tags of the overlapped granules. */
    public void write(long pa, int size, long value) {
        checkSize(size);
        int off = (int) pa & (FRAME_SIZE - 1);
        if (off + size <= FRAME_SIZE) {
            frame(pa, AccessKind.STORE).write(off, size, value);
            return;
        }
        // Crossing a frame: check the whole range first so a fault leaves memory untouched.
        checkRam(pa, size, AccessKind.STORE);
        for (int i = 0; i < size; i++) {
            write(pa + i, 1, value >>> (8 * i));
        }
    }

    /** Stores 8 bytes. */
    public void write64(long pa, long value) {
        write(pa, 8, value);
    }

    /** Stores 4 bytes. */
    public void write32(long pa, long value) {
        write(pa, 4, value);
    }

    /** Stores 2 bytes. */
    public void write16(long pa, long value) {
        write(pa, 2, value);
    }

    /** Stores 1 byte. */
    public void write8(long pa, long value) {
        write(pa, 1, value);
    }

    // ---------------------------------------------------------------- capability images and tags

    /** The low dword (value) of the 16-byte capability image at a 16-aligned {@code pa}. */
    public long capLow(long pa) {
        checkCapAligned(pa, AccessKind.CAP_LOAD);
        return read64(pa);
    }

    /** The high dword (pesbt) of the capability image at a 16-aligned {@code pa}. */
    public long capHigh(long pa) {
        checkCapAligned(pa, AccessKind.CAP_LOAD);
        return read64(pa + 8);
    }

    /** The tag of the granule holding {@code pa}. */
    public boolean tag(long pa) {
        Frame f = frameIfPresent(pa, AccessKind.CAP_LOAD);
        return f != null && f.tag((int) pa & (FRAME_SIZE - 1));
    }

    /**
     * Stores a 16-byte capability image and its tag at a 16-aligned {@code pa}.
     *
     * @throws ArchitecturalFault Alignment (0x21) if {@code pa} is not 16-aligned; external abort outside RAM
     */
    public void writeCap(long pa, long low, long high, boolean tag) {
        checkCapAligned(pa, AccessKind.CAP_STORE);
        frame(pa, AccessKind.CAP_STORE).writeCap((int) pa & (FRAME_SIZE - 1), low, high, tag);
    }

    // ---------------------------------------------------------------- bulk operations

    /** Copies {@code len} bytes out of memory (untouched frames read as zeros). */
    public void readBytes(long pa, byte[] dst, int dstOff, int len) {
        checkRam(pa, len, AccessKind.LOAD);
        while (len > 0) {
            int off = (int) pa & (FRAME_SIZE - 1);
            int n = Math.min(len, FRAME_SIZE - off);
            Frame f = frameIfPresent(pa, AccessKind.LOAD);
            if (f == null) {
                Arrays.fill(dst, dstOff, dstOff + n, (byte) 0);
            } else {
                System.arraycopy(f.data, off, dst, dstOff, n);
            }
            pa += n;
            dstOff += n;
            len -= n;
        }
    }

    /** Copies {@code len} bytes into memory as data stores (clearing the overlapped tags). */
    public void writeBytes(long pa, byte[] src, int srcOff, int len) {
        checkRam(pa, len, AccessKind.STORE);
        while (len > 0) {
            int off = (int) pa & (FRAME_SIZE - 1);
            int n = Math.min(len, FRAME_SIZE - off);
            Frame f = frame(pa, AccessKind.STORE);
            System.arraycopy(src, srcOff, f.data, off, n);
            f.written();
            f.clearTags(off, n);
            pa += n;
            srcOff += n;
            len -= n;
        }
    }

    /** Fills {@code len} bytes with {@code value} as data stores (clearing tags). */
    public void fill(long pa, long len, byte value) {
        checkRam(pa, len, AccessKind.STORE);
        while (len > 0) {
            int off = (int) pa & (FRAME_SIZE - 1);
            int n = (int) Math.min(len, FRAME_SIZE - off);
            Frame f = value == 0 ? frameIfPresent(pa, AccessKind.STORE) : frame(pa, AccessKind.STORE);
            if (f != null) { // an untouched frame already reads as zeros
                Arrays.fill(f.data, off, off + n, value);
                f.written();
                f.clearTags(off, n);
            }
            pa += n;
            len -= n;
        }
    }

    /**
     * Copies {@code len} bytes as data (like memcpy of bytes: the destination's overlapped tags are cleared,
     * no tag is carried). Overlapping ranges behave like memmove.
     */
    public void copy(long srcPa, long dstPa, long len) {
        checkRam(srcPa, len, AccessKind.LOAD);
        checkRam(dstPa, len, AccessKind.STORE);
        if (len == 0) {
            return;
        }
        if (len <= Integer.MAX_VALUE - 8 && len <= (1 << 20)) {
            byte[] buf = new byte[(int) len];
            readBytes(srcPa, buf, 0, (int) len);
            writeBytes(dstPa, buf, 0, (int) len);
        } else {
            // Large copies go through a bounded buffer, in the direction that is safe for overlap.
            byte[] buf = new byte[1 << 20];
            boolean backwards = dstPa > srcPa && dstPa < srcPa + len;
            long done = 0;
            while (done < len) {
                int n = (int) Math.min(buf.length, len - done);
                long at = backwards ? len - done - n : done;
                readBytes(srcPa + at, buf, 0, n);
                writeBytes(dstPa + at, buf, 0, n);
                done += n;
            }
        }
        bytesCopied.add(len);
    }

    /**
     * Copies one 4 KiB page with its tags (the OS's tag-preserving page copy: fork, CoW, CoPA). Both addresses
     * are rounded down to their frame.
     */
    public void copyPage(long srcPa, long dstPa) {
        Frame src = frameIfPresent(srcPa, AccessKind.CAP_LOAD);
        if (src == null) {
            zeroFrame(dstPa);
        } else {
            Frame dst = frame(dstPa, AccessKind.CAP_STORE);
            if (dst != src) {
                System.arraycopy(src.data, 0, dst.data, 0, FRAME_SIZE);
                System.arraycopy(src.tags, 0, dst.tags, 0, src.tags.length);
                dst.written();
            }
        }
        pagesCopied.inc();
        bytesCopied.add(FRAME_SIZE);
    }

    /** Zeroes one 4 KiB page and clears its tags (rounded down to its frame). */
    public void zeroPage(long pa) {
        zeroFrame(pa);
        pagesZeroed.inc();
    }

    private void zeroFrame(long pa) {
        Frame f = frameIfPresent(pa, AccessKind.STORE);
        if (f != null) {
            Arrays.fill(f.data, (byte) 0);
            Arrays.fill(f.tags, 0);
            f.written();
        }
    }

    /**
     * Finds the tagged granules of the page holding {@code pagePa}: writes their indices (0..255, ascending)
     * to {@code out} and returns how many. Uses the tag words directly (lowest-set-bit iteration), so the cost
     * is proportional to the number of tags, not of granules.
     *
     * @param out at least 256 entries long
     */
    public int scanTags(long pagePa, int[] out) {
        if (out.length < GRANULES_PER_FRAME) {
            throw new IllegalArgumentException("tag scan output needs room for 256 granules, has " + out.length);
        }
        Frame f = frameIfPresent(pagePa, AccessKind.CAP_LOAD);
        tagScans.inc();
        if (f == null) {
            return 0;
        }
        int n = 0;
        for (int w = 0; w < f.tags.length; w++) {
            long bits = f.tags[w];
            while (bits != 0) {
                out[n++] = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
            }
        }
        tagsFound.add(n);
        return n;
    }

    /** Calls {@code action} with the index (0..255) of each tagged granule of the page, ascending. */
    public void forEachTaggedGranule(long pagePa, IntConsumer action) {
        int[] idx = new int[GRANULES_PER_FRAME];
        int n = scanTags(pagePa, idx);
        for (int i = 0; i < n; i++) {
            action.accept(idx[i]);
        }
    }

    /** The number of tagged granules in the page holding {@code pagePa}. */
    public int tagCount(long pagePa) {
        Frame f = frameIfPresent(pagePa, AccessKind.CAP_LOAD);
        return f == null ? 0 : f.tagCount();
    }

    // ---------------------------------------------------------------- checks

    private void checkRam(long pa, long len, AccessKind access) {
        if (len < 0) {
            throw new IllegalArgumentException("negative length " + len);
        }
        if (!map.contains(pa, Math.max(len, 1))) {
            long bad = pa;
            if (map.contains(pa, 1)) {
                // Report the first byte outside RAM, as the hardware would when it reaches it.
                while (map.contains(bad, 1)) {
                    bad = (bad | (FRAME_SIZE - 1)) + 1;
                }
            }
            throw ArchitecturalFault.atPa(FaultKind.EXTERNAL_ABORT, bad, access, "outside RAM");
        }
    }

    private static void checkCapAligned(long pa, AccessKind access) {
        if ((pa & (GRANULE_SIZE - 1)) != 0) {
            throw ArchitecturalFault.atPa(FaultKind.ALIGNMENT, pa, access, "capability access not 16-byte aligned");
        }
    }

    private static void checkSize(int size) {
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw new IllegalArgumentException("access size " + size + " is not 1, 2, 4 or 8");
        }
    }

    @Override
    public String toString() {
        return map + String.format("%n  %,d frames touched (%s of host memory)", framesAllocated,
                PhysicalMap.humanSize(hostBytes()));
    }
}
