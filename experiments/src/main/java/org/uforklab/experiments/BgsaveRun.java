package org.uforklab.experiments;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.uforklab.experiments.guests.KvLayout;
import org.uforklab.experiments.guests.Guests;
import org.uforklab.experiments.guests.KvFootprint;
import org.uforklab.experiments.guests.KvStore;
import org.uforklab.experiments.guests.PacedClient;
import org.uforklab.machine.mem.Frame;
import org.uforklab.machine.mem.PhysicalMemory;
import org.uforklab.machine.mmu.Mapping;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.fs.RamFs;
import org.uforklab.sasos.mm.VirtualLayout;
import org.uforklab.sasos.proc.LaunchOptions;
import org.uforklab.sasos.proc.MicroProcess;
import org.uforklab.sasos.proc.Segment;
import org.uforklab.sasos.proc.WaitStatus;
import org.uforklab.ufork.CopyCause;
import org.uforklab.ufork.ForkService;
import org.uforklab.ufork.ForkStats;

/**
 * One BGSAVE on a fresh kernel, as {@link RedisBgsaveSweep#bgsave} makes it (boot, start the kvstore with its
 * static heap, populate, fork, the child dumps and exits, the server reaps it), with the knobs the experiments
 * beyond the paper turn: the machine's DRAM, the static heap, the layout, and writes the server applies while the
 * child saves. The client is {@link PacedClient}, so the child runs in emulated time beside the server's requests.
 *
 * @param system      the fork system
 * @param layout      the kvstore layout
 * @param dataset     the dataset populated before the fork
 * @param heapBytes   the static heap mapped at load (page-rounded); malloc may grow past it up to what the dataset
 *                    needs, as in {@link RedisBgsaveSweep}
 * @param memoryBytes the machine's DRAM
 * @param seed        the ASLR seed (and the writes' key choices)
 * @param writes      writes during the snapshot ({@link Writes#NONE} for a plain BGSAVE)
 */
record BgsaveRun(ForkSystem system, KvLayout layout, Dataset dataset, long heapBytes, long memoryBytes, long seed, Writes writes) {
    /** Cores of each kernel: one, as Figs 4 and 5 (the artifact's non-SMP build; the child runs when the server blocks). */
    static final int CORES = 1;
    /**
     * The child's dump is not checksummed (rdbchecksum no): at 8 instructions per byte the CRC64 would be most of a
     * 1 GiB run's host time, and none of these experiments' fork or memory numbers depends on it (fig3 times it).
     */
    static final boolean RDB_CHECKSUM = false;
    /**
     * Cores when the harness writes during the snapshot: two, so the server keeps serving on one while the child saves
     * on the other (on one core the cooperative child would run its whole save before the server sees a request).
     */
    static final int WRITES_CORES = 2;

    /** The cores this run's kernel has. */
    int cores() {
        return writes.equals(Writes.NONE) ? CORES : WRITES_CORES;
    }


    /**
     * SETs the server applies while the child saves: from the moment fork returns, one every {@code 1/perMs}
     * emulated milliseconds, each overwriting a key drawn uniformly (seeded) with a value of {@code valueSize}
     * bytes, until the child has exited.
     *
     * @param perMs     writes per emulated millisecond (0: none)
     * @param valueSize bytes per written value
     */
    record Writes(double perMs, long valueSize) {
        /** No writes. */
        static final Writes NONE = new Writes(0, 0);

        Writes {
            if (!(perMs >= 0) || Double.isInfinite(perMs) || valueSize < 0) {
                throw new IllegalArgumentException("write rate must be finite and >= 0 and value size >= 0, got " + perMs + ", " + valueSize);
            }
        }
    }

    /**
     * What the run measured.
     *
     * @param fork            the fork's statistics (lazy part final: the child was reaped)
     * @param dumpBytes       the dump's size
     * @param saveMicros      from the BGSAVE request to the child's exit (fork + dump + its copy faults), emulated µs
     * @param writes          each write applied during the snapshot
     * @param heap            the server's heap just before the fork
     * @param hostFrameBytes  host bytes held by the machine's frames at the end (data and tags)
     * @param hostDumpBytes   host bytes held by the dump file
     */
    record Outcome(ForkStats fork, long dumpBytes, double saveMicros, List<WriteTiming> writes, HeapCensus heap, long hostFrameBytes,
            long hostDumpBytes) {
        /** Pages pushed to the child because the server wrote (or, under CoA, touched) a page they shared. */
        long pagesPushed() {
            return fork.pagesCopied(CopyCause.PARENT_WRITE) + fork.pagesCopied(CopyCause.PARENT_ACCESS);
        }

        /** Bytes the child got its own copy of (eagerly or lazily). */
        double childCopiedBytes() {
            return 4096.0 * (fork.pagesCopiedEagerly() + fork.pagesCopiedLazily());
        }

    }

    /**
     * One write's times, in emulated µs.
     *
     * @param latencyMicros from the request to its reply (what the client waits, queueing included)
     * @param serviceMicros from the server being free for it to its reply
     */
    record WriteTiming(double latencyMicros, double serviceMicros) {
        /** Mean latency of {@code ws} (NaN if empty). */
        static double meanLatency(List<WriteTiming> ws) {
            return ws.stream().mapToDouble(WriteTiming::latencyMicros).average().orElse(Double.NaN);
        }

        /** Mean service time of {@code ws} (NaN if empty). */
        static double meanService(List<WriteTiming> ws) {
            return ws.stream().mapToDouble(WriteTiming::serviceMicros).average().orElse(Double.NaN);
        }
    }

    /**
     * The server's heap pages: touched (a frame exists), holding at least one capability, and the capabilities.
     *
     * @param touchedPages  heap pages written at least once
     * @param pointerPages  heap pages holding a tagged granule
     * @param capabilities  tagged granules in the heap
     */
    record HeapCensus(long touchedPages, long pointerPages, long capabilities) {
        /** Pointer pages over touched pages (NaN if none). */
        double pointerPageFraction() {
            return touchedPages == 0 ? Double.NaN : pointerPages / (double) touchedPages;
        }

        /** What {@code this} census has beyond {@code before}: e.g. the dataset's pages without the server's startup footprint. */
        HeapCensus minus(HeapCensus before) {
            return new HeapCensus(touchedPages - before.touchedPages, pointerPages - before.pointerPages, capabilities - before.capabilities);
        }

        /** Counts {@code p}'s heap segment on {@code k}. */
        static HeapCensus of(Kernel k, MicroProcess p) {
            Segment heap = p.segment("heap");
            PhysicalMemory mem = k.machine().memory();
            long touched = 0;
            long pointer = 0;
            long caps = 0;
            for (Mapping m : k.inspect().pages(p)) {
                if (m.va() < heap.start() || m.va() >= heap.end()) {
                    continue;
                }
                for (long off = 0; off < m.size(); off += PhysicalMemory.FRAME_SIZE) {
                    Frame f = mem.frameIfPresent(m.pa() + off, org.uforklab.machine.fault.AccessKind.LOAD);
                    if (f != null && !k.frames().isZeroFrame(m.pa() + off)) { // a demand-zero page has no frame of its own
                        touched++;
                        int n = f.tagCount();
                        caps += n;
                        pointer += n > 0 ? 1 : 0;
                    }
                }
            }
            return new HeapCensus(touched, pointer, caps);
        }
    }

    /** The heap the server needs: its start-up footprint and the dataset ({@link Dataset#heapBytesNeeded()}). */
    static long heapNeeded(Dataset d) {
        return VirtualLayout.pageUp(KvFootprint.REDIS_STARTUP_BYTES + d.heapBytesNeeded());
    }

    /** The static heap, and room for malloc to grow past it to what the dataset needs. */
    LaunchOptions launchOptions() {
        long heap = VirtualLayout.pageUp(heapBytes);
        return LaunchOptions.defaults().withHeap(heap).withHeapMax(Math.max(heap, heapNeeded(dataset)));
    }

    /**
     * Host memory at the run's peak (measured on 1 GiB datasets: frames ≈ 1.02 × the pages written, the dump
     * file 1 × its size, the rest under 100 MB): the server's populated heap, the child's copies (everything
     * under a full copy and under CoA, whose child reads every value; pointer pages only under CoPA and the
     * baseline), the dump, the written values, a fixed 96 MiB.
     */
    long hostBytesEstimate() {
        long populated = heapNeeded(dataset);
        boolean copiesValues = system == ForkSystem.FULL_COPY || system == ForkSystem.COA;
        long child = copiesValues ? populated : populated / 8;
        return (96L << 20) + populated + child + dataset.bytes() + writes.valueSize() * 4;
    }

    /** Boots, populates, forks, applies the writes while the child saves, reaps, and reports. */
    Outcome run() {
        ForkService service = system.boot(seed, cores(), memoryBytes);
        Kernel k = service.kernel();
        KvStore kv = KvStore.start(k, Guests.kvstore(layout, KvFootprint.redis(), RDB_CHECKSUM), layout, launchOptions());
        HeapCensus startup = HeapCensus.of(k, kv.process());
        kv.populate(dataset.keys(), dataset.valueSize());
        // the dataset's own pages: the startup footprint's 17 MB of mostly pointer-free buffers would dilute its density
        HeapCensus census = HeapCensus.of(k, kv.process()).minus(startup);
        PacedClient client = new PacedClient(kv);
        long start = k.machine().elapsedCycles();
        PacedClient.TimedReply reply = client.bgsave(start);
        if (reply.status() <= 0) {
            throw new IllegalStateException(this + ": BGSAVE failed with errno " + (-reply.status()));
        }
        MicroProcess child = k.process((int) reply.status());
        List<WriteTiming> latencies = applyWrites(k, client, reply.repliedAt(), child::isDead, child, Long.MAX_VALUE);
        client.runUntil(child::isDead);
        double saveMicros = k.nanos(client.coreCyclesOf(child) - start) / 1e3;
        RamFs.Inode dump = k.fs().lookup(KvStore.DUMP_PATH);
        if (child.exitCode() != 0 || dump == null || dump.size() < dataset.bytes()) {
            // a child that died (a fault, a failed write) measured nothing: say what happened instead of a number
            throw new IllegalStateException(String.format("%s: the BGSAVE child did not write the dump (%s, dump %s B); kernel log: %s",
                    this, WaitStatus.describe(child.waitStatus()), dump == null ? "no" : Integer.toString(dump.size()),
                    String.join(" | ", k.log().subList(Math.max(0, k.log().size() - 3), k.log().size()))));
        }
        for (int i = 0; i < 8 && kv.info().bgsaveChild() != 0; i++) {
            k.run();
        }
        if (kv.info().bgsaveChild() != 0) {
            throw new IllegalStateException(this + ": the BGSAVE child " + child.pid() + " was not reaped");
        }
        ForkStats f = service.forkOf(child.pid()).orElseThrow(() -> new IllegalStateException("no fork statistics for " + child));
        if (f.strategy() != system.strategy()) {
            throw new IllegalStateException("BGSAVE forked with " + f.strategy() + ", expected " + system);
        }
        return new Outcome(f, dump.size(), saveMicros, latencies, census, k.machine().memory().hostBytes(), dump.blockBytes());
    }

    /**
     * The same writes on a server that does not snapshot: a fresh kernel, populated alike, then {@code count}
     * writes at this run's rate, from the same keys: the baseline of the slowdown.
     */
    List<WriteTiming> writesWithoutSnapshot(int count) {
        ForkService service = system.boot(seed, cores(), memoryBytes);
        Kernel k = service.kernel();
        KvStore kv = KvStore.start(k, Guests.kvstore(layout, KvFootprint.redis(), RDB_CHECKSUM), layout, launchOptions());
        kv.populate(dataset.keys(), dataset.valueSize());
        PacedClient client = new PacedClient(kv);
        return applyWrites(k, client, k.machine().elapsedCycles(), () -> false, null, count);
    }

    /**
     * Applies the writes from cycle {@code first}, one per period, until {@code over} holds when the next is due
     * (running the kernel up to that time first) or {@code max} were applied; returns their times.
     */
    private List<WriteTiming> applyWrites(Kernel k, PacedClient client, long first, java.util.function.BooleanSupplier over, MicroProcess clockOf,
            long max) {
        List<WriteTiming> out = new ArrayList<>();
        if (writes.perMs() == 0 || dataset.keys() == 0) {
            return out;
        }
        long period = Math.max(1, Math.round(k.config().machine().clockHz() / 1000.0 / writes.perMs()));
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 1);
        byte[] value = new byte[(int) writes.valueSize()];
        long due = first;
        for (long i = 0; i < max; i++, due += period) {
            final long at = due;
            if (clockOf != null) {
                client.runUntil(() -> over.getAsBoolean() || client.coreCyclesOf(clockOf) >= at);
            }
            if (over.getAsBoolean()) {
                break;
            }
            long key = rnd.nextLong(dataset.keys());
            byte[] tag = ("write:" + i).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(tag, 0, value, 0, Math.min(tag.length, value.length));
            PacedClient.TimedReply r = client.set(at, ("key:" + key).getBytes(StandardCharsets.UTF_8), value);
            out.add(new WriteTiming(k.nanos(r.latencyCycles()) / 1e3, k.nanos(r.serviceCycles()) / 1e3));
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format("%s %s %d B (%d keys of %d B) heap %d seed %d%s", system.key(), layout.name().toLowerCase(), dataset.bytes(),
                dataset.keys(), dataset.valueSize(), heapBytes, seed, writes.perMs() > 0 ? " writes " + writes.perMs() + "/ms" : "");
    }
}
