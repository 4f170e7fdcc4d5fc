package org.uforklab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CellStreamsTest {

    /** Records each write as one "message" tagged with the stream name. */
    private static PrintStream recorder(String name, List<String> log) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                log.add(name + ":" + new String(b, off, len, StandardCharsets.UTF_8));
            }
        }, true, StandardCharsets.UTF_8);
    }

    @Test
    void switchingStreamsSendsThePendingTextFirst() {
        List<String> log = new ArrayList<>();
        CellStreams s = new CellStreams(recorder("out", log), recorder("err", log));
        s.out().print("a");
        s.out().print("b");
        s.err().print("c");
        s.out().print("d");
        s.flush();
        assertThat(log).containsExactly("out:ab", "err:c", "out:d");
    }

    @Test
    void manyLinesBecomeFewMessages() {
        List<String> log = new ArrayList<>();
        CellStreams s = new CellStreams(recorder("out", log), recorder("err", log));
        for (int i = 0; i < 10_000; i++) {
            s.out().println("line " + i);
        }
        s.flush();
        assertThat(log.size()).isLessThan(200);
        assertThat(String.join("", log).replace("out:", "").lines().count()).isEqualTo(10_000);
    }

    @Test
    void utf8IsNeverCutInsideACharacter() {
        byte[] b = "a€".getBytes(StandardCharsets.UTF_8); // 'a' + 3 bytes
        assertThat(CellStreams.completePrefix(b, 4)).isEqualTo(4);
        assertThat(CellStreams.completePrefix(b, 3)).isEqualTo(1);
        assertThat(CellStreams.completePrefix(b, 2)).isEqualTo(1);
        byte[] crab = "🦀".getBytes(StandardCharsets.UTF_8);
        assertThat(CellStreams.completePrefix(crab, 3)).isZero();
        assertThat(CellStreams.completePrefix(crab, 4)).isEqualTo(4);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        CellStreams s = new CellStreams(new PrintStream(sink, true, StandardCharsets.UTF_8), System.err);
        s.out().print("Grüße 🦀");
        s.flush();
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("Grüße 🦀");
    }
}
