package org.uforklab.sasos.fs;

import org.uforklab.sasos.sched.WaitQueue;

/**
 * A pipe: a bounded byte ring with reader and writer ends. Reads block while it is empty and writers remain
 * (0 = end of file once none remain); writes block while it is full and fail with EPIPE without readers.
 */
public final class Pipe {
    /** Capacity in bytes (Linux's page-sized pipe buffer). */
    public static final int CAPACITY = 4096;

    private final int id;
    private final byte[] ring = new byte[CAPACITY];
    private int head;
    private int count;
    private int readers = 1;
    private int writers = 1;
    private final WaitQueue readWait;
    private final WaitQueue writeWait;

    /** A pipe with one reader end and one writer end. */
    public Pipe(int id) {
        this.id = id;
        this.readWait = new WaitQueue("pipe " + id + " read");
        this.writeWait = new WaitQueue("pipe " + id + " write");
    }

    /** The read end. */
    public FileObject readEnd() {
        return new End(false);
    }

    /** The write end. */
    public FileObject writeEnd() {
        return new End(true);
    }

    /** Bytes buffered. */
    public int buffered() {
        return count;
    }

    private final class End implements FileObject {
        private final boolean writer;

        End(boolean writer) {
            this.writer = writer;
        }

        @Override
        public long read(byte[][] dst, int max) {
            if (writer) {
                return -9;
            }
            if (count == 0) {
                return writers == 0 ? 0 : BLOCK;
            }
            int n = Math.min(max, count);
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) {
                out[i] = ring[(head + i) % CAPACITY];
            }
            head = (head + n) % CAPACITY;
            count -= n;
            dst[0] = out;
            return n;
        }

        @Override
        public long write(byte[] src) {
            if (!writer) {
                return -9;
            }
            if (readers == 0) {
                return -32;
            }
            if (src.length == 0) {
                return 0;
            }
            int space = CAPACITY - count;
            if (space == 0) {
                return BLOCK;
            }
            int n = Math.min(space, src.length);
            for (int i = 0; i < n; i++) {
                ring[(head + count + i) % CAPACITY] = src[i];
            }
            count += n;
            return n;
        }

        @Override
        public void release() {
            if (writer) {
                writers--;
            } else {
                readers--;
            }
        }

        @Override
        public WaitQueue readQueue() {
            return readWait;
        }

        @Override
        public WaitQueue writeQueue() {
            return writeWait;
        }

        @Override
        public String describe() {
            return "pipe " + id + (writer ? " write end" : " read end") + " (" + count + " B buffered)";
        }
    }

    /** Wakers: the queue of the other side of an end. */
    public WaitQueue readWait() {
        return readWait;
    }

    /** Writers' queue. */
    public WaitQueue writeWait() {
        return writeWait;
    }

    @Override
    public String toString() {
        return "Pipe " + id + ": " + count + "/" + CAPACITY + " B, " + readers + " reader(s), " + writers + " writer(s)";
    }
}
