package org.uforklab.experiments.guests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.KernelConfig;
import org.uforklab.sasos.fs.RamFs;
import org.uforklab.sasos.proc.LaunchOptions;
import org.uforklab.sasos.proc.MicroProcess;

class KvStoreTest {

    private static LaunchOptions heap(long mib) {
        return LaunchOptions.defaults().withHeapMax(mib << 20);
    }

    @ParameterizedTest
    @EnumSource(KvLayout.class)
    void selfTestPassesInsideTheGuest(KvLayout layout) {
        Kernel k = Kernel.boot(KernelConfig.defaults());
        MicroProcess p = k.runUntilExit(k.launch(Guests.kvstoreSelftest(layout), heap(4)));
        assertThat(p.fault()).as("%s", p).isNull();
        assertThat(p.exitCode()).as("failed check %d", p.exitCode()).isZero();
        RamFs.Inode dump = k.fs().lookup(KvStore.DUMP_PATH);
        assertThat(dump).isNotNull();
        assertThat(new String(dump.contents(), 0, 9, StandardCharsets.US_ASCII)).isEqualTo("REDIS0009");
    }

    @Test
    void theStartupFootprintIsAllocatedAndWrittenBeforeTheFirstKey() {
        Kernel k = Kernel.boot(KernelConfig.defaults());
        KvFootprint f = KvFootprint.ofTotal(2_000_000);
        assertThat(f.sharedIntegers()).isEqualTo(KvFootprint.REDIS_SHARED_INTEGERS);
        assertThat(f.poolChunks()).isEqualTo(8);
        KvStore kv = KvStore.start(k, KvLayout.CLASSIC, f, LaunchOptions.defaults().withHeap(4L << 20));
        assertThat(kv.dbsize()).isZero();
        // zmalloc counted it: 10000 shared objects and their array, the event loop and the fired array, the pools
        long expected = 10_000 * 32 + 10_000 * 16 + 10_128 * 64 + 10_128 * 16 + 8 * 65_536;
        assertThat(kv.info().usedMemory()).isBetween(expected, expected + 64 * 1024);
        long heap = kv.process().segment("heap").start();
        long populated = kv.inspect().pages(kv.process()).stream()
                .filter(m -> m.va() >= heap && m.va() < kv.process().heapEnd() && !k.frames().isZeroFrame(m.pa())).count();
        long withHeaders = expected + 10_000 * 16; // each small object's 16-byte malloc header
        assertThat(populated).as("written at start, not just reserved").isBetween(withHeaders / 4096, withHeaders / 4096 + 12);
        // the pointer-bearing minority: the array of capabilities to the shared objects, the pools' chain
        assertThat(kv.heapCapabilities()).isBetween(10_000L + 7, 10_000L + 7 + 8);
        // and the default, for tests and the populate experiment, is none at all
        assertThat(KvFootprint.none().bytes()).isZero();
        assertThat(KvFootprint.redis().bytes()).isBetween(16_900_000L, KvFootprint.REDIS_STARTUP_BYTES);
    }

    @ParameterizedTest
    @EnumSource(KvLayout.class)
    void setGetDelThroughTheClientChannel(KvLayout layout) {
        Kernel k = Kernel.boot(KernelConfig.defaults());
        KvStore kv = KvStore.start(k, layout, heap(4));
        assertThat(kv.get("a")).isEmpty();
        kv.set("a", "small".getBytes(StandardCharsets.US_ASCII));
        byte[] big = new byte[10_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7);
        }
        kv.set("b", big);
        assertThat(kv.get("a")).hasValueSatisfying(v -> assertThat(new String(v, StandardCharsets.US_ASCII)).isEqualTo("small"));
        assertThat(kv.get("b")).hasValueSatisfying(v -> assertThat(v).isEqualTo(big));
        kv.set("a", big);
        assertThat(kv.get("a")).hasValueSatisfying(v -> assertThat(v).isEqualTo(big));
        assertThat(kv.dbsize()).isEqualTo(2);
        assertThat(kv.del("a")).isTrue();
        assertThat(kv.del("a")).isFalse();
        assertThat(kv.get("a")).isEmpty();
        assertThat(kv.dbsize()).isEqualTo(1);
        kv.quit();
        assertThat(kv.process().isDead()).isTrue();
        assertThat(kv.process().exitCode()).isZero();
    }

    @Test
    void populateThenReadBackAndSave() {
        Kernel k = Kernel.boot(KernelConfig.defaults());
        KvStore kv = KvStore.start(k, KvLayout.CLASSIC, heap(8));
        kv.populate(500, 1000);
        assertThat(kv.dbsize()).isEqualTo(500);
        byte[] v = kv.get("key:123").orElseThrow();
        assertThat(v).hasSize(1000);
        assertThat(new String(v, 0, 9, StandardCharsets.US_ASCII)).isEqualTo("value:123");
        assertThat(v[9]).isZero();
        KvStore.Info info = kv.info();
        assertThat(info.keys()).isEqualTo(500);
        assertThat(info.buckets()).isEqualTo(512);
        assertThat(info.usedMemory()).isGreaterThan(500L * 1000);
        assertThat(kv.save()).isEqualTo(500);
        int dump = k.fs().lookup(KvStore.DUMP_PATH).size();
        // per key: type, a 1-byte key length, the key, a 2-byte (14-bit) value length, 1000 value bytes; then
        // the header, aux fields, SELECTDB, RESIZEDB (RdbDumpTest parses them), EOF and the 8-byte checksum
        long keyBytes = 0;
        for (int i = 0; i < 500; i++) {
            keyBytes += ("key:" + i).length();
        }
        RdbDumpTest.Rdb rdb = new RdbDumpTest.RdbReader(k.fs().lookup(KvStore.DUMP_PATH).contents()).read();
        assertThat(rdb.keys()).hasSize(500);
        assertThat(dump - rdb.checksumOffset() + 1).as("EOF and checksum").isEqualTo(9);
        assertThat((long) dump).isBetween(500L * (1 + 1 + 2 + 1000) + keyBytes, 500L * (1 + 1 + 2 + 1000) + keyBytes + 120);
        assertThat(kv.info().saves()).isEqualTo(1);
    }

    @Test
    void bgsaveSaysForkIsMissingUntilTheKernelHasIt() {
        org.junit.jupiter.api.Assumptions.assumeFalse(org.uforklab.experiments.ForkSupport.available(), "the kernel has fork");
        Kernel k = Kernel.boot(KernelConfig.defaults());
        KvStore kv = KvStore.start(k, KvLayout.CLASSIC, heap(4));
        kv.populate(10, 10);
        assertThat(kv.bgsave()).isEqualTo(-38);
        assertThat(kv.dbsize()).isEqualTo(10);
        assertThat(k.fs().lookup(KvStore.DUMP_PATH)).isNull();
    }

    @ParameterizedTest
    @EnumSource(KvLayout.class)
    void pointersPerKeyFollowTheLayout(KvLayout layout) {
        for (int valueSize : new int[] {10, 1000}) {
            Kernel k = Kernel.boot(KernelConfig.defaults());
            KvStore kv = KvStore.start(k, layout, heap(8));
            long before = kv.heapCapabilities();
            kv.populate(1000, valueSize);
            long perKeyTimes1000 = (kv.heapCapabilities() - before) * 1000 / 1000;
            assertThat(perKeyTimes1000).as("%s, %d-byte values", layout, valueSize).isEqualTo(layout.pointersPerKey() * 1000L);
        }
    }

    @Test
    void memoryGrowsWithTheDataset() {
        long[] used = new long[3];
        long[] resident = new long[3];
        int[] keys = {100, 200, 400};
        for (int i = 0; i < keys.length; i++) {
            Kernel k = Kernel.boot(KernelConfig.defaults());
            KvStore kv = KvStore.start(k, KvLayout.CLASSIC, heap(16));
            kv.populate(keys[i], 10_000);
            used[i] = kv.info().usedMemory();
            resident[i] = kv.residentBytes();
        }
        // each key costs its value (10,000 B rounded to a representable length) plus about 150 B of metadata
        long perKey = (used[2] - used[1]) / 200;
        assertThat(perKey).isBetween(10_000L, 10_500L);
        assertThat(used[1] - used[0]).isCloseTo(used[2] - used[1] - (used[2] - used[1]) / 2, org.assertj.core.data.Percentage.withPercentage(10));
        assertThat(resident[2]).isGreaterThan(resident[1]).isGreaterThan(resident[0]);
        assertThat(resident[2] - resident[1]).isGreaterThanOrEqualTo(200L * 10_000);
    }
}
