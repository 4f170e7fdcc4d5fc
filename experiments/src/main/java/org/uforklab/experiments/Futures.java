package org.uforklab.experiments;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for the runs an experiment spread over threads, with failures that say which run failed. */
final class Futures {
    private Futures() {
    }

    /**
     * The result of {@code f}. A run's own exception comes through as it was thrown (its message names what went wrong
     * in the guest or the parameters); anything else is wrapped with {@code what}, the run's description.
     */
    static <T> T await(Future<T> f, String what) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + what, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(what + " failed: " + c, c);
        }
    }
}
