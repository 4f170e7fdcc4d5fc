/**
 * The assembler for the A64 + Morello subset the machine runs (GNU syntax): {@link org.uforklab.machine.asm.Assembler}
 * turns a source file into a relocatable {@link org.uforklab.machine.asm.ObjectFile} (sections, symbols,
 * relocations, including CAPINIT capability relocations), {@link org.uforklab.machine.asm.Linker} links one or
 * more objects into a {@link org.uforklab.machine.asm.LinkedImage}; instruction encodings come from
 * {@code org.uforklab.machine.isa} through {@link org.uforklab.machine.asm.InstructionAssembler}.
 */
package org.uforklab.machine.asm;
