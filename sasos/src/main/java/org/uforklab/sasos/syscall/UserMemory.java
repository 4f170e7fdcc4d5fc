package org.uforklab.sasos.syscall;

import java.nio.charset.StandardCharsets;
import org.uforklab.machine.access.CheckedAccess;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.Perm;
import org.uforklab.machine.fault.ArchitecturalFault;
import org.uforklab.machine.time.CycleCounter;
import org.uforklab.sasos.IsolationLevel;
import org.uforklab.sasos.mm.KernelHeap;

/**
 * How a handler touches the caller's memory under the isolation level. With checks on, every pointer argument
 * must be a tagged, unsealed capability with the needed permission whose bounds cover the range (else
 * {@link UserFault}, i.e. -EFAULT, before any access); the access then goes through the checked path with that
 * capability. ADVERSARIAL also copies by-reference input buffers into a kernel-heap bounce buffer first (a real,
 * charged copy) and works from the copy, so a concurrent thread of the caller cannot change what was checked; and
 * it produces results in a bounce buffer it then copies out.
 * OFF trusts the pointer's address and accesses it with the kernel's own authority.
 */
public final class UserMemory {
    private final IsolationLevel level;
    private final CheckedAccess access;
    private final CycleCounter cycles;
    private final long checkCost;
    private final KernelHeap heap;
    private final Capability kernelAuthority;
    private long checks;
    private long bytesCopied;
    private java.util.function.Predicate<ArchitecturalFault> resolver = f -> false;

    /**
     * @param level           isolation level
     * @param access          the calling core's access path
     * @param cycles          the calling core's clock
     * @param checkCost       cycles per argument check
     * @param heap            kernel heap for bounce buffers
     * @param kernelAuthority what OFF uses (data capability over the whole address space)
     */
    public UserMemory(IsolationLevel level, CheckedAccess access, CycleCounter cycles, long checkCost, KernelHeap heap,
            Capability kernelAuthority) {
        this.level = level;
        this.access = access;
        this.cycles = cycles;
        this.checkCost = checkCost;
        this.heap = heap;
        this.kernelAuthority = kernelAuthority;
    }

    /**
     * Sets who may fix a fault the kernel takes on user memory (a copy-on-access page): when it returns true
     * the access is retried, as a kernel's copyin/copyout fixup would.
     */
    public void setFaultResolver(java.util.function.Predicate<ArchitecturalFault> r) {
        resolver = java.util.Objects.requireNonNull(r);
    }

    /** Upper bound on resolved faults per access (each resolution changes a PTE, so this is never reached legitimately). */
    private static final int MAX_RETRIES = 64;

    private void retrying(Runnable access) {
        for (int attempt = 0;; attempt++) {
            try {
                access.run();
                return;
            } catch (ArchitecturalFault f) {
                if (attempt >= MAX_RETRIES || !resolver.test(f)) {
                    throw f;
                }
            }
        }
    }

    /** The capability to access {@code [c.value, +len)} with, after the checks the level demands. */
    public Capability authority(String what, Capability c, long len, int perms) {
        if (!level.checksArguments()) {
            return kernelAuthority.setValue(c.value());
        }
        checks++;
        cycles.add(checkCost);
        if (!c.isTagged()) {
            throw new UserFault(what + ": capability untagged");
        }
        if (c.isSealed()) {
            throw new UserFault(what + ": capability sealed");
        }
        if ((c.perms() & perms) != perms) {
            throw new UserFault(what + ": capability lacks " + ((perms & Perm.STORE) != 0 ? "Store" : "Load") + " permission");
        }
        if (len < 0 || !c.inBounds(c.value(), Math.max(len, 0))) {
            throw new UserFault(String.format("%s: [0x%x, +%d) outside the capability's bounds [0x%x, 0x%x)", what, c.value(),
                    len, c.base(), c.base() + c.lengthClamped()));
        }
        return c;
    }

    /** Reads {@code len} bytes the caller passed by reference. */
    public byte[] readIn(String what, Capability c, int len) {
        Capability auth = authority(what, c, len, Perm.LOAD);
        byte[] out = new byte[len];
        if (len == 0) {
            return out;
        }
        try {
            if (level.copiesBuffers()) {
                Capability bounce = heap.allocate(len);
                try {
                    retrying(() -> access.copy(bounce, bounce.base(), auth, c.value(), len));
                    bytesCopied += len;
                    access.readBytes(bounce, bounce.base(), out, 0, len);
                } finally {
                    heap.free(bounce);
                }
            } else {
                retrying(() -> access.readBytes(auth, c.value(), out, 0, len));
            }
        } catch (ArchitecturalFault f) {
            throw new UserFault(what + ": " + f.getMessage());
        }
        return out;
    }

    /**
     * Writes {@code data} to the caller's buffer. ADVERSARIAL produces it in a kernel bounce buffer first and copies
     * that out (μFork's {@code sfork_copy_to_user}: memcpy, then free), so the result is also charged a copy.
     */
    public void writeOut(String what, Capability c, byte[] data) {
        Capability auth = authority(what, c, data.length, Perm.STORE);
        try {
            if (level.copiesBuffers() && data.length > 0) {
                Capability bounce = heap.allocate(data.length);
                try {
                    access.writeBytes(bounce, bounce.base(), data, 0, data.length);
                    retrying(() -> access.copy(auth, c.value(), bounce, bounce.base(), data.length));
                    bytesCopied += data.length;
                } finally {
                    heap.free(bounce);
                }
            } else {
                retrying(() -> access.writeBytes(auth, c.value(), data, 0, data.length));
            }
        } catch (ArchitecturalFault f) {
            throw new UserFault(what + ": " + f.getMessage());
        }
    }

    /** Writes little-endian 64-bit words. */
    public void writeLongs(String what, Capability c, long... values) {
        byte[] b = new byte[values.length * 8];
        for (int i = 0; i < values.length; i++) {
            for (int k = 0; k < 8; k++) {
                b[i * 8 + k] = (byte) (values[i] >>> (8 * k));
            }
        }
        writeOut(what, c, b);
    }

    /** Writes little-endian 32-bit words. */
    public void writeInts(String what, Capability c, int... values) {
        byte[] b = new byte[values.length * 4];
        for (int i = 0; i < values.length; i++) {
            for (int k = 0; k < 4; k++) {
                b[i * 4 + k] = (byte) (values[i] >>> (8 * k));
            }
        }
        writeOut(what, c, b);
    }

    /** Reads a NUL-terminated string of at most {@code max} bytes (the terminator must be inside the bounds). */
    public String readString(String what, Capability c, int max) {
        Capability auth = authority(what, c, 1, Perm.LOAD);
        String s;
        try {
            String[] r = new String[1];
            retrying(() -> r[0] = access.readCString(auth, c.value(), max + 1));
            s = r[0];
        } catch (ArchitecturalFault f) {
            throw new UserFault(what + ": " + f.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UserFault(what + ": " + e.getMessage());
        }
        if (s.length() > max) {
            throw new UserFault(what + ": string longer than " + max);
        }
        if (level.copiesBuffers() && !s.isEmpty()) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            Capability bounce = heap.allocate(b.length);
            try {
                access.writeBytes(bounce, bounce.base(), b, 0, b.length);
                bytesCopied += b.length;
            } finally {
                heap.free(bounce);
            }
        }
        return s;
    }

    /** Argument checks made. */
    public long checks() {
        return checks;
    }

    /** Bytes copied into bounce buffers. */
    public long bytesCopied() {
        return bytesCopied;
    }
}
