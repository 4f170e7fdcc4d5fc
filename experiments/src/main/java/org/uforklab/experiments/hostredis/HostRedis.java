package org.uforklab.experiments.hostredis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real redis-server on the host, started for one sweep and stopped after it: its own port on 127.0.0.1, its own
 * temporary directory (in /dev/shm when there is one: a RAM disk, as the paper dumps to), no automatic saves, no
 * AOF. Only this object's process is ever stopped (SHUTDOWN NOSAVE, then its own handle).
 */
public final class HostRedis implements AutoCloseable {
    private static final int IO_TIMEOUT_MILLIS = 60_000;

    private final Process process;
    private final Path dir;
    private final int port;
    private final RespClient client;

    private HostRedis(Process process, Path dir, int port, RespClient client) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.client = client;
    }

    /**
     * The redis-server to use: {@code off} none; {@code auto} the first {@code redis-server} on the PATH
     * ({@code command -v redis-server}); otherwise the named executable, if it is one.
     */
    public static Optional<Path> locate(String setting, String pathVariable) {
        String s = setting.strip();
        if (s.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        if (!s.equalsIgnoreCase("auto")) {
            Path p = Path.of(s);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String d : pathVariable.split(File.pathSeparator)) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, "redis-server");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** {@code redis-server --version}'s line, e.g. {@code Redis server v=7.0.15 sha=... malloc=jemalloc-5.3.0 bits=64}. */
    public static String version(Path exe) throws IOException {
        Process p = new ProcessBuilder(exe.toString(), "--version").redirectErrorStream(true).start();
        try (InputStream in = p.getInputStream()) {
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(exe + " --version did not finish");
            }
            return out.lines().findFirst().orElse("").strip();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted running " + exe + " --version", e);
        }
    }

    /** The host's kernel as Java sees it, e.g. {@code Linux 6.1.0-18-amd64 (amd64)}. */
    public static String hostKernel() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")";
    }

    /**
     * Starts {@code exe} on a free port with a fresh temporary directory, and waits (at most 20 s) until it
     * answers PING.
     *
     * @throws IOException if it does not start or answer (its log is in the message)
     */
    public static HostRedis start(Path exe) throws IOException {
        Path shm = Path.of("/dev/shm");
        Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "uforklab-redis-")
                : Files.createTempDirectory("uforklab-redis-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = dir.resolve("redis.log");
        Process p = new ProcessBuilder(exe.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString(),
                "--dbfilename", "dump.rdb", "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes",
                "--logfile", log.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        IOException last = null;
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                RespClient c = RespClient.connect("127.0.0.1", port, IO_TIMEOUT_MILLIS);
                try {
                    if ("PONG".equals(c.call("PING"))) {
                        return new HostRedis(p, dir, port, c);
                    }
                } catch (IOException e) {
                    last = e; // e.g. "LOADING": try again
                }
                c.close();
            } catch (IOException e) {
                last = e;
            }
            sleep(50);
        }
        String why = p.isAlive() ? "did not answer PING within 20 s" : "exited with " + p.exitValue();
        stop(p);
        String logText = readQuietly(log) + readQuietly(dir.resolve("stdout.log"));
        deleteQuietly(dir);
        throw new IOException(exe + " on port " + port + " " + why + (last == null ? "" : " (" + last.getMessage() + ")")
                + (logText.isBlank() ? "" : ": " + logText.strip().lines().reduce((a, b) -> b).orElse("")));
    }

    /**
     * Empties the database and stores {@code keys} keys {@code key:N}, each a {@code valueSize}-byte value
     * ({@code value:N} padded with zeros, as DEBUG POPULATE and the kvstore guest make them), 32 SETs per round trip.
     */
    public void populate(long keys, long valueSize) throws IOException {
        client.call("FLUSHALL");
        byte[] value = new byte[(int) valueSize];
        List<List<byte[]>> batch = new ArrayList<>();
        for (long i = 0; i < keys; i++) {
            byte[] tag = ("value:" + i).getBytes(StandardCharsets.UTF_8);
            byte[] v = value.clone();
            System.arraycopy(tag, 0, v, 0, Math.min(tag.length, v.length));
            batch.add(List.of("SET".getBytes(StandardCharsets.UTF_8), ("key:" + i).getBytes(StandardCharsets.UTF_8), v));
            if (batch.size() == 32 || i == keys - 1) {
                for (Object r : client.pipeline(batch)) {
                    if (r instanceof RespClient.Error e) {
                        throw new IOException("redis SET failed: " + e.message());
                    }
                }
                batch.clear();
            }
        }
        Object n = client.call("DBSIZE");
        if (!(n instanceof Long l) || l != keys) {
            throw new IOException("redis DBSIZE is " + n + " after populating " + keys + " keys");
        }
    }

    /**
     * BGSAVE, waits for the child to finish (at most 10 minutes), and returns {@code latest_fork_usec}: the time
     * the server's fork() call took (INFO stats).
     *
     * @throws IOException if the save fails or does not finish
     */
    public long bgsaveForkMicros() throws IOException {
        waitForNoChild();
        Object r = client.call("BGSAVE");
        if (!RespClient.text(r).startsWith("Background saving started")) {
            throw new IOException("redis BGSAVE replied " + RespClient.text(r));
        }
        waitForNoChild();
        Map<String, String> persistence = info("persistence");
        if (!"ok".equals(persistence.get("rdb_last_bgsave_status"))) {
            throw new IOException("redis BGSAVE failed: rdb_last_bgsave_status=" + persistence.get("rdb_last_bgsave_status"));
        }
        String fork = info("stats").get("latest_fork_usec");
        if (fork == null) {
            throw new IOException("redis INFO stats has no latest_fork_usec");
        }
        return Long.parseLong(fork);
    }

    private void waitForNoChild() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            Map<String, String> p = info("persistence");
            if ("0".equals(p.get("rdb_bgsave_in_progress")) && !"1".equals(p.get("async_loading"))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("redis BGSAVE still running after 10 minutes");
            }
            sleep(5);
        }
    }

    /**
     * The server's resident memory in bytes: VmRSS from /proc (now), or where there is no /proc INFO's
     * used_memory_rss (which the server samples only in its cron, so it lags a fresh population).
     */
    public long residentBytes() throws IOException {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        if (Files.isReadable(status)) {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        }
        return Long.parseLong(info("memory").getOrDefault("used_memory_rss", "0"));
    }

    /** {@code INFO section} as key → value. */
    public Map<String, String> info(String section) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : RespClient.text(client.call("INFO", section)).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                m.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return m;
    }

    /** Its temporary directory (the dump and the logs; deleted by {@link #close()}). */
    public Path directory() {
        return dir;
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** Stops the server (SHUTDOWN NOSAVE, then this process's handle if it lingers) and deletes its directory. */
    @Override
    public void close() {
        try {
            client.call("SHUTDOWN", "NOSAVE");
        } catch (IOException e) {
            // the connection closes as the server exits: the expected outcome of SHUTDOWN
        }
        try {
            client.close();
        } catch (IOException e) {
            // already closed by the server
        }
        stop(process);
        deleteQuietly(dir);
    }

    private static void stop(Process p) {
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroy();
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readQuietly(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    @Override
    public String toString() {
        return "HostRedis(127.0.0.1:" + port + ", pid " + process.pid() + (process.isAlive() ? "" : ", exited") + ", dir " + dir + ")";
    }
}
