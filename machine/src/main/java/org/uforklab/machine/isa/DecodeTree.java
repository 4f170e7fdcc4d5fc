package org.uforklab.machine.isa;

import java.util.ArrayList;
import java.util.List;

/**
 * The decoder's dispatch structure: a tree whose nodes select a few opcode bits (gathered with
 * {@link Integer#compress}) and whose leaves hold the handful of encodings that can still match, so decoding a
 * word costs a few table lookups and at most a few mask compares instead of a scan of every encoding.
 * Built once per {@link EncodingTable}, immutable.
 */
final class DecodeTree {

    private static final int LEAF_SIZE = 3;
    private static final int MAX_SELECT_BITS = 6;

    private final int select;          // bits gathered at this node (0 for a leaf)
    private final DecodeTree[] children;
    private final Encoding[] leaf;

    private DecodeTree(int select, DecodeTree[] children, Encoding[] leaf) {
        this.select = select;
        this.children = children;
        this.leaf = leaf;
    }

    static DecodeTree build(List<Encoding> encodings) {
        return build(encodings, 0, 0);
    }

    private static DecodeTree build(List<Encoding> cands, int used, int depth) {
        if (cands.size() <= LEAF_SIZE || depth > 12) {
            return leaf(cands);
        }
        // the bits the most candidates fix, not yet used on this path
        int[] count = new int[32];
        for (Encoding e : cands) {
            for (int b = 0; b < 32; b++) {
                if ((e.mask() & ~used & (1 << b)) != 0) {
                    count[b]++;
                }
            }
        }
        int select = 0;
        for (int k = 0; k < MAX_SELECT_BITS; k++) {
            int best = -1;
            for (int b = 31; b >= 0; b--) {
                if ((select & (1 << b)) == 0 && count[b] > 0 && (best < 0 || count[b] > count[best])) {
                    best = b;
                }
            }
            if (best < 0 || (k > 0 && count[best] * 2 < cands.size())) {
                break;
            }
            select |= 1 << best;
        }
        if (select == 0) {
            return leaf(cands);
        }
        int n = 1 << Integer.bitCount(select);
        List<List<Encoding>> kids = new ArrayList<>();
        boolean progress = false;
        for (int v = 0; v < n; v++) {
            int bits = Integer.expand(v, select);
            List<Encoding> sub = new ArrayList<>();
            for (Encoding e : cands) {
                int m = e.mask() & select;
                if ((e.match() & m) == (bits & m)) {
                    sub.add(e);
                }
            }
            if (sub.size() < cands.size()) {
                progress = true;
            }
            kids.add(sub);
        }
        if (!progress) {
            return leaf(cands);
        }
        DecodeTree[] built = new DecodeTree[n];
        for (int v = 0; v < n; v++) {
            built[v] = build(kids.get(v), used | select, depth + 1);
        }
        return new DecodeTree(select, built, null);
    }

    private static DecodeTree leaf(List<Encoding> cands) {
        return new DecodeTree(0, null, cands.toArray(new Encoding[0]));
    }

    /** The encoding that claims the word, or null. */
    Encoding find(int word) {
        DecodeTree t = this;
        while (t.leaf == null) {
            t = t.children[Integer.compress(word, t.select)];
        }
        for (Encoding e : t.leaf) {
            if (e.matches(word)) {
                return e;
            }
        }
        return null;
    }

    /** Depth and size statistics, for tests and curious users. */
    String stats() {
        int[] s = new int[3]; // nodes, leaves, max leaf
        walk(this, s);
        return s[0] + " nodes, " + s[1] + " leaves, largest leaf " + s[2];
    }

    private static void walk(DecodeTree t, int[] s) {
        if (t.leaf != null) {
            s[1]++;
            s[2] = Math.max(s[2], t.leaf.length);
            return;
        }
        s[0]++;
        for (DecodeTree c : t.children) {
            walk(c, s);
        }
    }
}
