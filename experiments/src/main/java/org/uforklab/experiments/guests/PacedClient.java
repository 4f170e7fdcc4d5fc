package org.uforklab.experiments.guests;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.fs.FileObject;
import org.uforklab.sasos.fs.Pipe;
import org.uforklab.sasos.proc.GuestThread;
import org.uforklab.sasos.proc.MicroProcess;

/**
 * A client of a {@link KvStore} that sends each request at a chosen emulated time and runs the kernel only until
 * the reply is back, so other µprocesses (a BGSAVE child dumping on another core) keep running in between and
 * after: requests and the snapshot interleave in emulated time, as a Redis server serves clients while its
 * child saves. {@link KvStore#call} instead runs the kernel until nothing can run, i.e. a snapshot to its end.
 *
 * <p>A request due at cycle {@code at} becomes readable then (the server wakes no earlier); if the server is
 * still busy it waits, so a reply's latency is open-loop: queueing plus service. The reply time is the server's
 * core clock when the last reply byte is in the pipe, read between scheduler slices: the server has just written
 * it and blocked for the next request (a bias of one reap and one read call, the same with or without a
 * snapshot).
 */
public final class PacedClient {
    private static final int HEADER = 32;

    private final KvStore kv;
    private final Kernel kernel;
    private final KvStore.Connection conn;

    /**
     * A timed reply.
     *
     * @param status   ≥ 0 success, −errno
     * @param payload  the payload bytes
     * @param sentAt    cycle at which the request became readable
     * @param startedAt cycle at which the server could start on it: when it became readable, or later when the
     *                  server was still busy with the previous one
     * @param repliedAt the server's cycle when the whole reply was in the pipe
     */
    public record TimedReply(long status, byte[] payload, long sentAt, long startedAt, long repliedAt) {
        /** Cycles from the request to its reply (queueing and service): what the client waits. */
        public long latencyCycles() {
            return repliedAt - sentAt;
        }

        /** Cycles the server took from being free for the request to its reply (service, without queueing). */
        public long serviceCycles() {
            return repliedAt - startedAt;
        }

        @Override
        public String toString() {
            return "TimedReply(status " + status + ", " + payload.length + " B, " + latencyCycles() + " cycles)";
        }
    }

    /** A paced client of {@code kv} (the same connection: do not interleave with {@link KvStore#call}). */
    public PacedClient(KvStore kv) {
        this.kv = kv;
        this.kernel = kv.kernel();
        this.conn = kv.connection();
    }

    /** The server's thread (the kvstore is single-threaded). */
    private GuestThread server() {
        return kv.process().threads().get(0);
    }

    /** The server core's clock (cycles). */
    public long serverCycles() {
        return kernel.cpu(server().core()).core().cycles().cycles();
    }

    /** The clock of the core {@code p}'s first thread ran on (its end time, once it is dead and its core idle). */
    public long coreCyclesOf(MicroProcess p) {
        return kernel.cpu(p.threads().get(0).core()).core().cycles().cycles();
    }

    /** Runs scheduler slices until {@code stop} holds or nothing can run. */
    public void runUntil(BooleanSupplier stop) {
        kernel.runUntil(stop, Long.MAX_VALUE);
    }

    private boolean serverWaitsForRequest() {
        GuestThread t = server();
        return t.state() == GuestThread.State.BLOCKED && t.blockedOn() == conn.requests().readWait();
    }

    /**
     * Sends one request, readable from cycle {@code at}, and runs until its whole reply is back.
     *
     * @throws IllegalStateException if the server dies or stops answering
     */
    public TimedReply send(long at, int op, byte[] key, byte[] value, long arg0, long arg1) {
        // a request must not be readable before its time: let the server finish the previous one and block first
        runUntil(() -> serverWaitsForRequest() || kv.process().isDead());
        long startedAt = Math.max(at, serverCycles());
        ByteBuffer req = ByteBuffer.allocate(HEADER + key.length + value.length).order(ByteOrder.LITTLE_ENDIAN);
        req.putInt(op).putInt(key.length).putLong(value.length).putLong(arg0).putLong(arg1).put(key).put(value);
        byte[] out = req.array();
        int sent = 0;
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        while (true) {
            check(op, in.size());
            boolean progress = false;
            if (sent < out.length) {
                long n = conn.requestWriter().write(Arrays.copyOfRange(out, sent, Math.min(out.length, sent + Pipe.CAPACITY)));
                if (n > 0) {
                    sent += (int) n;
                    progress = true;
                    kernel.scheduler().wakeAll(conn.requests().readWait(), at);
                } else if (n != FileObject.BLOCK) {
                    throw new IllegalStateException("kvstore is gone (request pipe: " + n + "): " + kv.process());
                }
            }
            final int pending = out.length - sent;
            runUntil(() -> conn.replies().buffered() > 0 || pending > 0 && conn.requests().buffered() < Pipe.CAPACITY
                    || kv.process().isDead());
            byte[][] chunk = new byte[1][];
            long r;
            while ((r = conn.replyReader().read(chunk, Pipe.CAPACITY)) > 0) {
                in.write(chunk[0], 0, (int) r);
                progress = true;
                kernel.scheduler().wakeAll(conn.replies().writeWait(), serverCycles());
            }
            byte[] got = in.toByteArray();
            if (got.length >= 16) {
                ByteBuffer h = ByteBuffer.wrap(got).order(ByteOrder.LITTLE_ENDIAN);
                long status = h.getLong();
                long len = h.getLong();
                if (got.length >= 16 + len) {
                    return new TimedReply(status, Arrays.copyOfRange(got, 16, (int) (16 + len)), at, startedAt, serverCycles());
                }
            }
            if (!progress && !kernel.scheduler().hasWork()) {
                throw new IllegalStateException("kvstore stopped answering op " + op + " (" + got.length + " reply bytes): "
                        + kv.process());
            }
        }
    }

    private void check(int op, int replyBytes) {
        if (kv.process().isDead()) {
            throw new IllegalStateException("kvstore died during op " + op + " (" + replyBytes + " reply bytes): " + kv.process()
                    + (kv.process().fault() == null ? "" : " " + kv.process().fault()));
        }
    }

    /** SET key value at cycle {@code at}. */
    public TimedReply set(long at, byte[] key, byte[] value) {
        return expectOk(send(at, KvStore.OP_SET, key, value, 0, 0), "SET");
    }

    /** BGSAVE at cycle {@code at}: the status is the child's pid (or −errno). */
    public TimedReply bgsave(long at) {
        return send(at, KvStore.OP_BGSAVE, new byte[0], new byte[0], 0, 0);
    }

    private static TimedReply expectOk(TimedReply r, String what) {
        if (r.status() < 0) {
            throw new IllegalStateException("kvstore " + what + " failed with errno " + (-r.status()));
        }
        return r;
    }

    @Override
    public String toString() {
        return "PacedClient(" + kv + ")";
    }
}
