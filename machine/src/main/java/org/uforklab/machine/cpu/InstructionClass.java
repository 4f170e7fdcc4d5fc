package org.uforklab.machine.cpu;

import org.uforklab.machine.time.Cost;

/** The cost/statistics class of an instruction: each retired instruction is charged its class's cost parameter. */
public enum InstructionClass {
    ALU(Cost.INSN_ALU, "alu"),
    MULTIPLY(Cost.INSN_MULTIPLY, "multiply"),
    DIVIDE(Cost.INSN_DIVIDE, "divide"),
    BRANCH(Cost.INSN_BRANCH, "branch"),
    MEMORY(Cost.INSN_MEMORY, "memory"),
    CAPABILITY(Cost.INSN_CAPABILITY, "capability"),
    SYSTEM_REGISTER(Cost.INSN_SYSTEM_REGISTER, "systemRegister"),
    SYSTEM(Cost.INSN_SYSTEM, "system");

    private final Cost cost;
    private final String statName;

    InstructionClass(Cost cost, String statName) {
        this.cost = cost;
        this.statName = statName;
    }

    /** The cost parameter charged per instruction of this class. */
    public Cost cost() {
        return cost;
    }

    /** The counter name under {@code cpu.insn.}. */
    public String statName() {
        return statName;
    }
}
