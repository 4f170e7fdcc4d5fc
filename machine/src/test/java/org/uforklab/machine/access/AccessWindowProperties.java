package org.uforklab.machine.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.uforklab.machine.access.AccessFixture.PA;
import static org.uforklab.machine.access.AccessFixture.PAGES;
import static org.uforklab.machine.access.AccessFixture.VA;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.ObjectType;
import org.uforklab.machine.cap.Perm;
import org.uforklab.machine.fault.ArchitecturalFault;
import org.uforklab.machine.mmu.Descriptor;
import org.uforklab.machine.mmu.Mmu;
import org.uforklab.machine.mmu.PageAttributes;
import org.uforklab.machine.mmu.SystemRegisters;
import org.uforklab.machine.mmu.Tcr;
import org.uforklab.machine.time.Cost;
import org.uforklab.machine.time.CostModel;

/**
 * Accesses through {@link AccessWindow}s are indistinguishable from the full path: two identical machines run
 * the same random sequence of data and capability loads and stores (in and out of bounds, unaligned, across
 * pages, through several authorities, some lacking permissions, sealed or untagged) interleaved with what can
 * make a proof stale — descriptors rewritten in memory with and without TLB invalidation (a stale TLB entry
 * must keep being used), EL switches, ASID changes, SCTLR.A, TGEN flips, LC/SC/CDBM page bits — one machine
 * through windows, the other without; after every step the results, faults, every counter and the cycle
 * count must be equal.
 */
class AccessWindowProperties {

    /** The authorities the sequence uses: full, a sub-range, no Store, no Load/LoadCap, sealed, untagged, local. */
    static Capability[] authorities(Capability cap) {
        return new Capability[] {
            cap,
            cap.setValue(VA + 4096 + 48).setBounds(2 * 4096 + 96),
            cap.clearPerms(Perm.STORE | Perm.STORE_CAP),
            cap.clearPerms(Perm.LOAD_CAP | Perm.MUTABLE_LOAD),
            cap.clearPerms(Perm.LOAD),
            cap.sealEntry(ObjectType.RB),
            cap.withTagCleared(),
            cap.clearPerms(Perm.GLOBAL | Perm.STORE_LOCAL_CAP),
        };
    }

    /** A step's outcome: the value or the fault, then every counter and the clock. */
    static String outcome(AccessFixture f, Object value, ArchitecturalFault fault) {
        String v = fault != null ? "fault " + fault.kind() + " dfsc " + fault.dfsc() + " va " + fault.va() + " "
                + fault.getMessage() : String.valueOf(value);
        return v + " | " + f.core.stats().snapshot() + " | cycles " + f.core.cycles().cycles();
    }

    @Property(tries = 60)
    void windowedAccessesMatchTheFullPath(@ForAll long seed) {
        run(seed, 400);
    }

    @Test
    void longSequence() {
        run(0x5EED, 20_000);
    }

    /** Every cost non-zero and distinct (the defaults charge 0 for a TLB hit, which would hide a missed one). */
    static CostModel distinctCosts() {
        CostModel m = CostModel.defaults();
        long v = 3;
        for (Cost c : Cost.values()) {
            m = m.with(c, v);
            v += 2;
        }
        return m;
    }

    private static void run(long seed, int steps) {
        AccessFixture plain = new AccessFixture(distinctCosts());
        AccessFixture windowed = new AccessFixture(distinctCosts());
        Capability[] auths = authorities(plain.cap);
        AccessWindow[] windows = {new AccessWindow(), new AccessWindow(), new AccessWindow()};
        int[][] last = new int[windows.length][2];
        Random rnd = new Random(seed);
        for (int step = 0; step < steps; step++) {
            int what = rnd.nextInt(100);
            if (what < 80) {
                access(plain, windowed, auths, windows, last, rnd, step);
            } else {
                int kind = rnd.nextInt(9);
                long r = rnd.nextLong();
                perturb(plain, kind, r);
                perturb(windowed, kind, r);
                assertThat(outcome(windowed, null, null)).as("step %d (seed %d)", step, seed)
                        .isEqualTo(outcome(plain, null, null));
            }
        }
    }

    private static void access(AccessFixture plain, AccessFixture windowed, Capability[] auths,
                               AccessWindow[] windows, int[][] last, Random rnd, int step) {
        int wi = rnd.nextInt(windows.length);
        AccessWindow w = windows[wi];
        // mostly the window's previous authority and page (so windows get proved and hit), sometimes anything
        boolean local = rnd.nextInt(4) != 0;
        int ai = local ? last[wi][0] : rnd.nextInt(auths.length);
        Capability auth = auths[ai];
        // one page either side of the mapping: bounds and translation faults
        int page = local ? last[wi][1] : rnd.nextInt(PAGES + 2) - 1;
        last[wi][0] = ai;
        last[wi][1] = page;
        int off = rnd.nextInt(4) == 0 ? rnd.nextInt(4096) : rnd.nextInt(8) * 16 + (rnd.nextInt(8) == 0 ? 4088 - 128 : 0);
        long va = VA + page * 4096L + off;
        int kind = rnd.nextInt(4);
        int size = 1 << rnd.nextInt(4);
        long value = rnd.nextLong();
        Capability stored = switch (rnd.nextInt(4)) {
            case 0 -> Capability.ofInteger(value);
            case 1 -> auths[0].setValue(va);
            case 2 -> auths[7];
            default -> auths[1];
        };
        String a = perform(plain, kind, auth, va, size, value, stored, null);
        String b = perform(windowed, kind, auth, va, size, value, stored, w);
        assertThat(b).as("step %d: %s at 0x%x size %d through %s, %s", step, kind, va, size, auth, w).isEqualTo(a);
    }

    private static String perform(AccessFixture f, int kind, Capability auth, long va, int size, long value,
                                  Capability stored, AccessWindow w) {
        CheckedAccess a = f.access;
        try {
            Object result = switch (kind) {
                case 0 -> w == null ? a.load(auth, va, size) : a.load(auth, va, size, w);
                case 1 -> {
                    if (w == null) {
                        a.store(auth, va, size, value);
                    } else {
                        a.store(auth, va, size, value, w);
                    }
                    yield "stored";
                }
                case 2 -> {
                    LoadedCapability out = new LoadedCapability();
                    if (w == null) {
                        a.loadCap(auth, va, out);
                    } else {
                        a.loadCap(auth, va, out, w);
                    }
                    yield out.toCapability() + " tag " + out.isTagged();
                }
                default -> {
                    if (w == null) {
                        a.storeCap(auth, va, stored.value(), stored.pesbt(), stored.isTagged());
                    } else {
                        a.storeCap(auth, va, stored.value(), stored.pesbt(), stored.isTagged(), w);
                    }
                    yield "stored cap";
                }
            };
            return outcome(f, result, null) + " | mem " + f.machine.memory().read64(PA + ((va - VA) & 0xFFF8L));
        } catch (ArchitecturalFault e) {
            return outcome(f, null, e);
        }
    }

    /** Changes to translation state, with or without the TLB maintenance software would do. */
    private static void perturb(AccessFixture f, int what, long r) {
        Mmu mmu = f.core.mmu();
        long va = VA + Math.floorMod(r, PAGES) * 4096L;
        boolean invalidate = (r & 0x100) != 0;
        if (what <= 2 && f.tables.lookup(va).isEmpty()) {
            what = 3;
        }
        switch (what) {
            case 0 -> f.tables.protect(va, PageAttributes.kernelData().withAp((int) (r >>> 20) & 3));
            case 1 -> f.tables.protect(va, PageAttributes.kernelData().withLc((int) (r >>> 20) & 3));
            case 2 -> f.tables.protect(va, PageAttributes.kernelData().withSc((r & 0x200) != 0)
                    .withCdbm((r & 0x400) != 0));
            case 3 -> {
                if ((r & 0x1000) != 0) {
                    f.tables.unmap(va);
                } else if (f.tables.lookup(va).isEmpty()) {
                    f.tables.map(va, PA + (va - VA), PageAttributes.kernelData());
                }
            }
            case 4 -> mmu.setExceptionLevel((int) (r >>> 30) & 1);
            case 5 -> mmu.setCctlr(r >>> 40 & 3);
            case 6 -> mmu.setSctlr(SystemRegisters.SCTLR_M | ((r & 0x800) != 0 ? SystemRegisters.SCTLR_A : 0));
            case 7 -> mmu.setTtbr0(f.tables.ttbr((int) (r >>> 50) & 3));
            default -> mmu.setTcr(Tcr.morelloDefault() | ((r & 0x2000) != 0 ? Tcr.HPD0 | Tcr.HWU059_0 | Tcr.HWU060_0
                    | Tcr.HWU061_0 | Tcr.HWU062_0 : 0));
        }
        if (what <= 3 || what == 8) {
            if (invalidate) {
                if ((r & 0x4000) != 0) {
                    mmu.tlbiAll();
                } else {
                    mmu.tlbiVaAllAsids(va);
                }
            }
        }
    }

    @Test
    void aWindowIsNotUsedForAnotherAuthorityOrAfterTheTranslationChanged() {
        AccessFixture f = new AccessFixture();
        AccessWindow w = new AccessWindow();
        f.access.store(f.cap, VA + 32, 8, 7, w);
        assertThat(w.toString()).as("proved at the second access to the page").isEqualTo("AccessWindow(empty)");
        f.access.store(f.cap, VA + 24, 8, 7, w);
        assertThat(w.toString()).contains("0x400000, 0x401000");
        // same bounds but another object: the window is re-proved, not trusted
        Capability narrow = f.cap.setValue(VA + 64).setBounds(16);
        ArchitecturalFault e = null;
        try {
            f.access.load(narrow, VA + 32, 8, w);
        } catch (ArchitecturalFault x) {
            e = x;
        }
        assertThat(e).isNotNull();
        assertThat(e.dfsc()).isEqualTo(0x2A);
        // a stale TLB entry is still used (no TLBI yet), then the invalidation takes effect
        long hits = f.stat("mmu.tlb.hits");
        f.tables.protect(VA, PageAttributes.kernelData().withAp(Descriptor.AP_RO_EL1));
        f.access.store(f.cap, VA + 40, 8, 9, w);
        assertThat(f.stat("mmu.tlb.hits")).isEqualTo(hits + 1);
        f.core.mmu().tlbiVaAllAsids(VA);
        try {
            f.access.store(f.cap, VA + 48, 8, 9, w);
            e = null;
        } catch (ArchitecturalFault x) {
            e = x;
        }
        assertThat(e).isNotNull();
        assertThat(e.kind().name()).isEqualTo("PERMISSION");
        assertThat(f.access.load(f.cap, VA + 40, 8, w)).isEqualTo(9);
    }
}
