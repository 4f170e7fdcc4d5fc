package org.uforklab.sasos.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.KernelConfig;
import org.uforklab.sasos.fs.FileObject;
import org.uforklab.sasos.fs.OpenFile;
import org.uforklab.sasos.proc.GuestThread;
import org.uforklab.sasos.proc.MicroProcess;

/** The emulated TCP listener and connections, alone and under the sys_socket echo guest. */
class SocketTest {

    /** A client that records what the server sent and when. */
    static final class Recorder implements Connection.Peer {
        final List<String> data = new ArrayList<>();
        final List<Long> cycles = new ArrayList<>();
        int closed;

        @Override
        public void received(Connection c, byte[] bytes, long cycle) {
            data.add(new String(bytes, StandardCharsets.ISO_8859_1));
            cycles.add(cycle);
        }

        @Override
        public void closedByServer(Connection c) {
            closed++;
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void connectionReadsWhatHasArrivedAndSaysWhenMoreWill() {
        Kernel k = Kernel.boot(KernelConfig.defaults().withCores(1));
        Listener l = new Listener("test", k.scheduler(), NetworkCosts.defaults());
        Recorder r = new Recorder();
        Connection c = l.connect(r, 10, 0);
        assertThat(l.acceptable(5)).isEqualTo(FileObject.BLOCK);
        assertThat(l.readableAt()).isEqualTo(10);
        assertThat(l.acceptable(10)).isZero();
        assertThat(l.take(10)).isSameAs(c);
        assertThat(l.accepted()).isEqualTo(1);

        byte[][] out = new byte[1][];
        assertThat(c.read(out, 100, 0)).as("nothing sent").isEqualTo(FileObject.BLOCK);
        assertThat(c.readableAt()).isEqualTo(-1);
        c.send(b("GET "), 100, 0);
        c.send(b("/ HTTP/1.1"), 150, 0);
        assertThat(c.read(out, 100, 99)).isEqualTo(FileObject.BLOCK);
        assertThat(c.readableAt()).isEqualTo(100);
        // at 120 only the first segment has arrived; a short read takes part of a segment
        assertThat(c.read(out, 2, 120)).isEqualTo(2);
        assertThat(new String(out[0], StandardCharsets.ISO_8859_1)).isEqualTo("GE");
        assertThat(c.read(out, 100, 120)).isEqualTo(2);
        assertThat(c.read(out, 100, 149)).isEqualTo(FileObject.BLOCK);
        assertThat(c.read(out, 100, 200)).isEqualTo(10);
        assertThat(c.bytesIn()).isEqualTo(14);

        assertThat(c.write(b("HTTP/1.1 200 OK"), 300)).isEqualTo(15);
        assertThat(r.data).containsExactly("HTTP/1.1 200 OK");
        assertThat(r.cycles).containsExactly(300L);

        c.finish(400, 300);
        assertThatThrownBy(() -> c.send(b("x"), 500, 300)).hasMessageContaining("already closed");
        assertThat(c.read(out, 100, 399)).isEqualTo(FileObject.BLOCK);
        assertThat(c.read(out, 100, 400)).as("end of file").isZero();
        assertThat(c.read(out, 100, 500)).as("and again").isZero();
        assertThat(c.write(b("late"), 401)).as("a FIN half-closes: writes still go out").isEqualTo(4);
        assertThat(r.data).containsExactly("HTTP/1.1 200 OK", "late");
        c.release();
        c.release();
        assertThat(r.closed).isEqualTo(1);
        assertThat(c.isClosedByServer()).isTrue();
    }

    @Test
    void shutdownDropsTheBacklogAndFailsAccept() {
        Kernel k = Kernel.boot(KernelConfig.defaults().withCores(1));
        Listener l = new Listener("test", k.scheduler(), NetworkCosts.defaults());
        Recorder r = new Recorder();
        l.connect(r, 0, 0);
        l.shutdown(5);
        assertThat(l.acceptable(10)).isEqualTo(-22);
        assertThat(l.backlog()).isZero();
        assertThat(r.closed).as("the unaccepted client was reset").isEqualTo(1);
        assertThatThrownBy(() -> l.connect(r, 0, 0)).hasMessageContaining("shut down");
        assertThat(NetworkCosts.defaults().segments(0)).isEqualTo(1);
        assertThat(NetworkCosts.defaults().segments(1461)).isEqualTo(2);
        assertThatThrownBy(() -> new NetworkCosts(-1, 1460)).hasMessageContaining("negative");
        assertThatThrownBy(() -> new NetworkCosts(1, 0)).hasMessageContaining("mss");
    }

    private record Echo(Kernel kernel, MicroProcess process, Listener listener) {
    }

    private static Echo echo(KernelConfig config, NetworkCosts costs) {
        Kernel k = Kernel.boot(config);
        MicroProcess p = k.launch("sys_socket");
        Listener l = new Listener("0.0.0.0:7", k.scheduler(), costs);
        p.fds().installAt(3, new OpenFile(l));
        k.run(); // the checks, then blocked in accept
        assertThat(p.isDead()).as("%s", p).isFalse();
        return new Echo(k, p, l);
    }

    @Test
    void echoGuestBlocksUntilDataArrivesAndYieldsTheCoreMeanwhile() {
        // a small per-segment cost (1 µs), so the idle time below is the wait, not the stack's work
        Echo e = echo(KernelConfig.defaults().withCores(1), NetworkCosts.defaults().withSegmentCycles(2_500));
        Kernel k = e.kernel();
        GuestThread t = e.process().threads().get(0);
        assertThat(t.state()).isEqualTo(GuestThread.State.BLOCKED);
        long now = k.machine().elapsedCycles();
        long idle0 = k.scheduler().idleCycles();
        Recorder r = new Recorder();
        Connection c = e.listener().connect(r, now + 1_000, now);
        long arrival = now + 1_000_000;
        c.send(b("ping"), arrival, now);
        k.run();
        assertThat(r.data).containsExactly("ping");
        // the reply left after the request arrived, and soon after: the thread slept, it did not spin
        assertThat(r.cycles.get(0)).isBetween(arrival, arrival + 50_000);
        assertThat(k.scheduler().idleCycles() - idle0).as("the core idled while the request was on its way")
                .isBetween(1_000_000L - 50_000, 1_000_000L);
        assertThat(k.scheduler().idleCycles(0)).isEqualTo(k.scheduler().idleCycles());
        assertThat(t.state()).isEqualTo(GuestThread.State.BLOCKED);
        assertThat(k.machine().stats().get("kernel.syscall.read")).as("one read blocked, one retry, one blocked again").isLessThanOrEqualTo(4);

        // a second request on the same connection, then the client closes: the server closes and accepts again
        long now2 = k.machine().elapsedCycles();
        c.send(b("pong!"), now2 + 2_000, now2);
        c.finish(now2 + 3_000, now2);
        k.run();
        assertThat(r.data).containsExactly("ping", "pong!");
        assertThat(r.closed).isEqualTo(1);
        assertThat(e.listener().accepted()).isEqualTo(1);

        e.listener().shutdown(k.machine().elapsedCycles());
        k.run();
        assertThat(e.process().exitCode()).as("%s", e.process()).isZero();
    }

    @Test
    void networkStackWorkIsChargedPerSegment() {
        long[] cycles = new long[2];
        long[] segCosts = {0, 100_000};
        for (int i = 0; i < 2; i++) {
            Echo e = echo(KernelConfig.defaults().withCores(1), NetworkCosts.defaults().withSegmentCycles(segCosts[i]));
            Recorder r = new Recorder();
            Connection c = e.listener().connect(r, 0, 0);
            c.send(b("x".repeat(100)), 0, 0);
            c.finish(0, 0);
            e.kernel().run();
            assertThat(r.data).containsExactly("x".repeat(100));
            cycles[i] = r.cycles.get(0);
        }
        // accept (3 handshake segments), read (1) and write (1) before the reply leaves
        assertThat(cycles[1] - cycles[0]).isEqualTo(5 * 100_000);
    }
}
