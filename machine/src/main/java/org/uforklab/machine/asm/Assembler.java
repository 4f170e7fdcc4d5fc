package org.uforklab.machine.asm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The file-level assembler: GNU as syntax for AArch64 / Morello purecap code, one source file to one
 * relocatable {@link ObjectFile}. Instructions are encoded by an {@link InstructionAssembler}; everything around
 * them is handled here:
 * <ul>
 * <li>statements: {@code //} and {@code /* *}{@code /} comments, {@code #} line comments, {@code ;} separators,
 *     labels {@code name:}, local labels {@code 1:} referenced as {@code 1b} / {@code 1f}, {@code name = expr};</li>
 * <li>sections: {@code .text .data .rodata .bss .section name[, "awx"[, @progbits|@nobits]] .pushsection
 *     .popsection .previous}, and a {@code .got} of 16-byte capability slots for operands written
 *     {@code :got:sym} / {@code :got_lo12:sym};</li>
 * <li>symbols: {@code .global .globl .local .weak .equ .set .equiv .size .type};</li>
 * <li>data: {@code .byte .hword .short .2byte .word .long .int .4byte .quad .xword .dword .8byte} (words and
 *     quads may hold addresses: ABS32 / ABS64 relocations), {@code .ascii .asciz .string .space .skip .zero
 *     .fill}, and {@code .chericap sym[+addend]}, a 16-byte capability the loader creates (CAPINIT);</li>
 * <li>alignment: {@code .balign .p2align .align} (on AArch64 {@code .align} takes a power of two; code is
 *     padded with NOPs);</li>
 * <li>macros and conditionals: {@code .macro/.endm} (defaults, {@code :req}, {@code :vararg}, {@code \@},
 *     {@code \()}), {@code .exitm .purgem .rept .irp .irpc/.endr .if .ifdef .ifndef .ifeq .ifne .ifb .ifnb .ifc
 *     .ifnc .elseif .else .endif .error .end};</li>
 * <li>expressions with GNU precedence (see {@link ExpressionParser}).</li>
 * </ul>
 * Every instruction is 4 bytes, so the first pass lays everything out and the second encodes with every label
 * known. Errors say {@code file:line:column: what was expected}; all that can be found are reported together.
 *
 * <p>Instances are immutable and may be shared; each call assembles independently.
 */
public final class Assembler {

    private final InstructionAssembler isa;
    private final List<AssemblyRun.Prelude> preludes;

    /** An assembler whose instructions are encoded by {@code isa}. */
    public Assembler(InstructionAssembler isa) {
        this(isa, List.of());
    }

    private Assembler(InstructionAssembler isa, List<AssemblyRun.Prelude> preludes) {
        this.isa = Objects.requireNonNull(isa, "isa");
        this.preludes = preludes;
    }

    /**
     * An assembler that reads {@code text} before every file (after any prelude given earlier), as if each began
     * with {@code .include "name"}
     * (like {@code gcc -include}): its macros, equates and symbols are the file's own, so every object assembled
     * gets them. Errors in the prelude, and the places of definitions made there, name {@code name} and its
     * lines; lines of the file keep their own numbers.
     *
     * @param name the prelude's file name (e.g. {@code "prelude.s"})
     * @param text its source; it should end in the section the files start in (normally {@code .text})
     */
    public Assembler withPrelude(String name, String text) {
        List<AssemblyRun.Prelude> more = new ArrayList<>(preludes);
        more.add(new AssemblyRun.Prelude(Objects.requireNonNull(name, "name"), Objects.requireNonNull(text, "text")));
        return new Assembler(isa, List.copyOf(more));
    }

    /**
     * Assembles one source file.
     *
     * @param fileName the name errors and the object carry (e.g. {@code "hello.s"})
     * @param source   the source text
     * @throws AssemblyErrors listing every error found, each with file:line:column
     */
    public ObjectFile assemble(String fileName, String source) throws AssemblyErrors {
        return new AssemblyRun(Objects.requireNonNull(fileName, "fileName"), isa, preludes).run(Objects.requireNonNull(source,
                "source"));
    }

    /** One-shot form of {@link #assemble(String, String)}. */
    public static ObjectFile assemble(String fileName, String source, InstructionAssembler isa) throws AssemblyErrors {
        return new Assembler(isa).assemble(fileName, source);
    }

    @Override
    public String toString() {
        return "Assembler[" + isa + (preludes.isEmpty() ? "" : ", preludes " + preludes.stream().map(AssemblyRun.Prelude::name).toList()) + "]";
    }
}
