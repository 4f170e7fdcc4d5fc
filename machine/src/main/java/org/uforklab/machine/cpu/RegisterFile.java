package org.uforklab.machine.cpu;

import org.uforklab.machine.cap.Capability;

/**
 * The capability register file C0–C30 and CSP, held as primitive arrays (value, pesbt, tag) so integer work
 * never allocates: writing an X or W register makes the register a NULL-derived (untagged, pesbt 0)
 * capability with that value, as Morello does. A {@link Capability} object is built lazily when one is needed
 * (capability operands, memory authorities) and cached.
 *
 * <p>Cache invariant: {@code cache[i]}, when not null, has the register's pesbt and tag; its value may be
 * stale. That is enough for an access authority: tag, seal, permissions and bounds do not depend on the value
 * while a value change keeps the tag (Sail {@code CapAdd}/{@code CapSetValue} only keep the tag when the
 * bounds decode identically), so pointer increments keep their cached authority.
 *
 * <p>Index 31 is CSP; {@link #ZR} (32) reads as zero and {@link #DISCARD} (33) is where writes to XZR/WZR/CZR
 * go, so the interpreter never tests for register 31.
 */
public final class RegisterFile {

    /** Index of CSP. */
    public static final int SP = 31;
    /** Index that reads as the zero register (never written). */
    public static final int ZR = 32;
    /** Index that swallows writes to the zero register. */
    public static final int DISCARD = 33;
    static final int SIZE = 34;

    final long[] value = new long[SIZE];
    final long[] pesbt = new long[SIZE];
    final boolean[] tag = new boolean[SIZE];
    final Capability[] cache = new Capability[SIZE];
    /**
     * Bit r set when register r may hold more than an integer (pesbt != 0 or tagged); clear bits are exact
     * (pesbt 0, untagged), so an X write to such a register only stores the value.
     */
    private long capMask;

    /** Writes an integer (X register write): an untagged capability with pesbt 0. */
    void setX(int r, long v) {
        value[r] = v;
        long bit = 1L << r;
        if ((capMask & bit) != 0) {
            pesbt[r] = 0;
            tag[r] = false;
            cache[r] = null;
            capMask &= ~bit;
        }
    }

    private void track(int r, long pes, boolean t) {
        long bit = 1L << r;
        capMask = (pes != 0 | t) ? capMask | bit : capMask & ~bit;
    }

    /** Writes a capability. */
    void setC(int r, Capability c) {
        value[r] = c.value();
        pesbt[r] = c.pesbt();
        tag[r] = c.isTagged();
        cache[r] = c;
        track(r, c.pesbt(), c.isTagged());
    }

    /** Writes raw bits; {@code cached} must be null or a capability with this pesbt and tag. */
    void setRaw(int r, long pes, long v, boolean t, Capability cached) {
        value[r] = v;
        pesbt[r] = pes;
        tag[r] = t;
        cache[r] = cached;
        track(r, pes, t);
    }

    /** Copies register {@code from} into {@code to} (MOV Cd, Cn). */
    void copy(int to, int from) {
        value[to] = value[from];
        pesbt[to] = pesbt[from];
        tag[to] = tag[from];
        cache[to] = cache[from];
        track(to, pesbt[from], tag[from]);
    }

    /** Register {@code r} as a capability, exact value included (allocates only when the value changed). */
    Capability cap(int r) {
        Capability c = cache[r];
        if (c != null && c.value() == value[r]) {
            return c;
        }
        c = Capability.of(pesbt[r], value[r], tag[r]);
        cache[r] = c;
        return c;
    }

    /** Register {@code r} as an access authority: right tag, seal, permissions and bounds; value possibly stale. */
    Capability authority(int r) {
        Capability c = cache[r];
        if (c == null) {
            c = Capability.of(pesbt[r], value[r], tag[r]);
            cache[r] = c;
        }
        return c;
    }

    /** The full capability in C{@code r} (0–30) or CSP ({@code r} = 31). */
    public Capability get(int r) {
        check(r);
        return cap(r);
    }

    /** Sets C{@code r} (0–30) or CSP (31). */
    public void set(int r, Capability c) {
        check(r);
        setC(r, c);
    }

    /** The 64-bit value of X{@code r} (0–30) or SP (31). */
    public long x(int r) {
        check(r);
        return value[r];
    }

    /** Writes X{@code r} (0–30) or SP (31): the register becomes an untagged NULL-derived capability. */
    public void setInteger(int r, long v) {
        check(r);
        setX(r, v);
    }

    private static void check(int r) {
        if (r < 0 || r > 31) {
            throw new IllegalArgumentException("register " + r + " is not 0-30 or 31 (CSP)");
        }
    }

    /** Clears every register to NULL. */
    public void clear() {
        java.util.Arrays.fill(value, 0);
        java.util.Arrays.fill(pesbt, 0);
        java.util.Arrays.fill(tag, false);
        java.util.Arrays.fill(cache, null);
        capMask = 0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            String name = i == 31 ? "csp" : "c" + i;
            if (tag[i] || pesbt[i] != 0) {
                sb.append(String.format("%-4s %s%n", name, cap(i)));
            } else {
                sb.append(String.format("%-4s 0x%016x%n", name, value[i]));
            }
        }
        return sb.toString();
    }
}
