package org.uforklab.sasos;

/** Unikraft's init levels, run in this order at boot (uk_init: early, plat, lib, rootfs, sys, late). */
public enum InitLevel {
    /** Console and kernel log. */
    EARLY,
    /** Platform: physical memory map, frame allocator, translation tables, MMU on every core. */
    PLAT,
    /** Libraries: kernel heap, kernel text (entry stubs), schedulers, system-call table. */
    LIB,
    /** The root file system (RAM fs) and the standard descriptors' console. */
    ROOTFS,
    /** System: process table, isolation level and personality. */
    SYS,
    /** Late: ready to launch µprocesses. */
    LATE
}
