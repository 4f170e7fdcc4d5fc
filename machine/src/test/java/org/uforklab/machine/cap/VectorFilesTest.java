package org.uforklab.machine.cap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every row of the three capability vector files (test resources {@code vectors/}, provenance in
 * {@code vectors/PROVENANCE.md}) against {@link Capability}. Each test checks a whole file and reports every
 * failing row with its line number.
 */
class VectorFilesTest {

    private record Row(int line, String[] cols) {
        long hex(int i) {
            return new BigInteger(strip(cols[i]), 16).longValueExact();
        }

        BigInteger big(int i) {
            return new BigInteger(strip(cols[i]), 16);
        }

        int dec(int i) {
            return Integer.parseInt(cols[i]);
        }

        private static String strip(String s) {
            if (!s.startsWith("0x")) {
                throw new IllegalArgumentException("not hex: " + s);
            }
            return s.substring(2);
        }
    }

    /** Reads a vector file: checks the header, returns the rows (line numbers 1-based, header = line 1). */
    static List<Row> read(String name, String header, int columns) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = VectorFilesTest.class.getResourceAsStream("/vectors/" + name)) {
            assertThat(in).as("test resource vectors/" + name).isNotNull();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            assertThat(r.readLine()).isEqualTo(header);
            String l;
            int line = 1;
            while ((l = r.readLine()) != null) {
                line++;
                String[] cols = l.split(",", -1);
                assertThat(cols).as(name + ":" + line).hasSize(columns);
                rows.add(new Row(line, cols));
            }
        }
        return rows;
    }

    /** Unsigned 64-bit value as a BigInteger. */
    static BigInteger u64(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    private static long signedHex(Row row, int i) {
        return row.big(i).longValue();   // 64-bit patterns above 2^63 wrap into a long, as intended
    }

    private static void report(String name, int rows, List<String> failures) {
        assertThat(failures).as("%s: %d of %d rows fail; first ones:%n%s", name, failures.size(), rows,
                String.join("\n", failures.subList(0, Math.min(20, failures.size())))).isEmpty();
    }

    @Test
    void decodeFile() throws IOException {
        List<Row> rows = read("capability-decode.csv", "pesbt,value,base,top,exponent,bounds_valid,perms,otype,flags",
                9);
        assertThat(rows).hasSize(8000);
        List<String> failures = new ArrayList<>();
        for (Row row : rows) {
            Capability c = Capability.of(signedHex(row, 0), signedHex(row, 1), true);
            List<String> bad = new ArrayList<>();
            if (!u64(c.base()).equals(row.big(2))) {
                bad.add("base 0x" + Long.toHexString(c.base()));
            }
            if (!c.top().toBigInteger().equals(row.big(3))) {
                bad.add("top " + c.top());
            }
            if (c.exponent() != row.dec(4)) {
                bad.add("E " + c.exponent());
            }
            if ((c.boundsValid() ? 1 : 0) != row.dec(5)) {
                bad.add("valid " + c.boundsValid());
            }
            if (c.perms() != row.big(6).intValueExact()) {
                bad.add("perms 0x" + Integer.toHexString(c.perms()));
            }
            if (c.otype() != row.big(7).intValueExact()) {
                bad.add("otype 0x" + Integer.toHexString(c.otype()));
            }
            // The file's flags column is cheri-compressed-cap's cr_flags, the flag bits held in the pesbt half;
            // Morello holds none there (its flags are value[63:56]), so the column is 0 on every row.
            if (row.big(8).signum() != 0) {
                bad.add("flags column expected 0 (no flag bits in a Morello pesbt)");
            }
            if (c.flags() != (int) (c.value() >>> 56)) {
                bad.add("flags() 0x" + Integer.toHexString(c.flags()));
            }
            if (!bad.isEmpty()) {
                failures.add("line " + row.line() + ": " + String.join(", ", bad));
            }
        }
        report("capability-decode.csv", rows.size(), failures);
    }

    @Test
    void setBoundsFile() throws IOException {
        List<Row> rows = read("capability-setbounds.csv", "value,length,exact,new_pesbt,new_base,new_top,tag", 7);
        assertThat(rows).hasSize(16000);
        List<String> failures = new ArrayList<>();
        for (Row row : rows) {
            BigInteger len = row.big(1);
            Capability start = Capability.root().setValue(signedHex(row, 0));
            SetBoundsResult r = start.setBounds(len.longValue(), len.testBit(64), false);
            Capability c = r.capability();
            List<String> bad = new ArrayList<>();
            if (!start.isTagged()) {
                bad.add("root lost its tag on setValue");
            }
            if ((r.exact() ? 1 : 0) != row.dec(2)) {
                bad.add("exact " + r.exact());
            }
            if (c.pesbt() != signedHex(row, 3)) {
                bad.add(String.format("pesbt 0x%016x", c.pesbt()));
            }
            if (!u64(c.base()).equals(row.big(4))) {
                bad.add("base 0x" + Long.toHexString(c.base()));
            }
            if (!c.top().toBigInteger().equals(row.big(5))) {
                bad.add("top " + c.top());
            }
            if ((c.isTagged() ? 1 : 0) != row.dec(6)) {
                bad.add("tag " + c.isTagged());
            }
            if (c.value() != start.value()) {
                bad.add("value changed");
            }
            // SCBNDSE agrees with SCBNDS exactly when the bounds were exact.
            Capability e = start.setBounds(len.longValue(), len.testBit(64), true).capability();
            if (e.pesbt() != c.pesbt() || e.isTagged() != (c.isTagged() && r.exact())) {
                bad.add("exact variant " + e);
            }
            if (!bad.isEmpty()) {
                failures.add("line " + row.line() + ": " + String.join(", ", bad));
            }
        }
        report("capability-setbounds.csv", rows.size(), failures);
    }

    @Test
    void setAddressFile() throws IOException {
        List<Row> rows = read("capability-set-address.csv", "pesbt,value,new_value,tag_kept,new_base,new_top", 6);
        assertThat(rows).hasSize(8000);
        List<String> failures = new ArrayList<>();
        for (Row row : rows) {
            Capability c = Capability.of(signedHex(row, 0), signedHex(row, 1), true);
            long newValue = signedHex(row, 2);
            Capability n = c.add(newValue - c.value());
            List<String> bad = new ArrayList<>();
            if (n.value() != newValue) {
                bad.add("value");
            }
            if ((n.isTagged() ? 1 : 0) != row.dec(3)) {
                bad.add("tag " + n.isTagged());
            }
            if (!u64(n.base()).equals(row.big(4))) {
                bad.add("base 0x" + Long.toHexString(n.base()));
            }
            if (!n.top().toBigInteger().equals(row.big(5))) {
                bad.add("top " + n.top());
            }
            if (n.pesbt() != c.pesbt()) {
                bad.add("pesbt changed");
            }
            if (!bad.isEmpty()) {
                failures.add("line " + row.line() + ": " + String.join(", ", bad));
            }
        }
        report("capability-set-address.csv", rows.size(), failures);
    }
}
