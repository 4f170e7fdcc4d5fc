package org.uforklab.experiments;

import java.util.Arrays;
import org.uforklab.sasos.syscall.Sys;

/** Whether the kernel in this build has a fork system call (the guests then assemble {@code sys fork}). */
public final class ForkSupport {
    private ForkSupport() {
    }

    /** True once the kernel's system-call table has {@code fork}. */
    public static boolean available() {
        return Arrays.stream(Sys.values()).anyMatch(s -> s.cName().equals("fork"));
    }
}
