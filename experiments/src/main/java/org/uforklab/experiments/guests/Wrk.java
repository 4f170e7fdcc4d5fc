package org.uforklab.experiments.guests;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.uforklab.sasos.Kernel;

/**
 * A wrk-like closed-loop HTTP load generator: a fixed number of keep-alive connections, each sending the next
 * {@code GET} as soon as the previous response has come back; the network's round trip puts {@code rttCycles}
 * between the server writing a response and the next request on that connection arriving. It stops after
 * {@code warmup + requests} responses and measures steady-state throughput over the last {@code requests}:
 * their count divided by the emulated time between the {@code warmup}-th and the last completion.
 *
 * @param connections keep-alive connections (wrk {@code -c})
 * @param rttCycles   cycles from a response leaving the server to the next request arriving (network round trip
 *                    and the client's own work); the first request arrives one round trip after connecting
 * @param warmup      responses before the measured window (forks' lazy copies, first accepts, cold TLBs)
 * @param requests    responses measured
 * @param path        the URI requested
 */
public record Wrk(int connections, long rttCycles, long warmup, long requests, String path) {

    /** Validates. */
    public Wrk {
        if (connections < 1 || connections > 10_000) {
            throw new IllegalArgumentException("wrk connections must be in [1, 10000], got " + connections);
        }
        if (rttCycles < 0) {
            throw new IllegalArgumentException("wrk round trip cannot be negative: " + rttCycles);
        }
        if (warmup < 1) {
            throw new IllegalArgumentException("wrk warm-up must be at least 1 response (the window starts at one), got " + warmup);
        }
        if (requests < 1) {
            throw new IllegalArgumentException("wrk must measure at least 1 request, got " + requests);
        }
        if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException("wrk path must be an absolute URI path, got '" + path + "'");
        }
    }

    /** The request wrk sends: {@code GET path HTTP/1.1} with a Host header. */
    public byte[] request() {
        return ("GET " + path + " HTTP/1.1\r\nHost: localhost:80\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * What a run measured.
     *
     * @param wrk               the load
     * @param windowCycles      emulated cycles of the measured window
     * @param requestsPerSecond measured responses per second of emulated time
     * @param statuses          every response's status, counted (warm-up and those after the window included)
     * @param bad               responses that were not 200 with the expected body
     * @param perConnection     responses each connection got, in connection order
     * @param firstBad          the first bad response, or null
     * @param busyCycles        cycles the cores were not idle during the window, all cores together
     * @param bytesCopied       bytes the kernel copied through TOCTTOU bounce buffers during the window
     */
    public record Result(Wrk wrk, long windowCycles, double requestsPerSecond, Map<Integer, Long> statuses, long bad,
            List<Long> perConnection, HttpResponse firstBad, long busyCycles, long bytesCopied) {
        /** Copies. */
        public Result {
            statuses = Map.copyOf(statuses);
            perConnection = List.copyOf(perConnection);
        }

        /** Busy core cycles per measured request: the CPU each request costs the server, wherever it ran. */
        public double busyCyclesPerRequest() {
            return busyCycles / (double) wrk.requests();
        }

        /** TOCTTOU bytes copied per measured request. */
        public double bytesCopiedPerRequest() {
            return bytesCopied / (double) wrk.requests();
        }

        @Override
        public String toString() {
            return String.format("Wrk.Result(%d conns: %.1f k requests/s over %d cycles, %.0f busy cycles and %.0f TOCTTOU bytes per request,"
                    + " statuses %s, %d bad)", wrk.connections(), requestsPerSecond / 1e3, windowCycles, busyCyclesPerRequest(),
                    bytesCopiedPerRequest(), new TreeMap<>(statuses), bad);
        }
    }

    /** The closed loop's state during one run (the listener's callbacks drive it). */
    static final class Run {
        private final Wrk wrk;
        private final byte[] request;
        private final byte[] expectedBody;
        private final Kernel kernel;
        private final List<HttpClient> clients = new ArrayList<>();
        private final Map<Integer, Long> statuses = new TreeMap<>();
        private long[] completions = new long[1024];
        private int completed;
        private long bad;
        private HttpResponse firstBad;
        private boolean stopping;
        private Runnable stop = () -> { };
        private long[] windowStart;
        private long[] windowEnd;

        Run(Wrk wrk, byte[] expectedBody, Kernel kernel) {
            this.wrk = wrk;
            this.request = wrk.request();
            this.expectedBody = expectedBody.clone();
            this.kernel = kernel;
        }

        /** Time, idle cycles of all cores and TOCTTOU bytes copied, at cycle {@code now} of the core that saw a completion. */
        private long[] snapshot(long now) {
            int n = kernel.scheduler().cores();
            long clocks = 0;
            for (int c = 0; c < n; c++) {
                clocks += kernel.cpu(c).core().cycles().cycles();
            }
            return new long[] {now, clocks - kernel.scheduler().idleCycles(), kernel.bytesCopied()};
        }

        /** What happens when the last response needed has come (close every connection, shut the listener). */
        void onStop(Runnable r) {
            stop = r;
        }

        HttpClient newClient() {
            HttpClient c = new HttpClient(this::completed);
            clients.add(c);
            return c;
        }

        List<HttpClient> clients() {
            return clients;
        }

        /** The first request of a new connection. */
        void start(HttpClient c, long now) {
            c.send(request, false, now + wrk.rttCycles(), now);
        }

        private void completed(HttpClient c, HttpClient.Completed done) {
            HttpResponse r = done.response();
            statuses.merge(r.status(), 1L, Long::sum);
            if (r.status() != 200 || !Arrays.equals(r.body(), expectedBody)) {
                bad++;
                if (firstBad == null) {
                    firstBad = r;
                }
            }
            if (stopping) {
                return;
            }
            if (completed == completions.length) {
                completions = Arrays.copyOf(completions, completed * 2);
            }
            completions[completed++] = done.cycle();
            if (completed == wrk.warmup()) {
                windowStart = snapshot(done.cycle());
            }
            if (completed >= wrk.warmup() + wrk.requests()) {
                windowEnd = snapshot(done.cycle());
                stopping = true;
                for (HttpClient x : clients) {
                    x.close(done.cycle() + wrk.rttCycles() / 2, done.cycle());
                }
                stop.run();
            } else if (r.keepAlive()) {
                c.send(request, false, done.cycle() + wrk.rttCycles(), done.cycle());
            }
        }

        boolean finished() {
            return stopping;
        }

        Result result() {
            if (!stopping) {
                throw new IllegalStateException("wrk stopped after " + completed + " of " + (wrk.warmup() + wrk.requests()) + " responses");
            }
            // cores run interleaved in slices, so completions on different cores come in slightly out of order
            long[] t = Arrays.copyOf(completions, completed);
            Arrays.sort(t);
            long from = t[(int) wrk.warmup() - 1];
            long to = t[t.length - 1];
            long window = Math.max(1, to - from);
            double rps = wrk.requests() * (double) kernel.machine().config().clockHz() / window;
            // busy cycles: the sum of the cores' clocks less their idle time, between the two snapshots (cores run
            // interleaved in slices, so a snapshot is exact to within a slice per core)
            return new Result(wrk, window, rps, statuses, bad, clients.stream().map(HttpClient::responses).toList(), firstBad,
                    windowEnd[1] - windowStart[1], windowEnd[2] - windowStart[2]);
        }
    }
}
