package org.uforklab.machine.asm;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Malformed input gives errors with positions, never an exception escaping the assembler. */
class AssemblerRobustnessTest {

    private static final String[] PIECES = {
        ".macro m a, b=1", ".endm", ".rept 3", ".endr", ".irp x, 1, 2", ".if 1", ".if", ".else", ".endif", ".exitm",
        ".data", ".text", ".bss", ".section .got", ".previous", ".popsection", ".pushsection .x, \"aw\"",
        ".byte 1, 2", ".quad x - y", ".word .", ".ascii \"a\\", ".asciz \"\\x\"", ".space -1", ".fill 1, 9",
        ".balign 0", ".p2align 99", ".chericap", ".chericap 1b", ".equ x, x", ".set y, 1f", "x = 1 +", ".size x",
        ".type x,", ".global", "m", "m 1, 2, 3, 4", "nop", "b 1b", "b 1f", "ldr x0, [x1", "adrp c0, :got:",
        "1:", "2:", "lbl:", "lbl: lbl:", "'", "\"", "(", ")", "//", "/*", "*/", ";", "#", ".", ":", "\\", "\\@",
        "0x", "0b", "99999999999999999999", "1 <<< 2", ".if 1/0", ".rept 1 << 40", ".error \"boom\"", "\t",
    };

    @Test
    void randomSourcesNeverThrowAnythingButAssemblyErrors() {
        Random r = new Random(0x5eed);
        int failed = 0;
        for (int n = 0; n < 3000; n++) {
            StringBuilder sb = new StringBuilder();
            int lines = 1 + r.nextInt(12);
            for (int i = 0; i < lines; i++) {
                int parts = 1 + r.nextInt(3);
                for (int k = 0; k < parts; k++) {
                    if (r.nextInt(8) == 0) {
                        sb.append((char) (32 + r.nextInt(95)));
                    } else {
                        sb.append(PIECES[r.nextInt(PIECES.length)]);
                    }
                    sb.append(r.nextBoolean() ? " " : "");
                }
                sb.append('\n');
            }
            String src = sb.toString();
            try {
                Assembler.assemble("f.s", src, new TestEncoder());
            } catch (AssemblyErrors e) {
                failed++;
                assertThat(e.errors()).isNotEmpty().allSatisfy(err -> {
                    assertThat(err.line()).isBetween(1, lines + 1);
                    assertThat(err.column()).isPositive();
                    assertThat(err.message()).isNotBlank();
                });
            } catch (RuntimeException | StackOverflowError e) {
                fail("assembler threw " + e + " on:\n" + src, e);
            }
        }
        assertThat(failed).as("most random sources are wrong").isGreaterThan(1000);
    }
}
