package org.uforklab.sasos.mm;

/**
 * Where things live in the single address space (all under TTBR0, as Unikraft on Morello). Kernel and
 * µprocesses share it; µprocesses are confined by capabilities, not by translation.
 */
public final class VirtualLayout {
    private VirtualLayout() {
    }

    /** Kernel text: the system-call entry stubs and the thread-exit stub. */
    public static final long KERNEL_TEXT = 0x1000_0000L;
    /** Bytes reserved for kernel text. */
    public static final long KERNEL_TEXT_SIZE = 0x1_0000L;
    /** Kernel heap (bounce buffers for TOCTTOU copies, kernel objects that live in memory). */
    public static final long KERNEL_HEAP = 0x1100_0000L;
    /** First virtual address of the µprocess area; regions are placed upwards from here. */
    public static final long PROCESS_AREA = 0x1_0000_0000L;
    /** End of the µprocess area (exclusive). */
    public static final long PROCESS_AREA_END = 0x80_0000_0000L;
    /** Page size. */
    public static final long PAGE = 4096;

    /** {@code v} rounded up to a page. */
    public static long pageUp(long v) {
        return (v + PAGE - 1) & -PAGE;
    }
}
