package org.uforklab.experiments.guests;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.image.GuestImage;
import org.uforklab.sasos.proc.LaunchOptions;
import org.uforklab.sasos.proc.MicroProcess;
import org.uforklab.sasos.sched.Placement;
import org.uforklab.ufork.ForkService;
import org.uforklab.ufork.ForkStats;

/**
 * The harness side of the Zygote FaaS guest ({@code faas.s}, Fig 6): its configuration, a run on a kernel with a
 * fork service, and the coordinator's report. The guest builds a MicroPython-like runtime heap once, then forks
 * a child per request (the child runs float_operation through a bytecode interpreter and exits), keeping
 * {@link Config#inFlight()} children in flight and busy-polling waitpid(WNOHANG); it measures its own throughput
 * over a window of emulated time with clock_gettime and prints it.
 */
public final class Faas {
    /** The guest's source. */
    public static final String SOURCE = "faas.s";

    private Faas() {
    }

    /**
     * What the guest is assembled with.
     *
     * @param iterations  n of float_operation (the artifact: 100,000 iterations of {@code added = i + 1})
     * @param heapBytes   the runtime's GC heap; initialisation fills half of it with the runtime's objects
     * @param inFlight    children the coordinator keeps running (the artifact's {@code RUNNING})
     * @param warmupNanos emulated time from the coordinator's start before the measuring window opens
     * @param windowNanos the least length of the measuring window (it closes on a whole round of children)
     */
    public record Config(long iterations, long heapBytes, int inFlight, long warmupNanos, long windowNanos) {
        /** The largest {@link #inFlight()} (the guest's table of children). */
        public static final int MAX_IN_FLIGHT = 64;
        /** The smallest heap that holds the runtime's core (types, opcode table, builtins, __main__). */
        public static final long MIN_HEAP = 128 << 10;

        /**
         * Validates.
         *
         * @throws IllegalArgumentException naming the field and its allowed range
         */
        public Config {
            if (iterations < 1 || iterations >= (1L << 40)) {
                throw new IllegalArgumentException("faas iterations must be in [1, 2^40), got " + iterations);
            }
            if (heapBytes < MIN_HEAP || heapBytes > (1L << 30) || (heapBytes & 0xFFF) != 0) {
                throw new IllegalArgumentException("faas heap must be a multiple of 4 KiB in [128 KiB, 1 GiB], got " + heapBytes);
            }
            if (inFlight < 1 || inFlight > MAX_IN_FLIGHT) {
                throw new IllegalArgumentException("faas children in flight must be in [1, " + MAX_IN_FLIGHT + "], got " + inFlight);
            }
            if (warmupNanos < 0 || windowNanos < 0 || warmupNanos > (1L << 50) || windowNanos > (1L << 50)) {
                throw new IllegalArgumentException("faas warm-up and window must be in [0, 2^50] ns, got " + warmupNanos + ", " + windowNanos);
            }
        }

        /** The paper's request (n = 100,000), MicroPython's 64-bit unix heap (2 MiB), one child, 5 ms warm-up, 10 ms window. */
        public static Config defaults() {
            return new Config(100_000, 2L << 20, 1, 5_000_000, 10_000_000);
        }

        /** Copy with another n. */
        public Config withIterations(long n) {
            return new Config(n, heapBytes, inFlight, warmupNanos, windowNanos);
        }

        /** Copy with another heap size. */
        public Config withHeapBytes(long b) {
            return new Config(iterations, b, inFlight, warmupNanos, windowNanos);
        }

        /** Copy with another number of children in flight. */
        public Config withInFlight(int n) {
            return new Config(iterations, heapBytes, n, warmupNanos, windowNanos);
        }

        /** Copy with another warm-up and window (emulated nanoseconds). */
        public Config withWindow(long warmupNs, long windowNs) {
            return new Config(iterations, heapBytes, inFlight, warmupNs, windowNs);
        }

        /** The coordinator's image. */
        public GuestImage image() {
            return build("faas", "");
        }

        /** The self-test image: builds the runtime, runs one request in-process and exits with the result's low byte. */
        public GuestImage selftest() {
            return build("faas-selftest", ".equ FAAS_SELFTEST, 1\n");
        }

        private GuestImage build(String name, String extra) {
            String config = ".equ ITERATIONS, " + iterations + "\n.equ HEAP_BYTES, " + heapBytes + "\n.equ IN_FLIGHT, " + inFlight
                    + "\n.equ WARMUP_NS, " + warmupNanos + "\n.equ WINDOW_NS, " + windowNanos + "\n" + extra;
            return GuestImage.builder(name)
                    .include("config.s", config)
                    .include("forkcompat.s", Guests.source("forkcompat.s"))
                    .source(SOURCE, Guests.source(SOURCE))
                    .build();
        }

        /** The launch options: a static heap holding the GC pool, its allocation table and the allocator's slack. */
        public LaunchOptions launchOptions() {
            return LaunchOptions.defaults().withHeap(heapBytes + heapBytes / 32 + (64 << 10));
        }
    }

    /**
     * What the coordinator printed.
     *
     * @param functions       children reaped in the whole run (warm-up included, killed ones excluded)
     * @param windowFunctions children that completed inside the window
     * @param t0Nanos         emulated time of the completion that opened the window
     * @param t1Nanos         emulated time of the completion that closed it
     * @param failed          children whose exit status was not 0 (a wrong result, an exception, a fault)
     * @param forks           forks made
     */
    public record Report(long functions, long windowFunctions, long t0Nanos, long t1Nanos, long failed, long forks) {
        private static final Pattern LINE = Pattern.compile(
                "faas: functions=(\\d+) window=(\\d+) t0=(\\d+) t1=(\\d+) failed=(\\d+) forks=(\\d+)");

        /** Functions per second of emulated time over the window (NaN if the window is empty). */
        public double throughput() {
            return t1Nanos > t0Nanos ? windowFunctions * 1e9 / (t1Nanos - t0Nanos) : Double.NaN;
        }

        /** The window's length in emulated milliseconds. */
        public double windowMillis() {
            return (t1Nanos - t0Nanos) / 1e6;
        }

        /**
         * The report line in a console.
         *
         * @throws IllegalStateException if there is none
         */
        public static Report parse(String console) {
            Matcher m = LINE.matcher(console);
            if (!m.find()) {
                throw new IllegalStateException("no 'faas:' report line in the Zygote's console: '" + console.strip() + "'");
            }
            return new Report(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)));
        }

        @Override
        public String toString() {
            return String.format("%.1f functions/s (%d in a %.3f ms window; %d reaped, %d forks, %d failed)", throughput(),
                    windowFunctions, windowMillis(), functions, forks, failed);
        }
    }

    /**
     * A finished run.
     *
     * @param kernel        the kernel it ran on (left as the run ended, for inspection)
     * @param report        the coordinator's report
     * @param inFlight      children the coordinator kept in flight
     * @param zygote        the coordinator µprocess (exited)
     * @param forks         the statistics of every fork, in order
     * @param functionCores the cores the children ran on
     * @param cycles        emulated cycles of the whole run (initialisation included)
     */
    public record Run(Kernel kernel, Report report, int inFlight, MicroProcess zygote, List<ForkStats> forks, List<Integer> functionCores,
            long cycles) {
        /** Copies the lists. */
        public Run {
            forks = List.copyOf(forks);
            functionCores = List.copyOf(functionCores);
        }

        @Override
        public String toString() {
            return "Faas.Run(" + report + ", function cores " + functionCores + ", " + forks.size() + " forks)";
        }
    }

    /**
     * Runs the Zygote to its exit on {@code service}'s kernel, as the artifact's SMP build: the coordinator on core 0,
     * every child on a free core among 1..N−1 (on a one-core kernel everything shares core 0).
     *
     * @throws IllegalStateException if the kernel already runs µprocesses, the Zygote fails (its exit status or
     *                               fault is in the message), it prints no report, or a child did not compute n
     */
    public static Run run(ForkService service, Config config) {
        long c0 = service.kernel().machine().elapsedCycles();
        MicroProcess zygote = launch(service, config);
        service.kernel().runUntilExit(zygote);
        return collect(service, config, zygote, c0);
    }

    /**
     * Launches the Zygote (not yet run) and places every later thread on the function cores 1..N−1 (core 0 if the
     * kernel has one core).
     *
     * @throws IllegalStateException if the kernel already runs µprocesses (the coordinator needs core 0)
     */
    public static MicroProcess launch(ForkService service, Config config) {
        Kernel k = service.kernel();
        if (!k.processes().isEmpty()) {
            throw new IllegalStateException("the Zygote needs a kernel of its own (core 0 for the coordinator); this one runs "
                    + k.processes().size() + " µprocess(es)");
        }
        MicroProcess zygote = k.launch(config.image(), config.launchOptions());
        k.scheduler().setPlacement(Placement.among(functionCores(k).stream().mapToInt(Integer::intValue).toArray()));
        return zygote;
    }

    /**
     * The finished run of a Zygote started by {@link #launch} at machine time {@code startCycles}.
     *
     * @throws IllegalStateException if the Zygote did not exit 0, printed no report, or a child did not compute n
     */
    public static Run collect(ForkService service, Config config, MicroProcess zygote, long startCycles) {
        Kernel k = service.kernel();
        if (!zygote.isDead() || zygote.exitCode() != 0) {
            throw new IllegalStateException("the Zygote did not finish cleanly: " + zygote + (zygote.fault() == null ? "" : " " + zygote.fault())
                    + " console: '" + k.console().strip() + "'");
        }
        Report report = Report.parse(k.console());
        if (report.failed() > 0) {
            throw new IllegalStateException(report.failed() + " of " + report.functions() + " children did not return n = " + config.iterations()
                    + " (exit status 1: a wrong result, 2: an exception, or a fault); " + report);
        }
        return new Run(k, report, config.inFlight(), zygote, service.forks(), functionCores(k), k.machine().elapsedCycles() - startCycles);
    }

    private static List<Integer> functionCores(Kernel k) {
        int cores = k.scheduler().cores();
        return cores == 1 ? List.of(0) : IntStream.range(1, cores).boxed().toList();
    }
}
