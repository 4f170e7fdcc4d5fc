package org.uforklab.experiments.guests;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.fs.OpenFile;
import org.uforklab.sasos.net.Connection;
import org.uforklab.sasos.net.Listener;
import org.uforklab.sasos.net.NetworkCosts;
import org.uforklab.sasos.proc.MicroProcess;

/**
 * The harness side of the nginx guest: launches it with a listening socket at fd 3, lets the master fork its
 * workers, then drives it with single HTTP exchanges ({@link #connect}) or a wrk-like load ({@link #wrk}), and
 * shuts it down (the listener stops accepting, workers exit, the master reaps them and exits).
 */
public final class Nginx {
    /** Where the guest expects its listening socket. */
    public static final int LISTEN_FD = 3;
    /** The wall-clock second at emulated time 0 (2018-11-06 15:00:00 UTC, nginx 1.15.6's release): Date headers count from it. */
    public static final long EPOCH = 1_541_516_400L;
    /** The modification time the guest gives its files (Last-Modified, ETag): 2018-11-05 15:23:09 UTC. */
    public static final long MTIME = 1_541_431_389L;
    /** The index page the guest serves at {@code /} and {@code /index.html}: nginx's default index.html (612 bytes). */
    public static final String INDEX_HTML = """
            <!DOCTYPE html>
            <html>
            <head>
            <title>Welcome to nginx!</title>
            <style>
                body {
                    width: 35em;
                    margin: 0 auto;
                    font-family: Tahoma, Verdana, Arial, sans-serif;
                }
            </style>
            </head>
            <body>
            <h1>Welcome to nginx!</h1>
            <p>If you see this page, the nginx web server is successfully installed and
            working. Further configuration is required.</p>

            <p>For online documentation and support please refer to
            <a href="http://nginx.org/">nginx.org</a>.<br/>
            Commercial support is available at
            <a href="http://nginx.com/">nginx.com</a>.</p>

            <p><em>Thank you for using nginx.</em></p>
            </body>
            </html>
            """;

    private final Kernel kernel;
    private final MicroProcess master;
    private final Listener listener;
    private final int workers;

    private Nginx(Kernel kernel, MicroProcess master, Listener listener, int workers) {
        this.kernel = kernel;
        this.master = master;
        this.listener = listener;
        this.workers = workers;
    }

    /**
     * Launches the server with {@code workers} workers on {@code kernel} (which needs a fork service) and runs it
     * until every worker waits in accept.
     *
     * @throws IllegalStateException if the master or a worker dies while starting
     */
    public static Nginx start(Kernel kernel, int workers, NetworkCosts costs) {
        return start(kernel, workers, costs, EPOCH);
    }

    /** As {@link #start(Kernel, int, NetworkCosts)}, with Date headers counting from wall-clock second {@code epoch}. */
    public static Nginx start(Kernel kernel, int workers, NetworkCosts costs, long epoch) {
        MicroProcess p = kernel.launch(Guests.nginx(workers, epoch));
        Listener l = new Listener("0.0.0.0:80", kernel.scheduler(), costs);
        p.fds().installAt(LISTEN_FD, new OpenFile(l));
        kernel.run();
        Nginx n = new Nginx(kernel, p, l, workers);
        if (p.isDead()) {
            throw new IllegalStateException("nginx master died while starting: " + n.describe(p));
        }
        List<MicroProcess> w = n.workers();
        if (w.size() != workers || w.stream().anyMatch(MicroProcess::isDead)) {
            throw new IllegalStateException("nginx started " + w.size() + " of " + workers + " workers: " + w.stream().map(n::describe).toList());
        }
        return n;
    }

    /** A single client on a new keep-alive connection, whose requests take {@code rttCycles / 2} to arrive. */
    public Client connect(long rttCycles) {
        long now = now();
        Client c = new Client(rttCycles);
        HttpClient h = new HttpClient((x, done) -> c.responses.add(done.response()));
        h.bind(listener.connect(h, now + rttCycles / 2, now));
        c.http = h;
        return c;
    }

    /** One client connection for tests and examples: each call sends, runs the kernel until it is idle, and collects. */
    public final class Client {
        private final long rtt;
        private final List<HttpResponse> responses = new ArrayList<>();
        private HttpClient http;

        private Client(long rtt) {
            this.rtt = rtt;
        }

        /** Sends one request ({@code head}: a HEAD request) and returns the response, or null if the server closed instead. */
        public HttpResponse request(String raw, boolean head) {
            List<HttpResponse> r = pipeline(raw, 1, head);
            return r.isEmpty() ? null : r.get(0);
        }

        /** Sends {@code raw} holding {@code n} requests at once and returns the responses that came back. */
        public List<HttpResponse> pipeline(String raw, int n, boolean head) {
            long now = now();
            int before = responses.size();
            if (head) {
                http.send(raw.getBytes(StandardCharsets.ISO_8859_1), true, now + rtt / 2, now);
            } else {
                http.sendPipelined(raw.getBytes(StandardCharsets.ISO_8859_1), n, now + rtt / 2, now);
            }
            kernel.run();
            return List.copyOf(responses.subList(before, responses.size()));
        }

        /** Closes the client's side and lets the server see it. */
        public void close() {
            long now = now();
            http.close(now + rtt / 2, now);
            kernel.run();
        }

        /** Whether the server has closed the connection. */
        public boolean closedByServer() {
            return http.closedByServer();
        }

        /** The connection. */
        public Connection connection() {
            return http.connection();
        }
    }

    /**
     * Runs {@code load} against the server to its end, then shuts the server down. Responses other than 200 with
     * {@code expectedBody} are counted as bad in the result.
     *
     * @throws IllegalStateException if the server stops answering, or the master or a worker fails
     */
    public Wrk.Result wrk(Wrk load, byte[] expectedBody) {
        Wrk.Run run = new Wrk.Run(load, expectedBody, kernel);
        run.onStop(() -> listener.shutdown(now()));
        long t0 = now();
        for (int i = 0; i < load.connections(); i++) {
            HttpClient c = run.newClient();
            c.bind(listener.connect(c, t0 + load.rttCycles(), t0));
            run.start(c, t0);
        }
        kernel.runUntilExit(master);
        if (!run.finished()) {
            throw new IllegalStateException("nginx stopped answering: " + run.clients() + "; " + describe(master) + "; workers "
                    + workers().stream().map(this::describe).toList());
        }
        checkExits();
        return run.result();
    }

    /** Runs {@code load} for the index page (path {@code /}). */
    public Wrk.Result wrk(Wrk load) {
        return wrk(load, INDEX_HTML.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Stops accepting; workers exit once their clients close; returns the master's exit code after it has reaped them. */
    public int shutdown() {
        listener.shutdown(now());
        kernel.runUntilExit(master);
        return master.exitCode();
    }

    private void checkExits() {
        if (master.exitCode() != 0) {
            throw new IllegalStateException("nginx master exited " + describe(master) + "; workers "
                    + workers().stream().map(this::describe).toList());
        }
    }

    private long now() {
        return kernel.machine().elapsedCycles();
    }

    private String describe(MicroProcess p) {
        return p + (p.fault() == null ? "" : " " + p.fault());
    }

    /** The master µprocess. */
    public MicroProcess master() {
        return master;
    }

    /** The workers the master forked (its children, reaped ones included). */
    public List<MicroProcess> workers() {
        return kernel.processes().stream().filter(p -> p.ppid() == master.pid()).toList();
    }

    /** The listening socket. */
    public Listener listener() {
        return listener;
    }

    /** The kernel. */
    public Kernel kernel() {
        return kernel;
    }

    /** The number of workers configured. */
    public int workerCount() {
        return workers;
    }

    @Override
    public String toString() {
        return "Nginx(" + workers + " workers, master pid " + master.pid() + " " + master.state() + ", " + listener.describe() + ")";
    }
}
