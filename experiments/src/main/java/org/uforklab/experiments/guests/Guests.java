package org.uforklab.experiments.guests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.uforklab.sasos.image.GuestImage;

/**
 * The experiments' guests, assembled with the kernel's guest-image builder from the sources in
 * {@code resources/experiments/guests}. Guests that fork include {@code forkcompat.s}: with a kernel that
 * has no fork they assemble, run and exit with {@link #EXIT_NO_FORK}.
 */
public final class Guests {
    /** Exit code of a guest that needed fork and found none (ENOSYS). */
    public static final int EXIT_NO_FORK = 38;
    /** The guest sources shipped, for listings. */
    public static final List<String> SOURCES = List.of("kvstore_defs.s", "kvstore.s", "kvstore_selftest.s", "hello_fork.s", "spawn.s",
            "context1.s", "forkcompat.s", "faas.s", "nginx.s");

    private Guests() {
    }

    /** The text of one shipped source. */
    public static String source(String file) {
        String path = "/experiments/guests/" + file;
        try (InputStream in = Guests.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no guest source " + path + " (shipped: " + SOURCES + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read guest source " + path + ": " + e.getMessage(), e);
        }
    }

    /** The kvstore server with the given layout and no start-up footprint ({@link KvFootprint#none()}). */
    public static GuestImage kvstore(KvLayout layout) {
        return kvstore(layout, KvFootprint.none());
    }

    /** The kvstore server with the given layout, allocating and writing {@code footprint} at start. */
    public static GuestImage kvstore(KvLayout layout, KvFootprint footprint) {
        return kvstore(layout, footprint, true);
    }

    /**
     * The kvstore with {@code layout} and {@code footprint}, its dump checksummed (Redis's {@code rdbchecksum yes}: a
     * byte-at-a-time CRC64 over every byte the child writes) or not ({@code no}: 8 zero bytes in the trailer).
     */
    public static GuestImage kvstore(KvLayout layout, KvFootprint footprint, boolean rdbChecksum) {
        return GuestImage.builder("kvstore-" + layout.name().toLowerCase() + (rdbChecksum ? "" : "-nocrc"))
                .include("config.s", ".equ COMPACT, " + layout.flag() + "\n" + footprint.equates()
                        + (rdbChecksum ? ".equ RDB_CHECKSUM, 1\n" : ""))
                .include("forkcompat.s", source("forkcompat.s"))
                .include("kvstore_defs.s", source("kvstore_defs.s"))
                .source("kvstore.s", source("kvstore.s"))
                .build();
    }

    /** The kvstore's self-test: the server's functions checked from inside the guest (exit 0 = pass). */
    public static GuestImage kvstoreSelftest(KvLayout layout) {
        return GuestImage.builder("kvstore-selftest-" + layout.name().toLowerCase())
                .include("config.s", ".equ COMPACT, " + layout.flag() + "\n.equ KV_SELFTEST, 1\n" + KvFootprint.none().equates())
                .include("forkcompat.s", source("forkcompat.s"))
                .include("kvstore_defs.s", source("kvstore_defs.s"))
                .source("kvstore.s", source("kvstore.s"))
                .source("kvstore_selftest.s", source("kvstore_selftest.s"))
                .build();
    }

    /** Fig 8's program: fork once, the child prints and exits, the parent waits. */
    public static GuestImage helloFork() {
        return GuestImage.builder("hello_fork")
                .include("forkcompat.s", source("forkcompat.s"))
                .source("hello_fork.s", source("hello_fork.s"))
                .build();
    }

    /** Unixbench spawn: {@code iterations} × (fork, child exits, parent waits). */
    public static GuestImage spawn(long iterations) {
        return GuestImage.builder("spawn")
                .include("config.s", ".equ ITERATIONS, " + checkCount("iterations", iterations) + "\n")
                .include("forkcompat.s", source("forkcompat.s"))
                .source("spawn.s", source("spawn.s"))
                .build();
    }

    /** Unixbench context1: {@code roundtrips} counter round trips between two processes over two pipes. */
    public static GuestImage context1(long roundtrips) {
        return GuestImage.builder("context1")
                .include("config.s", ".equ ROUNDTRIPS, " + checkCount("roundtrips", roundtrips) + "\n")
                .include("forkcompat.s", source("forkcompat.s"))
                .source("context1.s", source("context1.s"))
                .build();
    }

    /**
     * The Nginx-like server: a master that forks {@code workers} workers serving HTTP/1.1 from the listening socket
     * the host installs at fd 3; {@code epoch} is the wall-clock second its Date headers show at emulated time 0.
     */
    public static GuestImage nginx(int workers, long epoch) {
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("nginx workers must be in [1, 64], got " + workers);
        }
        if (epoch < 0 || epoch >= (1L << 32) - (1L << 20)) {
            throw new IllegalArgumentException("nginx epoch must be in [0, 2^32 - 2^20) seconds, got " + epoch);
        }
        return GuestImage.builder("nginx-" + workers)
                .include("config.s", ".equ WORKER_PROCESSES, " + workers + "\n.equ EPOCH, " + epoch + "\n")
                .include("forkcompat.s", source("forkcompat.s"))
                .source("nginx.s", source("nginx.s"))
                .build();
    }

    private static long checkCount(String what, long n) {
        if (n < 0 || n >= (1L << 32)) {
            throw new IllegalArgumentException(what + " must be in [0, 2^32), got " + n);
        }
        return n;
    }
}
