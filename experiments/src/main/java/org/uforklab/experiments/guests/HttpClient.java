package org.uforklab.experiments.guests;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.BiConsumer;
import org.uforklab.sasos.net.Connection;

/**
 * The client end of one emulated TCP connection speaking HTTP/1.1: it frames the responses the server writes
 * (in the order of the requests, as HTTP/1.1 requires) and hands each, with the cycle its last byte left the
 * server, to a callback.
 */
public final class HttpClient implements Connection.Peer {
    private final BiConsumer<HttpClient, Completed> onResponse;
    private final ArrayDeque<Boolean> bodyExpected = new ArrayDeque<>();
    private byte[] buf = new byte[2048];
    private int len;
    private Connection connection;
    private boolean closedByServer;
    private long responses;

    /** A response and the emulated cycle at which the server wrote its last byte. */
    public record Completed(HttpResponse response, long cycle) {
    }

    /** A client whose responses go to {@code onResponse}. */
    public HttpClient(BiConsumer<HttpClient, Completed> onResponse) {
        this.onResponse = onResponse;
    }

    /** Binds it to the connection the listener made for it. */
    void bind(Connection c) {
        this.connection = c;
    }

    /** Sends a request arriving at the server at {@code arrival}; {@code head} says whether it is HEAD (no body comes back). */
    public void send(byte[] request, boolean head, long arrival, long now) {
        bodyExpected.addLast(!head);
        connection.send(request, arrival, now);
    }

    /** Sends raw bytes that hold {@code requests} requests (pipelining), none of them HEAD. */
    public void sendPipelined(byte[] bytes, int requests, long arrival, long now) {
        for (int i = 0; i < requests; i++) {
            bodyExpected.addLast(true);
        }
        connection.send(bytes, arrival, now);
    }

    /** Closes the client's side; the FIN arrives at {@code arrival}. */
    public void close(long arrival, long now) {
        connection.finish(arrival, now);
    }

    @Override
    public void received(Connection c, byte[] data, long cycle) {
        if (len + data.length > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + data.length));
        }
        System.arraycopy(data, 0, buf, len, data.length);
        len += data.length;
        while (!bodyExpected.isEmpty()) {
            HttpResponse.Parsed p = HttpResponse.parse(buf, len, bodyExpected.peekFirst());
            if (p == null) {
                return;
            }
            bodyExpected.pollFirst();
            System.arraycopy(buf, p.consumed(), buf, 0, len - p.consumed());
            len -= p.consumed();
            responses++;
            onResponse.accept(this, new Completed(p.response(), cycle));
        }
        if (len > 0) {
            throw new IllegalStateException("connection " + c.id() + ": " + len + " bytes from the server with no request outstanding");
        }
    }

    @Override
    public void closedByServer(Connection c) {
        closedByServer = true;
    }

    /** Whether the server closed the connection. */
    public boolean closedByServer() {
        return closedByServer;
    }

    /** Requests sent that have no complete response yet. */
    public int outstanding() {
        return bodyExpected.size();
    }

    /** Responses received. */
    public long responses() {
        return responses;
    }

    /** The connection. */
    public Connection connection() {
        return connection;
    }

    @Override
    public String toString() {
        return "HttpClient(" + (connection == null ? "unconnected" : connection.describe()) + ", " + responses + " responses"
                + (closedByServer ? ", closed by the server" : "") + ")";
    }
}
