package org.uforklab.machine.asm;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a source file does not assemble; lists every error found, in source order. */
public final class AssemblyErrors extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<AssemblyError> errors;

    public AssemblyErrors(List<AssemblyError> errors) {
        super(errors.stream().map(AssemblyError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    /** The errors in source order (line, then column). */
    public List<AssemblyError> errors() {
        return errors;
    }
}
