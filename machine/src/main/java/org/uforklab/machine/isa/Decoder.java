package org.uforklab.machine.isa;

/**
 * Decodes 32-bit words with the {@link EncodingTable#standard() standard table}. Every word gives an
 * {@link Instruction}: a supported encoding with its fields, or an explicit unsupported result.
 */
public final class Decoder {
    private Decoder() {
    }

    /** Decodes one word; never null, never throws. */
    public static Instruction decode(int word) {
        return EncodingTable.standard().decode(word);
    }
}
