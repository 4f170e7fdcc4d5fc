package org.uforklab.sasos.mm;

import java.util.ArrayDeque;
import org.uforklab.machine.access.CheckedAccess;
import org.uforklab.machine.mem.FrameSource;
import org.uforklab.machine.mem.MemoryRegion;

/**
 * The physical frame allocator: hands out 4 KiB frames from the DRAM regions, reusing freed frames first
 * (they are zeroed on reuse through the checked path, which charges the page-zero cost; never-used frames
 * read as zero already, as a slot's memory is zero from boot in the μFork artifact).
 *
 * <p>It also owns the {@linkplain #zeroFrame() zero frame}: one frame that is never written, mapped read-only
 * wherever memory is demand-zero (a µprocess's static heap), so an untouched page costs a PTE and no frame.
 */
public final class FrameAllocator implements FrameSource {
    private final java.util.List<MemoryRegion> regions;
    private final CheckedAccess zeroer;
    private final ArrayDeque<Long> free = new ArrayDeque<>();
    private int region;
    private long next;
    private long allocated;
    private long freed;
    private long reserved;
    private long zeroFrame = -1;

    /**
     * @param regions DRAM regions to allocate from
     * @param zeroer  the access path whose page-zero cost is charged when a freed frame is reused
     */
    public FrameAllocator(java.util.List<MemoryRegion> regions, CheckedAccess zeroer) {
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("no memory regions to allocate frames from");
        }
        this.regions = java.util.List.copyOf(regions);
        this.zeroer = zeroer;
        this.next = regions.get(0).base();
    }

    /** Takes {@code bytes} (page multiple) off the bottom of the first region for a fixed use; returns its PA. */
    public long reserve(long bytes) {
        if (allocated != 0 || region != 0) {
            throw new IllegalStateException("reserve only before the first allocation");
        }
        long pa = next;
        next += VirtualLayout.pageUp(bytes);
        reserved += VirtualLayout.pageUp(bytes);
        return pa;
    }

    @Override
    public long allocateFrame() {
        allocated++;
        Long f = free.pollFirst();
        if (f != null) {
            zeroer.zeroPagePhysical(f);
            return f;
        }
        while (region < regions.size()) {
            MemoryRegion r = regions.get(region);
            if (next + VirtualLayout.PAGE <= r.end()) {
                long pa = next;
                next += VirtualLayout.PAGE;
                return pa;
            }
            region++;
            if (region < regions.size()) {
                next = regions.get(region).base();
            }
        }
        allocated--;
        throw new IllegalStateException("out of physical memory: " + this);
    }

    /**
     * The shared zero frame: allocated on first use, never written (only ever mapped read-only) and never freed,
     * so it reads as zeros for as long as the machine runs.
     */
    public long zeroFrame() {
        if (zeroFrame < 0) {
            zeroFrame = allocateFrame();
        }
        return zeroFrame;
    }

    /** Whether {@code pa} is the zero frame. */
    public boolean isZeroFrame(long pa) {
        return pa == zeroFrame && zeroFrame >= 0;
    }

    /** Returns a frame to the allocator (the zero frame stays: every demand-zero page maps it). */
    public void free(long pa) {
        if ((pa & 0xFFF) != 0) {
            throw new IllegalArgumentException(String.format("frame 0x%x is not page aligned", pa));
        }
        if (isZeroFrame(pa)) {
            return;
        }
        free.addLast(pa);
        freed++;
    }

    /** Frames in use. */
    public long inUse() {
        return allocated - freed;
    }

    /** Total frames the regions hold. */
    public long totalFrames() {
        long t = 0;
        for (MemoryRegion r : regions) {
            t += r.size() / VirtualLayout.PAGE;
        }
        return t;
    }

    @Override
    public String toString() {
        return String.format("FrameAllocator(%d frames in use = %d KiB, %d freed for reuse, %d KiB reserved, %d frames total)",
                inUse(), inUse() * 4, free.size(), reserved >> 10, totalFrames());
    }
}
