package org.uforklab.sasos.syscall;

/** The errno values handlers return negated (Linux numbering). */
public enum Errno {
    EPERM(1), ENOENT(2), ESRCH(3), EINTR(4), EIO(5), EBADF(9), ECHILD(10), EAGAIN(11), ENOMEM(12), EACCES(13),
    EFAULT(14), EEXIST(17), ENOTDIR(20), EISDIR(21), EINVAL(22), EMFILE(24), ENOSPC(28), ESPIPE(29), EPIPE(32),
    ERANGE(34), ENAMETOOLONG(36), ENOSYS(38), ENOTSOCK(88), ENOTCONN(107);

    private final int value;

    Errno(int value) {
        this.value = value;
    }

    /** The positive errno. */
    public int value() {
        return value;
    }

    /** What a handler returns: {@code -value}. */
    public long neg() {
        return -value;
    }

    /** The name of {@code -ret} when a result is an error. */
    public static String nameOf(long ret) {
        for (Errno e : values()) {
            if (e.value == -ret) {
                return e.name();
            }
        }
        return "E" + (-ret);
    }
}
