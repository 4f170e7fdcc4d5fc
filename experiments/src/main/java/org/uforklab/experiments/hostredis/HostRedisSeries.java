package org.uforklab.experiments.hostredis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The real-world series of a Fig 4 style sweep: for each dataset size, a real redis-server on the host is
 * populated with equal values up to the size, BGSAVEs {@code runs} times, and reports its {@code
 * latest_fork_usec} (the parent's fork() call on the host's Linux: page-table copying, O(RSS)). This is the
 * host's Linux on the host's processor, not Morello and not CheriBSD: a real-world anchor beside the emulated series, never a
 * paper point. When there is no redis-server, or it fails, the series is absent and one note says why: it never
 * fails the run.
 */
public final class HostRedisSeries {
    /** The series name in results. */
    public static final String SERIES = "host_linux_redis";

    private HostRedisSeries() {
    }

    /**
     * One size.
     *
     * @param size        dataset bytes
     * @param forkMicros  latest_fork_usec of each BGSAVE
     * @param rssBytes    the server's resident memory before the first BGSAVE
     */
    public record Point(long size, List<Long> forkMicros, long rssBytes) {
        /** Mean fork time (µs). */
        public double meanForkMicros() {
            return forkMicros.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
        }
    }

    /**
     * What the series gave.
     *
     * @param points     per size, in order (empty when the series could not run)
     * @param note       one line: what ran (version, host kernel) or why nothing did
     * @param provenance the redis-server version and host kernel, or empty when nothing ran
     */
    public record Result(List<Point> points, String note, String provenance) {
        /** Whether the series ran. */
        public boolean ran() {
            return !points.isEmpty();
        }
    }

    /**
     * A dataset of {@code keys} values of {@code valueSize} bytes for one size.
     *
     * @param size      the size (x)
     * @param keys      keys
     * @param valueSize bytes per value
     */
    public record Size(long size, long keys, long valueSize) {
    }

    /**
     * Runs the series.
     *
     * @param setting  {@code auto} (redis-server on the PATH), {@code off}, or an executable's path
     * @param sizes    the datasets
     * @param runs     BGSAVEs per size
     * @param progress called after each size with a short message
     */
    public static Result run(String setting, List<Size> sizes, int runs, Consumer<String> progress) {
        if (setting.strip().equalsIgnoreCase("off")) {
            return new Result(List.of(), SERIES + ": not run (hostRedis=off)", "");
        }
        Optional<Path> exe = HostRedis.locate(setting, System.getenv("PATH"));
        if (exe.isEmpty()) {
            return new Result(List.of(), SERIES + ": " + (setting.strip().equalsIgnoreCase("auto")
                    ? "redis-server is not installed on this host (command -v redis-server finds none), so the real-Redis series is omitted"
                    : "'" + setting + "' is not an executable redis-server, so the real-Redis series is omitted"), "");
        }
        String version;
        try {
            version = HostRedis.version(exe.get());
        } catch (IOException e) {
            return new Result(List.of(), SERIES + ": " + exe.get() + " --version failed (" + e.getMessage() + "); series omitted", "");
        }
        String provenance = SERIES + ": " + exe.get() + " (" + version + ") on " + HostRedis.hostKernel();
        List<Point> points = new ArrayList<>();
        try (HostRedis redis = HostRedis.start(exe.get())) {
            for (Size s : sizes) {
                redis.populate(s.keys(), s.valueSize());
                long rss = redis.residentBytes();
                List<Long> forks = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    forks.add(redis.bgsaveForkMicros());
                }
                Point p = new Point(s.size(), forks, rss);
                points.add(p);
                progress.accept(String.format("%s %d: fork %.0f µs (RSS %.1f MB)", SERIES, s.size(), p.meanForkMicros(), rss / 1e6));
            }
        } catch (IOException | RuntimeException e) {
            return new Result(List.of(), SERIES + ": the host's redis-server failed (" + e.getMessage() + "); series omitted", "");
        }
        String note = String.format("%s: a real %s on this host's %s, one server populated per size with the same values, "
                + "BGSAVE x%d per size into a temporary directory, INFO stats latest_fork_usec (the parent's fork() call: Linux "
                + "copying page tables, O(RSS)); real host time, not emulated and not a paper value", SERIES, version, HostRedis.hostKernel(), runs);
        return new Result(points, note, provenance);
    }
}
