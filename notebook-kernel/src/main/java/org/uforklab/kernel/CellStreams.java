package org.uforklab.kernel;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The stdout and stderr a cell writes to, buffered and forwarded to Jupyter's stream messages.
 *
 * <p>Order is kept across the two streams: writing to one first sends what the other holds, and
 * {@link #flush()} runs before every display or result, so the notebook shows output in the order the cell
 * produced it. Text is sent at most every {@value #LINGER_MS} ms while lines keep coming (a loop printing
 * 100 000 lines becomes a few dozen messages), and a timer calls {@link #flushIfDue()} so that a line printed
 * before a long computation still appears at once. Buffers are cut at UTF-8 character boundaries only.
 */
final class CellStreams {

    /** How long printed text may wait for more before it is sent. */
    static final long LINGER_MS = 50;
    /** Bytes after which a buffer is sent whatever the time. */
    static final int MAX_BUFFER = 1 << 16;

    private final Buffer out;
    private final Buffer err;
    private final Object lock = new Object();
    private final PrintStream outStream;
    private final PrintStream errStream;

    /** Streams forwarding to {@code stdout} and {@code stderr} (jjava's Jupyter streams, or any sink in tests). */
    CellStreams(PrintStream stdout, PrintStream stderr) {
        this.out = new Buffer(stdout);
        this.err = new Buffer(stderr);
        this.outStream = new PrintStream(new Sink(out, err), false, StandardCharsets.UTF_8);
        this.errStream = new PrintStream(new Sink(err, out), false, StandardCharsets.UTF_8);
    }

    /** What cells see as System.out. */
    PrintStream out() {
        return outStream;
    }

    /** What cells see as System.err. */
    PrintStream err() {
        return errStream;
    }

    /** Sends everything buffered, stdout first (stderr is flushed before any stdout write already). */
    void flush() {
        outStream.flush();
        errStream.flush();
        synchronized (lock) {
            out.send(true);
            err.send(true);
        }
    }

    /** Sends buffers that have waited longer than {@link #LINGER_MS}. */
    void flushIfDue() {
        synchronized (lock) {
            long now = System.nanoTime();
            if (out.due(now)) {
                out.send(true);
            }
            if (err.due(now)) {
                err.send(true);
            }
        }
    }

    /** One stream's pending bytes. */
    private static final class Buffer {
        private final PrintStream target;
        private byte[] bytes = new byte[1024];
        private int count;
        private long firstPendingNanos;

        Buffer(PrintStream target) {
            this.target = target;
        }

        void append(byte[] b, int off, int len) {
            if (count == 0) {
                firstPendingNanos = System.nanoTime();
            }
            if (count + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + len));
            }
            System.arraycopy(b, off, bytes, count, len);
            count += len;
        }

        boolean due(long now) {
            return count > 0 && now - firstPendingNanos >= LINGER_MS * 1_000_000L;
        }

        /** Sends the complete UTF-8 prefix (everything when {@code all} and the tail is complete). */
        void send(boolean all) {
            if (count == 0) {
                return;
            }
            int n = completePrefix(bytes, count);
            if (n == 0) {
                return;
            }
            target.write(bytes, 0, n);
            target.flush();
            System.arraycopy(bytes, n, bytes, 0, count - n);
            count -= n;
            if (count > 0) {
                firstPendingNanos = System.nanoTime();
            }
        }
    }

    /** The length of the longest prefix of {@code b[0..count)} that ends on a UTF-8 character boundary. */
    static int completePrefix(byte[] b, int count) {
        int i = count - 1;
        int back = 0;
        while (i >= 0 && back < 4 && (b[i] & 0xC0) == 0x80) {
            i--;
            back++;
        }
        if (i < 0) {
            return count;
        }
        int lead = b[i] & 0xFF;
        int need = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return count - i >= need ? count : i;
    }

    /** The OutputStream behind one PrintStream: flushes the other stream first, keeps order. */
    private final class Sink extends OutputStream {
        private final Buffer mine;
        private final Buffer other;

        Sink(Buffer mine, Buffer other) {
            this.mine = mine;
            this.other = other;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (lock) {
                other.send(true);
                mine.append(b, off, len);
                long now = System.nanoTime();
                if (mine.count >= MAX_BUFFER || mine.due(now)) {
                    mine.send(true);
                }
            }
        }
    }
}
