package org.uforklab.sasos.fs;

import org.uforklab.sasos.sched.WaitQueue;

/**
 * What an open file description refers to: a console, a pipe end or a RAM-file-system file. Results are byte
 * counts, {@code -errno}, or {@link #BLOCK} when the caller must wait on {@link #readQueue()} /
 * {@link #writeQueue()} and retry.
 */
public interface FileObject {
    /** The call cannot complete now: block on the relevant queue and retry. */
    long BLOCK = Long.MIN_VALUE;

    /** Reads up to {@code max} bytes into {@code dst} (its length is the count read). */
    long read(byte[][] dst, int max);

    /** Writes {@code src}; returns bytes written. */
    long write(byte[] src);

    /**
     * Reads as {@link #read(byte[][], int)} at emulated cycle {@code now} of the caller's core: objects whose data
     * arrives over time (sockets) override it; the rest ignore the time.
     */
    default long read(byte[][] dst, int max, long now) {
        return read(dst, max);
    }

    /** Writes as {@link #write(byte[])} at emulated cycle {@code now} of the caller's core (sockets override it). */
    default long write(byte[] src, long now) {
        return write(src);
    }

    /**
     * After a read returned {@link #BLOCK}: the cycle at which retrying can succeed (data already on its way), or
     * -1 when the caller must wait on {@link #readQueue()} for an event.
     */
    default long readableAt() {
        return -1;
    }

    /**
     * Kernel cycles this object's own processing of a transfer of {@code bytes} costs beyond the copy (a network
     * stack's per-segment work), charged to the caller's core; 0 for files, pipes and consoles.
     */
    default long transferCycles(long bytes) {
        return 0;
    }

    /** Seeks; pipes and consoles answer {@code -ESPIPE}. */
    default long lseek(long offset, int whence) {
        return -29;
    }

    /** Called when the last descriptor referring to it is closed. */
    default void release() {
    }

    /** Where readers wait. */
    default WaitQueue readQueue() {
        return null;
    }

    /** Where writers wait. */
    default WaitQueue writeQueue() {
        return null;
    }

    /** A short description for fd listings. */
    String describe();
}
