package org.uforklab.sasos;

/**
 * How much the kernel distrusts a µprocess's system-call arguments (μFork §4.3).
 */
public enum IsolationLevel {
    /**
     * Arguments are checked against the caller's capabilities, and by-reference buffers are copied into
     * kernel memory before use, so another thread of the caller cannot change them between check and use
     * (TOCTTOU).
     */
    ADVERSARIAL,
    /** Arguments are checked against the caller's capabilities; buffers are used in place. */
    NON_ADVERSARIAL,
    /** No checks: the kernel trusts pointers (only the MMU stops it). */
    OFF;

    /** Whether pointer arguments are checked against their capabilities. */
    public boolean checksArguments() {
        return this != OFF;
    }

    /** Whether by-reference buffers are copied into kernel memory first. */
    public boolean copiesBuffers() {
        return this == ADVERSARIAL;
    }
}
