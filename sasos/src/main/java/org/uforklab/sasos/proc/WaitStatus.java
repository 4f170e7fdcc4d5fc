package org.uforklab.sasos.proc;

/** POSIX wait statuses: {@code WIFEXITED} (code &lt;&lt; 8) and {@code WIFSIGNALED} (the signal in bits 6..0). */
public final class WaitStatus {
    private WaitStatus() {
    }

    /** Normal exit with {@code code}. */
    public static int exited(int code) {
        return (code & 0xFF) << 8;
    }

    /** Killed by {@code signal}. */
    public static int signaled(int signal) {
        return signal & 0x7F;
    }

    /** WIFEXITED. */
    public static boolean ifExited(int status) {
        return (status & 0x7F) == 0;
    }

    /** WEXITSTATUS. */
    public static int exitStatus(int status) {
        return (status >> 8) & 0xFF;
    }

    /** WTERMSIG. */
    public static int termSig(int status) {
        return status & 0x7F;
    }

    /** E.g. {@code exited(0)} or {@code killed by SIGKILL}. */
    public static String describe(int status) {
        if (ifExited(status)) {
            return "exited(" + exitStatus(status) + ")";
        }
        return "killed by " + Signals.name(termSig(status));
    }
}
