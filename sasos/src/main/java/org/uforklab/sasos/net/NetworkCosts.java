package org.uforklab.sasos.net;

/**
 * What the kernel's network stack costs the core that makes a socket call, beyond the system call itself and
 * the copy of the data (both charged by the kernel as for any file). Model parameters with the reasoning for
 * their defaults; the experiments record them in their provenance.
 *
 * @param segmentCycles cycles of protocol work per TCP segment sent or received: header build/parse,
 *                      demultiplexing, buffer management, checksum and the driver's descriptor and notification (a
 *                      virtio-net descriptor in the paper's bhyve guest, where each notification is a VM exit). A fit
 *                      to Fig 7 (ufork-paper.md §7.3): 3 μFork workers on one core are CPU-bound at 57.4 k req/s, so
 *                      the server spends 1/57.4k = 17.42 µs of CPU per request; the nginx guest's own work (parsing,
 *                      system calls, copies, TOCTTOU bounce copies) measures 1.66 µs per request with no stack cost
 *                      (`uforklab run fig7 --set segmentCycles=0`, series ufork), and a keep-alive request is 2
 *                      segments (request in, response out); so (17.42 - 1.66) µs x 2.5 GHz / 2 = 19,700 cycles
 *                      (7.9 µs) per segment: Unikraft's lwIP plus virtio-net under bhyve, not nginx, is most of the
 *                      request's CPU
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
        return new NetworkCosts(19_700, 1460);
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
