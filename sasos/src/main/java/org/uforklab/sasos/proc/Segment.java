package org.uforklab.sasos.proc;

/**
 * One part of a µprocess region.
 *
 * @param name   text, rodata, got, data, bss, heap, mmap, stackN, tls, guard
 * @param start  first virtual address
 * @param size   bytes reserved (page multiple)
 * @param kind   how it is mapped
 */
public record Segment(String name, long start, long size, Kind kind) {

    /** How a segment is mapped. */
    public enum Kind {
        /** Read and execute, frames shared between µprocesses of the same image. */
        CODE,
        /** Read-only data (GOT after relocation: capabilities loadable, not storable). */
        READ_ONLY,
        /** Read/write, mapped at load. */
        DATA,
        /** Reserved; mapped on demand (heap growth, mmap). */
        RESERVED,
        /** Never mapped: a translation fault catches overruns. */
        GUARD
    }

    /** End (exclusive). */
    public long end() {
        return start + size;
    }

    /** Whether {@code va} is inside. */
    public boolean contains(long va) {
        return Long.compareUnsigned(va - start, size) < 0;
    }

    @Override
    public String toString() {
        return String.format("%-8s 0x%012x-0x%012x %9s %s", name, start, end(), ProcessLayout.human(size), kind);
    }
}
