package org.uforklab.sasos;

/** How guests enter the kernel for a system call. */
public enum Personality {
    /**
     * μFork / Unikraft: the guest calls a sealed entry capability (sentry) from its system-call table; the
     * sentry's target is a kernel entry stub. No exception is taken.
     */
    SENTRY,
    /**
     * The monolithic baseline: the guest's system-call wrappers execute {@code SVC #0} with the number in
     * X8, taking a synchronous exception into the kernel and returning from it.
     */
    TRAP
}
