package org.uforklab.machine.time;

/**
 * A core's emulated clock: the cycles charged so far by the cost model. Emulated time only; the host's
 * wall clock is never read. Converts to nanoseconds at the machine's clock rate for display.
 */
public final class CycleCounter {

    private final long clockHz;
    private long cycles;

    /**
     * @param clockHz the core clock in Hz (Morello: 2.5 GHz, morello.md §5)
     */
    public CycleCounter(long clockHz) {
        if (clockHz <= 0) {
            throw new IllegalArgumentException("clock rate must be positive, got " + clockHz + " Hz");
        }
        this.clockHz = clockHz;
    }

    /** Charges {@code n} cycles. */
    public void add(long n) {
        cycles += n;
    }

    /** Cycles charged so far. */
    public long cycles() {
        return cycles;
    }

    /** The clock rate in Hz. */
    public long clockHz() {
        return clockHz;
    }

    /** Emulated time so far in nanoseconds. */
    public double nanos() {
        return toNanos(cycles, clockHz);
    }

    /** Sets the counter back to zero (between experiment runs). */
    public void reset() {
        cycles = 0;
    }

    /** {@code cycles} at {@code clockHz}, in nanoseconds. */
    public static double toNanos(long cycles, long clockHz) {
        return cycles * 1e9 / clockHz;
    }

    /** "12,345 cycles (4.94 µs at 2.50 GHz)". */
    public static String format(long cycles, long clockHz) {
        double ns = toNanos(cycles, clockHz);
        String t;
        if (ns < 1e3) {
            t = String.format("%.1f ns", ns);
        } else if (ns < 1e6) {
            t = String.format("%.2f µs", ns / 1e3);
        } else if (ns < 1e9) {
            t = String.format("%.2f ms", ns / 1e6);
        } else {
            t = String.format("%.3f s", ns / 1e9);
        }
        return String.format("%,d cycles (%s at %.2f GHz)", cycles, t, clockHz / 1e9);
    }

    @Override
    public String toString() {
        return format(cycles, clockHz);
    }
}
