package org.uforklab.machine.cpu;

import static org.uforklab.machine.cpu.RegisterFile.DISCARD;

import org.uforklab.machine.access.CheckedAccess;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.Perm;
import org.uforklab.machine.fault.AccessKind;

/**
 * Exclusives, compare-and-swap, swap and the LD&lt;op&gt; atomics (integer and capability forms), and LDCT/STCT.
 * Read-modify-write instructions check the authority for both Load and Store before touching memory, so a
 * fault leaves memory unchanged. Exclusive accesses must be naturally aligned (Alignment fault otherwise).
 */
final class AtomicOps {
    private AtomicOps() {
    }

    static void execute(Cpu cpu, CheckedAccess access, ExclusiveMonitor monitor, Op op) {
        RegisterFile r = cpu.regs;
        long va = r.value[op.rn];
        Capability auth = r.authority(op.rn);
        boolean cap = op.size == 16 && op.kind != Op.LDCT && op.kind != Op.STCT;
        switch (op.kind) {
            case Op.LOAD_EXCL -> {
                long len = op.flag ? 2L * op.size : op.size;
                alignment(cpu, va, len, AccessKind.LOAD);
                if (cap) {
                    access.checkCapability(auth, va, len, Perm.LOAD, AccessKind.CAP_LOAD);
                    Capability a = access.loadCap(auth, va);
                    Capability b = op.flag ? access.loadCap(auth, va + 16) : null;
                    monitor.mark(va, len);
                    cpu.watch(va, len, false);
                    if (op.rd != DISCARD) {
                        r.setC(op.rd, a);
                    }
                    if (b != null && op.ra != DISCARD) {
                        r.setC(op.ra, b);
                    }
                } else {
                    access.checkCapability(auth, va, len, Perm.LOAD, AccessKind.LOAD);
                    long a = access.load(auth, va, op.size);
                    long b = op.flag ? access.load(auth, va + op.size, op.size) : 0;
                    monitor.mark(va, len);
                    cpu.watch(va, len, false);
                    r.setX(op.rd, a);
                    if (op.flag) {
                        r.setX(op.ra, b);
                    }
                }
            }
            case Op.STORE_EXCL -> {
                long len = op.flag ? 2L * op.size : op.size;
                alignment(cpu, va, len, AccessKind.STORE);
                boolean ok = monitor.checkAndClear(va, len);
                if (ok) {
                    if (cap) {
                        Capability a = r.cap(op.rd);
                        access.checkCapability(auth, va, len, Perm.STORE, AccessKind.CAP_STORE);
                        access.storeCap(auth, va, a);
                        if (op.flag) {
                            access.storeCap(auth, va + 16, r.cap(op.ra));
                        }
                    } else {
                        access.checkCapability(auth, va, len, Perm.STORE, AccessKind.STORE);
                        access.store(auth, va, op.size, r.value[op.rd]);
                        if (op.flag) {
                            access.store(auth, va + op.size, op.size, r.value[op.ra]);
                        }
                    }
                    cpu.watch(va, len, true);
                } else {
                    // a failing store-exclusive still checks its authority (Sail performs the checks first)
                    access.checkCapability(auth, va, len, Perm.STORE, cap ? AccessKind.CAP_STORE : AccessKind.STORE);
                }
                r.setX(op.rm, ok ? 0 : 1);
            }
            case Op.CAS -> cas(cpu, access, monitor, op, va, auth, cap);
            case Op.CASP -> casPair(cpu, access, monitor, op, va, auth);
            case Op.SWP -> {
                rmwCheck(cpu, access, auth, va, op.size, cap);
                if (cap) {
                    Capability old = access.loadCap(auth, va);
                    access.storeCap(auth, va, r.cap(op.rm));
                    finish(cpu, monitor, va, op.size);
                    if (op.rd != DISCARD) {
                        r.setC(op.rd, old);
                    }
                } else {
                    long old = access.load(auth, va, op.size);
                    access.store(auth, va, op.size, r.value[op.rm]);
                    finish(cpu, monitor, va, op.size);
                    r.setX(op.rd, old);
                }
            }
            case Op.ATOMIC -> {
                rmwCheck(cpu, access, auth, va, op.size, false);
                long old = access.load(auth, va, op.size);
                long s = r.value[op.rm];
                int bits = 8 * op.size;
                int sh = 64 - bits;
                long result = switch (op.aux) {
                    case 0 -> old + s;
                    case 1 -> old & ~s;
                    case 2 -> old ^ s;
                    case 3 -> old | s;
                    case 4 -> ((old << sh) >> sh) >= ((s << sh) >> sh) ? old : s;
                    case 5 -> ((old << sh) >> sh) <= ((s << sh) >> sh) ? old : s;
                    case 6 -> Long.compareUnsigned(old, s & mask(bits)) >= 0 ? old : s;
                    default -> Long.compareUnsigned(old, s & mask(bits)) <= 0 ? old : s;
                };
                access.store(auth, va, op.size, result);
                finish(cpu, monitor, va, op.size);
                r.setX(op.rd, old);
            }
            case Op.LDCT -> {
                // Sail execute_LDCT_R_R__: no EL restriction; Load checked over the 64 bytes at the (unaligned)
                // address first, then an Alignment fault unless 64-byte aligned; the 4 tags land in bits 3:0,
                // all 0 when the authority lacks LoadCap (the loads below squash through the authority)
                access.checkCapability(auth, va, 64, Perm.LOAD, AccessKind.LOAD);
                if ((va & 63) != 0) {
                    throw cpu.mmu().alignmentFault(va, AccessKind.LOAD, "LDCT address not 64-byte aligned");
                }
                long tags = 0;
                for (int i = 0; i < 4; i++) {
                    Capability c = access.loadCap(auth, va + 16L * i);
                    if (c.isTagged()) {
                        tags |= 1L << i;
                    }
                }
                cpu.watch(va, 64, false);
                r.setX(op.rd, tags);
            }
            default -> {
                // Sail execute_STCT_R_R__: UNDEFINED at EL0; a tag is written as 1 only when system access is
                // enabled (PCC Execute+System; tag setting is never disabled here, no EL2/EL3), otherwise 0.
                // Granule by granule: Store (plus StoreCap for a 1) is checked, and a misaligned address faults
                // (Alignment) after the first granule's capability check, before any tag is written.
                if (cpu.mmu().exceptionLevel() == 0) {
                    throw cpu.undefined(cpu.pc, op, "STCT is UNDEFINED at EL0");
                }
                long tags = r.value[op.rd];
                boolean allowed = cpu.pccHasSystem();
                for (int i = 0; i < 4; i++) {
                    long at = va + 16L * i;
                    boolean t = allowed && ((tags >>> i) & 1) != 0;
                    access.checkCapability(auth, at, 16, t ? Perm.STORE | Perm.STORE_CAP : Perm.STORE,
                            AccessKind.CAP_STORE);
                    if ((va & 63) != 0) {
                        throw cpu.mmu().alignmentFault(va, AccessKind.CAP_STORE, "STCT address not 64-byte aligned");
                    }
                    Capability old = access.loadCap(Capability.root(), at);
                    access.storeCap(Capability.root(), at, Capability.of(old.pesbt(), old.value(), t));
                }
                cpu.watch(va, 64, true);
            }
        }
    }

    private static long mask(int bits) {
        return bits == 64 ? -1L : (1L << bits) - 1;
    }

    private static void alignment(Cpu cpu, long va, long len, AccessKind kind) {
        if ((va & (len - 1)) != 0) {
            throw cpu.mmu().alignmentFault(va, kind, "exclusive access of " + len + " bytes not aligned");
        }
    }

    private static void rmwCheck(Cpu cpu, CheckedAccess access, Capability auth, long va, long size, boolean cap) {
        AccessKind k = cap ? AccessKind.CAP_LOAD : AccessKind.LOAD;
        access.checkCapability(auth, va, size, Perm.LOAD | Perm.STORE, k);
        if ((va & (size - 1)) != 0) {
            throw cpu.mmu().alignmentFault(va, k, "atomic access of " + size + " bytes not aligned");
        }
    }

    private static void finish(Cpu cpu, ExclusiveMonitor monitor, long va, long size) {
        cpu.watch(va, size, true);
    }

    private static void cas(Cpu cpu, CheckedAccess access, ExclusiveMonitor monitor, Op op, long va, Capability auth, boolean cap) {
        RegisterFile r = cpu.regs;
        rmwCheck(cpu, access, auth, va, op.size, cap);
        if (cap) {
            Capability old = access.loadCap(auth, va);
            Capability expected = r.cap(op.rm);
            if (old.equals(expected)) {
                access.storeCap(auth, va, r.cap(op.rd));
                finish(cpu, monitor, va, 16);
            }
            if (op.ra != DISCARD) {
                r.setC(op.ra, old);
            }
        } else {
            long old = access.load(auth, va, op.size);
            long expected = r.value[op.rm] & mask(8 * op.size);
            if (old == expected) {
                access.store(auth, va, op.size, r.value[op.rd]);
                finish(cpu, monitor, va, op.size);
            }
            r.setX(op.ra, old);
        }
    }

    private static void casPair(Cpu cpu, CheckedAccess access, ExclusiveMonitor monitor, Op op, long va, Capability auth) {
        RegisterFile r = cpu.regs;
        int s = op.rm;
        int t = op.rd;
        if ((s & 1) != 0 || (t & 1) != 0) {
            throw cpu.undefined(cpu.pc, op, "CASP needs even-numbered register pairs");
        }
        long len = 2L * op.size;
        rmwCheck(cpu, access, auth, va, len, false);
        long m = mask(8 * op.size);
        long a = access.load(auth, va, op.size);
        long b = access.load(auth, va + op.size, op.size);
        long e1 = s == 30 ? 0 : r.value[s];
        long e2 = s + 1 == 31 ? 0 : r.value[s + 1];
        if (a == (e1 & m) && b == (e2 & m)) {
            access.store(auth, va, op.size, t == 30 ? 0 : r.value[t]);
            access.store(auth, va + op.size, op.size, t + 1 == 31 ? 0 : r.value[t + 1]);
            finish(cpu, monitor, va, len);
        }
        if (s != 30) {
            r.setX(s, a);
            r.setX(s + 1, b);
        }
    }
}
