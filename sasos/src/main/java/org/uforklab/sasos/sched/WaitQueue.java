package org.uforklab.sasos.sched;

import java.util.ArrayList;
import java.util.List;
import org.uforklab.sasos.proc.GuestThread;

/**
 * Threads blocked on one event. A blocked thread retries its system call when woken (the call is restartable:
 * its arguments are still in its registers), so waking all is always safe.
 */
public final class WaitQueue {
    private final String name;
    private final List<GuestThread> waiters = new ArrayList<>();

    /** A queue named for strace and dumps. */
    public WaitQueue(String name) {
        this.name = name;
    }

    /** Adds a thread (it must be marked blocked by the scheduler). */
    public void add(GuestThread t) {
        if (!waiters.contains(t)) {
            waiters.add(t);
        }
    }

    /** Removes a thread (killed while waiting). */
    public void remove(GuestThread t) {
        waiters.remove(t);
    }

    /** Takes every waiter off the queue; the caller makes them runnable. */
    public List<GuestThread> drain() {
        List<GuestThread> all = List.copyOf(waiters);
        waiters.clear();
        return all;
    }

    /** Number of waiters. */
    public int size() {
        return waiters.size();
    }

    /** The name. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "WaitQueue(" + name + ", " + waiters.size() + " waiting)";
    }
}
