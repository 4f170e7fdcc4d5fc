package org.uforklab.sasos.proc;

import org.uforklab.sasos.sched.WaitQueue;

/** A thread of a µprocess: its saved registers while off-core, its scheduling state and its slot (stack, TLS). */
public final class GuestThread {
    /** Scheduling states. */
    public enum State { RUNNABLE, RUNNING, BLOCKED, SLEEPING, DEAD }

    private final int tid;
    private final MicroProcess process;
    private final int slot;
    private final ThreadContext context = new ThreadContext();
    private final WaitQueue joiners;
    State state = State.RUNNABLE;
    private int core;
    private long wakeAt = -1;
    private long readyAt;
    private long exitValue;
    private WaitQueue blockedOn;
    private boolean joined;

    /** A new thread (not yet placed). */
    public GuestThread(int tid, MicroProcess process, int slot) {
        this.tid = tid;
        this.process = process;
        this.slot = slot;
        this.joiners = new WaitQueue("join tid " + tid);
    }

    /** Thread id (unique in the kernel). */
    public int tid() {
        return tid;
    }

    /** Its µprocess. */
    public MicroProcess process() {
        return process;
    }

    /** Stack/TLS slot in the region. */
    public int slot() {
        return slot;
    }

    /** Saved registers (valid while not RUNNING). */
    public ThreadContext context() {
        return context;
    }

    /** State. */
    public State state() {
        return state;
    }

    /** Sets the state (scheduler use). */
    public void setState(State s) {
        state = s;
    }

    /** The core the thread is placed on. */
    public int core() {
        return core;
    }

    /** Places the thread. */
    public void setCore(int c) {
        core = c;
    }

    /** Emulated cycle at which a sleeping thread wakes, or -1. */
    public long wakeAt() {
        return wakeAt;
    }

    /** Sets the wake time. */
    public void setWakeAt(long cycles) {
        wakeAt = cycles;
    }

    /** The thread may not run before this cycle (the time at which it was woken). */
    public long readyAt() {
        return readyAt;
    }

    /** Sets the ready time. */
    public void setReadyAt(long c) {
        readyAt = c;
    }

    /** Exit value (thread_exit / return from the entry). */
    public long exitValue() {
        return exitValue;
    }

    /** Records the exit value. */
    public void setExitValue(long v) {
        exitValue = v;
    }

    /** Threads waiting in thread_join for this one. */
    public WaitQueue joiners() {
        return joiners;
    }

    /** The queue the thread is blocked on, if any. */
    public WaitQueue blockedOn() {
        return blockedOn;
    }

    /** Records the queue the thread blocks on. */
    public void setBlockedOn(WaitQueue q) {
        blockedOn = q;
    }

    /** Whether someone joined it (its slot may be reused). */
    public boolean joined() {
        return joined;
    }

    /** Marks it joined. */
    public void setJoined() {
        joined = true;
    }

    @Override
    public String toString() {
        return String.format("thread %d of pid %d (%s) on core %d%s", tid, process.pid(), state.name().toLowerCase(), core,
                state == State.SLEEPING ? " until cycle " + wakeAt : "");
    }
}
