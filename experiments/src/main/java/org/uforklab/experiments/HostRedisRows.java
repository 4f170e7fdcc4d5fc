package org.uforklab.experiments;

import java.util.ArrayList;
import java.util.List;
import org.uforklab.experiments.hostredis.HostRedis;
import org.uforklab.experiments.hostredis.HostRedisSeries;

/**
 * The real-Redis series as rows of a fork-latency result ({@link HostRedisSeries#SERIES}, no paper value), with
 * its note and the provenance it adds (redis-server version, host kernel). Fig 4 and {@code fork-latency-large}
 * take it with the {@code hostRedis} parameter.
 *
 * @param rows       one per size (none when the series did not run)
 * @param note       what ran, or why nothing did (one line)
 * @param provenance the version and kernel, or empty
 */
record HostRedisRows(List<ResultRow> rows, String note, String provenance) {

    /** The parameter that turns the series on. */
    static Parameter parameter() {
        return new Parameter("hostRedis", "auto", "real-Redis series (host_linux_redis): auto = the host's redis-server if installed "
                + "(skipped in one note if not), off, or the path of a redis-server");
    }

    /** Runs the series for {@code sizes} (values of at most {@code valueSize}), {@code runs} BGSAVEs each. */
    static HostRedisRows run(Parameters p, List<Long> sizes, long valueSize, long runs, String figure, Progress progress) {
        List<HostRedisSeries.Size> ds = new ArrayList<>();
        for (long s : sizes) {
            Dataset d = Dataset.of(s, valueSize);
            ds.add(new HostRedisSeries.Size(s, d.keys(), d.valueSize()));
        }
        String setting = p.get("hostRedis");
        // a progress line only when a server will run: without one, the note says why in one line
        boolean willRun = HostRedis.locate(setting, System.getenv("PATH")).isPresent();
        if (willRun) {
            progress.start(figure + " " + HostRedisSeries.SERIES, ds.size());
        }
        HostRedisSeries.Result r = HostRedisSeries.run(setting, ds, (int) Math.max(1, Math.min(runs, 1000)), progress::step);
        if (willRun) {
            progress.done();
        }
        List<ResultRow> rows = new ArrayList<>();
        for (HostRedisSeries.Point pt : r.points()) {
            rows.add(ResultRow.measured(figure, "fork_latency", HostRedisSeries.SERIES, Long.toString(pt.size()), pt.meanForkMicros(), "us"));
        }
        return new HostRedisRows(rows, r.note(), r.provenance());
    }

    /** {@code base} with this series' redis-server version and host kernel added to its software line. */
    Provenance addTo(Provenance base) {
        if (provenance.isEmpty()) {
            return base;
        }
        return new Provenance(base.gitCommit(), base.machine(), base.costModel(), base.kernel(), base.parameters(), base.seed(),
                base.software() + "; " + provenance);
    }
}
