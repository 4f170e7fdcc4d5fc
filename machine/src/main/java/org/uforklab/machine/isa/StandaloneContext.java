package org.uforklab.machine.isa;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.uforklab.machine.asm.AsmException;
import org.uforklab.machine.asm.OperandContext;
import org.uforklab.machine.asm.RelocationType;

/**
 * An {@link OperandContext} for assembling a single instruction at a known address without a file-level
 * assembler: expressions may use numbers, {@code .} and the given constants, and fixups are resolved at once
 * (so {@code b .+0x10} or {@code adrp c0, 0x3000} assemble completely). Use one per instruction.
 */
public final class StandaloneContext implements OperandContext {

    private record Fixup(String expression, RelocationType type) {
    }

    private final long pc;
    private final Map<String, Long> symbols;
    private final List<Fixup> fixups = new ArrayList<>();

    /** A context for the instruction at {@code pc}, with named constants (symbols) that expressions may use. */
    public StandaloneContext(long pc, Map<String, Long> symbols) {
        this.pc = pc;
        this.symbols = Map.copyOf(symbols);
    }

    public StandaloneContext(long pc) {
        this(pc, Map.of());
    }

    @Override
    public long constant(String expression) throws AsmException {
        return Expressions.evaluate(expression, pc, symbols);
    }

    @Override
    public void fixup(String expression, RelocationType type) throws AsmException {
        // check now that it evaluates, so the error points at the operand
        Expressions.evaluate(expression, pc, symbols);
        fixups.add(new Fixup(expression, type));
    }

    @Override
    public long offset() {
        return pc;
    }

    /** The word with every recorded fixup applied. */
    public int resolve(int word) throws AsmException {
        int w = word;
        for (Fixup f : fixups) {
            w = f.type().apply(w, Expressions.evaluate(f.expression(), pc, symbols), pc);
        }
        return w;
    }
}
