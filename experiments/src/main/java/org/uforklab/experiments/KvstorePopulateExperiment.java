package org.uforklab.experiments;

import java.util.ArrayList;
import java.util.List;
import org.uforklab.experiments.guests.KvLayout;
import org.uforklab.experiments.guests.KvStore;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.KernelConfig;
import org.uforklab.sasos.mm.VirtualLayout;
import org.uforklab.sasos.proc.LaunchOptions;

/**
 * Populating the kvstore guest (no fork): for each dataset size and layout, the emulated time of DEBUG
 * POPULATE, the server's resident memory (its PSS: nothing is shared without fork) and the capabilities it
 * stores per key. The paper has no such figure; this proves the pipeline and measures the dataset Fig 4 forks.
 */
public final class KvstorePopulateExperiment implements Experiment {
    /** The name on the command line. */
    public static final String NAME = "kvstore-populate";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "kvstore populate time, memory and pointers per key vs dataset size";
    }

    @Override
    public String figure() {
        return "";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                new Parameter("sizes", "0,1000,10000,100000,1000000,10000000,100000000",
                        "dataset sizes in bytes (Fig 4's, §7.1)"),
                new Parameter("valueSize", "100000", "largest value in bytes: the paper's 100 KB entries (§7.1)"),
                new Parameter("layouts", "classic,compact", "key layouts: classic (Redis <= 7) and/or compact (Redis 8 kvobj)"),
                new Parameter("seed", "1", "seed (the run makes no random choice; recorded for provenance)"));
    }

    @Override
    public List<ChartSpec> charts() {
        return List.of(
                new ChartSpec("populate_time", "kvstore: DEBUG POPULATE time", "dataset size (bytes)", "emulated time (ms)", true, true),
                new ChartSpec("server_pss", "kvstore: server memory (PSS)", "dataset size (bytes)", "PSS (MB)", true, true),
                new ChartSpec("pointers_per_key", "kvstore: capabilities stored per key", "dataset size (bytes)", "capabilities per key",
                        true, false));
    }

    @Override
    public boolean needsFork() {
        return false;
    }

    @Override
    public ExperimentResult run(Parameters p, Progress progress) {
        List<Long> sizes = p.getLongs("sizes");
        long valueSize = p.getLong("valueSize");
        List<KvLayout> layouts = p.getList("layouts").stream().map(KvLayout::parse).toList();
        long seed = p.getLong("seed");
        KernelConfig config = KernelConfig.defaults();
        List<ResultRow> rows = new ArrayList<>();
        progress.start(NAME, sizes.size() * layouts.size());
        for (KvLayout layout : layouts) {
            String series = layout.name().toLowerCase();
            for (long size : sizes) {
                Dataset d = Dataset.of(size, valueSize);
                Kernel k = Kernel.boot(config);
                // room for the values, their metadata and the bucket array, mapped on demand as malloc grows
                long reserve = VirtualLayout.pageUp(d.heapBytesNeeded());
                KvStore kv = KvStore.start(k, layout, LaunchOptions.defaults().withHeapMax(reserve));
                long capsBefore = kv.heapCapabilities();
                kv.populate(d.keys(), d.valueSize());
                double ms = k.nanos(kv.lastCycles()) / 1e6;
                double pssMb = kv.residentBytes() / 1e6;
                String x = Long.toString(size);
                rows.add(ResultRow.measured(NAME, "populate_time", series, x, ms, "ms"));
                rows.add(ResultRow.measured(NAME, "server_pss", series, x, pssMb, "MB"));
                double perKey = d.keys() == 0 ? Double.NaN : (kv.heapCapabilities() - capsBefore) / (double) d.keys();
                rows.add(ResultRow.measured(NAME, "pointers_per_key", series, x, perKey, "capabilities"));
                progress.step(String.format("%s %s: %d keys of %d B, %.3f ms, %.2f MB", series, x, d.keys(), d.valueSize(), ms, pssMb));
            }
        }
        progress.done();
        List<String> notes = List.of(
                "time is emulated (cycles at the machine's clock) from the request entering the pipe to the reply leaving it",
                "PSS = every mapped page of the server's region (code, GOT, data, stacks, heap); without fork nothing is shared",
                "keys = ceil(size / valueSize), values of size / keys bytes");
        return new ExperimentResult(NAME, title(), rows, charts(), notes, Provenance.capture(config, p, seed));
    }
}
