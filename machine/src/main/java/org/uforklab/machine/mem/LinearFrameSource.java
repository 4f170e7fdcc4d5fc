package org.uforklab.machine.mem;

/**
 * The simplest {@link FrameSource}: hands out consecutive frames of a physical range, zeroing each. Useful
 * for tests, demos and early boot; the kernel brings its own allocator.
 */
public final class LinearFrameSource implements FrameSource {
    private final PhysicalMemory memory;
    private final long end;
    private long next;

    /** Frames from {@code [start, end)}, both 4 KiB aligned and in RAM. */
    public LinearFrameSource(PhysicalMemory memory, long start, long end) {
        if ((start & (PhysicalMemory.FRAME_SIZE - 1)) != 0 || (end & (PhysicalMemory.FRAME_SIZE - 1)) != 0 || end <= start) {
            throw new IllegalArgumentException(String.format("bad frame range [0x%x, 0x%x)", start, end));
        }
        if (!memory.contains(start, end - start)) {
            throw new IllegalArgumentException(String.format("frame range [0x%x, 0x%x) is not RAM", start, end));
        }
        this.memory = memory;
        this.next = start;
        this.end = end;
    }

    @Override
    public long allocateFrame() {
        if (next >= end) {
            throw new IllegalStateException(String.format("frame source exhausted at 0x%x", end));
        }
        long pa = next;
        next += PhysicalMemory.FRAME_SIZE;
        memory.zeroPage(pa);
        return pa;
    }

    /** The next frame that would be handed out. */
    public long next() {
        return next;
    }

    @Override
    public String toString() {
        return String.format("LinearFrameSource next=0x%x end=0x%x (%d frames left)", next, end,
                (end - next) / PhysicalMemory.FRAME_SIZE);
    }
}
