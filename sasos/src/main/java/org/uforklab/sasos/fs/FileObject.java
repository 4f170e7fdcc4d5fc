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
