package org.uforklab.machine.cpu;

import java.util.Objects;
import org.uforklab.machine.cap.Capability;

/**
 * What an {@link ExceptionHandler} decides: continue after the instruction, retry it, continue at another
 * PCC, or stop the core.
 *
 * @param action the decision
 * @param target the new PCC for {@link Action#REDIRECT} (bit 0 of the value selects C64 as for a branch), else null
 */
public record Resolution(Action action, Capability target) {

    /** The possible decisions. */
    public enum Action {
        /** Continue at the instruction after the one that took the exception. */
        NEXT,
        /** Execute the same instruction again (after the handler fixed its cause, e.g. mapped a page). */
        RETRY,
        /** Continue at {@link Resolution#target()}. */
        REDIRECT,
        /** Stop the core; the run returns {@link StopReason#STOPPED}. */
        STOP
    }

    public Resolution {
        Objects.requireNonNull(action, "action");
        if ((action == Action.REDIRECT) != (target != null)) {
            throw new IllegalArgumentException("a target is given exactly for REDIRECT");
        }
    }

    /** Continue after the instruction. */
    public static Resolution next() {
        return new Resolution(Action.NEXT, null);
    }

    /** Re-execute the instruction. */
    public static Resolution retry() {
        return new Resolution(Action.RETRY, null);
    }

    /** Continue at {@code pcc} (the handler's equivalent of an ERET to another place). */
    public static Resolution redirect(Capability pcc) {
        return new Resolution(Action.REDIRECT, Objects.requireNonNull(pcc, "pcc"));
    }

    /** Stop the core. */
    public static Resolution stop() {
        return new Resolution(Action.STOP, null);
    }
}
