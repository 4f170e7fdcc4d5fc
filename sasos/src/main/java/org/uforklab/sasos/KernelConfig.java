package org.uforklab.sasos;

import org.uforklab.machine.MachineConfig;

/**
 * How to build and boot a kernel. Immutable; start from {@link #defaults()} and use the withers.
 *
 * @param machine        the machine to boot on
 * @param personality    system-call entry (sentries or traps)
 * @param isolation      argument checking and TOCTTOU copying
 * @param costs          kernel-side costs
 * @param kernelHeapSize bytes of kernel heap mapped at boot
 * @param sliceCycles    how far (in cycles) one core runs before the scheduler lets the core that is furthest
 *                       behind in emulated time run: the granularity of the deterministic interleaving of cores
 * @param strace         whether the strace decorator records every call
 * @param addressSpaces  one shared address space (default) or one per process (the monolithic baseline)
 */
public record KernelConfig(MachineConfig machine, Personality personality, IsolationLevel isolation, KernelCosts costs,
        long kernelHeapSize, long sliceCycles, boolean strace, AddressSpaceModel addressSpaces) {

    /** Validates. */
    public KernelConfig {
        if (machine == null || personality == null || isolation == null || costs == null || addressSpaces == null) {
            throw new IllegalArgumentException("kernel config fields cannot be null");
        }
        if (kernelHeapSize < 4096 || (kernelHeapSize & 0xFFF) != 0 || kernelHeapSize > (256L << 20)) {
            throw new IllegalArgumentException("kernel heap must be a multiple of 4 KiB in [4 KiB, 256 MiB], got " + kernelHeapSize);
        }
        if (sliceCycles < 100) {
            throw new IllegalArgumentException("slice must be at least 100 cycles, got " + sliceCycles);
        }
    }

    /** A 4-core Morello with 1 GiB (enough for tests), sentries, adversarial isolation, a 1 MiB kernel heap. */
    public static KernelConfig defaults() {
        return new KernelConfig(MachineConfig.morello().withMemoryBytes(1L << 30), Personality.SENTRY,
                IsolationLevel.ADVERSARIAL, KernelCosts.defaults(), 1L << 20, 20_000, false, AddressSpaceModel.SINGLE);
    }

    /** Copy with another machine. */
    public KernelConfig withMachine(MachineConfig m) {
        return new KernelConfig(m, personality, isolation, costs, kernelHeapSize, sliceCycles, strace, addressSpaces);
    }

    /** Copy with another core count. */
    public KernelConfig withCores(int n) {
        return withMachine(machine.withCores(n));
    }

    /** Copy with another personality. */
    public KernelConfig withPersonality(Personality p) {
        return new KernelConfig(machine, p, isolation, costs, kernelHeapSize, sliceCycles, strace, addressSpaces);
    }

    /** Copy with another isolation level. */
    public KernelConfig withIsolation(IsolationLevel i) {
        return new KernelConfig(machine, personality, i, costs, kernelHeapSize, sliceCycles, strace, addressSpaces);
    }

    /** Copy with other kernel costs. */
    public KernelConfig withCosts(KernelCosts c) {
        return new KernelConfig(machine, personality, isolation, c, kernelHeapSize, sliceCycles, strace, addressSpaces);
    }

    /** Copy with strace on or off. */
    public KernelConfig withStrace(boolean on) {
        return new KernelConfig(machine, personality, isolation, costs, kernelHeapSize, sliceCycles, on, addressSpaces);
    }

    /** Copy with another slice length. */
    public KernelConfig withSliceCycles(long c) {
        return new KernelConfig(machine, personality, isolation, costs, kernelHeapSize, c, strace, addressSpaces);
    }

    /** Copy with another address-space model. */
    public KernelConfig withAddressSpaces(AddressSpaceModel m) {
        return new KernelConfig(machine, personality, isolation, costs, kernelHeapSize, sliceCycles, strace, m);
    }
}
