package org.uforklab.experiments;

/**
 * A Redis dataset of a target size made of equal values (the paper fills the database with 100 KB entries
 * "up to the target size"): {@code keys = ceil(size / maxValue)} values of {@code size / keys} bytes, so a
 * 1 KB database is one 1 KB value and 0 B is empty.
 *
 * @param bytes     target dataset size (value bytes)
 * @param keys      number of keys
 * @param valueSize bytes per value
 */
public record Dataset(long bytes, long keys, long valueSize) {

    /** The dataset of {@code bytes} bytes with values of at most {@code maxValue} bytes. */
    public static Dataset of(long bytes, long maxValue) {
        if (bytes < 0 || maxValue <= 0) {
            throw new IllegalArgumentException("dataset size must be >= 0 and value size > 0, got " + bytes + ", " + maxValue);
        }
        if (bytes == 0) {
            return new Dataset(0, 0, 0);
        }
        long keys = (bytes + maxValue - 1) / maxValue;
        return new Dataset(bytes, keys, bytes / keys);
    }

    /**
     * The kvstore heap this dataset needs beyond the server's start-up footprint: the values, their metadata (an
     * eighth of the values), ~512 bytes per key for its entry, object, key string and bucket slot, and 4 MiB of slack.
     */
    public long heapBytesNeeded() {
        return bytes + bytes / 8 + keys * 512 + (4L << 20);
    }
}
