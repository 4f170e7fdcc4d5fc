package org.uforklab.kernel.exec;

/**
 * The thread group a cell runs in. Threads the cell starts inherit it, so one interrupt reaches them too.
 *
 * <p>The stop flag lives here (not in a static field) so that several kernels or evaluators in one JVM never
 * stop each other's code: woven snippet code asks {@link CellGuard#check()}, which looks at the group of the
 * current thread.
 */
public final class CellThreadGroup extends ThreadGroup {

    private final Object context;
    private volatile boolean stopRequested;

    /** A group named {@code name} under the current thread's group, carrying the kernel's {@code context}. */
    public CellThreadGroup(String name, Object context) {
        super(name);
        this.context = context;
    }

    /**
     * What the kernel attached to the cells it runs (its display services); null outside a kernel. The cell-side
     * API ({@code display(...)}) finds its kernel through this, never through a static field.
     */
    public Object context() {
        return context;
    }

    /** The cell group of the current thread, or null when it is not running cell code. */
    public static CellThreadGroup current() {
        for (ThreadGroup g = Thread.currentThread().getThreadGroup(); g != null; g = g.getParent()) {
            if (g instanceof CellThreadGroup c) {
                return c;
            }
        }
        return null;
    }

    /** True once {@link #requestStop()} was called. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** Asks every thread of the group to stop at its next stop check, and interrupts blocking calls. */
    public void requestStop() {
        stopRequested = true;
        Thread[] threads;
        int n;
        do {
            threads = new Thread[activeCount() + 4];
            n = enumerate(threads);
        } while (n == threads.length);
        for (int i = 0; i < n; i++) {
            threads[i].interrupt();
        }
    }
}
