package org.uforklab.sasos.net;

import java.util.ArrayDeque;
import java.util.Arrays;
import org.uforklab.sasos.fs.FileObject;
import org.uforklab.sasos.sched.Scheduler;
import org.uforklab.sasos.sched.WaitQueue;

/**
 * An accepted TCP connection. The server side is a {@link FileObject} a guest reads and writes through its
 * descriptor; the client side is the host's: {@link #send} queues bytes that arrive at a given emulated cycle
 * (a network with latency), and everything the server writes goes to the connection's {@link Peer} with the
 * cycle it was written at. A read before the next bytes have arrived blocks until they do ({@link #readableAt()}),
 * so the guest's thread yields its core for the network's latency; a read with nothing on the way blocks until
 * the client sends. The client closes with {@link #finish} (end of file once the FIN has arrived); the server by
 * closing its last descriptor ({@link Peer#closedByServer}).
 */
public final class Connection implements FileObject {

    /** The client side: hears what the server writes, and when it closes the connection. */
    public interface Peer {
        /** The server wrote {@code data} at emulated cycle {@code cycle} (of the writing core). */
        void received(Connection c, byte[] data, long cycle);

        /** The server closed the connection (its last descriptor to it, or the listener dropped it unaccepted). */
        default void closedByServer(Connection c) {
        }
    }

    /** Bytes from the client arriving at a cycle; {@code data == null} is the client's FIN. */
    private record Segment(long arrival, byte[] data) {
    }

    private final int id;
    private final Scheduler scheduler;
    private final NetworkCosts costs;
    private final Peer peer;
    private final ArrayDeque<Segment> inbound = new ArrayDeque<>();
    private final WaitQueue readWait;
    private int headOffset;
    private boolean finQueued;
    private boolean serverClosed;
    private long lastCycle;
    private long bytesIn;
    private long bytesOut;
    private long writes;

    Connection(int id, Scheduler scheduler, NetworkCosts costs, Peer peer) {
        this.id = id;
        this.scheduler = scheduler;
        this.costs = costs;
        this.peer = java.util.Objects.requireNonNull(peer, "peer");
        this.readWait = new WaitQueue("conn " + id + " read");
    }

    // ------------------------------------------------------------------ client side (the host)

    /**
     * The client sends {@code data}, arriving at the server at cycle {@code arrival}; {@code now} is the cycle
     * at which the host acts (readers blocked with nothing on the way are woken then and sleep until the arrival).
     *
     * @throws IllegalStateException after {@link #finish}
     */
    public void send(byte[] data, long arrival, long now) {
        if (finQueued) {
            throw new IllegalStateException("connection " + id + ": the client already closed it");
        }
        if (data.length == 0) {
            return;
        }
        inbound.addLast(new Segment(arrival, data.clone()));
        scheduler.wakeAll(readWait, now);
    }

    /** The client closes: after the bytes already sent, reads return end of file from cycle {@code arrival} on. */
    public void finish(long arrival, long now) {
        if (!finQueued) {
            finQueued = true;
            inbound.addLast(new Segment(arrival, null));
            scheduler.wakeAll(readWait, now);
        }
    }

    // ------------------------------------------------------------------ server side (the guest's descriptor)

    /**
     * Reads what has arrived by cycle {@code now}: up to {@code max} bytes, 0 once the client's FIN has arrived,
     * else {@link #BLOCK} ({@link #readableAt()} says until when).
     */
    @Override
    public long read(byte[][] dst, int max, long now) {
        lastCycle = Math.max(lastCycle, now);
        Segment head = inbound.peekFirst();
        if (head == null || head.arrival() > now) {
            return BLOCK;
        }
        if (head.data() == null) {
            dst[0] = new byte[0];
            return 0;
        }
        byte[] out = new byte[max];
        int n = 0;
        while (n < max && (head = inbound.peekFirst()) != null && head.data() != null && head.arrival() <= now) {
            int k = Math.min(max - n, head.data().length - headOffset);
            System.arraycopy(head.data(), headOffset, out, n, k);
            n += k;
            headOffset += k;
            if (headOffset == head.data().length) {
                inbound.pollFirst();
                headOffset = 0;
            }
        }
        bytesIn += n;
        dst[0] = n == max ? out : Arrays.copyOf(out, n);
        return n;
    }

    /** A read at the latest cycle this connection has seen (a host-side read without a clock). */
    @Override
    public long read(byte[][] dst, int max) {
        return read(dst, max, lastCycle);
    }

    /** When a read that blocked can proceed: the arrival of the next bytes or FIN, or -1 if the client has sent nothing. */
    @Override
    public long readableAt() {
        Segment head = inbound.peekFirst();
        return head == null ? -1 : head.arrival();
    }

    /**
     * Sends {@code src} to the client at cycle {@code now}. The client's FIN is a half-close, so writes after it
     * still reach the client (which may ignore them).
     */
    @Override
    public long write(byte[] src, long now) {
        lastCycle = Math.max(lastCycle, now);
        if (src.length > 0) {
            bytesOut += src.length;
            writes++;
            peer.received(this, src.clone(), now);
        }
        return src.length;
    }

    /** A write at the latest cycle this connection has seen (a host-side write without a clock). */
    @Override
    public long write(byte[] src) {
        return write(src, lastCycle);
    }

    /** The network stack's work for a transfer of {@code bytes}: per segment ({@link NetworkCosts}). */
    @Override
    public long transferCycles(long bytes) {
        return costs.cycles(bytes);
    }

    @Override
    public void release() {
        if (!serverClosed) {
            serverClosed = true;
            peer.closedByServer(this);
        }
    }

    @Override
    public WaitQueue readQueue() {
        return readWait;
    }

    // ------------------------------------------------------------------ inspection

    /** The connection's number on its listener. */
    public int id() {
        return id;
    }

    /** The client side. */
    public Peer peer() {
        return peer;
    }

    /** Whether the server has closed it. */
    public boolean isClosedByServer() {
        return serverClosed;
    }

    /** Whether the client has closed it. */
    public boolean isClosedByClient() {
        return finQueued;
    }

    /** Bytes the server has read. */
    public long bytesIn() {
        return bytesIn;
    }

    /** Bytes the server has written. */
    public long bytesOut() {
        return bytesOut;
    }

    /** Writes the server made. */
    public long writes() {
        return writes;
    }

    @Override
    public String describe() {
        return "tcp connection " + id + " (" + bytesIn + " B in, " + bytesOut + " B out" + (finQueued ? ", client closed" : "")
                + (serverClosed ? ", server closed" : "") + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
