package org.uforklab.sasos.net;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.uforklab.sasos.fs.FileObject;
import org.uforklab.sasos.sched.Scheduler;
import org.uforklab.sasos.sched.WaitQueue;

/**
 * A listening TCP socket: the host connects clients ({@link #connect}), each arriving at an emulated cycle, and
 * guests take them from the backlog with the {@code accept} system call, which blocks (yielding the core) while
 * none has arrived. Installed in a µprocess's descriptor table by the host, it is inherited across fork, so every
 * worker of a pre-forking server accepts from the same backlog. {@link #shutdown} makes accept fail with EINVAL
 * (Linux's answer on a listener shut down), which ends the workers' accept loops.
 */
public final class Listener implements FileObject {
    /** Segments of the TCP handshake the server's stack handles per accepted connection (SYN, SYN-ACK, ACK). */
    public static final int HANDSHAKE_SEGMENTS = 3;

    private record Pending(long arrival, Connection connection) {
    }

    private final String name;
    private final Scheduler scheduler;
    private final NetworkCosts costs;
    private final ArrayDeque<Pending> backlog = new ArrayDeque<>();
    private final List<Connection> connections = new ArrayList<>();
    private final WaitQueue acceptWait;
    private boolean shutdown;
    private long accepted;

    /**
     * @param name      for descriptor listings (e.g. {@code "0.0.0.0:80"})
     * @param scheduler the kernel's scheduler, to wake threads blocked in accept or read
     * @param costs     the network stack's costs
     */
    public Listener(String name, Scheduler scheduler, NetworkCosts costs) {
        this.name = name;
        this.scheduler = java.util.Objects.requireNonNull(scheduler);
        this.costs = java.util.Objects.requireNonNull(costs);
        this.acceptWait = new WaitQueue("listen " + name + " accept");
    }

    /**
     * A client connects: its connection joins the backlog at cycle {@code arrival}; {@code now} is when the host
     * acts (threads blocked in accept wake then).
     *
     * @throws IllegalStateException after {@link #shutdown}
     */
    public Connection connect(Connection.Peer peer, long arrival, long now) {
        if (shutdown) {
            throw new IllegalStateException("listener " + name + " is shut down");
        }
        Connection c = new Connection(connections.size() + 1, scheduler, costs, peer);
        connections.add(c);
        backlog.addLast(new Pending(arrival, c));
        scheduler.wakeAll(acceptWait, now);
        return c;
    }

    /**
     * What accept at cycle {@code now} would do: 0 if a connection is ready to {@link #take}, {@link #BLOCK} to wait
     * ({@link #readableAt()}), -EINVAL once shut down.
     */
    public long acceptable(long now) {
        if (shutdown) {
            return -22;
        }
        Pending p = backlog.peekFirst();
        return p != null && p.arrival() <= now ? 0 : BLOCK;
    }

    /**
     * Takes the oldest arrived connection off the backlog.
     *
     * @throws IllegalStateException unless {@link #acceptable} said 0
     */
    public Connection take(long now) {
        if (acceptable(now) != 0) {
            throw new IllegalStateException("no connection ready on " + name);
        }
        accepted++;
        return backlog.pollFirst().connection();
    }

    /** Puts a connection taken but not installed (descriptor table full) back at the head of the backlog. */
    public void putBack(Connection c, long now) {
        accepted--;
        backlog.addFirst(new Pending(now, c));
    }

    /** Stops accepting at cycle {@code now}: connections still in the backlog are dropped, accept fails from now on. */
    public void shutdown(long now) {
        if (shutdown) {
            return;
        }
        shutdown = true;
        for (Pending p : backlog) {
            p.connection().release();
        }
        backlog.clear();
        scheduler.wakeAll(acceptWait, now);
    }

    /** The network stack's work to accept one connection (the handshake's segments). */
    public long acceptCycles() {
        return HANDSHAKE_SEGMENTS * costs.segmentCycles();
    }

    /** When a blocked accept can proceed: the next arrival, or -1 if no client is on the way. */
    @Override
    public long readableAt() {
        Pending p = backlog.peekFirst();
        return p == null ? -1 : p.arrival();
    }

    /** Listening sockets carry no data: ENOTCONN. */
    @Override
    public long read(byte[][] dst, int max) {
        return -107;
    }

    /** Listening sockets carry no data: ENOTCONN. */
    @Override
    public long write(byte[] src) {
        return -107;
    }

    @Override
    public WaitQueue readQueue() {
        return acceptWait;
    }

    /** Whether {@link #shutdown} was called. */
    public boolean isShutdown() {
        return shutdown;
    }

    /** Connections taken by accept so far. */
    public long accepted() {
        return accepted;
    }

    /** Connections waiting in the backlog. */
    public int backlog() {
        return backlog.size();
    }

    /** Every connection made, in order. */
    public List<Connection> connections() {
        return List.copyOf(connections);
    }

    /** The network costs. */
    public NetworkCosts costs() {
        return costs;
    }

    @Override
    public String describe() {
        return "tcp listener " + name + " (" + backlog.size() + " in backlog, " + accepted + " accepted" + (shutdown ? ", shut down" : "") + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
