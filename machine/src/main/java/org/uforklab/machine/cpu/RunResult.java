package org.uforklab.machine.cpu;

/**
 * The outcome of a run.
 *
 * @param reason       why it returned
 * @param instructions instructions retired during the run
 * @param cycles       cycles the core's counter advanced during the run
 * @param pc           the PC at return (for a breakpoint: the breakpoint address, not yet executed)
 * @param address      the accessed address for {@link StopReason#WATCHPOINT}, else 0
 */
public record RunResult(StopReason reason, long instructions, long cycles, long pc, long address) {
    @Override
    public String toString() {
        String s = String.format("%s after %,d instructions, %,d cycles, pc 0x%x", reason.name().toLowerCase().replace('_', ' '),
                instructions, cycles, pc);
        return reason == StopReason.WATCHPOINT ? s + String.format(", address 0x%x", address) : s;
    }
}
