package org.uforklab.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.uforklab.experiments.guests.Guests;
import org.uforklab.experiments.guests.KvFootprint;
import org.uforklab.experiments.guests.KvLayout;
import org.uforklab.experiments.guests.KvStore;
import org.uforklab.sasos.image.GuestImage;
import org.uforklab.sasos.mm.VirtualLayout;
import org.uforklab.sasos.proc.LaunchOptions;
import org.uforklab.ufork.ForkService;
import org.uforklab.ufork.ForkStats;

/**
 * The Redis BGSAVE sweep behind Figs 4 and 5 (ufork-paper.md §7.1): for each dataset size, a kvstore server
 * with the paper's static heap is populated with {@link Dataset#of} values, then BGSAVE forks it once per
 * (fork system, seed); the child dumps the keyspace to the RAM file system and exits, and the server reaps it.
 *
 * <p>Every BGSAVE runs on a fresh kernel (boot, start, populate, fork): a second BGSAVE of the same server is
 * not the fork a fresh one makes (measured: the baseline leaves the parent's pages read-only after the child is
 * reaped so its next fork changes fewer PTEs; a full copy then draws recycled frames that must be zeroed; the
 * TLB and table state differ), so reusing a populated server would change the numbers. Runs are independent
 * and spread over threads instead.
 *
 * @param sizes     dataset sizes (bytes)
 * @param valueSize the largest value (the paper's 100 KB)
 * @param systems   the fork systems
 * @param layout    the kvstore's key layout
 * @param heapBytes the static heap mapped at load (the paper's 136.7 MB; demand-zero until written)
 * @param seeds     ASLR seeds per point
 * @param seed      the first seed
 * @param footprint what the server allocates and writes at start, before the first key (Redis's shared objects, event
 *                  loop and buffers: {@link KvFootprint})
 * @param cores     cores of each kernel (1: the artifact's default non-SMP build, the child runs when the parent blocks)
 * @param rdbChecksum whether the child checksums its dump (Redis's rdbchecksum: a CRC64 over every byte)
 */
public record RedisBgsaveSweep(List<Long> sizes, long valueSize, List<ForkSystem> systems, KvLayout layout, long heapBytes, long seeds,
        long seed, KvFootprint footprint, int cores, boolean rdbChecksum) {

    /** One measured point: every seed's BGSAVE. */
    public record Point(ForkSystem system, long size, List<KvStore.Bgsave> runs) {
        /**
         * Mean fork latency (µs) as the server timed it: from before fork to right after it returned in the parent
         * (Redis's latest_fork_usec; the artifact's {@code start=ustime()} before {@code DO_SFORK()}).
         */
        public double latencyMicros() {
            return runs.stream().mapToDouble(KvStore.Bgsave::forkMicros).average().orElse(Double.NaN);
        }

        /** Mean time the parent spent in the kernel's fork handler (µs), without what follows its return. */
        public double kernelLatencyMicros() {
            return runs.stream().mapToDouble(b -> b.fork().latencyMicros()).average().orElse(Double.NaN);
        }

        /** Mean plain PSS of the child when reaped (bytes): shared frames divided by their mappers whoever owns them. */
        public double childPlainPssBytes() {
            return runs.stream().mapToDouble(b -> b.fork().plainPssChildAtExit()).average().orElse(Double.NaN);
        }

        /** Mean PSS of the child when reaped (bytes). */
        public double childPssBytes() {
            return runs.stream().mapToDouble(b -> b.fork().pssChildAtExit()).average().orElse(Double.NaN);
        }

        /** Mean save time (ms): the parent's clock before fork to the child's after its dump, as the child reported it. */
        public double saveMillis() {
            return runs.stream().mapToDouble(KvStore.Bgsave::saveMillis).average().orElse(Double.NaN);
        }

        /** Mean bytes copied through TOCTTOU bounce buffers during the BGSAVE. */
        public double tocttouBytes() {
            return runs.stream().mapToDouble(KvStore.Bgsave::tocttouBytes).average().orElse(Double.NaN);
        }

        /** Mean pages the child got its own copy of, eagerly or lazily (bytes). */
        public double childCopiedBytes() {
            return runs.stream().mapToDouble(b -> 4096.0 * (b.fork().pagesCopiedEagerly() + b.fork().pagesCopiedLazily())).average()
                    .orElse(Double.NaN);
        }
    }

    /** The parameters both figures take, with the paper's setup as defaults. */
    public static List<Parameter> parameters() {
        return List.of(
                new Parameter("sizes", "0,1000,10000,100000,1000000,10000000,100000000", "database sizes in bytes (Fig 4: 0 B to 100 MB)"),
                new Parameter("valueSize", "100000", "entry size: the paper populates with 100 KB values (§7.1)"),
                new Parameter("strategies", "copa,coa,full_copy,monolithic",
                        "μFork CoPA, CoA, full copy, and the monolithic baseline standing for CheriBSD"),
                new Parameter("layout", "classic", "kvstore layout: Redis 5.0.6 is classic (§7.1)"),
                new Parameter("heapBytes", "136700000", "the µprocess's static heap: 136.7 MB in the paper's Redis build (§7.1)"),
                new Parameter("startupBytes", Long.toString(KvFootprint.REDIS_STARTUP_BYTES),
                        "memory the server allocates and writes at start (shared objects, event loop, buffers and pools): 17 MB, "
                                + "derived from the paper's full-copy fork at 0 B (2759 µs at 0.63 µs per copied page)"),
                new Parameter("seeds", "10", "repetitions per point, each with its own ASLR seed (the paper: mean of 10)"),
                new Parameter("cores", "1", "cores of the emulated Morello (1: the artifact's non-SMP build, where the BGSAVE child "
                        + "runs on the forking core once the server blocks)"),
                new Parameter("rdbChecksum", "no", "the child's CRC64 over its dump (Redis's rdbchecksum, default yes in Redis): "
                        + "off here because neither the fork latency nor the child's memory depends on it (its table is read-only "
                        + "image data) and at 8 instructions per byte it would be most of the sweep's host time; fig3, which times "
                        + "the save, turns it on"),
                new Parameter("seed", "1", "first ASLR seed"),
                new Parameter("threads", "0", "runs in parallel (each on its own kernel; 0 = one per available processor)"));
    }

    /** The sweep of {@code p}. */
    public static RedisBgsaveSweep of(Parameters p) {
        List<Long> sizes = p.getLongs("sizes");
        if (sizes.isEmpty() || sizes.stream().anyMatch(s -> s < 0)) {
            throw new IllegalArgumentException("parameter 'sizes' needs sizes >= 0, got '" + p.get("sizes") + "'");
        }
        long seeds = p.getLong("seeds");
        if (seeds < 1) {
            throw new IllegalArgumentException("parameter 'seeds' must be at least 1, got " + seeds);
        }
        long heap = p.getLong("heapBytes");
        if (heap < 0) {
            throw new IllegalArgumentException("parameter 'heapBytes' must be >= 0, got " + heap);
        }
        List<ForkSystem> systems = p.getList("strategies").stream().map(ForkSystem::parse).distinct().toList();
        if (systems.isEmpty()) {
            throw new IllegalArgumentException("parameter 'strategies' is empty");
        }
        long startup = p.asMap().containsKey("startupBytes") ? p.getLong("startupBytes") : KvFootprint.REDIS_STARTUP_BYTES;
        long cores = p.asMap().containsKey("cores") ? p.getLong("cores") : 1;
        if (cores < 1 || cores > 4) {
            throw new IllegalArgumentException("parameter 'cores' must be in [1, 4], got " + cores);
        }
        boolean crc = true;
        if (p.asMap().containsKey("rdbChecksum")) {
            String v = p.get("rdbChecksum").strip().toLowerCase();
            if (!v.equals("yes") && !v.equals("no")) {
                throw new IllegalArgumentException("parameter 'rdbChecksum' must be yes or no, got '" + p.get("rdbChecksum") + "'");
            }
            crc = v.equals("yes");
        }
        return new RedisBgsaveSweep(sizes, p.getLong("valueSize"), systems, KvLayout.parse(p.get("layout")), heap, seeds, p.getLong("seed"),
                KvFootprint.ofTotal(startup), (int) cores, crc);
    }

    /** The thread count of {@code p} (0 = available processors). */
    public static int threads(Parameters p) {
        long t = p.getLong("threads");
        if (t < 0 || t > 256) {
            throw new IllegalArgumentException("parameter 'threads' must be in [0, 256], got " + t);
        }
        return t == 0 ? Runtime.getRuntime().availableProcessors() : (int) t;
    }

    /**
     * Runs every point, one progress step per BGSAVE, on {@code threads} threads (each run has its own kernel,
     * so runs are independent and the result does not depend on the thread count).
     */
    public List<Point> run(String what, Progress progress, int threads) {
        record Task(ForkSystem system, long size, long seed) {
        }
        List<Task> tasks = new ArrayList<>();
        for (ForkSystem system : systems) {
            for (long size : sizes) {
                // the baseline has no ASLR: every seed would repeat the same deterministic fork, so it runs once
                long n = system.isUFork() ? seeds : 1;
                for (long s = seed; s < seed + n; s++) {
                    tasks.add(new Task(system, size, s));
                }
            }
        }
        progress.start(what, tasks.size());
        GuestImage image = Guests.kvstore(layout, footprint, rdbChecksum); // assembled once for every run
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, tasks.size())));
        try {
            List<Future<KvStore.Bgsave>> futures = new ArrayList<>();
            for (Task t : tasks) {
                futures.add(pool.submit(() -> bgsave(image, t.system(), t.size(), t.seed())));
            }
            Map<String, List<KvStore.Bgsave>> runs = new LinkedHashMap<>();
            for (int i = 0; i < tasks.size(); i++) {
                Task t = tasks.get(i);
                KvStore.Bgsave b = Futures.await(futures.get(i), t.toString());
                runs.computeIfAbsent(t.system().key() + "/" + t.size(), k -> new ArrayList<>()).add(b);
                progress.step(String.format("%s %d seed %d: %.2f µs, child PSS %.2f MB", t.system().key(), t.size(), t.seed(),
                        b.fork().latencyMicros(), b.fork().pssChildAtExit() / 1e6));
            }
            progress.done();
            List<Point> out = new ArrayList<>();
            for (ForkSystem system : systems) {
                for (long size : sizes) {
                    out.add(new Point(system, size, runs.get(system.key() + "/" + size)));
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One measurement on a fresh kernel: boot {@code system} with ASLR {@code seed}, start the server, populate
     * the dataset of {@code size} bytes, BGSAVE and wait for the child to be reaped.
     */
    public KvStore.Bgsave bgsave(ForkSystem system, long size, long seed) {
        return bgsave(Guests.kvstore(layout, footprint, rdbChecksum), system, system.kernelConfig(cores), size, seed);
    }

    /** As {@link #bgsave(ForkSystem, long, long)} on a variant of the system's kernel (e.g. another isolation level). */
    public KvStore.Bgsave bgsave(ForkSystem system, org.uforklab.sasos.KernelConfig config, long size, long seed) {
        return bgsave(Guests.kvstore(layout, footprint, rdbChecksum), system, config, size, seed);
    }

    private KvStore.Bgsave bgsave(GuestImage image, ForkSystem system, long size, long seed) {
        return bgsave(image, system, system.kernelConfig(cores), size, seed);
    }

    private KvStore.Bgsave bgsave(GuestImage image, ForkSystem system, org.uforklab.sasos.KernelConfig config, long size, long seed) {
        Dataset d = Dataset.of(size, valueSize);
        ForkService service = system.boot(seed, config);
        KvStore kv = KvStore.start(service.kernel(), image, layout, launchOptions(d));
        kv.populate(d.keys(), d.valueSize());
        KvStore.Bgsave b = kv.bgsaveAndWait();
        if (b.fork().strategy() != system.strategy()) {
            throw new IllegalStateException("BGSAVE forked with " + b.fork().strategy() + ", expected " + system);
        }
        return b;
    }

    /** The static heap, and room to grow for a dataset larger than it (values, metadata, bucket array). */
    LaunchOptions launchOptions(Dataset d) {
        long heap = VirtualLayout.pageUp(heapBytes);
        long need = VirtualLayout.pageUp(footprint.bytes() + d.heapBytesNeeded());
        return LaunchOptions.defaults().withHeap(heap).withHeapMax(Math.max(heap, need));
    }

    /** What both figures' notes say about the method. */
    List<String> notes() {
        return List.of(
                "kvstore (" + layout.name().toLowerCase() + " layout) with a " + heapBytes + "-byte demand-zero static heap and a "
                        + footprint + " start-up footprint, populated with ceil(size / " + valueSize
                        + ") equal values; BGSAVE forks, the child dumps to the RAM fs and exits",
                "fork latency: as the server times it (Redis's stat_fork_time: clock read before fork and right after it returns in "
                        + "the parent, so the faults the parent takes in between count, as in the artifact), mean over " + seeds
                        + " ASLR seed(s) from " + seed + "; the monolithic baseline has no ASLR and the machine is deterministic, so it "
                        + "forks once per size",
                "every BGSAVE runs on a fresh kernel (boot, start, populate, fork), never on a server that forked before");
    }
}
