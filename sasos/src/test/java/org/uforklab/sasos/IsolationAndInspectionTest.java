package org.uforklab.sasos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.uforklab.machine.cap.Perm;
import org.uforklab.sasos.image.GuestImage;
import org.uforklab.sasos.proc.LaunchOptions;
import org.uforklab.sasos.proc.MicroProcess;
import org.uforklab.sasos.proc.ThreadContext;

class IsolationAndInspectionTest {

    private static final String GOT_GUEST = """
            .data
            .balign 16
            counter: .quad 5
            .size counter, 8
            .section .got, "aw"
            .balign 16
            got_counter: .chericap counter
            got_start: .chericap _start
            .text
            .type _start, @function
            .global _start
            _start:
                adrp c0, got_counter
                ldr c0, [c0, #:lo12:got_counter]
                ldr x1, [c0]
                add x1, x1, #1
                str x1, [c0]
                gclen x2, c0
                cmp x2, #8
                b.ne 1f
                ldr x0, [c0]
                sys exit
            1:  mov x0, #99
                sys exit
            """;

    @Test
    void gotHoldsBoundedTaggedCapabilitiesAndEverythingIsConfined() {
        Kernel k = Kernel.boot();
        MicroProcess p = k.launch(GuestImage.of("got", GOT_GUEST));
        MicroProcess q = k.launch("hello");
        Inspector in = k.inspect();
        assertThat(in.pointingOutside(p)).isEmpty();
        assertThat(in.pointingOutside(q)).isEmpty();
        long got = p.symbol("got_counter");
        assertThat(in.tag(got)).isTrue();
        var caps = in.capabilities(p);
        assertThat(caps).anySatisfy(c -> {
            assertThat(c.va()).isEqualTo(got);
            assertThat(c.capability().base()).isEqualTo(p.symbol("counter"));
            assertThat(c.capability().lengthClamped()).isEqualTo(8);
        });
        assertThat(caps).anySatisfy(c -> {
            assertThat(c.va()).isEqualTo(got + 16);
            assertThat(c.capability().isSentry()).isTrue();
        });
        ThreadContext r = in.registers(p.threads().get(0));
        assertThat(r.pcc().hasPerms(Perm.SYSTEM)).isFalse();
        assertThat(r.pcc().hasPerms(Perm.EXECUTE)).isTrue();
        assertThat(r.cid().value()).isEqualTo(p.pid());
        assertThat(r.cid().hasPerms(Perm.COMPARTMENT_ID)).isTrue();
        System.out.println(in.describe(p));
        System.out.println(r);
        System.out.println(in.hexdump(got, 32));
        k.run();
        assertThat(p.exitCode()).isEqualTo(6);
        assertThat(q.exitCode()).isEqualTo(0);
    }

    @Test
    void codeFramesAreSharedBetweenInstancesOfAnImage() {
        Kernel k = Kernel.boot();
        MicroProcess a = k.launch("hello");
        MicroProcess b = k.launch("hello");
        var pa = k.addressSpace().paOf(a.segment("text").start());
        var pb = k.addressSpace().paOf(b.segment("text").start());
        assertThat(pa).isEqualTo(pb);
        assertThat(a.code().users()).isEqualTo(2);
        assertThat(k.addressSpace().paOf(a.segment("got").start())).isNotEqualTo(k.addressSpace().paOf(b.segment("got").start()));
        k.run();
        assertThat(k.console()).isEqualTo("hello, world\nhello, world\n");
        long before = k.frames().inUse();
        k.reap(a);
        k.reap(b);
        assertThat(k.frames().inUse()).isLessThan(before);
        assertThat(k.addressSpace().isMapped(a.segment("text").start())).isFalse();
    }

    @Test
    void regionLayoutIsContiguousWithGuardsAndTheHeapSizeIsAParameter() {
        Kernel k = Kernel.boot();
        MicroProcess p = k.launch(GuestImage.bundled("hello"), LaunchOptions.defaults().withHeap(1 << 20));
        assertThat(p.segment("heap").size()).isEqualTo(1 << 20);
        assertThat(k.addressSpace().isMapped(p.segment("heap").end() - 4096)).isTrue();
        long prev = p.base();
        for (var s : p.segments()) {
            assertThat(s.start()).isEqualTo(prev);
            prev = s.end();
            if (s.name().equals("guard")) {
                assertThat(k.addressSpace().isMapped(s.start())).isFalse();
            }
        }
        assertThat(prev).isEqualTo(p.base() + p.size());
        assertThat(p.region().base()).isEqualTo(p.base());
        assertThat(p.region().lengthClamped()).isEqualTo(p.size());
        System.out.println(p.layout());
        System.out.println(k.inspect().pages(p).get(0));
    }
}
