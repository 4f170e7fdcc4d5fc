package org.uforklab.experiments.guests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.uforklab.experiments.ForkSupport;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.image.GuestImage;
import org.uforklab.sasos.proc.MicroProcess;

/** The fork guests assemble today and, on a kernel without fork, run and report it with exit code 38. */
class ForkGuestsTest {

    static Stream<GuestImage> images() {
        return Stream.of(Guests.helloFork(), Guests.spawn(1000), Guests.context1(100_000));
    }

    @ParameterizedTest
    @MethodSource("images")
    void reportsMissingFork(GuestImage image) {
        Assumptions.assumeFalse(ForkSupport.available(), "the kernel has fork");
        assertThat(image.natives()).isEmpty();
        Kernel k = Kernel.boot();
        MicroProcess p = k.runUntilExit(k.launch(image));
        assertThat(p.fault()).isNull();
        assertThat(p.exitCode()).isEqualTo(Guests.EXIT_NO_FORK);
    }

    @org.junit.jupiter.api.Test
    void countsAreChecked() {
        assertThatThrownBy(() -> Guests.spawn(-1)).hasMessageContaining("iterations must be in [0, 2^32)");
        assertThatThrownBy(() -> Guests.source("nosuch.s")).hasMessageContaining("no guest source");
    }
}
