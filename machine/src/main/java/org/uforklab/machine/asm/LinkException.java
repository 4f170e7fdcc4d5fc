package org.uforklab.machine.asm;

import java.util.List;

/**
 * The link failed: every problem found (duplicate definitions, undefined symbols, values out of range, sections
 * without an address ...), each naming the object and place, one per line of the message.
 */
public final class LinkException extends AsmException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** @param problems one readable line each; at least one */
    public LinkException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    private static String message(List<String> problems) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        return problems.size() + " link errors:\n  " + String.join("\n  ", problems);
    }

    /** The problems, one readable line each. */
    public List<String> problems() {
        return problems;
    }
}
