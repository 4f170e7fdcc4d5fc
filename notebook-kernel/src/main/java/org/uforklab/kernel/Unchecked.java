package org.uforklab.kernel;

/** Rethrows a checked exception without wrapping it, where an interface forbids declaring it. */
final class Unchecked {

    private Unchecked() {
    }

    /** Throws {@code t} as is; declared to return so callers can write {@code throw rethrow(t)}. */
    @SuppressWarnings("unchecked")
    static <T extends Throwable> T rethrow(Throwable t) throws T {
        throw (T) t;
    }
}
