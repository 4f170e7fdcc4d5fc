package org.uforklab.sasos.sched;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.uforklab.machine.cpu.Cpu;
import org.uforklab.machine.cpu.RunResult;
import org.uforklab.machine.stats.Counter;
import org.uforklab.sasos.proc.GuestThread;

/**
 * A cooperative scheduler per core and the deterministic interleaving of cores: a thread runs on its core
 * until it yields, blocks, sleeps or exits; cores take turns in slices of emulated time, always the core that
 * is furthest behind first (ties: lowest core number), so runs are reproducible without host threads.
 * Idle cores jump forward in time to their next wake-up.
 */
public final class Scheduler {
    private final Cpu[] cpus;
    private final List<ArrayDeque<GuestThread>> runQueues = new ArrayList<>();
    private final GuestThread[] current;
    private final List<GuestThread> sleepers = new ArrayList<>();
    private final List<GuestThread> placed = new ArrayList<>();
    private final long contextSwitchCost;
    private final long sliceCycles;
    private final Counter switches;
    private final long[] idle;
    private SwitchHook switchHook = (cpu, next) -> { };
    private Placement placement = Placement.LEAST_LOADED;

    /** What the kernel does when a thread is put on a core, after its registers are restored. */
    @FunctionalInterface
    public interface SwitchHook {
        /** {@code next} is about to run on {@code cpu} (per-process address spaces: select its translation tables). */
        void switchIn(Cpu cpu, GuestThread next);
    }

    /**
     * @param cpus              one per core
     * @param contextSwitchCost cycles charged to restore a thread on a core
     * @param sliceCycles       interleaving granularity
     * @param switches          counter of context switches
     */
    public Scheduler(Cpu[] cpus, long contextSwitchCost, long sliceCycles, Counter switches) {
        this.cpus = cpus.clone();
        this.current = new GuestThread[cpus.length];
        this.idle = new long[cpus.length];
        for (int i = 0; i < cpus.length; i++) {
            runQueues.add(new ArrayDeque<>());
        }
        this.contextSwitchCost = contextSwitchCost;
        this.sliceCycles = sliceCycles;
        this.switches = switches;
    }

    /** Sets the hook run on every context switch (one; the kernel's). */
    public void onSwitchIn(SwitchHook hook) {
        this.switchHook = java.util.Objects.requireNonNull(hook);
    }

    /** Number of cores. */
    public int cores() {
        return cpus.length;
    }

    /** The CPU of core {@code i}. */
    public Cpu cpu(int i) {
        return cpus[i];
    }

    /** The thread on core {@code i}, or null. */
    public GuestThread current(int core) {
        return current[core];
    }

    /**
     * Sets how new threads are placed (default {@link Placement#LEAST_LOADED}); threads already placed stay where they are.
     */
    public void setPlacement(Placement p) {
        this.placement = java.util.Objects.requireNonNull(p);
    }

    /** How new threads are placed. */
    public Placement placement() {
        return placement;
    }

    /**
     * Places a new thread on the core its {@link Placement} chooses (by default the one with the fewest live threads,
     * free cores first, ties to the lowest number) and queues it.
     *
     * @throws IllegalStateException if the placement names a core the machine does not have
     */
    public void place(GuestThread t, long readyAt) {
        int[] live = new int[cpus.length];
        for (GuestThread x : placed) {
            if (x.state() != GuestThread.State.DEAD) {
                live[x.core()]++;
            }
        }
        int best = placement.core(t, live);
        if (best < 0 || best >= cpus.length) {
            throw new IllegalStateException("placement " + placement + " chose core " + best + " of " + cpus.length);
        }
        t.setCore(best);
        placed.add(t);
        makeRunnable(t, readyAt);
    }

    /** Makes a thread runnable (woken at {@code now}) at the tail of its core's queue. */
    public void makeRunnable(GuestThread t, long now) {
        if (t.state() == GuestThread.State.DEAD) {
            return;
        }
        sleepers.remove(t);
        t.setBlockedOn(null);
        t.setReadyAt(Math.max(t.readyAt(), now));
        if (current[t.core()] == t) {
            t.setState(GuestThread.State.RUNNING);
            return;
        }
        t.setState(GuestThread.State.RUNNABLE);
        if (!runQueues.get(t.core()).contains(t)) {
            runQueues.get(t.core()).addLast(t);
        }
    }

    /** Blocks the thread on {@code q} (it retries its call when woken). */
    public void block(GuestThread t, WaitQueue q) {
        t.setState(GuestThread.State.BLOCKED);
        t.setBlockedOn(q);
        q.add(t);
    }

    /** Wakes everything on {@code q} at time {@code now}. */
    public void wakeAll(WaitQueue q, long now) {
        for (GuestThread t : q.drain()) {
            makeRunnable(t, now);
        }
    }

    /** Puts the thread to sleep until cycle {@code until} of emulated time. */
    public void sleep(GuestThread t, long until) {
        t.setState(GuestThread.State.SLEEPING);
        t.setWakeAt(until);
        sleepers.add(t);
    }

    /** The running thread gives up its core: it goes to the tail of the queue. */
    public void yield(GuestThread t) {
        t.setState(GuestThread.State.RUNNABLE);
    }

    /** Removes a dead thread from every queue. */
    public void remove(GuestThread t) {
        if (current[t.core()] == t && t.state() == GuestThread.State.RUNNING) {
            // killed while on its core (by itself or from another core): keep its last registers for inspection
            t.context().save(cpus[t.core()]);
            current[t.core()] = null;
        }
        t.setState(GuestThread.State.DEAD);
        sleepers.remove(t);
        runQueues.get(t.core()).remove(t);
        if (t.blockedOn() != null) {
            t.blockedOn().remove(t);
            t.setBlockedOn(null);
        }
    }

    /** Whether any thread can still run or wake. */
    public boolean hasWork() {
        for (int c = 0; c < cpus.length; c++) {
            if (current[c] != null && current[c].state() != GuestThread.State.DEAD || !runQueues.get(c).isEmpty()) {
                return true;
            }
        }
        return !sleepers.isEmpty();
    }

    /** Threads blocked forever (nothing runnable or sleeping, yet blocked threads remain): a deadlock. */
    public List<GuestThread> blocked() {
        return placed.stream().filter(t -> t.state() == GuestThread.State.BLOCKED).toList();
    }

    /** The earliest time at which core {@code c} has something to do, or Long.MAX_VALUE. */
    private long readyTime(int c) {
        long now = cpus[c].core().cycles().cycles();
        GuestThread cur = current[c];
        if (cur != null && cur.state() == GuestThread.State.RUNNING) {
            return now;
        }
        GuestThread head = runQueues.get(c).peekFirst();
        long t = head == null ? Long.MAX_VALUE : Math.max(now, head.readyAt());
        for (GuestThread s : sleepers) {
            if (s.core() == c) {
                t = Math.min(t, Math.max(now, s.wakeAt()));
            }
        }
        return t;
    }

    /**
     * Runs one slice on the core that is furthest behind. Returns false when no thread can run or wake.
     *
     * @param maxInstructions a bound on instructions in this slice
     */
    public boolean runSlice(long maxInstructions) {
        int core = -1;
        long best = Long.MAX_VALUE;
        for (int c = 0; c < cpus.length; c++) {
            long t = readyTime(c);
            if (t < best) {
                best = t;
                core = c;
            }
        }
        if (core < 0) {
            return false;
        }
        Cpu cpu = cpus[core];
        long now = cpu.core().cycles().cycles();
        if (best > now) {
            cpu.core().cycles().add(best - now); // idle until the next event
            idle[core] += best - now;
            now = best;
        }
        // wake sleepers of this core whose time has come
        for (GuestThread s : List.copyOf(sleepers)) {
            if (s.core() == core && s.wakeAt() <= now) {
                makeRunnable(s, s.wakeAt());
            }
        }
        GuestThread t = current[core];
        if (t == null || t.state() != GuestThread.State.RUNNING) {
            t = runQueues.get(core).pollFirst();
            if (t == null) {
                return true;
            }
            if (t.readyAt() > now) {
                cpu.core().cycles().add(t.readyAt() - now);
                idle[core] += t.readyAt() - now;
            }
            t.context().restore(cpu);
            cpu.resume();
            cpu.core().cycles().add(contextSwitchCost);
            switches.inc();
            switchHook.switchIn(cpu, t);
            current[core] = t;
            t.setState(GuestThread.State.RUNNING);
        }
        long limit = cpu.core().cycles().cycles() + sliceCycles;
        RunResult r = cpu.run(maxInstructions, limit);
        afterRun(core, t, r);
        return true;
    }

    private void afterRun(int core, GuestThread t, RunResult r) {
        Cpu cpu = cpus[core];
        switch (t.state()) {
            case RUNNING -> {
                if (cpu.isStopped()) {
                    // stopped by the host (breakpoint handler, step): keep it on the core
                    cpu.resume();
                }
            }
            case RUNNABLE -> {
                t.context().save(cpu);
                current[core] = null;
                cpu.resume();
                runQueues.get(core).addLast(t);
            }
            case BLOCKED, SLEEPING -> {
                t.context().save(cpu);
                current[core] = null;
                cpu.resume();
            }
            case DEAD -> {
                t.context().save(cpu);
                current[core] = null;
                cpu.resume();
            }
            default -> throw new IllegalStateException(t.state().name());
        }
    }

    /** Cycles core {@code c} has spent idle: jumped forward with no thread to run, waiting for a wake-up. */
    public long idleCycles(int c) {
        return idle[c];
    }

    /** Idle cycles of every core together. */
    public long idleCycles() {
        long n = 0;
        for (long i : idle) {
            n += i;
        }
        return n;
    }

    /** Every thread ever placed. */
    public List<GuestThread> threads() {
        return List.copyOf(placed);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Scheduler (" + cpus.length + " cores, placement: " + placement + ")");
        for (int c = 0; c < cpus.length; c++) {
            sb.append(String.format("%n  core%d @ %d cycles: running %s, queue %s", c, cpus[c].core().cycles().cycles(),
                    current[c] == null ? "-" : "tid " + current[c].tid(),
                    runQueues.get(c).stream().map(x -> "tid " + x.tid()).toList()));
        }
        if (!sleepers.isEmpty()) {
            sb.append("\n  sleeping: ").append(sleepers.stream().map(x -> "tid " + x.tid() + "@" + x.wakeAt()).toList());
        }
        return sb.toString();
    }
}
