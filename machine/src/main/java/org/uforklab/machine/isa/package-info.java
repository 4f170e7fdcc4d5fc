/**
 * The A64 + Morello instruction set as data: one {@link org.uforklab.machine.isa.Encoding} per architecture
 * encoding (fixed bits, named fields, constraints, GNU syntaxes), grouped in family classes and registered in
 * {@link org.uforklab.machine.isa.EncodingTable}, from which the {@link org.uforklab.machine.isa.Decoder},
 * {@link org.uforklab.machine.isa.Disassembler} and {@link org.uforklab.machine.isa.Encoder} all work.
 * See ISA.md in this folder for how to add an encoding.
 */
package org.uforklab.machine.isa;
