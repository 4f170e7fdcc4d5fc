/**
 * The assembler for the A64 + Morello subset the machine runs (GNU syntax): sections, symbols, directives,
 * macros, relocations and relocatable objects. Instruction encodings come from {@code org.uforklab.machine.isa}.
 */
package org.uforklab.machine.asm;
