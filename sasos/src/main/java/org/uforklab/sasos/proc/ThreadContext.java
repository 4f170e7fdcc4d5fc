package org.uforklab.sasos.proc;

import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cpu.Cpu;

/** A thread's saved register state while it is not on a core: C0–C30, CSP, PCC, NZCV, CTPIDR_EL0, CID_EL0, DDC. */
public final class ThreadContext {
    private final Capability[] c = new Capability[32];
    private Capability pcc = Capability.NULL;
    private int nzcv;
    private Capability ctpidr = Capability.NULL;
    private Capability cid = Capability.NULL;
    private Capability ddc = Capability.NULL;

    /** All registers NULL. */
    public ThreadContext() {
        java.util.Arrays.fill(c, Capability.NULL);
    }

    /** Copies the CPU's registers in. */
    public void save(Cpu cpu) {
        for (int i = 0; i < 32; i++) {
            c[i] = cpu.c(i);
        }
        pcc = cpu.pcc();
        nzcv = cpu.nzcv();
        ctpidr = cpu.ctpidr();
        cid = cpu.cid();
        ddc = cpu.ddc();
    }

    /** Loads the CPU's registers from here. PCC is set directly (its value is the PC, C64 already implied). */
    public void restore(Cpu cpu) {
        for (int i = 0; i < 32; i++) {
            cpu.setC(i, c[i]);
        }
        cpu.setPcc(pcc.setValue(pcc.value() | 1));
        cpu.setNzcv(nzcv);
        cpu.setCtpidr(ctpidr);
        cpu.setCid(cid);
        cpu.setDdc(ddc);
    }

    /** Register C{@code i} (31 = CSP). */
    public Capability c(int i) {
        return c[i];
    }

    /** Sets C{@code i}. */
    public void setC(int i, Capability v) {
        c[i] = java.util.Objects.requireNonNull(v);
    }

    /** PCC. */
    public Capability pcc() {
        return pcc;
    }

    /** Sets PCC (value = PC). */
    public void setPcc(Capability v) {
        pcc = v;
    }

    /** CTPIDR_EL0. */
    public Capability ctpidr() {
        return ctpidr;
    }

    /** Sets CTPIDR_EL0. */
    public void setCtpidr(Capability v) {
        ctpidr = v;
    }

    /** CID_EL0. */
    public Capability cid() {
        return cid;
    }

    /** Sets CID_EL0. */
    public void setCid(Capability v) {
        cid = v;
    }

    /** DDC. */
    public Capability ddc() {
        return ddc;
    }

    /** Sets DDC. */
    public void setDdc(Capability v) {
        ddc = java.util.Objects.requireNonNull(v);
    }

    /** Sets NZCV. */
    public void setNzcv(int v) {
        nzcv = v;
    }

    /** NZCV. */
    public int nzcv() {
        return nzcv;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("pc  0x%x  nzcv %x%n", pcc.value(), nzcv >>> 28));
        for (int i = 0; i < 32; i++) {
            Capability v = c[i];
            if (v.isTagged() || v.pesbt() != 0 || v.value() != 0) {
                sb.append(String.format("%-4s%s%n", i == 31 ? "csp" : "c" + i, v));
            }
        }
        sb.append("pcc    ").append(pcc).append('\n');
        sb.append("ctpidr ").append(ctpidr).append('\n');
        sb.append("cid    ").append(cid);
        return sb.toString();
    }
}
