package org.uforklab.machine.asm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.uforklab.machine.isa.Encoder;

/**
 * Errors from the isa {@link Encoder} point at the operand that is wrong: the assembler turns the encoder's
 * operand offset into {@code file:line:column}. In each case the expected column is where {@code ^} would sit,
 * given as the text the error must point at.
 */
class EncoderErrorColumnTest {

    private static List<String> errors(String line) {
        try {
            Assembler.assemble("t.s", ".text\n" + line + "\n", new Encoder());
        } catch (AssemblyErrors e) {
            return e.errors().stream().map(AssemblyError::toString).toList();
        }
        throw new AssertionError("expected an error from: " + line);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        ldr x0, [x1, #8]                  | x1, #8]   | expected a capability register (c0-c30, csp) but found 'x1'
        ldr c0, [c1, #99999]              | 99999]    | is out of range
        scbnds c2, c2, w3                 | w3        | but found 'w3'
        add x0, x1, #0x1001               | 0x1001    | out of range
        ldp x0, x1, [csp, #-1024]!        | -1024]!   | out of range
        orr w0, w1, #0x100000000          | 0x100000000 | does not fit 32 bits
        and x0, x1, #0x5                  | 0x5       | not a valid logical (bitmask) immediate
        tbz w0, #40, 1f                   | 40        | bit number 40 is out of range (0 to 31)
        b.xx 1f                           | b.xx      | unknown instruction 'b.xx'
        mov x0, undefined_sym             | undefined_sym | undefined symbol 'undefined_sym'
        add x0, x1, x2, lsl #64           | 64        | out of range
        ldr x0, [c1, x2, lsl #2]          | 2]        | must be 3
        cbz x0                            |           | but found the end of the operands
        ret x1, x2                        | , x2      | but found ','
        """)
    void errorPointsAtTheOperand(String line, String at, String message) {
        String source = "  " + line.strip();
        List<String> errs = errors(source);
        assertThat(errs).hasSize(1);
        String err = errs.get(0);
        int column = at == null ? source.length() + 1 : source.indexOf(at.strip()) + 1;
        assertThat(err).as(err).startsWith("t.s:2:" + column + ": ").contains(message.strip());
    }
}
