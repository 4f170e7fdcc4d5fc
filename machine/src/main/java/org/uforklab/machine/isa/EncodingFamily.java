package org.uforklab.machine.isa;

/**
 * A group of related encodings in one file (Morello capability operations, A64 loads and stores...). Each
 * family owns an id range: its ids are {@code familyNumber << 8 | n}, written as constants in the family class
 * so the interpreter can {@code switch} on them. {@link EncodingTable#standard()} lists the families.
 */
public interface EncodingFamily {

    /** Adds the family's encodings to the table being built. */
    void register(EncodingTable.Builder table);
}
