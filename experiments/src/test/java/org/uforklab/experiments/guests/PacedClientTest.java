package org.uforklab.experiments.guests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.uforklab.experiments.ForkSystem;
import org.uforklab.sasos.proc.LaunchOptions;
import org.uforklab.sasos.proc.MicroProcess;
import org.uforklab.ufork.ForkService;

/** Requests at chosen emulated times, with a BGSAVE child running beside them. */
class PacedClientTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRequestIsServedNoEarlierThanItsTime() {
        ForkService svc = ForkSystem.COPA.boot(1);
        KvStore kv = KvStore.start(svc.kernel(), KvLayout.CLASSIC, LaunchOptions.defaults().withHeapMax(4L << 20));
        PacedClient c = new PacedClient(kv);
        long now = c.serverCycles();
        long later = now + 1_000_000;
        PacedClient.TimedReply r = c.set(later, b("k"), b("v"));
        assertThat(r.startedAt()).isEqualTo(later);
        assertThat(r.repliedAt()).isGreaterThan(later);
        assertThat(r.latencyCycles()).isEqualTo(r.serviceCycles()).isPositive();
        // a request due in the past waits for nothing but the server: it starts when the server is free
        PacedClient.TimedReply q = c.set(now, b("k2"), b("v2"));
        assertThat(q.startedAt()).isGreaterThanOrEqualTo(r.repliedAt());
        assertThat(q.latencyCycles()).isGreaterThan(q.serviceCycles());
        assertThat(kv.get("k2")).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("v2")));
    }

    @Test
    void theChildSavesWhileTheServerServes() {
        ForkService svc = ForkSystem.COPA.boot(1);
        KvStore kv = KvStore.start(svc.kernel(), KvLayout.CLASSIC, LaunchOptions.defaults().withHeapMax(8L << 20));
        kv.populate(40, 50_000);
        PacedClient c = new PacedClient(kv);
        PacedClient.TimedReply fork = c.bgsave(c.serverCycles());
        assertThat(fork.status()).isPositive();
        MicroProcess child = svc.kernel().process((int) fork.status());
        assertThat(child.isDead()).as("the reply comes back while the child still dumps").isFalse();
        PacedClient.TimedReply w = c.set(fork.repliedAt(), b("key:3"), new byte[50_000]);
        assertThat(child.isDead()).as("one SET is faster than dumping 2 MB").isFalse();
        c.runUntil(child::isDead);
        assertThat(c.coreCyclesOf(child)).isGreaterThan(w.repliedAt());
        assertThat(child.exitCode()).isZero();
        // the server wrote a page it shared with the child: a copy was pushed to the child
        assertThat(svc.forkOf(child.pid()).orElseThrow().pagesCopied(org.uforklab.ufork.CopyCause.PARENT_WRITE)).isPositive();
    }
}
