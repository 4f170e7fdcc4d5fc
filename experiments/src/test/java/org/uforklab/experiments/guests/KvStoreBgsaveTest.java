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
            long heap = kv.process().segment("heap").start();
            long capPages = kv.inspect().capabilities(kv.process()).stream().filter(c -> c.va() >= heap && c.va() < kv.process().heapEnd())
                    .map(c -> (c.va() - heap) >> 12).distinct().count();
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
            if (system == ForkSystem.COPA) {
                // the child walks the whole dict, loading a capability from every heap page that holds one (the bucket
                // array, and each key's robj and dictEntry, allocated right after its value so they share the page
                // with the value's tail and the next key's head), plus its stack frame's saved link register
                assertThat(b.fork().pagesCopied(org.uforklab.ufork.CopyCause.CHILD_CAP_LOAD)).as("heap pages with capabilities: %d", capPages)
                        .isBetween(capPages, capPages + 2);
            }
            lazy.put(system, b.fork().pagesCopiedLazily());
        }
        // CoPA copies only pages the child loads capabilities from (or either side writes): the value bytes the
        // child only reads stay shared, so it copies fewer pages than copy-on-access. With 10 KB values each key's
        // metadata sits on the last page of its value, so CoPA's ~22 copies are pages CoA copies too (as value
        // pages): CoA's ~53 are every page the values span plus the same few others.
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
