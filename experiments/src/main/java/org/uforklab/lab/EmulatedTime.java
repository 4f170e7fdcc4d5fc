package org.uforklab.lab;

import org.uforklab.machine.time.CycleCounter;

/**
 * A span of emulated time: cycles at a clock rate (never the host's wall clock).
 *
 * @param cycles  emulated cycles
 * @param clockHz the core clock
 */
public record EmulatedTime(long cycles, long clockHz) {

    /** The time in nanoseconds. */
    public double nanos() {
        return CycleCounter.toNanos(cycles, clockHz);
    }

    /** The time from {@code earlier} to this one (both at the same clock). */
    public EmulatedTime since(EmulatedTime earlier) {
        if (earlier.clockHz != clockHz) {
            throw new IllegalArgumentException("clocks differ: " + earlier.clockHz + " Hz vs " + clockHz + " Hz");
        }
        return new EmulatedTime(cycles - earlier.cycles, clockHz);
    }

    /** {@code 1,046 cycles (418.4 ns at 2.50 GHz)}. */
    @Override
    public String toString() {
        return CycleCounter.format(cycles, clockHz);
    }
}
