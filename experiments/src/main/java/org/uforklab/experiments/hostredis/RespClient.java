package org.uforklab.experiments.hostredis;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain RESP2 client (the Redis serialization protocol) over a TCP socket: commands go out as arrays of bulk
 * strings; replies come back as {@link String} (simple string), {@link Long} (integer), {@code byte[]} (bulk
 * string), {@code null} (null bulk or array), {@link List} (array) or {@link Error} (error reply). Enough to
 * populate a server, BGSAVE and read INFO; no dependency.
 */
public final class RespClient implements AutoCloseable {
    /** Longest bulk string accepted in a reply (Redis's own proto-max-bulk-len default is 512 MB). */
    static final long MAX_BULK = 512L << 20;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** An error reply ({@code -ERR ...}). */
    public record Error(String message) {
        @Override
        public String toString() {
            return "-" + message;
        }
    }

    private RespClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    /**
     * Connects to {@code host:port}, waiting at most {@code timeoutMillis} to connect and for each reply.
     *
     * @throws IOException if the server cannot be reached
     */
    public static RespClient connect(String host, int port, int timeoutMillis) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            s.setTcpNoDelay(true);
            return new RespClient(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Sends one command and reads its reply.
     *
     * @throws IOException on a broken connection, a malformed reply, or an error reply (its message)
     */
    public Object call(String... args) throws IOException {
        List<byte[]> a = new ArrayList<>();
        for (String s : args) {
            a.add(s.getBytes(StandardCharsets.UTF_8));
        }
        Object r = pipeline(List.of(a)).get(0);
        if (r instanceof Error e) {
            throw new IOException("redis " + args[0] + ": " + e.message());
        }
        return r;
    }

    /** Sends every command, then reads every reply (in order; error replies are {@link Error} values). */
    public List<Object> pipeline(List<List<byte[]>> commands) throws IOException {
        for (List<byte[]> c : commands) {
            out.write(encode(c));
        }
        out.flush();
        List<Object> replies = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            replies.add(read(in));
        }
        return replies;
    }

    /** One command as a RESP array of bulk strings. */
    public static byte[] encode(List<byte[]> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("a RESP command needs at least its name");
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : args) {
            b.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(a);
            b.writeBytes(new byte[] {'\r', '\n'});
        }
        return b.toByteArray();
    }

    /**
     * Reads one reply.
     *
     * @throws IOException at end of stream or on a malformed reply (naming what was wrong)
     */
    public static Object read(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("RESP: connection closed before a reply");
        }
        String line = line(in);
        switch (type) {
            case '+':
                return line;
            case '-':
                return new Error(line);
            case ':':
                return number(line, "integer");
            case '$': {
                long n = number(line, "bulk length");
                if (n < 0) {
                    return null;
                }
                if (n > MAX_BULK) {
                    throw new IOException("RESP: bulk string of " + n + " bytes exceeds " + MAX_BULK);
                }
                byte[] data = in.readNBytes((int) n);
                if (data.length != n || in.read() != '\r' || in.read() != '\n') {
                    throw new IOException("RESP: bulk string of " + n + " bytes is truncated or not ended by CRLF");
                }
                return data;
            }
            case '*': {
                long n = number(line, "array length");
                if (n < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>();
                for (long i = 0; i < n; i++) {
                    items.add(read(in));
                }
                return items;
            }
            default:
                throw new IOException("RESP: unknown reply type '" + (char) type + "' (0x" + Integer.toHexString(type) + ")");
        }
    }

    private static long number(String s, String what) throws IOException {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IOException("RESP: " + what + " '" + s + "' is not a number");
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("RESP: connection closed inside a reply line");
            }
            if (c == '\r') {
                if (in.read() != '\n') {
                    throw new IOException("RESP: CR not followed by LF");
                }
                return b.toString(StandardCharsets.UTF_8);
            }
            if (b.size() > 64 * 1024) {
                throw new IOException("RESP: reply line longer than 64 KiB");
            }
            b.write(c);
        }
    }

    /** The text of a bulk or simple string reply. */
    public static String text(Object reply) {
        if (reply instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return String.valueOf(reply);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public String toString() {
        return "RespClient(" + socket.getRemoteSocketAddress() + (socket.isClosed() ? ", closed" : "") + ")";
    }
}
