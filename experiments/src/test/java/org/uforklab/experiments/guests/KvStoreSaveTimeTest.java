package org.uforklab.experiments.guests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.uforklab.experiments.ForkSystem;
import org.uforklab.sasos.IsolationLevel;
import org.uforklab.sasos.proc.LaunchOptions;
import org.uforklab.ufork.ForkService;

/** The BGSAVE child reports its save time, measured from the parent's clock before fork, after a complete dump. */
class KvStoreSaveTimeTest {

    @Test
    void theChildReportsTheSaveTimeOfACompleteDump() {
        long[] copied = new long[2];
        IsolationLevel[] levels = {IsolationLevel.NON_ADVERSARIAL, IsolationLevel.ADVERSARIAL};
        for (int i = 0; i < 2; i++) {
            ForkService svc = ForkSystem.COPA.boot(5, ForkSystem.COPA.kernelConfig().withIsolation(levels[i]));
            KvStore kv = KvStore.start(svc.kernel(), KvLayout.CLASSIC, LaunchOptions.defaults().withHeapMax(4L << 20));
            kv.populate(20, 10_000);
            long before = svc.kernel().machine().elapsedCycles();
            KvStore.Bgsave b = kv.bgsaveAndWait();
            // magic, 20 × (4 + key + 4 + 10,000), count: the whole keyspace
            // RDB: magic 9, aux fields 71 (redis-ver 17, redis-bits 14, ctime 9, used-mem 15, aof-preamble 16),
            // SELECTDB 2, RESIZEDB 3; per key type 1, key length 1, value length 2 (14-bit), then the bytes; EOF 1, CRC 8
            assertThat(b.dumpBytes()).isEqualTo(9 + 71 + 2 + 3 + 20 * (1 + 1 + 2 + 10_000) + 10 * 5 + 10 * 6 + 1 + 8);
            assertThat(kv.process().console()).contains("bgsave child " + b.childPid() + ": save time ");
            assertThat(b.saveNanos()).as("the save includes the fork").isGreaterThan((long) (b.fork().latencyMicros() * 1e3));
            long elapsedNanos = svc.kernel().nanos(svc.kernel().machine().elapsedCycles() - before);
            assertThat(b.saveNanos()).as("and ends before the harness saw the child reaped").isLessThan(elapsedNanos);
            assertThat(b.saveMillis()).isEqualTo(b.saveNanos() / 1e6);
            copied[i] = b.tocttouBytes();
            assertThat(kv.reportedSaveNanos(b.childPid() + 100)).as("no such child").isEqualTo(-1);
        }
        assertThat(copied[0]).isZero();
        assertThat(copied[1]).as("the dump went through bounce buffers").isGreaterThanOrEqualTo(20 * 10_000);
    }
}
