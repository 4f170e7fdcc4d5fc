package org.uforklab.machine.cpu;

/**
 * Receives the synchronous exceptions of a {@link Cpu} (the kernel implements this in Java). It may inspect
 * and change the CPU's registers and memory, then says how execution continues.
 */
@FunctionalInterface
public interface ExceptionHandler {

    /**
     * Handles one exception.
     *
     * @param cpu    the CPU that took it (registers and PCC as at the faulting instruction)
     * @param record what happened
     * @return how to continue; never null
     */
    Resolution handle(Cpu cpu, ExceptionRecord record);

    /** The handler a CPU starts with: stops the core at the first exception. */
    ExceptionHandler STOP = (cpu, record) -> Resolution.stop();
}
