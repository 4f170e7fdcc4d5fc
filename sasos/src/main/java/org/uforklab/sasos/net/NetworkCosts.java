package org.uforklab.sasos.net;

/**
 * What the kernel's network stack costs the core that makes a socket call, beyond the system call itself and
 * the copy of the data (both charged by the kernel as for any file). Model parameters with the reasoning for
 * their defaults; the experiments record them in their provenance.
 *
 * @param segmentCycles cycles of protocol work per TCP segment sent or received: header build/parse,
 *                      demultiplexing, buffer management, checksum and the driver's descriptor (a virtio-net
 *                      descriptor in the paper's bhyve guest). Assumption: ~1 µs per segment at 2.5 GHz
 *                      (2,500), the order of a software TCP/IP stack's per-packet work on a server core; not
 *                      fitted to any figure
 * @param mss           maximum segment size in bytes (Ethernet MTU 1500 minus IPv4 and TCP headers): a transfer
 *                      of n bytes is ceil(n / mss) segments, at least one
 */
public record NetworkCosts(long segmentCycles, int mss) {

    /** Validates. */
    public NetworkCosts {
        if (segmentCycles < 0) {
            throw new IllegalArgumentException("segmentCycles cannot be negative: " + segmentCycles);
        }
        if (mss < 1) {
            throw new IllegalArgumentException("mss must be at least 1 byte, got " + mss);
        }
    }

    /** The defaults explained above. */
    public static NetworkCosts defaults() {
        return new NetworkCosts(2_500, 1460);
    }

    /** Copy with another per-segment cost. */
    public NetworkCosts withSegmentCycles(long c) {
        return new NetworkCosts(c, mss);
    }

    /** Segments a transfer of {@code bytes} takes (a zero-byte transfer still sends or receives one: a FIN or an empty read). */
    public long segments(long bytes) {
        return Math.max(1, (bytes + mss - 1) / mss);
    }

    /** Cycles of protocol work for a transfer of {@code bytes}. */
    public long cycles(long bytes) {
        return segments(bytes) * segmentCycles;
    }

    @Override
    public String toString() {
        return "NetworkCosts(" + segmentCycles + " cycles/segment, MSS " + mss + " B)";
    }
}
