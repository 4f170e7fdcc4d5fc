package org.uforklab.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.uforklab.experiments.guests.KvFootprint;

/**
 * The experiments beyond the paper at small sizes: each runs end to end, registers, and shows the trend its
 * mechanism guarantees (a bigger static heap means more PTEs to visit; a compact layout stores fewer capabilities,
 * so CoPA copies fewer pages; more writes during a snapshot push more pages; the static heap grows with the
 * dataset).
 */
class BeyondExperimentsTest {

    private static Map<String, Double> byX(ExperimentResult r, String metric, String series) {
        return r.rows(metric).stream().filter(row -> row.series().equals(series)).collect(Collectors.toMap(ResultRow::x, ResultRow::ours));
    }

    private static Map<String, Double> bySeries(ExperimentResult r, String metric, String x) {
        return r.rows(metric).stream().filter(row -> row.x().equals(x)).collect(Collectors.toMap(ResultRow::series, ResultRow::ours));
    }

    @Test
    void registeredWithDefaultsAndCharts() {
        Experiments all = Experiments.standard();
        for (String name : List.of(LargeDatasetExperiment.NAME, HeapSizeExperiment.NAME, PointerDensityExperiment.NAME,
                SnapshotWritesExperiment.NAME)) {
            Experiment e = all.get(name);
            assertThat(e.needsFork()).isTrue();
            assertThat(e.figure()).isEmpty();
            assertThat(e.charts()).isNotEmpty();
            assertThat(e.defaults().getLong("seed")).isEqualTo(1);
            assertThat(e.defaults().getLong("memoryBytes")).isEqualTo(16L << 30);
        }
        assertThat(all.get(LargeDatasetExperiment.NAME).defaults().getLongs("sizes")).containsExactly(100_000_000L, 256L << 20,
                512L << 20, 1L << 30);
        assertThat(all.get(LargeDatasetExperiment.NAME).defaults().getLong("seeds")).isEqualTo(1);
        assertThat(all.get(HeapSizeExperiment.NAME).defaults().getLongs("heapSizes")).contains(136_700_000L, 1L << 30);
        assertThat(all.get("fig4").defaults().get("hostRedis")).isEqualTo("auto");
        assertThat(all.get("fig5").parameters()).noneMatch(p -> p.name().equals("hostRedis"));
    }

    @Test
    void largeDatasetsGetAStaticHeapThatHoldsThem() {
        Experiment e = Experiments.standard().get(LargeDatasetExperiment.NAME);
        ExperimentResult r = e.run(e.defaults().with(List.of("sizes=200000,3000000", "heapBytes=1MiB", "strategies=copa,full_copy",
                "memoryBytes=1GiB", "hostRedis=off", "threads=2")), Progress.NONE);
        assertThat(r.series("fork_latency")).containsExactly("ufork_copa", "ufork_full_copy");
        Map<String, Double> heap = byX(r, "static_heap", "ufork_copa");
        assertThat(heap.get("3000000")).isGreaterThan(heap.get("200000")).isGreaterThan(3.0);
        // a full copy copies the whole static heap, so a bigger heap costs more; CoPA shares it
        Map<String, Double> full = byX(r, "fork_latency", "ufork_full_copy");
        assertThat(full.get("3000000")).isGreaterThan(full.get("200000"));
        assertThat(bySeries(r, "fork_latency", "3000000").get("ufork_full_copy")).isGreaterThan(bySeries(r, "fork_latency", "3000000")
                .get("ufork_copa"));
        assertThat(r.rows("save_time")).allSatisfy(row -> assertThat(row.ours()).isPositive());
        // the host holds about a frame per page written (the server's 17 MB startup footprint and the dataset) plus the
        // dump: more than the dataset, far less than the heap
        double startup = KvFootprint.REDIS_STARTUP_BYTES / 1e6;
        assertThat(byX(r, "host_memory", "ufork_copa").get("3000000")).isBetween(startup + 3.0, startup + 3.0 * 3);
        assertThat(r.rows()).allSatisfy(row -> assertThat(row.paper()).as("no paper value below 100 MB").isNaN());
        assertThat(r.notes()).anyMatch(n -> n.startsWith("host_linux_redis: not run"));
        assertThat(r.provenance().machine()).containsEntry("memoryBytes", Long.toString(1L << 30));
    }

    @Test
    void aBiggerStaticHeapMeansMorePtesToVisit() {
        Experiment e = Experiments.standard().get(HeapSizeExperiment.NAME);
        ExperimentResult r = e.run(e.defaults().with(List.of("heapSizes=32MiB,64MiB,128MiB", "size=100000", "strategies=copa,monolithic",
                "memoryBytes=1GiB")), Progress.NONE);
        // μFork maps the whole static heap (demand-zero pages on the zero frame), so a fork visits and writes every
        // reserved PTE: each 4 KiB of heap adds the child's PTE, 32 MiB more is 8192 more
        Map<String, Double> lat = byX(r, "fork_latency", "ufork_copa");
        Map<String, Double> ptes = byX(r, "ptes_written", "ufork_copa");
        assertThat(lat.get("67108864")).isGreaterThan(lat.get("33554432"));
        assertThat(lat.get("134217728")).isGreaterThan(lat.get("67108864"));
        assertThat(ptes.get("67108864") - ptes.get("33554432")).isGreaterThanOrEqualTo(8192);
        // the monolithic baseline has no PTE for memory never touched: the reserved heap costs its fork nothing
        Map<String, Double> mono = byX(r, "fork_latency", "cheribsd");
        assertThat(mono.get("134217728")).isCloseTo(mono.get("33554432"), org.assertj.core.data.Percentage.withPercentage(1));
        assertThatThrownBy(() -> e.run(e.defaults().with(List.of("heapSizes=-1")), Progress.NONE))
                .hasMessageContaining("parameter 'heapSizes' needs values >= 0");
    }

    @Test
    void compactLayoutMakesCopaCopyLessAndPointerFreeValuesFavourCopa() {
        Experiment e = Experiments.standard().get(PointerDensityExperiment.NAME);
        ExperimentResult r = e.run(e.defaults().with(List.of("size=100000", "valueSizes=100,100000", "memoryBytes=1GiB", "threads=2")),
                Progress.NONE);
        Map<String, Double> small = bySeries(r, "child_memory_private", "100");
        assertThat(small.get("copa_compact")).as("2 capabilities per key instead of 4").isLessThan(small.get("copa_classic"));
        // small values: nearly every page holds a pointer, so CoPA copies what CoA copies; 100 KB values: almost none does
        Map<String, Double> adv = byX(r, "copa_advantage_memory", "classic");
        assertThat(adv.get("100")).isBetween(1.0, 1.2);
        assertThat(adv.get("100000")).isGreaterThan(3 * adv.get("100"));
        // the share of the dataset's heap pages holding a pointer
        Map<String, Double> frac = byX(r, "pointer_page_fraction", "classic");
        assertThat(frac.get("100")).isGreaterThan(0.8);
        assertThat(frac.get("100000")).isLessThan(0.2);
        assertThat(byX(r, "pointers_per_key", "classic").get("100")).isEqualTo(4.0);
        assertThat(byX(r, "pointers_per_key", "compact").get("100")).isEqualTo(2.0);
        assertThatThrownBy(() -> e.run(e.defaults().with(List.of("strategies=monolithic")), Progress.NONE))
                .hasMessageContaining("μFork strategies");
    }

    @Test
    void moreWritesDuringTheSnapshotPushMorePages() {
        Experiment e = Experiments.standard().get(SnapshotWritesExperiment.NAME);
        ExperimentResult r = e.run(e.defaults().with(List.of("rates=0,4,16", "size=1M", "valueSize=10000", "writeValueSize=10000",
                "strategies=copa,monolithic", "memoryBytes=1GiB", "threads=2")), Progress.NONE);
        for (String series : List.of("copa", "monolithic")) {
            Map<String, Double> pushed = byX(r, "pages_pushed", series);
            Map<String, Double> applied = byX(r, "writes_applied", series);
            // without writes only the server's own bookkeeping after fork (stat_fork_time, the child's pid) pushes a page or two
            assertThat(pushed.get("0")).as(series).isLessThanOrEqualTo(2);
            assertThat(applied.get("0")).as(series).isZero();
            assertThat(applied.get("16")).as(series).isGreaterThan(applied.get("4")).isPositive();
            assertThat(pushed.get("4")).as(series).isPositive();
            assertThat(pushed.get("16")).as(series).isGreaterThan(pushed.get("4"));
        }
        // CoPA's child gets the pushed copies: its private memory grows with the writes
        Map<String, Double> priv = byX(r, "child_memory_private", "copa");
        assertThat(priv.get("16")).isGreaterThan(priv.get("0"));
        // a server that is snapshotting is never faster than the same server alone
        assertThat(r.rows("parent_slowdown")).isNotEmpty().allSatisfy(row -> assertThat(row.ours()).isGreaterThanOrEqualTo(1.0));
        assertThat(r.series("parent_latency")).contains("copa", "copa_no_snapshot", "monolithic_no_snapshot");
        assertThatThrownBy(() -> e.run(e.defaults().with(List.of("rates=fast")), Progress.NONE)).hasMessageContaining("'fast' is not a number");
    }

    @Test
    void fig4SaysInOneNoteWhyItHasNoRealRedisSeries() {
        Experiment fig4 = Experiments.standard().get("fig4");
        ExperimentResult r = fig4.run(fig4.defaults().with(List.of("sizes=0", "strategies=copa", "seeds=1", "heapBytes=1MiB",
                "hostRedis=/nonexistent/redis-server")), Progress.NONE);
        assertThat(r.series("fork_latency")).containsExactly("ufork_copa");
        assertThat(r.notes()).filteredOn(n -> n.startsWith("host_linux_redis")).singleElement().asString()
                .contains("not an executable redis-server").doesNotContain("\n");
        assertThat(r.provenance().software()).doesNotContain("host_linux_redis");
    }

    @Test
    void budgetedRunsKeepOrderAndExplainAnOutOfMemory() {
        List<BudgetedRuns.Task<Integer>> tasks = List.of(new BudgetedRuns.Task<>("a", 1, () -> 1),
                new BudgetedRuns.Task<>("b", Long.MAX_VALUE / 2, () -> 2), new BudgetedRuns.Task<>("c", 1, () -> 3));
        assertThat(BudgetedRuns.run("t", tasks, Progress.NONE, 3, i -> "")).containsExactly(1, 2, 3);
        List<BudgetedRuns.Task<Integer>> oom = List.of(new BudgetedRuns.Task<>("huge run", 8L << 30, () -> {
            throw new OutOfMemoryError("Java heap space");
        }));
        assertThatThrownBy(() -> BudgetedRuns.run("t", oom, Progress.NONE, 1, i -> "")).hasMessageContaining("huge run ran out of JVM heap")
                .hasMessageContaining("UFORKLAB_JAVA_OPTS=-Xmx");
    }
}
