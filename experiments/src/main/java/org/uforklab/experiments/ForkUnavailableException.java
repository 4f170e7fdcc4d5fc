package org.uforklab.experiments;

/** An experiment needs μFork's fork and this build's kernel has none (or the experiment is not wired to it yet). */
public final class ForkUnavailableException extends RuntimeException {
    /** With the message shown to the user. */
    public ForkUnavailableException(String message) {
        super(message);
    }
}
