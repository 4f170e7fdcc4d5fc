package org.uforklab.sasos;

/** How µprocesses are laid out in virtual memory. */
public enum AddressSpaceModel {
    /** One address space shared by the kernel and every µprocess (Unikraft, μFork): isolation by capabilities. */
    SINGLE,
    /**
     * One address space per process, each with its own translation tables and ASID, selected by the scheduler
     * on a context switch (TTBR0_EL1 write): the monolithic-OS baseline standing for CheriBSD. The kernel's
     * mappings are shared by every tree.
     */
    PER_PROCESS
}
