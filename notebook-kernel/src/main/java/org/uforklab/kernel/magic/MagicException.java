package org.uforklab.kernel.magic;

import java.io.Serial;

/** A magic used wrongly (unknown name, bad arguments, missing file); the message says what and where. */
public final class MagicException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    /** A failure with a message naming the magic. */
    public MagicException(String message) {
        super(message);
    }
}
