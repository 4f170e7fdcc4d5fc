package org.uforklab.machine.cpu;

import org.uforklab.machine.mem.Frame;

/**
 * The predecode cache of one physical frame: for each word slot the word last decoded there and its
 * {@link Op}. A slot is used only while the frame still holds that word, so code written by stores, DMA or the
 * kernel is re-decoded without any invalidation protocol.
 *
 * <p>Checking that costs a memory read per fetch, so the page also remembers the frame's
 * {@link Frame#version() write version} at which every slot in {@link #ops} was known to match memory
 * ({@link #cleanVersion}): while the frame's version is still that one, nothing was written and a non-null
 * {@code ops[slot]} is used with one compare. After a write the interpreter compares words again (exactly as
 * before), and once the version has stayed put for {@link #RECHECK_AFTER} such fetches it re-establishes the
 * clean state with {@link #revalidate()}, so a page that keeps being written costs at most one extra compare
 * per fetch on top of the word compare.
 *
 * <p>{@link #revalidate()} never decodes: an op whose word changed moves to {@link #stale}, keeping its word in
 * {@link #words}, and is taken back without decoding if the slot holds that word again when next fetched, so
 * when and how often words are decoded (the {@code cpu.decodes} statistic) is exactly what comparing the
 * word at every fetch gives.
 */
final class CodePage {
    /** Word-compared fetches at one unchanged version before the page is revalidated (about its cost). */
    static final int RECHECK_AFTER = 1024;

    final Frame frame;
    final int[] words = new int[1024];
    /** Ops valid at {@link #cleanVersion} (null: not decoded yet, or moved to {@link #stale}). */
    final Op[] ops = new Op[1024];
    /** Ops whose word was found changed by {@link #revalidate()}; {@code words[slot]} is still their word. */
    final Op[] stale = new Op[1024];
    /** The frame version at which every non-null {@code ops[slot]} matched memory (-1: never). */
    long cleanVersion = -1;
    /** The frame version seen by the last word-compared fetch, and how many such fetches saw it. */
    private long seenVersion = -1;
    private int seenCount;

    CodePage(Frame frame) {
        this.frame = frame;
    }

    /**
     * The op for {@code slot} when the frame holds {@code word} there, or null if it must be decoded; the
     * slow path of a fetch, comparing the word as the clean state cannot vouch for it.
     */
    Op lookup(int slot, int word) {
        Op op = ops[slot];
        boolean wasStale = false;
        if (op == null) {
            op = stale[slot];
            if (op == null) {
                return null;
            }
            wasStale = true;
        }
        if (words[slot] != word) {
            return null;
        }
        if (wasStale) {
            // the slot holds its old word again: the op is valid without decoding
            stale[slot] = null;
            ops[slot] = op;
        }
        long v = frame.version();
        if (v != cleanVersion) {
            if (v != seenVersion) {
                seenVersion = v;
                seenCount = 0;
            } else if (++seenCount >= RECHECK_AFTER) {
                revalidate();
            }
        }
        return op;
    }

    /** Records a decode of {@code word} at {@code slot}. */
    void put(int slot, int word, Op op) {
        words[slot] = word;
        ops[slot] = op;
        stale[slot] = null;
    }

    /** Moves every op whose word changed to {@link #stale}; afterwards the page is clean at the current version. */
    void revalidate() {
        for (int s = 0; s < ops.length; s++) {
            Op op = ops[s];
            if (op != null && words[s] != (int) frame.read32(s << 2)) {
                stale[s] = op;
                ops[s] = null;
            }
        }
        cleanVersion = frame.version();
        seenCount = 0;
    }

    @Override
    public String toString() {
        int n = 0;
        for (Op op : ops) {
            if (op != null) {
                n++;
            }
        }
        return String.format("CodePage@0x%x (%d decoded slots, %s)", frame.pa(), n,
                cleanVersion == frame.version() ? "clean" : "written since checked");
    }
}
