package org.uforklab.machine.cpu;

/** Why a run of the {@link Cpu} returned. */
public enum StopReason {
    /** The requested number of instructions executed. */
    INSTRUCTION_LIMIT,
    /** The cycle counter reached the requested value. */
    CYCLE_LIMIT,
    /** The PC reached a breakpoint (before executing that instruction). */
    BREAKPOINT,
    /** An instruction accessed a watched address range (after the access completed). */
    WATCHPOINT,
    /** The exception handler stopped the core, or it was already stopped. */
    STOPPED
}
