package org.uforklab.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Independent runs (each on its own kernel) spread over threads, but never more at once than the JVM heap
 * holds: each run declares the host memory it needs (emulated frames, the dump file, the kernel's tables) and
 * takes that much of a budget before it starts. Small runs go in parallel; a 1 GiB full copy runs alone. A run
 * larger than the whole budget still runs, alone, and an {@link OutOfMemoryError} becomes an error saying how
 * much heap to give the JVM. Results come back in submission order, so they do not depend on the thread count.
 */
final class BudgetedRuns {
    /** Heap kept out of the budget for the JVM, the harness and the results. */
    static final long RESERVE = 256L << 20;
    private static final long MIB = 1L << 20;

    private BudgetedRuns() {
    }

    /**
     * One run.
     *
     * @param label     what it is (progress and errors)
     * @param hostBytes the host memory it needs at its peak (an estimate)
     * @param work      the run
     * @param <T>       its result
     */
    record Task<T>(String label, long hostBytes, Callable<T> work) {
    }

    /** The budget of this JVM: its maximum heap less {@link #RESERVE} (at least 64 MiB). */
    static long budget() {
        return Math.max(64 * MIB, Runtime.getRuntime().maxMemory() - RESERVE);
    }

    /**
     * Runs {@code tasks} on up to {@code threads} threads within {@link #budget()}, one progress step each
     * (message from {@code describe}), in submission order of completion reports.
     */
    static <T> List<T> run(String what, List<Task<T>> tasks, Progress progress, int threads, Function<T, String> describe) {
        long budget = budget();
        int permits = (int) Math.min(Integer.MAX_VALUE, budget / MIB);
        Semaphore memory = new Semaphore(permits, true);
        progress.start(what, tasks.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, tasks.size())));
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Task<T> t : tasks) {
                int need = (int) Math.max(1, Math.min(permits, (t.hostBytes() + MIB - 1) / MIB));
                futures.add(pool.submit(() -> {
                    memory.acquire(need);
                    try {
                        return t.work().call();
                    } finally {
                        memory.release(need);
                    }
                }));
            }
            List<T> out = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                T r = get(futures.get(i), tasks.get(i), budget);
                out.add(r);
                progress.step(tasks.get(i).label() + ": " + describe.apply(r));
            }
            progress.done();
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T get(Future<T> f, Task<T> t, long budget) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + t.label(), e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof OutOfMemoryError) {
                throw new IllegalStateException(String.format("%s ran out of JVM heap (it needs about %d MiB, this JVM has %d MiB "
                        + "after a %d MiB reserve): give the JVM more, e.g. UFORKLAB_JAVA_OPTS=-Xmx%dg ./uforklab run ...",
                        t.label(), t.hostBytes() / MIB, budget / MIB, RESERVE / MIB, (t.hostBytes() + RESERVE) / (1L << 30) + 1), c);
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(t.label() + " failed: " + c, c);
        }
    }
}
