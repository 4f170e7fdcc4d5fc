package org.uforklab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.uforklab.lab.PageMap.State;
import org.uforklab.sasos.proc.MicroProcess;
import org.uforklab.ufork.CopyCause;
import org.uforklab.ufork.ForkStats;
import org.uforklab.ufork.ForkStrategy;
import org.uforklab.ufork.UFork;

/** Page maps of fork_heap's child: what is shared, what was copied and why, where the capabilities are. */
class PageMapTest {

    /** Single-steps {@code u}'s fork_heap up to its fork; returns the child. */
    private static MicroProcess forkAndStop(UFork u, MicroProcess parent) {
        while (u.forks().isEmpty()) {
            u.kernel().step();
            assertThat(parent.isDead()).as("fork_heap died before forking").isFalse();
        }
        return u.kernel().process(u.forks().get(0).childPid());
    }

    @Test
    void copaChildRightAfterForkSharesAllButTheEagerPages() {
        UFork u = Lab.ufork(ForkStrategy.COPY_ON_POINTER_ACCESS);
        MicroProcess parent = u.kernel().launch("fork_heap");
        MicroProcess child = forkAndStop(u, parent);
        ForkStats st = u.forks().get(0);
        PageMap m = PageMap.of(u, child);
        assertThat(m.title()).isEqualTo("pid 2 (fork_heap), forked from pid 1 with CoPA");
        assertThat(m.pages()).hasSize(u.kernel().inspect().pages(child).size());
        assertThat(m.count(State.SHARED_COPA)).isEqualTo(st.pagesShared());
        assertThat(m.count(State.SHARED_CODE)).isEqualTo(st.pagesSharedCode());
        assertThat(m.count(State.COPIED_EAGERLY)).isEqualTo(3);
        assertThat(m.causes()).containsExactly(java.util.Map.entry(CopyCause.EAGER_GOT, 1L), java.util.Map.entry(CopyCause.EAGER_ALLOCATOR, 1L),
                java.util.Map.entry(CopyCause.EAGER_TLS, 1L));
        assertThat(m.pages()).filteredOn(p -> p.cause() == CopyCause.EAGER_GOT).singleElement()
                .satisfies(p -> assertThat(p.segment()).isEqualTo("got"));
        // tags: what the inspector finds in the child's pages (shared ones hold the parent's capabilities)
        long tagged = m.pages().stream().mapToLong(PageMap.Page::tags).sum();
        assertThat(tagged).isEqualTo(u.kernel().inspect().capabilities(child).size()).isPositive();
        // the parent owns the frames it shares
        PageMap pm = PageMap.of(u, parent);
        assertThat(pm.count(State.SHARED_OWNER)).isEqualTo(st.pagesShared());
        assertThat(pm.title()).isEqualTo("pid 1 (fork_heap)");
    }

    @Test
    void whenTheChildHasRunItsLazyCopiesAreTheForksAndASnapshotDoesNotChange() {
        UFork u = Lab.ufork(ForkStrategy.COPY_ON_POINTER_ACCESS);
        MicroProcess parent = u.kernel().launch("fork_heap");
        MicroProcess child = forkAndStop(u, parent);
        PageMap atFork = PageMap.of(u, child);
        String before = atFork.toString();
        while (!child.isDead()) {
            u.kernel().step();
        }
        PageMap atExit = PageMap.of(u, child, "at exit");
        ForkStats st = u.forks().get(0);
        assertThat(atFork.toString()).isEqualTo(before);
        assertThat(atExit.count(State.COPIED_BY_CHILD) + atExit.count(State.COPIED_FOR_PARENT)).isEqualTo(st.pagesCopiedLazily()).isPositive();
        assertThat(atExit.count(State.COPIED_FOR_PARENT)).isEqualTo(st.pagesCopied(CopyCause.PARENT_WRITE)).isPositive();
        assertThat(atExit.count(State.SHARED_COPA)).isEqualTo(atFork.count(State.SHARED_COPA) - st.pagesCopiedLazily());
        assertThat(atExit.summary()).startsWith(atExit.pages().size() + " pages: ").contains("parent_write " + st.pagesCopied(CopyCause.PARENT_WRITE));
        assertThat(atExit.bySegment().rows()).anySatisfy(r -> assertThat(r.get(0)).isEqualTo("heap"));
        u.kernel().runUntilExit(parent);
        assertThat(parent.exitCode()).isZero();
    }

    @Test
    void fullCopyCopiesEveryDataPageInForkAndTheSvgIsWellFormed() throws Exception {
        UFork u = Lab.ufork(ForkStrategy.FULL_COPY);
        MicroProcess parent = u.kernel().launch("fork_heap");
        MicroProcess child = forkAndStop(u, parent);
        PageMap m = PageMap.of(u, child);
        assertThat(m.count(State.SHARED_COPA) + m.count(State.SHARED_COA) + m.count(State.COPIED_BY_CHILD)).isZero();
        // every page the parent wrote is copied in fork; the never-written rest of the heap gets committed zero frames
        assertThat(m.count(State.COPIED_EAGERLY)).isEqualTo(m.pages().size() - m.count(State.SHARED_CODE) - m.count(State.PRIVATE))
                .isPositive();
        assertThat(m.count(State.ZERO)).isZero();
        assertThat(m.causes()).containsKey(CopyCause.EAGER_FULL_COPY);
        String svg = m.toSvg();
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        // one square per page plus one per legend entry; a dot per page holding capabilities plus the legend's
        long legend = m.counts().values().stream().filter(n -> n > 0).count();
        assertThat(doc.getElementsByTagName("rect").getLength()).isEqualTo(1 + m.pages().size() + (int) legend);
        assertThat(doc.getElementsByTagName("circle").getLength()).isEqualTo((int) m.pagesWithTags() + 1);
        assertThat(svg).contains("copied in fork " + m.count(State.COPIED_EAGERLY)).contains("eager_full_copy");
    }
}
