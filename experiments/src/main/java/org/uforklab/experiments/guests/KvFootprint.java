package org.uforklab.experiments.guests;

/**
 * The kvstore's startup footprint: the memory a Redis server has allocated and written before its first key, which
 * the guest's own code allocates (through its zmalloc) and writes at start. A workload parameter, as a process's size
 * is: it sets how many pages a fork finds populated at 0 B.
 *
 * <ul>
 *   <li>{@code sharedIntegers}: Redis's {@code shared.integers} (OBJ_SHARED_INTEGERS = 10000): one small string
 *       object of encoding INT each (the value sits in the pointer field, untagged) and the array of capabilities to
 *       them, the pointer-bearing part of the footprint;</li>
 *   <li>{@code eventLoopSlots}: {@code aeCreateEventLoop(maxclients + CONFIG_FDSET_INCR)} = 10000 + 128 slots of
 *       64 B (a mask and three capabilities: read/write handlers and client data, all null at start, the mask set to
 *       AE_NONE) plus the fired array of 16 B per slot;</li>
 *   <li>{@code poolBytes}: pointer-free buffers written at start, in {@code poolChunk}-byte allocations chained by
 *       a capability in their first granule (one pointer-bearing page in every chunk): the client query and reply
 *       buffers, the network stack's pbuf/memp pools, newlib's and the scripting engine's state of the Unikraft
 *       build.</li>
 * </ul>
 * The {@linkplain #redis() Redis default}'s size is not measured but derived from the paper: its full-copy fork at
 * 0 B takes 2759 µs, which at the copy-and-scan cost of 0.63 µs per page (its 100 MB point) is about 4.2k populated
 * pages, 17 MB; CheriBSD's 565 µs at 0 B is consistent with the same size at its per-page cost (cost-model README).
 *
 * @param sharedIntegers shared integer objects (0 for none)
 * @param eventLoopSlots event-loop slots (0 for none)
 * @param poolBytes      pointer-free pool bytes (0 for none)
 * @param poolChunk      bytes per pool allocation (a multiple of 4 KiB)
 */
public record KvFootprint(long sharedIntegers, long eventLoopSlots, long poolBytes, long poolChunk) {

    /** Redis's OBJ_SHARED_INTEGERS. */
    public static final long REDIS_SHARED_INTEGERS = 10_000;
    /** Redis's default maxclients + CONFIG_FDSET_INCR. */
    public static final long REDIS_EVENT_LOOP_SLOTS = 10_128;
    /** The Redis build's whole startup footprint in bytes, derived from the paper's 0 B full-copy latency. */
    public static final long REDIS_STARTUP_BYTES = 17_000_000;
    /** Pool allocation size (the lwIP-style pools' chunk). */
    public static final long POOL_CHUNK = 64 * 1024;
    /** Bytes the shared objects and the event loop take (malloc headers included), the rest of a footprint being pools. */
    static final long SHARED_OBJECT_BYTES = 16 + 32;
    static final long EVENT_SLOT_BYTES = 64 + 16;

    /** Validates. */
    public KvFootprint {
        if (sharedIntegers < 0 || eventLoopSlots < 0 || poolBytes < 0 || sharedIntegers >= (1L << 31) || eventLoopSlots >= (1L << 26)) {
            throw new IllegalArgumentException("kvstore footprint out of range: " + sharedIntegers + " shared integers, "
                    + eventLoopSlots + " event-loop slots, " + poolBytes + " pool bytes");
        }
        if (poolChunk < 4096 || (poolChunk & 0xFFF) != 0 || poolChunk > (1L << 24)) {
            throw new IllegalArgumentException("pool chunk must be a multiple of 4 KiB in [4 KiB, 16 MiB], got " + poolChunk);
        }
    }

    /** Nothing allocated at start (the guest's own structures only). */
    public static KvFootprint none() {
        return new KvFootprint(0, 0, 0, POOL_CHUNK);
    }

    /** The paper's Redis 5.0.6 build: {@link #REDIS_STARTUP_BYTES} in all. */
    public static KvFootprint redis() {
        return ofTotal(REDIS_STARTUP_BYTES);
    }

    /**
     * Redis's shared objects and event loop and as many pool bytes as make {@code totalBytes} in all (nothing but
     * the smaller structures, or nothing at all, for totals too small to hold them).
     */
    public static KvFootprint ofTotal(long totalBytes) {
        if (totalBytes < 0) {
            throw new IllegalArgumentException("startup footprint must be >= 0 bytes, got " + totalBytes);
        }
        long fixed = REDIS_SHARED_INTEGERS * (SHARED_OBJECT_BYTES + 16) + REDIS_EVENT_LOOP_SLOTS * EVENT_SLOT_BYTES;
        if (totalBytes < fixed) {
            return new KvFootprint(0, 0, totalBytes / POOL_CHUNK * POOL_CHUNK, POOL_CHUNK);
        }
        return new KvFootprint(REDIS_SHARED_INTEGERS, REDIS_EVENT_LOOP_SLOTS, (totalBytes - fixed) / POOL_CHUNK * POOL_CHUNK, POOL_CHUNK);
    }

    /** Approximate bytes allocated (malloc headers included). */
    public long bytes() {
        return sharedIntegers * (SHARED_OBJECT_BYTES + 16) + eventLoopSlots * EVENT_SLOT_BYTES + poolBytes;
    }

    /** Pool allocations. */
    public long poolChunks() {
        return poolBytes / poolChunk;
    }

    /** The assembler equates the kvstore's start-up code reads. */
    String equates() {
        return ".equ FP_SHARED_INTEGERS, " + sharedIntegers + "\n.equ FP_EL_SLOTS, " + eventLoopSlots + "\n.equ FP_POOL_CHUNKS, "
                + poolChunks() + "\n.equ FP_POOL_CHUNK, " + poolChunk + "\n";
    }

    @Override
    public String toString() {
        return String.format("KvFootprint(%.1f MB: %d shared integers, %d event-loop slots, %d pool chunks of %d KiB)", bytes() / 1e6,
                sharedIntegers, eventLoopSlots, poolChunks(), poolChunk >> 10);
    }
}
