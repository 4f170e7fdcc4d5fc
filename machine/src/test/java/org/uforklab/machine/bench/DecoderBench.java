package org.uforklab.machine.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.uforklab.machine.isa.Decoder;
import org.uforklab.machine.isa.Disassembler;

/** Decoding and disassembly speed over the 12,573 words of the Morello encodings corpus. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecoderBench {

    static final int N = 12573;
    int[] words;

    @Setup
    public void load() throws IOException {
        List<Integer> ws = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
            Objects.requireNonNull(DecoderBench.class.getResourceAsStream("/vectors/morello-encodings.tsv")), StandardCharsets.UTF_8))) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                ws.add((int) Long.parseLong(line.substring(2, line.indexOf('\t')), 16));
            }
        }
        words = ws.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Nanoseconds per decoded word. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int decode() {
        int acc = 0;
        for (int w : words) {
            acc += Decoder.decode(w).id();
        }
        return acc;
    }

    /** Nanoseconds per disassembled word. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int disassemble() {
        int acc = 0;
        for (int w : words) {
            acc += Disassembler.disassemble(w).length();
        }
        return acc;
    }
}
