package org.uforklab.experiments.guests;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.uforklab.machine.mmu.Mapping;
import org.uforklab.sasos.Inspector;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.fs.FileObject;
import org.uforklab.sasos.fs.OpenFile;
import org.uforklab.sasos.fs.Pipe;
import org.uforklab.sasos.fs.RamFs;
import org.uforklab.sasos.image.GuestImage;
import org.uforklab.sasos.proc.LaunchOptions;
import org.uforklab.sasos.proc.MicroProcess;
import org.uforklab.sasos.proc.Segment;
import org.uforklab.ufork.ForkService;
import org.uforklab.ufork.ForkStats;

/**
 * The harness side of the kvstore guest: an emulated client connection. Requests go into a pipe installed
 * as the guest's fd 0 and replies come back through a pipe installed as its fd 1; between the two the kernel
 * runs until the guest blocks for more input. Each call records the emulated cycles it took.
 * The wire format is documented at the top of {@code kvstore.s}.
 */
public final class KvStore {
    /** Operation codes of the protocol. */
    public static final int OP_SET = 1, OP_GET = 2, OP_DEL = 3, OP_POPULATE = 4, OP_DBSIZE = 5, OP_SAVE = 6,
            OP_BGSAVE = 7, OP_INFO = 8, OP_QUIT = 9;
    /** The dump file SAVE and the BGSAVE child write. */
    public static final String DUMP_PATH = "/dump.rdb";
    private static final int CHUNK = 64 * 1024;

    private final Kernel kernel;
    private final KvLayout layout;
    private final MicroProcess process;
    private final Pipe requests;
    private final Pipe replies;
    private final FileObject requestWriter;
    private final FileObject replyReader;
    private long lastCycles;

    /**
     * The server's counters (OP_INFO).
     *
     * @param latestForkNanos the last BGSAVE's fork as the server timed it (Redis's {@code latest_fork_usec}, in
     *                        emulated nanoseconds): from before fork to right after it returned in the parent
     */
    public record Info(long buckets, long keys, long usedMemory, long bgsaveChild, long saves, long latestForkNanos) {
    }

    /**
     * A finished BGSAVE.
     *
     * @param childPid        the child that wrote the dump
     * @param fork            its fork's statistics from the kernel's fork service: the parent's blocked time in the
     *                        kernel, and the child's PSS when it was reaped ({@link ForkStats#pssChildAtExit()})
     * @param dumpBytes       the size of the dump file it wrote
     * @param serverForkNanos the fork as the server timed it ({@link Info#latestForkNanos()}: Redis's
     *                        {@code stat_fork_time}, which also counts the faults the parent takes between fork's
     *                        return and its clock read)
     * @param saveNanos       the save time as the artifact measures it: emulated ns from the parent's clock just before
     *                        fork to the child's after rdbSave, as the child reported it (-1 if it did not)
     * @param tocttouBytes    bytes the kernel copied through TOCTTOU bounce buffers from BGSAVE to the reap (the child's
     *                        dump writes, and the few requests the harness sends meanwhile)
     */
    public record Bgsave(long childPid, ForkStats fork, long dumpBytes, long serverForkNanos, long saveNanos, long tocttouBytes) {
        /** The fork latency as the server measured it (µs): what Redis reports as latest_fork_usec and the paper plots. */
        public double forkMicros() {
            return serverForkNanos / 1e3;
        }

        /** The save time in emulated milliseconds (NaN if the child did not report it). */
        public double saveMillis() {
            return saveNanos < 0 ? Double.NaN : saveNanos / 1e6;
        }

        @Override
        public String toString() {
            return String.format("Bgsave(child %d, %.2f µs (kernel %.2f µs), child PSS %.2f MB, dump %,d B, save %.3f ms)", childPid,
                    forkMicros(), fork.latencyMicros(), fork.pssChildAtExit() / 1e6, dumpBytes, saveMillis());
        }
    }

    /** A reply: status (≥ 0 success, −errno), payload, and the emulated cycles the call took. */
    public record Reply(long status, byte[] payload, long cycles) {
        @Override
        public String toString() {
            return "Reply(status " + status + ", " + payload.length + " B, " + cycles + " cycles)";
        }
    }

    private KvStore(Kernel kernel, KvLayout layout, MicroProcess process, Pipe requests, Pipe replies,
            FileObject requestWriter, FileObject replyReader) {
        this.kernel = kernel;
        this.layout = layout;
        this.process = process;
        this.requests = requests;
        this.replies = replies;
        this.requestWriter = requestWriter;
        this.replyReader = replyReader;
    }

    /** Launches a kvstore µprocess with no start-up footprint on {@code kernel} and connects to it. */
    public static KvStore start(Kernel kernel, KvLayout layout, LaunchOptions options) {
        return start(kernel, layout, KvFootprint.none(), options);
    }

    /** Launches a kvstore µprocess that allocates {@code footprint} at start on {@code kernel} and connects to it. */
    public static KvStore start(Kernel kernel, KvLayout layout, KvFootprint footprint, LaunchOptions options) {
        return start(kernel, Guests.kvstore(layout, footprint), layout, options);
    }

    /**
     * Launches {@code image}, a kvstore built by {@link Guests#kvstore(KvLayout, KvFootprint)} with {@code layout}
     * (a harness running many servers assembles it once), on {@code kernel} and connects to it.
     */
    public static KvStore start(Kernel kernel, GuestImage image, KvLayout layout, LaunchOptions options) {
        MicroProcess p = kernel.launch(image, options);
        Pipe req = kernel.newPipe();
        Pipe rep = kernel.newPipe();
        FileObject reqWriter = req.writeEnd();
        FileObject repReader = rep.readEnd();
        p.fds().installAt(0, new OpenFile(req.readEnd()));
        p.fds().installAt(1, new OpenFile(rep.writeEnd()));
        KvStore kv = new KvStore(kernel, layout, p, req, rep, reqWriter, repReader);
        kernel.run(); // initialisation, up to the first read
        if (p.isDead()) {
            throw new IllegalStateException("kvstore died while starting: " + p + (p.fault() == null ? "" : " " + p.fault()));
        }
        return kv;
    }

    /** SET key value. */
    public void set(String key, byte[] value) {
        expectOk(call(OP_SET, bytes(key), value, 0, 0), "SET " + key);
    }

    /** GET key: the value, or empty if absent. */
    public Optional<byte[]> get(String key) {
        Reply r = call(OP_GET, bytes(key), new byte[0], 0, 0);
        if (r.status() == -2) {
            return Optional.empty();
        }
        expectOk(r, "GET " + key);
        return Optional.of(r.payload());
    }

    /** DEL key: whether it existed. */
    public boolean del(String key) {
        return expectOk(call(OP_DEL, bytes(key), new byte[0], 0, 0), "DEL " + key).status() == 1;
    }

    /** DEBUG POPULATE: {@code keys} keys "key:N" with {@code valueSize}-byte values "value:N" padded with zeros. */
    public void populate(long keys, long valueSize) {
        if (keys < 0 || valueSize < 0) {
            throw new IllegalArgumentException("populate needs keys >= 0 and valueSize >= 0, got " + keys + ", " + valueSize);
        }
        expectOk(call(OP_POPULATE, new byte[0], new byte[0], keys, valueSize), "POPULATE " + keys + " " + valueSize);
    }

    /** DBSIZE. */
    public long dbsize() {
        return expectOk(call(OP_DBSIZE, new byte[0], new byte[0], 0, 0), "DBSIZE").status();
    }

    /** SAVE: the dump written by the server process itself; returns the keys written. */
    public long save() {
        return expectOk(call(OP_SAVE, new byte[0], new byte[0], 0, 0), "SAVE").status();
    }

    /** BGSAVE: the raw status (the child's pid, or −ENOSYS while the kernel has no fork, −EBUSY during a save). */
    public long bgsave() {
        return call(OP_BGSAVE, new byte[0], new byte[0], 0, 0).status();
    }

    /**
     * BGSAVE, then serves INFO requests until the server has reaped the child (its serverCron {@code waitpid}),
     * and reads the fork's statistics from the fork service installed on the kernel (μFork or the monolithic
     * baseline).
     *
     * @throws IllegalStateException if the kernel has no fork service, BGSAVE fails, or the child does not finish
     */
    public Bgsave bgsaveAndWait() {
        ForkService forks = ForkService.of(kernel).orElseThrow(() -> new IllegalStateException(
                "BGSAVE statistics need a fork service on the kernel (UFork or MonolithicFork), found " + kernel.extension()));
        long copied0 = kernel.bytesCopied();
        long pid = bgsave();
        if (pid <= 0) {
            throw new IllegalStateException("kvstore BGSAVE failed with errno " + (-pid));
        }
        // the child runs while the kernel serves the reply; the server reaps it at the top of its next request
        for (int i = 0; i < 8 && info().bgsaveChild() != 0; i++) {
            kernel.run();
        }
        if (info().bgsaveChild() != 0) {
            throw new IllegalStateException("the BGSAVE child " + pid + " did not finish: " + kernel.process((int) pid));
        }
        ForkStats f = forks.forkOf(pid).orElseThrow(() -> new IllegalStateException("no fork statistics for child " + pid));
        RamFs.Inode dump = kernel.fs().lookup(DUMP_PATH);
        return new Bgsave(pid, f, dump == null ? 0 : dump.size(), info().latestForkNanos(), reportedSaveNanos(pid),
                kernel.bytesCopied() - copied0);
    }

    /** The save time the BGSAVE child {@code pid} wrote to stderr (the server's console), or -1. */
    long reportedSaveNanos(long pid) {
        String prefix = "bgsave child " + pid + ": save time ";
        String console = process.console();
        int at = console.lastIndexOf(prefix);
        if (at < 0) {
            return -1;
        }
        int from = at + prefix.length();
        int to = console.indexOf(" ns", from);
        try {
            return to < 0 ? -1 : Long.parseLong(console.substring(from, to));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** INFO: buckets, keys, used_memory, BGSAVE child, saves. */
    public Info info() {
        ByteBuffer b = ByteBuffer.wrap(expectOk(call(OP_INFO, new byte[0], new byte[0], 0, 0), "INFO").payload())
                .order(ByteOrder.LITTLE_ENDIAN);
        return new Info(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong());
    }

    /** QUIT: the server exits 0. */
    public void quit() {
        expectOk(call(OP_QUIT, new byte[0], new byte[0], 0, 0), "QUIT");
        kernel.run();
    }

    /**
     * Sends one request and runs the kernel until the whole reply has arrived.
     *
     * @throws IllegalStateException if the server dies or stops answering
     */
    public Reply call(int op, byte[] key, byte[] value, long arg0, long arg1) {
        ByteBuffer req = ByteBuffer.allocate(32 + key.length + value.length).order(ByteOrder.LITTLE_ENDIAN);
        req.putInt(op).putInt(key.length).putLong(value.length).putLong(arg0).putLong(arg1).put(key).put(value);
        byte[] out = req.array();
        int sent = 0;
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        long start = kernel.machine().elapsedCycles();
        while (true) {
            boolean progress = false;
            if (sent < out.length) {
                long n = requestWriter.write(Arrays.copyOfRange(out, sent, Math.min(out.length, sent + CHUNK)));
                if (n > 0) {
                    sent += (int) n;
                    progress = true;
                    kernel.scheduler().wakeAll(requests.readWait(), kernel.machine().elapsedCycles());
                } else if (n != FileObject.BLOCK) {
                    throw new IllegalStateException("kvstore is gone (request pipe: " + n + "): " + describe());
                }
            }
            kernel.run();
            byte[][] chunk = new byte[1][];
            long r;
            while ((r = replyReader.read(chunk, CHUNK)) > 0) {
                in.write(chunk[0], 0, (int) r);
                progress = true;
                kernel.scheduler().wakeAll(replies.writeWait(), kernel.machine().elapsedCycles());
            }
            byte[] got = in.toByteArray();
            if (got.length >= 16) {
                ByteBuffer h = ByteBuffer.wrap(got).order(ByteOrder.LITTLE_ENDIAN);
                long status = h.getLong();
                long len = h.getLong();
                if (got.length >= 16 + len) {
                    lastCycles = kernel.machine().elapsedCycles() - start;
                    return new Reply(status, Arrays.copyOfRange(got, 16, (int) (16 + len)), lastCycles);
                }
            }
            if (process.isDead() || !progress) {
                throw new IllegalStateException("kvstore stopped answering op " + op + " (" + got.length + " reply bytes): " + describe());
            }
        }
    }

    private String describe() {
        return process + (process.fault() == null ? "" : " " + process.fault());
    }

    private static Reply expectOk(Reply r, String what) {
        if (r.status() < 0) {
            throw new IllegalStateException("kvstore " + what + " failed with errno " + (-r.status()));
        }
        return r;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Emulated cycles of the last call. */
    public long lastCycles() {
        return lastCycles;
    }

    /** The server µprocess. */
    public MicroProcess process() {
        return process;
    }

    /** The layout. */
    public KvLayout layout() {
        return layout;
    }

    /** The kernel. */
    public Kernel kernel() {
        return kernel;
    }

    /** Bytes of the heap segment currently mapped (grown by malloc as the dataset grows). */
    public long heapMappedBytes() {
        return process.heapEnd() - process.segment("heap").start();
    }

    /**
     * Resident bytes of the whole µprocess region: every mapped page but the demand-zero ones still on the zero
     * frame (with no sharing this is its PSS).
     */
    public long residentBytes() {
        long n = 0;
        for (Mapping m : kernel.inspect().pages(process)) {
            if (!kernel.frames().isZeroFrame(m.pa())) {
                n += m.size();
            }
        }
        return n;
    }

    /** Tagged capabilities stored in the heap segment (the keyspace's pointers plus the request buffer's none). */
    public long heapCapabilities() {
        Segment heap = process.segment("heap");
        return kernel.inspect().capabilities(process).stream()
                .filter(c -> c.va() >= heap.start() && c.va() < heap.end()).count();
    }

    /** The inspector, for the capabilities and pages of the server. */
    public Inspector inspect() {
        return kernel.inspect();
    }

    /** The client connection's pipes and ends, for {@link PacedClient}. */
    record Connection(Pipe requests, Pipe replies, FileObject requestWriter, FileObject replyReader) {
    }

    Connection connection() {
        return new Connection(requests, replies, requestWriter, replyReader);
    }

    @Override
    public String toString() {
        return "KvStore(" + layout.name().toLowerCase() + ", pid " + process.pid() + ", " + process.state() + ")";
    }
}
