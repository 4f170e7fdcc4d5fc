package org.uforklab.machine.cpu;

/**
 * A data watchpoint: accesses overlapping {@code [start, start+length)} of the given kinds stop the run after
 * the accessing instruction completes.
 *
 * @param start  first watched virtual address
 * @param length number of bytes (at least 1)
 * @param reads  whether loads trigger it
 * @param writes whether stores trigger it
 */
public record Watchpoint(long start, long length, boolean reads, boolean writes) {
    public Watchpoint {
        if (length < 1) {
            throw new IllegalArgumentException("watchpoint length must be at least 1, not " + length);
        }
        if (!reads && !writes) {
            throw new IllegalArgumentException("a watchpoint must watch reads, writes or both");
        }
    }

    /** Whether an access of {@code size} bytes at {@code va} ({@code write} or not) hits this watchpoint. */
    public boolean hits(long va, long size, boolean write) {
        if (write ? !writes : !reads) {
            return false;
        }
        return Long.compareUnsigned(va - start, length) < 0 || Long.compareUnsigned(start - va, size) < 0;
    }
}
