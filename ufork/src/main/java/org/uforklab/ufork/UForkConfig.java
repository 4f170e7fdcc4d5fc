package org.uforklab.ufork;

import java.util.Objects;

/**
 * μFork's settings for one kernel. Immutable; start from {@link #defaults()}.
 *
 * @param strategy default strategy of every fork (a fork may override it, see {@link UFork#forkNextWith})
 * @param aslr     whether a child's region base is drawn at random (aligned for its region capability)
 * @param aslrSeed seed of the kernel's ASLR generator (runs stay reproducible)
 * @param costs    software costs of fork
 */
public record UForkConfig(ForkStrategy strategy, boolean aslr, long aslrSeed, ForkCosts costs) {

    /** Validates. */
    public UForkConfig {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(costs, "costs");
        if (!strategy.isUFork()) {
            throw new IllegalArgumentException(strategy + " is the monolithic baseline's fork (baseline.MonolithicFork), not a μFork strategy");
        }
    }

    /** CoPA, no ASLR, default costs. */
    public static UForkConfig defaults() {
        return new UForkConfig(ForkStrategy.COPY_ON_POINTER_ACCESS, false, 0, ForkCosts.defaults());
    }

    /** Copy with another default strategy. */
    public UForkConfig withStrategy(ForkStrategy s) {
        return new UForkConfig(s, aslr, aslrSeed, costs);
    }

    /** Copy with ASLR on, seeded. */
    public UForkConfig withAslr(long seed) {
        return new UForkConfig(strategy, true, seed, costs);
    }

    /** Copy with other costs. */
    public UForkConfig withCosts(ForkCosts c) {
        return new UForkConfig(strategy, aslr, aslrSeed, c);
    }
}
