package org.uforklab.sasos.proc;

/**
 * Per-launch sizes of a µprocess region.
 *
 * @param heapSize   static heap mapped at load (the paper's Redis build used 136.7 MB)
 * @param heapMax    heap reserved in the region (growth up to here with {@code heap_grow})
 * @param stackSize  bytes of stack per thread
 * @param maxThreads stacks and TLS blocks reserved
 * @param mmapSize   bytes reserved for anonymous mmap
 */
public record LaunchOptions(long heapSize, long heapMax, long stackSize, int maxThreads, long mmapSize) {

    /** Validates sizes (page multiples, heap within its reservation). */
    public LaunchOptions {
        for (long v : new long[] {heapSize, heapMax, stackSize, mmapSize}) {
            if (v < 0 || (v & 0xFFF) != 0) {
                throw new IllegalArgumentException("region sizes must be non-negative multiples of 4 KiB, got " + v);
            }
        }
        if (heapSize > heapMax) {
            throw new IllegalArgumentException("heap size " + heapSize + " exceeds its reservation " + heapMax);
        }
        if (stackSize < 4096 || maxThreads < 1 || maxThreads > 64) {
            throw new IllegalArgumentException("need a stack of at least 4 KiB and 1..64 threads");
        }
    }

    /** 64 KiB heap (256 KiB reserved), 16 KiB stacks, 4 threads, 64 KiB of mmap space. */
    public static LaunchOptions defaults() {
        return new LaunchOptions(64 << 10, 256 << 10, 16 << 10, 4, 64 << 10);
    }

    /** Copy with another static heap size (the reservation grows to at least it). */
    public LaunchOptions withHeap(long bytes) {
        long b = (bytes + 0xFFF) & -4096L;
        return new LaunchOptions(b, Math.max(heapMax, b), stackSize, maxThreads, mmapSize);
    }

    /** Copy with another heap reservation. */
    public LaunchOptions withHeapMax(long bytes) {
        return new LaunchOptions(heapSize, bytes, stackSize, maxThreads, mmapSize);
    }

    /** Copy with another thread count. */
    public LaunchOptions withMaxThreads(int n) {
        return new LaunchOptions(heapSize, heapMax, stackSize, n, mmapSize);
    }

    /** Copy with another stack size. */
    public LaunchOptions withStackSize(long bytes) {
        return new LaunchOptions(heapSize, heapMax, bytes, maxThreads, mmapSize);
    }
}
