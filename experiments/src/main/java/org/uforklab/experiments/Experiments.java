package org.uforklab.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The registered experiments (an immutable list; {@code uforklab list} shows it). */
public final class Experiments {
    private final List<Experiment> all;

    private Experiments(List<Experiment> all) {
        this.all = List.copyOf(all);
    }

    /** Every experiment of this build. */
    public static Experiments standard() {
        List<Experiment> l = new ArrayList<>();
        l.add(new KvstorePopulateExperiment());
        l.add(RedisForkExperiment.fig4());
        l.add(RedisForkExperiment.fig5());
        l.add(new HelloForkExperiment());
        l.add(new UnixbenchExperiment());
        l.add(new FaasExperiment());
        l.add(new NginxExperiment());
        l.add(new RedisSaveExperiment());
        // beyond the paper
        l.add(new LargeDatasetExperiment());
        l.add(new HeapSizeExperiment());
        l.add(new PointerDensityExperiment());
        l.add(new SnapshotWritesExperiment());
        return new Experiments(l);
    }

    /** Exactly these (tests). */
    public static Experiments of(List<Experiment> experiments) {
        return new Experiments(experiments);
    }

    /** All, in registration order. */
    public List<Experiment> all() {
        return all;
    }

    /** The experiment with this name. */
    public Optional<Experiment> find(String name) {
        return all.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * The experiment with this name.
     *
     * @throws IllegalArgumentException listing the names there are
     */
    public Experiment get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no experiment '" + name + "' (experiments: "
                + String.join(", ", all.stream().map(Experiment::name).toList()) + ")"));
    }
}
