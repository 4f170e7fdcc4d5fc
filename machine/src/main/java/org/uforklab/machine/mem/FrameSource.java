package org.uforklab.machine.mem;

/** Where the page-table builder gets frames for new translation tables: the kernel's frame allocator. */
@FunctionalInterface
public interface FrameSource {
    /**
     * A free 4 KiB frame, zeroed; its physical address.
     *
     * @throws IllegalStateException if none is left
     */
    long allocateFrame();
}
