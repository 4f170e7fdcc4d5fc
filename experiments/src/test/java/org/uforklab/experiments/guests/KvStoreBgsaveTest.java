package org.uforklab.experiments.guests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.uforklab.experiments.ForkSystem;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.KernelConfig;
import org.uforklab.sasos.proc.LaunchOptions;
import org.uforklab.ufork.ForkService;

/** BGSAVE with a fork service: the child dumps and is reaped, and its fork's statistics come back. */
class KvStoreBgsaveTest {

    @Test
    void bgsaveForksDumpsAndReturnsTheForksStatistics() {
        java.util.Map<ForkSystem, Long> lazy = new java.util.EnumMap<>(ForkSystem.class);
        for (ForkSystem system : ForkSystem.values()) {
            ForkService svc = system.boot(3);
            KvStore kv = KvStore.start(svc.kernel(), KvLayout.CLASSIC, LaunchOptions.defaults().withHeapMax(4L << 20));
            kv.populate(20, 10_000);
            KvStore.Bgsave b = kv.bgsaveAndWait();
            assertThat(b.fork().strategy()).as("%s", system).isEqualTo(system.strategy());
            assertThat(b.fork().childPid()).isEqualTo(b.childPid());
            assertThat(b.fork().latencyMicros()).isPositive();
            assertThat(b.fork().pssChildAtExit()).as("reaped").isPositive();
            // magic, 20 × (4 + key + 4 + 10,000), count
            // RDB: magic 9, aux fields 71 (redis-ver 17, redis-bits 14, ctime 9, used-mem 15, aof-preamble 16),
            // SELECTDB 2, RESIZEDB 3; per key type 1, key length 1, value length 2 (14-bit), then the bytes; EOF 1, CRC 8
            assertThat(b.dumpBytes()).isEqualTo(9 + 71 + 2 + 3 + 20 * (1 + 1 + 2 + 10_000) + 10 * 5 + 10 * 6 + 1 + 8);
            assertThat(kv.info().saves()).as("the child counted its save in its own memory").isZero();
            assertThat(kv.info().bgsaveChild()).isZero();
            assertThat(kv.dbsize()).isEqualTo(20);
            if (system == ForkSystem.COA) {
                // the child read every value: copy on access copied the pages holding them
                assertThat(b.fork().pagesCopiedLazily()).isGreaterThan(20 * 10_000 / 4096);
            }
            lazy.put(system, b.fork().pagesCopiedLazily());
        }
        // CoPA copies only pages the child loads capabilities from (or either side writes): the value bytes the
        // child only reads stay shared, so it copies fewer pages than copy-on-access. (Why CoPA still copies
        // 22 pages here against CoA's ~5 non-value pages is an open question, noted on the experiments issue.)
        assertThat(lazy.get(ForkSystem.COPA)).isLessThan(lazy.get(ForkSystem.COA));
        assertThat(lazy.get(ForkSystem.FULL_COPY)).isLessThanOrEqualTo(lazy.get(ForkSystem.COPA));
    }

    @Test
    void withoutAForkServiceItSaysSo() {
        Kernel k = Kernel.boot(KernelConfig.defaults());
        KvStore kv = KvStore.start(k, KvLayout.CLASSIC, LaunchOptions.defaults().withHeapMax(4L << 20));
        assertThatThrownBy(kv::bgsaveAndWait).hasMessageContaining("fork service");
    }
}
