package org.uforklab.sasos.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.KernelConfig;
import org.uforklab.sasos.proc.MicroProcess;
import org.uforklab.sasos.Personality;

/**
 * A guest of two files assembled separately and linked: main.s calls functions of util.s, both use the same
 * local label names, their own string called {@code msg} and their own GOT slot {@code slot} for util's
 * {@code counter}, and util.s writes through a native it imports.
 */
class MultiFileGuestTest {

    static final String MAIN = """
            // main.s: sums 1..10 through util's add_up, checks it, prints both files' messages
            .rodata
            msg:    .ascii "main\\n"
                    .equ msglen, . - msg
            .section .got, "aw"
            .balign 16
            slot:   .chericap counter       // util.s's counter, bounded to its .size
            .text
            .global _start
            _start:
                    mov     x0, #10
                    bl      add_up
                    cmp     x0, #55
                    b.eq    1f
                    fail    1
            1:      mov     x19, #0
            loop:   add     x19, x19, #1
                    cmp     x19, #2
                    b.ne    loop
                    mov     x0, #1
                    adrp    c1, msg
                    add     c1, c1, #:lo12:msg
                    mov     x2, #msglen
                    sys     write
                    bl      say
                    adrp    c0, slot
                    ldr     c0, [c0, #:lo12:slot]
                    ldr     x1, [c0]
                    cmp     x1, #1
                    b.eq    2f
                    fail    2
            2:      gclen   x0, c0
                    cmp     x0, #8
                    b.eq    3f
                    fail    3
            3:      mov     x0, #0
                    sys     exit
            """;

    static final String UTIL = """
            // util.s: add_up(n) = 1 + ... + n; say() prints util's own msg (its length through strlen)
            .rodata
            msg:    .asciz "util\\n"
            .data
            .balign 8
            .global counter
            .type counter, @object
            counter: .quad 0
            .size counter, 8
            .section .got, "aw"
            .balign 16
            slot:   .chericap counter
            .text
            .global add_up, say
            .type add_up, @function
            add_up: mov     x1, #0
            loop:   cbz     x0, 1f
                    add     x1, x1, x0
                    sub     x0, x0, #1
                    b       loop
            1:      mov     x0, x1
                    ret     c30
            .type say, @function
            say:    mov     c20, c30
                    adrp    c19, msg
                    add     c19, c19, #:lo12:msg
                    mov     c0, c19
                    bl      strlen
                    mov     x2, x0
                    mov     c1, c19
                    mov     x0, #1
                    sys     write
                    adrp    c0, slot
                    ldr     c0, [c0, #:lo12:slot]
                    ldr     x1, [c0]
                    add     x1, x1, #1
                    str     x1, [c0]
                    ret     c20
            """;

    @ParameterizedTest
    @EnumSource(Personality.class)
    void mainCallsIntoUtilAndEachFileKeepsItsLocalLabels(Personality personality) {
        GuestImage image = GuestImage.builder("twofile").source("main.s", MAIN).source("util.s", UTIL).build();
        assertThat(image.natives()).containsExactly("strlen");
        Kernel k = Kernel.boot(KernelConfig.defaults().withPersonality(personality));
        MicroProcess p = k.launch(image);
        k.runUntilExit(p);
        assertThat(p.fault()).isNull();
        assertThat(p.exitCode()).isZero();
        assertThat(k.console()).isEqualTo("main\nutil\n");
        var linked = p.linked();
        long mainLoop = linked.symbol("main.s", "loop").orElseThrow().address();
        long utilLoop = linked.symbol("util.s", "loop").orElseThrow().address();
        assertThat(utilLoop).isGreaterThan(mainLoop);
        assertThat(linked.address("add_up")).isGreaterThan(linked.address("_start"));
        assertThat(linked.capInits()).hasSize(2).allSatisfy(c -> {
            assertThat(c.base()).isEqualTo(linked.address("counter"));
            assertThat(c.length()).isEqualTo(8);
        });
        assertThat(linked.symbol("util.s", "slot").orElseThrow().address())
                .isEqualTo(linked.symbol("main.s", "slot").orElseThrow().address() + 16);
        assertThat(linked.section(".text").inputs()).extracting(in -> in.object())
                .containsExactly("main.s", "util.s", GuestImage.RUNTIME, GuestImage.NATIVE_STUBS);
    }
}
