package org.uforklab.kernel.exec;

/**
 * The static entry points that {@link SnippetWeaver} weaves into snippet bytecode. Stateless: the stop
 * flag is read from the current thread's {@link CellThreadGroup}.
 */
public final class CellGuard {

    /** Internal name used by the weaver. */
    static final String INTERNAL_NAME = "org/uforklab/kernel/exec/CellGuard";

    private CellGuard() {
    }

    /** Called at method entry and before every backward branch of snippet code. */
    public static void check() {
        if (Thread.currentThread().getThreadGroup() instanceof CellThreadGroup g && g.stopRequested()) {
            throw new CellStoppedError();
        }
    }

    /** Replaces {@code System.exit(status)}. */
    public static void exit(int status) {
        throw new ExitAttemptException(status);
    }

    /** Replaces {@code Runtime.getRuntime().exit(status)}. */
    public static void runtimeExit(Runtime runtime, int status) {
        throw new ExitAttemptException(status);
    }

    /** Replaces {@code Runtime.getRuntime().halt(status)}. */
    public static void runtimeHalt(Runtime runtime, int status) {
        throw new ExitAttemptException(status);
    }
}
