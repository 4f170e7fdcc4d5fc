package org.uforklab.experiments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.uforklab.machine.MachineConfig;
import org.uforklab.machine.time.Cost;
import org.uforklab.sasos.KernelConfig;
import org.uforklab.sasos.KernelCosts;
import org.uforklab.ufork.ForkCosts;
import org.uforklab.ufork.baseline.MonolithicCosts;

/**
 * Where a result came from, enough to rerun it: the source's git commit, the machine configuration, every
 * cost-model parameter (machine and kernel), the kernel configuration, the parameters and the seed.
 *
 * @param gitCommit  {@code git rev-parse HEAD} of the source tree (with {@code -dirty} if it had changes), or {@code unknown}
 * @param machine    cores, clock, memory, TLB entries
 * @param costModel  the one cost model, in cycles: every machine {@link Cost} parameter, every {@link KernelCosts}
 *                   component ({@code kernel.*}), μFork's {@link ForkCosts} ({@code fork.*}) and the monolithic
 *                   baseline's {@link MonolithicCosts} ({@code monolithic.*}) as every experiment installs them
 * @param kernel     personality, isolation, scheduler slice
 * @param parameters the run's parameter values
 * @param seed       the seed of the run's random choices
 * @param software   uforklab and Java versions
 */
public record Provenance(String gitCommit, Map<String, String> machine, Map<String, Long> costModel, Map<String, String> kernel,
        Map<String, String> parameters, long seed, String software) {

    /** Captures the provenance of a run on a kernel with {@code config}. */
    public static Provenance capture(KernelConfig config, Parameters parameters, long seed) {
        MachineConfig m = config.machine();
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("cores", Integer.toString(m.cores()));
        machine.put("clockHz", Long.toString(m.clockHz()));
        machine.put("memoryBytes", Long.toString(m.memoryBytes()));
        machine.put("tlbEntries", Integer.toString(m.tlbEntries()));
        Map<String, Long> costs = new LinkedHashMap<>();
        for (Cost c : Cost.values()) {
            costs.put(c.parameterName(), m.costs().get(c));
        }
        putComponents(costs, "kernel.", config.costs());
        putComponents(costs, "fork.", ForkCosts.defaults());
        putComponents(costs, "monolithic.", MonolithicCosts.defaults());
        Map<String, String> kernel = new LinkedHashMap<>();
        kernel.put("personality", config.personality().name());
        kernel.put("isolation", config.isolation().name());
        kernel.put("sliceCycles", Long.toString(config.sliceCycles()));
        kernel.put("kernelHeapSize", Long.toString(config.kernelHeapSize()));
        return new Provenance(currentGitCommit(), machine, costs, kernel, parameters.asMap(), seed,
                "uforklab 0.1.0, Java " + System.getProperty("java.version"));
    }

    /** Puts every long component of the record {@code r} into {@code out} as {@code prefix + name}. */
    private static void putComponents(Map<String, Long> out, String prefix, Record r) {
        for (var rc : r.getClass().getRecordComponents()) {
            try {
                out.put(prefix + rc.getName(), (Long) rc.getAccessor().invoke(r));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read cost " + prefix + rc.getName(), e);
            }
        }
    }

    /** The commit of the source tree the classes were built from, or "unknown" outside a git checkout. */
    static String currentGitCommit() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(".git"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            return "unknown";
        }
        String head = run(dir, "git", "rev-parse", "HEAD");
        if (head == null || head.isBlank()) {
            return "unknown";
        }
        String status = run(dir, "git", "status", "--porcelain", "--untracked-files=no");
        return head.strip() + (status != null && !status.isBlank() ? "-dirty" : "");
    }

    private static String run(Path dir, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
