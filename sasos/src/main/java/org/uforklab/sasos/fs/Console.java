package org.uforklab.sasos.fs;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The console: writes go to the writing µprocess's console buffer and the kernel log; reads take bytes fed by
 * the host ({@link #feed}), and return 0 (end of file) when there is nothing to read.
 */
public final class Console implements FileObject {
    private final String name;
    private final Consumer<String> sink;
    private final StringBuilder input;

    /**
     * @param name  e.g. "stdout"
     * @param sink  where written text goes
     * @param input the shared input buffer
     */
    public Console(String name, Consumer<String> sink, StringBuilder input) {
        this.name = name;
        this.sink = sink;
        this.input = input;
    }

    @Override
    public long read(byte[][] dst, int max) {
        byte[] avail = input.toString().getBytes(StandardCharsets.ISO_8859_1);
        int n = Math.min(max, avail.length);
        dst[0] = java.util.Arrays.copyOf(avail, n);
        input.delete(0, n);
        return n;
    }

    @Override
    public long write(byte[] src) {
        sink.accept(new String(src, StandardCharsets.ISO_8859_1));
        return src.length;
    }

    @Override
    public String describe() {
        return "console " + name;
    }
}
