package org.uforklab.sasos.proc;

/** Signal numbers (Linux) the kernel knows. All have the default action "terminate". */
public final class Signals {
    private Signals() {
    }

    public static final int SIGILL = 4;
    public static final int SIGTRAP = 5;
    public static final int SIGBUS = 7;
    public static final int SIGKILL = 9;
    public static final int SIGSEGV = 11;
    public static final int SIGPROT = 34;
    public static final int SIGTERM = 15;
    public static final int SIGSYS = 31;

    /** Whether {@code kill} accepts it. */
    public static boolean supported(int sig) {
        return sig == SIGKILL || sig == SIGTERM || sig == 0;
    }

    /** The name. */
    public static String name(int sig) {
        return switch (sig) {
            case SIGILL -> "SIGILL";
            case SIGTRAP -> "SIGTRAP";
            case SIGBUS -> "SIGBUS";
            case SIGKILL -> "SIGKILL";
            case SIGSEGV -> "SIGSEGV";
            case SIGPROT -> "SIGPROT";
            case SIGTERM -> "SIGTERM";
            case SIGSYS -> "SIGSYS";
            default -> "signal " + sig;
        };
    }
}
