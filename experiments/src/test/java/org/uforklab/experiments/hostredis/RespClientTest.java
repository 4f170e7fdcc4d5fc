package org.uforklab.experiments.hostredis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The RESP client against the protocol's bytes and against a tiny in-process fake server. */
class RespClientTest {

    private static Object parse(String wire) throws IOException {
        return RespClient.read(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void encodesCommandsAsArraysOfBulkStrings() {
        byte[] b = RespClient.encode(List.of("SET".getBytes(), "k".getBytes(), new byte[] {0, '\r', '\n'}));
        assertThat(new String(b, StandardCharsets.ISO_8859_1)).isEqualTo("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3\r\n\0\r\n\r\n");
        assertThatThrownBy(() -> RespClient.encode(List.of())).hasMessageContaining("at least its name");
    }

    @Test
    void parsesEveryReplyType() throws IOException {
        assertThat(parse("+OK\r\n")).isEqualTo("OK");
        assertThat(parse(":-42\r\n")).isEqualTo(-42L);
        assertThat((byte[]) parse("$5\r\na\r\nbc\r\n")).isEqualTo("a\r\nbc".getBytes());
        assertThat(parse("$-1\r\n")).isNull();
        assertThat(parse("*-1\r\n")).isNull();
        assertThat(parse("-ERR unknown command\r\n")).isEqualTo(new RespClient.Error("ERR unknown command"));
        Object arr = parse("*3\r\n:1\r\n*1\r\n+x\r\n$0\r\n\r\n");
        assertThat(arr).isInstanceOf(List.class);
        List<?> l = (List<?>) arr;
        assertThat(l.get(0)).isEqualTo(1L);
        assertThat(l.get(1)).isEqualTo(List.of("x"));
        assertThat((byte[]) l.get(2)).isEmpty();
    }

    @Test
    void malformedRepliesAreErrorsNamingTheProblem() {
        assertThatThrownBy(() -> parse("")).hasMessageContaining("closed before a reply");
        assertThatThrownBy(() -> parse("?x\r\n")).hasMessageContaining("unknown reply type '?'");
        assertThatThrownBy(() -> parse(":abc\r\n")).hasMessageContaining("integer 'abc' is not a number");
        assertThatThrownBy(() -> parse("$10\r\nshort\r\n")).hasMessageContaining("truncated");
        assertThatThrownBy(() -> parse("+OK\rX")).hasMessageContaining("CR not followed by LF");
        assertThatThrownBy(() -> parse("+OK")).hasMessageContaining("closed inside a reply line");
        assertThatThrownBy(() -> parse("$999999999999\r\n")).hasMessageContaining("exceeds");
    }

    /** A fake Redis: SET, GET, DBSIZE, PING, anything else an error; one connection, requests parsed as RESP arrays. */
    private static Thread fakeServer(ServerSocket ss, List<String> seen) {
        Thread t = new Thread(() -> {
            Map<String, byte[]> db = new HashMap<>();
            try (Socket s = ss.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                while (true) {
                    Object req;
                    try {
                        req = RespClient.read(in);
                    } catch (IOException eof) {
                        return;
                    }
                    List<?> args = (List<?>) req;
                    String cmd = new String((byte[]) args.get(0), StandardCharsets.UTF_8);
                    synchronized (seen) {
                        seen.add(cmd);
                    }
                    ByteArrayOutputStream reply = new ByteArrayOutputStream();
                    switch (cmd) {
                        case "PING" -> reply.writeBytes("+PONG\r\n".getBytes());
                        case "SET" -> {
                            db.put(new String((byte[]) args.get(1)), (byte[]) args.get(2));
                            reply.writeBytes("+OK\r\n".getBytes());
                        }
                        case "GET" -> {
                            byte[] v = db.get(new String((byte[]) args.get(1)));
                            if (v == null) {
                                reply.writeBytes("$-1\r\n".getBytes());
                            } else {
                                reply.writeBytes(("$" + v.length + "\r\n").getBytes());
                                reply.writeBytes(v);
                                reply.writeBytes("\r\n".getBytes());
                            }
                        }
                        case "DBSIZE" -> reply.writeBytes((":" + db.size() + "\r\n").getBytes());
                        default -> reply.writeBytes(("-ERR unknown command '" + cmd + "'\r\n").getBytes());
                    }
                    out.write(reply.toByteArray());
                    out.flush();
                }
            } catch (IOException e) {
                // the test closed the connection
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void talksToAServerWithPipelinesAndErrors() throws Exception {
        List<String> seen = new ArrayList<>();
        try (ServerSocket ss = new ServerSocket(0)) {
            Thread server = fakeServer(ss, seen);
            try (RespClient c = RespClient.connect("127.0.0.1", ss.getLocalPort(), 5000)) {
                assertThat(c.call("PING")).isEqualTo("PONG");
                byte[] big = new byte[200_000]; // larger than the client's buffers
                big[199_999] = 7;
                List<List<byte[]>> batch = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    batch.add(List.of("SET".getBytes(), ("key:" + i).getBytes(), big));
                }
                assertThat(c.pipeline(batch)).hasSize(40).containsOnly("OK");
                assertThat(c.call("DBSIZE")).isEqualTo(40L);
                assertThat((byte[]) c.call("GET", "key:39")).isEqualTo(big);
                assertThat(c.call("GET", "nope")).isNull();
                assertThatThrownBy(() -> c.call("FLUSHALL")).hasMessageContaining("redis FLUSHALL: ERR unknown command 'FLUSHALL'");
                assertThat(c.pipeline(List.of(List.of("BOGUS".getBytes()), List.of("PING".getBytes()))))
                        .containsExactly(new RespClient.Error("ERR unknown command 'BOGUS'"), "PONG");
                assertThat(c.toString()).contains("127.0.0.1");
            }
            server.join(5000);
            assertThat(server.isAlive()).isFalse();
        }
        assertThat(seen).startsWith("PING", "SET").endsWith("BOGUS", "PING").hasSize(1 + 40 + 1 + 2 + 1 + 2);
        assertThat(RespClient.text("a".getBytes())).isEqualTo("a");
    }

    @Test
    void connectingToNothingFails() throws IOException {
        int port;
        try (ServerSocket ss = new ServerSocket(0)) {
            port = ss.getLocalPort();
        }
        assertThatThrownBy(() -> RespClient.connect("127.0.0.1", port, 2000)).isInstanceOf(IOException.class);
    }
}
