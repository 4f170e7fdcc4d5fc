package org.uforklab.experiments.hostredis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-Redis series. Without redis-server only the "absent" path runs; with it (Debian: apt-get install
 * redis-server), a real server is started, populated, BGSAVEd and stopped.
 */
class HostRedisTest {

    private static Optional<Path> installed() {
        return HostRedis.locate("auto", System.getenv("PATH"));
    }

    @Test
    void locateFollowsTheSetting(@TempDir Path dir) throws Exception {
        assertThat(HostRedis.locate("off", System.getenv("PATH"))).isEmpty();
        assertThat(HostRedis.locate("auto", null)).isEmpty();
        assertThat(HostRedis.locate("auto", dir.toString())).as("no redis-server in an empty directory").isEmpty();
        Path fake = dir.resolve("redis-server");
        Files.writeString(fake, "#!/bin/sh\n");
        assertThat(HostRedis.locate("auto", "/nonexistent:" + dir)).isEmpty(); // not executable
        assertThat(fake.toFile().setExecutable(true)).isTrue();
        assertThat(HostRedis.locate("auto", "/nonexistent:" + dir)).contains(fake);
        assertThat(HostRedis.locate(fake.toString(), null)).contains(fake);
        assertThat(HostRedis.locate(dir.resolve("none").toString(), null)).isEmpty();
    }

    @Test
    void anAbsentOrBrokenServerOmitsTheSeriesInOneNote(@TempDir Path dir) throws Exception {
        List<HostRedisSeries.Size> sizes = List.of(new HostRedisSeries.Size(1000, 1, 1000));
        HostRedisSeries.Result off = HostRedisSeries.run("off", sizes, 1, m -> { });
        assertThat(off.ran()).isFalse();
        assertThat(off.note()).contains("hostRedis=off").doesNotContain("\n");
        HostRedisSeries.Result missing = HostRedisSeries.run(dir.resolve("redis-server").toString(), sizes, 1, m -> { });
        assertThat(missing.ran()).isFalse();
        assertThat(missing.note()).contains("not an executable redis-server").doesNotContain("\n");
        assertThat(missing.provenance()).isEmpty();
        // an executable that is not a server: it exits at once, and the series says so instead of failing
        Path fake = dir.resolve("fake-redis-server");
        Files.writeString(fake, "#!/bin/sh\necho 'Redis server v=0.0.0 fake'\nexit 3\n");
        assertThat(fake.toFile().setExecutable(true)).isTrue();
        HostRedisSeries.Result broken = HostRedisSeries.run(fake.toString(), sizes, 1, m -> { });
        assertThat(broken.ran()).isFalse();
        assertThat(broken.note()).contains("failed").contains("exited with 3").doesNotContain("\n");
    }

    @Test
    void aRealServerForksForBgsaveAndStops() throws Exception {
        Optional<Path> exe = installed();
        assumeTrue(exe.isPresent(), "redis-server is not installed on this host");
        assertThat(HostRedis.version(exe.get())).startsWith("Redis server v=");
        Path dir;
        try (HostRedis r = HostRedis.start(exe.get())) {
            r.populate(20, 100_000);
            assertThat(r.residentBytes()).isGreaterThan(2_000_000);
            assertThat(r.info("keyspace").get("db0")).startsWith("keys=20,");
            long fork = r.bgsaveForkMicros();
            assertThat(fork).isPositive().isLessThan(10_000_000);
            assertThat(r.bgsaveForkMicros()).as("a second BGSAVE after the first finished").isPositive();
            assertThat(r.toString()).contains("127.0.0.1:" + r.port());
            dir = r.directory();
            assertThat(dir.resolve("dump.rdb")).exists();
        }
        assertThat(dir).doesNotExist();
        List<String> steps = new ArrayList<>();
        HostRedisSeries.Result res = HostRedisSeries.run("auto",
                List.of(new HostRedisSeries.Size(0, 0, 0), new HostRedisSeries.Size(1_000_000, 10, 100_000)), 2, steps::add);
        assertThat(res.ran()).isTrue();
        assertThat(res.points()).hasSize(2).allSatisfy(p -> assertThat(p.forkMicros()).hasSize(2).allSatisfy(f -> assertThat(f).isPositive()));
        assertThat(res.provenance()).contains("Redis server v=").contains(System.getProperty("os.version"));
        assertThat(res.note()).contains("latest_fork_usec").doesNotContain("\n");
        assertThat(steps).hasSize(2);
    }
}
