package org.uforklab.sasos.natives;

/** A native detected misuse that libc would abort on (e.g. freeing a pointer malloc never returned). */
public final class NativeAbort extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** With the reason. */
    public NativeAbort(String reason) {
        super(reason, null, false, false);
    }
}
