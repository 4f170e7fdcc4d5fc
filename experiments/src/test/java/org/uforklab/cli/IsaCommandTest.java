package org.uforklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsaCommandTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void decodesWordsGivenAsArguments() {
        Run r = run("isa", "decode", "0xc2c10000", "c2400420", "0x00000000");
        assertThat(r.code()).isZero();
        assertThat(r.out().split("\n")).containsExactly(
            "0xc2c10000\tSCBNDS-C.CR-C\tscbnds c0, c0, x1",
            "0xc2400420\tLDR-C.RIB-C\tldr c0, [c1, #16]",
            "0x00000000\tunsupported\t.inst 0x00000000");
    }

    @Test
    void printsAbsoluteTargetsWhenGivenAPc() {
        Run r = run("isa", "decode", "--pc", "0x1000", "0x14000004", "0x14000004");
        assertThat(r.out().split("\n")).containsExactly(
            "0x14000004\tb_uncond\tb 0x1010",
            "0x14000004\tb_uncond\tb 0x1014");
    }

    @Test
    void decodesATsvAndCountsAgreement(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("words.tsv");
        Files.writeString(f, "word\tform_and_fields\n"
            + "0xc2c10000\tSCBNDS-C.CR-C Cd:0 Cn:0\n"
            + "0x3893a0a2\tldursb:aarch64/instrs/memory/single/general/immediate/signed/offset/normal Rt:2\n"
            + "0xe2cf8d40\tALDUR-C.RI-C Ct:0 Rn:10\n");
        Run r = run("isa", "decode", "--tsv", f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out().split("\n")).containsExactly(
            "0xc2c10000\tSCBNDS-C.CR-C\tscbnds c0, c0, x1",
            "0x3893a0a2\tldursb\tldursb x2, [c5, #-198]",
            "0xe2cf8d40\tunsupported\t.inst 0xe2cf8d40",
            "2 of 3 words agree with the encoding names of words.tsv");
    }

    @Test
    void badInputIsAOneLineErrorWithANonZeroExit(@TempDir Path dir) throws Exception {
        Run bad = run("isa", "decode", "0xzz");
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err().strip()).isEqualTo(
            "uforklab decode: argument: '0xzz' is not a 32-bit instruction word in hex (e.g. 0xc2c10000)");
        Run none = run("isa", "decode");
        assertThat(none.code()).isNotZero();
        assertThat(none.err().strip().lines()).hasSize(1);
        Run missing = run("isa", "decode", "--tsv", dir.resolve("nope.tsv").toString());
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err()).contains("no such file");
        Path f = dir.resolve("bad.tsv");
        Files.writeString(f, "0xc2c10000\tSCBNDS-C.CR-C\nhello\tworld\n");
        Run badLine = run("isa", "decode", "--tsv", f.toString());
        assertThat(badLine.code()).isNotZero();
        assertThat(badLine.err()).contains("bad.tsv:2: 'hello' is not a 32-bit instruction word");
    }
}
