package org.uforklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code uforklab cap}: single capabilities, whole vector files, and bad input. */
class CapCommandTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Path vector(String name) throws URISyntaxException {
        URL url = CapCommandTest.class.getResource("/vectors/" + name);
        assertThat(url).as("vectors/" + name + " copied from machine's test resources").isNotNull();
        return Path.of(url.toURI());
    }

    /** A one-line error on stderr, nothing that looks like a stack trace, non-zero exit. */
    private static void assertOneLineError(Run r, String... fragments) {
        assertThat(r.code()).isNotZero();
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains(fragments).doesNotContain("Exception", "\tat ");
    }

    @Test
    void decodePrintsTheCapabilityAndEveryField() {
        Run r = run("cap", "decode", "0xffffc00004070405", "0x40001000");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("capability 0x40001000 [rwxRWLSUsBCM0123EG,0x40001000-0x40011000]\n")
                .contains("tag        1", "pesbt      0xffffc00004070405", "exponent   2", "base       0x40001000",
                        "top        0x40011000", "length     0x10000", "otype      0x0000 (unsealed)",
                        "internal exponent (bit 94 = 0), B=0x0400, T=0x4400");
        assertThat(run("cap", "decode", "--untagged", "0", "0").out()).contains("(invalid)", "exponent   63");
    }

    @Test
    void setBoundsPrintsTheResultAndExactness() {
        Run r = run("cap", "setbounds", "0x40001000", "0x4001");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("inexact", "pesbt      0xffffc000100f1007", "top        0x40005008",
                "tag        1");
        Run exact = run("cap", "setbounds", "--exact", "0x40001000", "0x4001");
        assertThat(exact.out()).contains("SCBNDSE", "tag        0");
        Run full = run("cap", "setbounds", "0", "0x10000000000000000");
        assertThat(full.out()).contains("pesbt      0xffffc00000010005", "(exact)");
        assertThat(run("cap", "setbounds", "4096", "48").out()).contains("base       0x1000", "top        0x1030");
    }

    @Test
    void setAddrUsesTheFastCheckOrThePreciseOne() {
        Run kept = run("cap", "setaddr", "0xffffc00050301000", "0x40001000", "0x40002030");
        assertThat(kept.code()).isZero();
        assertThat(kept.out()).contains("CapAdd (fast check)", "tag kept", "value      0x0000000040002030");
        Run lost = run("cap", "setaddr", "0xffffc00050301000", "0x40001000", "0x0080000040001000");
        assertThat(lost.out()).contains("tag cleared", "base       0xff80000040001000");
        Run precise = run("cap", "setaddr", "--precise", "0xffffc00050301000", "0x40001000", "0x40001018");
        assertThat(precise.out()).contains("CapSetValue (precise check)", "tag kept");
    }

    @ParameterizedTest
    @CsvSource({
        "decode, capability-decode.csv, 8000",
        "setbounds, capability-setbounds.csv, 16000",
        "setaddr, capability-set-address.csv, 8000",
    })
    void csvReproducesTheVectorFileExactly(String sub, String file, int rows) throws Exception {
        Path path = vector(file);
        Run r = run("cap", sub, "--csv", path.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo(Files.readString(path));
        assertThat(r.err()).isEqualTo(rows + " rows, " + rows + " agree with the file\n");
    }

    @Test
    void csvReportsRowsThatDiffer(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("sb.csv");
        Files.writeString(f, """
                value,length,exact,new_pesbt,new_base,new_top,tag
                0x0000000040001000,0x30,1,0xffffc00050301000,0x40001000,0x40001030,1
                0x0000000040001000,0x4001,1,0xffffc000100f1007,0x40001000,0x40005008,1
                """);
        Run r = run("cap", "setbounds", "--csv", f.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("""
                value,length,exact,new_pesbt,new_base,new_top,tag
                0x0000000040001000,0x30,1,0xffffc00050301000,0x40001000,0x40001030,1
                0x0000000040001000,0x4001,0,0xffffc000100f1007,0x40001000,0x40005008,1
                """);
        assertThat(r.err()).contains(f + ":3: the file has 0x0000000040001000,0x4001,1,")
                .endsWith("2 rows, 1 agree with the file\n");
    }

    @Test
    void csvAcceptsCrLfLineEnds(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("sa.csv");
        Files.writeString(f, "pesbt,value,new_value,tag_kept,new_base,new_top\r\n"
                + "0xffffc00050301000,0x0000000040001000,0x0000000040001018,1,0x40001000,0x40001030\r\n");
        Run r = run("cap", "setaddr", "--csv", f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEqualTo("1 rows, 1 agree with the file\n");
    }

    @Test
    void badArgumentsGiveOneLineErrors() {
        assertOneLineError(run("cap", "decode", "0xZZ", "0"), "uforklab cap decode:", "PESBT", "0xZZ");
        assertOneLineError(run("cap", "decode", "0x1", "0x10000000000000000"), "VALUE", "64 bits");
        assertOneLineError(run("cap", "setbounds", "0", "0x20000000000000000"), "LENGTH", "above 2^64");
        assertOneLineError(run("cap", "setbounds", "0x", "1"), "VALUE '0x'");
        assertOneLineError(run("cap", "setaddr", "1", "2"), "needs PESBT VALUE NEW");
        assertOneLineError(run("cap", "decode"), "needs PESBT VALUE");
    }

    @Test
    void badFilesGiveOneLineErrorsNamingFileAndLine(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.csv");
        assertOneLineError(run("cap", "decode", "--csv", missing.toString()), missing + ": no such file");

        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertOneLineError(run("cap", "decode", "--csv", empty.toString()), empty + ": empty file");

        Path header = dir.resolve("header.csv");
        Files.writeString(header, "pesbt,value\n");
        assertOneLineError(run("cap", "decode", "--csv", header.toString()), header + ":1: header is 'pesbt,value'");

        Path shortRow = dir.resolve("short.csv");
        Files.writeString(shortRow, "pesbt,value,base,top,exponent,bounds_valid,perms,otype,flags\n0x0,0x0\n");
        assertOneLineError(run("cap", "decode", "--csv", shortRow.toString()), shortRow + ":2: expected 9 columns",
                "found 2");

        Path badHex = dir.resolve("hex.csv");
        Files.writeString(badHex, "pesbt,value,new_value,tag_kept,new_base,new_top\n0x1,0x2,0x3,1,0x0,0x0\n"
                + "0x1,0xg2,0x3,1,0x0,0x0\n");
        assertOneLineError(run("cap", "setaddr", "--csv", badHex.toString()), badHex + ":3: value '0xg2' is not hex");

        Path wide = dir.resolve("wide.csv");
        Files.writeString(wide, "value,length,exact,new_pesbt,new_base,new_top,tag\n"
                + "0x0,0x100000000000000000,1,0x0,0x0,0x0,1\n");
        assertOneLineError(run("cap", "setbounds", "--csv", wide.toString()), wide + ":2: length", "above 2^64");

        Path blank = dir.resolve("blank.csv");
        Files.writeString(blank, "value,length,exact,new_pesbt,new_base,new_top,tag\n\n");
        assertOneLineError(run("cap", "setbounds", "--csv", blank.toString()), blank + ":2:", "an empty line");

        assertOneLineError(run("cap", "decode", "0x1", "0x2", "--csv", blank.toString()), "not both");
    }
}
