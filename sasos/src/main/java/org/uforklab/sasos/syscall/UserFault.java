package org.uforklab.sasos.syscall;

/** A system-call argument that the caller's capabilities do not authorise: the call returns -EFAULT. */
public final class UserFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** With the reason, e.g. "buf: capability untagged". */
    public UserFault(String reason) {
        super(reason, null, false, false);
    }
}
