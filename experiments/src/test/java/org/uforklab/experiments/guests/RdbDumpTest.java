package org.uforklab.experiments.guests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.KernelConfig;
import org.uforklab.sasos.proc.LaunchOptions;

/** The kvstore's dump is a Redis 5.0.6 RDB file: it parses, and its trailing CRC64 is Redis's over its bytes. */
class RdbDumpTest {

    /** Redis 5.0.x crc64.c, written independently of the guest: bit-at-a-time, reflected Jones polynomial. */
    static long crc64(long crc, byte[] b, int from, int to) {
        final long poly = 0x95ac9329ac4bc9b5L;
        for (int i = from; i < to; i++) {
            crc ^= b[i] & 0xff;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ poly : crc >>> 1;
            }
        }
        return crc;
    }

    /** A parsed dump: aux fields, the SELECTDB and RESIZEDB values, the string keys and values, the checksum. */
    record Rdb(Map<String, String> aux, long db, long resizeKeys, long resizeExpires, Map<String, byte[]> keys, long checksum,
            int checksumOffset) {
    }

    /** A tiny RDB reader for what the kvstore writes (string keys, uncompressed or integer-encoded strings). */
    static final class RdbReader {
        private final byte[] b;
        private int pos;

        RdbReader(byte[] b) {
            this.b = b;
        }

        private int u8() {
            if (pos >= b.length) {
                throw new IllegalArgumentException("truncated at " + pos);
            }
            return b[pos++] & 0xff;
        }

        /** rdbLoadLen; returns -1 - encoding for an encoded value (11xxxxxx). */
        private long len() {
            int first = u8();
            return switch (first >> 6) {
                case 0 -> first & 0x3f;
                case 1 -> ((first & 0x3f) << 8) | u8();
                case 2 -> {
                    if (first == 0x80) {
                        long v = 0;
                        for (int i = 0; i < 4; i++) {
                            v = (v << 8) | u8();
                        }
                        yield v;
                    }
                    if (first == 0x81) {
                        long v = 0;
                        for (int i = 0; i < 8; i++) {
                            v = (v << 8) | u8();
                        }
                        yield v;
                    }
                    throw new IllegalArgumentException("bad length byte " + first + " at " + (pos - 1));
                }
                default -> -1 - (first & 0x3f);
            };
        }

        private byte[] string() {
            long n = len();
            if (n < 0) {
                int enc = (int) (-1 - n);
                int bytes = switch (enc) {
                    case 0 -> 1;
                    case 1 -> 2;
                    case 2 -> 4;
                    default -> throw new IllegalArgumentException("unsupported string encoding " + enc + " at " + pos);
                };
                long v = 0;
                for (int i = 0; i < bytes; i++) {
                    v |= (long) u8() << (8 * i);
                }
                v = (v << (64 - 8 * bytes)) >> (64 - 8 * bytes);
                return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
            }
            if (pos + n > b.length) {
                throw new IllegalArgumentException("string of " + n + " bytes overruns the file at " + pos);
            }
            byte[] s = Arrays.copyOfRange(b, pos, pos + (int) n);
            pos += (int) n;
            return s;
        }

        Rdb read() {
            String magic = new String(b, 0, 9, StandardCharsets.US_ASCII);
            if (!magic.equals("REDIS0009")) {
                throw new IllegalArgumentException("magic " + magic);
            }
            pos = 9;
            Map<String, String> aux = new LinkedHashMap<>();
            Map<String, byte[]> keys = new LinkedHashMap<>();
            long db = -1;
            long rk = -1;
            long re = -1;
            while (true) {
                int op = u8();
                switch (op) {
                    case 0xfa -> aux.put(new String(string(), StandardCharsets.US_ASCII), new String(string(), StandardCharsets.US_ASCII));
                    case 0xfe -> db = len();
                    case 0xfb -> {
                        rk = len();
                        re = len();
                    }
                    case 0x00 -> keys.put(new String(string(), StandardCharsets.US_ASCII), string());
                    case 0xff -> {
                        int at = pos;
                        long ck = 0;
                        for (int i = 0; i < 8; i++) {
                            ck |= (long) u8() << (8 * i);
                        }
                        if (pos != b.length) {
                            throw new IllegalArgumentException((b.length - pos) + " bytes after the checksum");
                        }
                        return new Rdb(aux, db, rk, re, keys, ck, at);
                    }
                    default -> throw new IllegalArgumentException("unknown opcode " + op + " at " + (pos - 1));
                }
            }
        }
    }

    @Test
    void referenceCrc64HasRedisCheckValue() {
        // crc64.c's self test: crc64(0, "123456789", 9) == 0xe9c6d914c4b8d9ca
        byte[] s = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(crc64(0, s, 0, s.length)).isEqualTo(0xe9c6d914c4b8d9caL);
    }

    @Test
    void readerRejectsACorruptFile() {
        byte[] bad = "REDIS0009\u00fa".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> new RdbReader(bad).read()).hasMessageContaining("truncated");
    }

    @ParameterizedTest
    @EnumSource(KvLayout.class)
    void dumpParsesAndCarriesRedisChecksum(KvLayout layout) {
        Kernel k = Kernel.boot(KernelConfig.defaults());
        KvStore kv = KvStore.start(k, layout, LaunchOptions.defaults().withHeapMax(8L << 20));
        // lengths in every rdbSaveLen class: 6-bit, 14-bit and 32-bit
        byte[] big = new byte[60_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + 7);
        }
        ByteArrayOutputStream mid = new ByteArrayOutputStream();
        for (int i = 0; i < 300; i++) {
            mid.write(i);
        }
        kv.set("small", "v".getBytes(StandardCharsets.US_ASCII));
        kv.set("mid", mid.toByteArray());
        kv.set("big", big);
        kv.set("empty", new byte[0]);
        long used = kv.info().usedMemory();
        assertThat(kv.save()).isEqualTo(4);
        byte[] file = k.fs().lookup(KvStore.DUMP_PATH).contents();
        Rdb rdb = new RdbReader(file).read();

        assertThat(rdb.checksum()).as("CRC64 over the %d bytes before it", rdb.checksumOffset())
                .isEqualTo(crc64(0, file, 0, rdb.checksumOffset()));
        assertThat(rdb.aux()).containsEntry("redis-ver", "5.0.6").containsEntry("redis-bits", "32").containsEntry("aof-preamble", "0")
                .containsKey("ctime").containsEntry("used-mem", Long.toString(used));
        assertThat(rdb.db()).isZero();
        assertThat(rdb.resizeKeys()).isEqualTo(4);
        assertThat(rdb.resizeExpires()).isZero();
        assertThat(rdb.keys()).containsOnlyKeys("small", "mid", "big", "empty");
        assertThat(rdb.keys().get("small")).isEqualTo("v".getBytes(StandardCharsets.US_ASCII));
        assertThat(rdb.keys().get("mid")).isEqualTo(mid.toByteArray());
        assertThat(rdb.keys().get("big")).isEqualTo(big);
        assertThat(rdb.keys().get("empty")).isEmpty();
    }

    @Test
    void aCorruptedByteBreaksTheChecksum() {
        Kernel k = Kernel.boot(KernelConfig.defaults());
        KvStore kv = KvStore.start(k, KvLayout.CLASSIC, LaunchOptions.defaults().withHeapMax(8L << 20));
        kv.populate(50, 2000);
        kv.save();
        byte[] file = k.fs().lookup(KvStore.DUMP_PATH).contents();
        Rdb rdb = new RdbReader(file).read();
        assertThat(rdb.keys()).hasSize(50);
        file[1000] ^= 1;
        assertThat(crc64(0, file, 0, rdb.checksumOffset())).isNotEqualTo(rdb.checksum());
    }
}
