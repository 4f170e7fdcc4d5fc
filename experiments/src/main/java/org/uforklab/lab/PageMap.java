package org.uforklab.lab;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uforklab.lab.display.Hex;
import org.uforklab.lab.display.Table;
import org.uforklab.machine.mem.PhysicalMemory;
import org.uforklab.machine.mmu.Mapping;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.proc.MicroProcess;
import org.uforklab.sasos.proc.Segment;
import org.uforklab.ufork.CopyCause;
import org.uforklab.ufork.ForkStats;
import org.uforklab.ufork.ForkStrategy;
import org.uforklab.ufork.SharedFrame;
import org.uforklab.ufork.Sharer;
import org.uforklab.ufork.UFork;

/**
 * A snapshot of every page a µprocess maps under μFork: whether it still shares its parent's frame (and how:
 * copy-on-pointer-access or copy-on-access), shares the image's code, owns a frame children share, or has its
 * own copy — and why it was copied ({@link CopyCause}: eagerly in fork, or later by a child capability load, a
 * child write, a parent write...) — with the number of tagged granules (capabilities) the frame holds.
 * {@link #toSvg()} draws it, one square per page, row by segment; the notebook kernel shows that picture.
 *
 * <pre>{@code
 * var u = Lab.ufork(ForkStrategy.COPY_ON_POINTER_ACCESS);
 * var parent = u.kernel().launch("fork_heap");
 * u.kernel().runUntil(() -> !u.forks().isEmpty(), Long.MAX_VALUE);     // stop right after fork
 * PageMap.of(u, u.kernel().process(u.forks().get(0).childPid()))        // the child's pages now
 * }</pre>
 *
 * It reads the page tables, the sharing table and physical tags directly (no emulated cost) and keeps no
 * reference to the kernel: later changes do not alter a snapshot.
 */
public final class PageMap {

    /** How a page stands. */
    public enum State {
        /** Code or read-only image data: the image's frames, shared by every µprocess of the image. */
        SHARED_CODE("code (image frames)", "#bdbdbd"),
        /** Still the parent's frame, mapped read-only with the stale LC generation: a capability load copies it. */
        SHARED_COPA("shared, CoPA", "#9ecae1"),
        /** Still the parent's frame, mapped with AF = 0: any access copies it. */
        SHARED_COA("shared, CoA", "#a1d99b"),
        /** Its own frame, which children of it still share (its PTE is protected until they have copies). */
        SHARED_OWNER("own frame, shared with a child", "#4292c6"),
        /** Its own copy, made eagerly in fork. */
        COPIED_EAGERLY("copied in fork", "#fdae6b"),
        /** Its own copy, made after fork when it touched the page (a capability load, a write, any access under CoA). */
        COPIED_BY_CHILD("copied later: child touched it", "#e6550d"),
        /** Its own copy, pushed to it after fork when the parent wrote (CoA: touched) the page they shared. */
        COPIED_FOR_PARENT("copied later: pushed by the parent", "#8c2d04"),
        /** Its own frame, never shared (mapped at load, grown after fork, or a full copy's committed zero page). */
        PRIVATE("own frame", "#f7f7f7"),
        /** Never written: it maps the kernel's one read-only zero frame (demand-zero; the first write gets a frame). */
        ZERO("demand-zero (no frame yet)", "#ffffff");

        private final String label;
        private final String color;

        State(String label, String color) {
            this.label = label;
            this.color = color;
        }

        /** How the legend names it. */
        public String label() {
            return label;
        }

        /** Its colour in {@link #toSvg()}. */
        public String color() {
            return color;
        }
    }

    /**
     * One page.
     *
     * @param va      the page's virtual address
     * @param segment the segment holding it ({@code heap}, {@code got}, ...; "?" outside every segment)
     * @param state   how it stands
     * @param cause   why it was copied (null unless it is in one of the COPIED states)
     * @param tags    tagged granules in the frame it maps (0..256): the capabilities stored there
     */
    public record Page(long va, String segment, State state, CopyCause cause, int tags) {
    }

    /** Pages drawn by {@link #toSvg()} at most (a 136 MB heap has 33,000: the rest are counted, not drawn). */
    public static final int MAX_DRAWN = 4096;
    private static final int PER_ROW = 48;
    private static final int CELL = 11;
    private static final int PITCH = 13;
    private static final int LABEL_W = 92;

    private final String title;
    private final List<Page> pages;

    private PageMap(String title, List<Page> pages) {
        this.title = title;
        this.pages = List.copyOf(pages);
    }

    /** The pages of {@code p} now, titled with its pid, name and the fork that made it. */
    public static PageMap of(UFork ufork, MicroProcess p) {
        ForkStats st = ufork.statsOf(p);
        String t = "pid " + p.pid() + " (" + p.name() + ")"
                + (st == null ? "" : ", forked from pid " + st.parentPid() + " with " + st.strategy().shortName());
        return of(ufork, p, t);
    }

    /** The pages of {@code p} now, with a title of one's choice. */
    public static PageMap of(UFork ufork, MicroProcess p, String title) {
        Kernel k = ufork.kernel();
        ForkStats st = ufork.statsOf(p);
        Map<Long, CopyCause> copied = st == null ? Map.of() : st.copiedPages();
        PhysicalMemory mem = k.machine().memory();
        List<Segment> segs = p.segments();
        List<Page> out = new ArrayList<>();
        for (Mapping m : k.inspect().pages(p)) {
            for (long off = 0; off < m.size(); off += PhysicalMemory.FRAME_SIZE) {
                long va = m.va() + off;
                long pa = m.pa() + off;
                Segment seg = null;
                for (Segment s : segs) {
                    if (s.contains(va)) {
                        seg = s;
                        break;
                    }
                }
                int tags = 0;
                for (long g = 0; g < PhysicalMemory.FRAME_SIZE; g += PhysicalMemory.GRANULE_SIZE) {
                    tags += mem.tag(pa + g) ? 1 : 0;
                }
                State state;
                CopyCause cause = null;
                SharedFrame sf = ufork.sharing().atVa(va);
                Sharer sharer = sf == null ? null : sf.sharers().stream().filter(s -> s.va() == va).findFirst().orElse(null);
                if (seg != null && seg.kind() == Segment.Kind.CODE) {
                    state = State.SHARED_CODE;
                } else if (k.frames().isZeroFrame(pa)) {
                    state = State.ZERO;
                } else if (sharer != null) {
                    state = sharer.strategy() == ForkStrategy.COPY_ON_ACCESS ? State.SHARED_COA : State.SHARED_COPA;
                } else if (sf != null && sf.owner() == p && sf.ownerVa() == va) {
                    state = State.SHARED_OWNER;
                } else if (copied.containsKey(va)) {
                    cause = copied.get(va);
                    state = cause.eager() ? State.COPIED_EAGERLY
                            : cause == CopyCause.PARENT_WRITE || cause == CopyCause.PARENT_ACCESS ? State.COPIED_FOR_PARENT : State.COPIED_BY_CHILD;
                } else {
                    state = State.PRIVATE;
                }
                out.add(new Page(va, seg == null ? "?" : seg.name(), state, cause, tags));
            }
        }
        return new PageMap(title, out);
    }

    /** The title. */
    public String title() {
        return title;
    }

    /** Every page, in VA order. */
    public List<Page> pages() {
        return pages;
    }

    /** Pages per state (every state, zeros included), in {@link State} order. */
    public Map<State, Long> counts() {
        Map<State, Long> m = new EnumMap<>(State.class);
        for (State s : State.values()) {
            m.put(s, 0L);
        }
        pages.forEach(p -> m.merge(p.state(), 1L, Long::sum));
        return m;
    }

    /** Pages in {@code state}. */
    public long count(State state) {
        return pages.stream().filter(p -> p.state() == state).count();
    }

    /** Copied pages per cause (causes that occur), in {@link CopyCause} order. */
    public Map<CopyCause, Long> causes() {
        Map<CopyCause, Long> m = new EnumMap<>(CopyCause.class);
        pages.stream().filter(p -> p.cause() != null).forEach(p -> m.merge(p.cause(), 1L, Long::sum));
        return m;
    }

    /** Pages holding at least one capability. */
    public long pagesWithTags() {
        return pages.stream().filter(p -> p.tags() > 0).count();
    }

    /** Every page as a row: va, segment, state, cause, tags. */
    public Table table() {
        Table.Builder b = Table.builder("va", "segment", "state", "why copied", "tags").title(title);
        for (Page p : pages) {
            b.row(Hex.of(p.va()), p.segment(), p.state().label(), p.cause() == null ? "" : p.cause().name().toLowerCase(Locale.ROOT), p.tags());
        }
        return b.build();
    }

    /** One line per segment: pages per state. */
    public Table bySegment() {
        List<String> cols = new ArrayList<>(List.of("segment", "pages"));
        for (State s : State.values()) {
            cols.add(s.label());
        }
        cols.add("with tags");
        Table.Builder b = Table.builder(cols.toArray(String[]::new)).title(title);
        for (String seg : segments()) {
            List<Page> in = pages.stream().filter(p -> p.segment().equals(seg)).toList();
            List<Object> row = new ArrayList<>(List.of(seg, in.size()));
            for (State s : State.values()) {
                row.add(in.stream().filter(p -> p.state() == s).count());
            }
            row.add(in.stream().filter(p -> p.tags() > 0).count());
            b.row(row.toArray());
        }
        return b.build();
    }

    private List<String> segments() {
        List<String> out = new ArrayList<>();
        for (Page p : pages) {
            if (!out.contains(p.segment())) {
                out.add(p.segment());
            }
        }
        return out;
    }

    /**
     * The picture: a title line, then per segment a label and its pages as squares coloured by state (a dot where
     * the frame holds capabilities; hovering shows VA, state, cause and tags), then a legend. At most
     * {@value #MAX_DRAWN} pages are drawn.
     */
    public String toSvg() {
        StringBuilder body = new StringBuilder();
        int y = 58;
        int drawn = 0;
        for (String seg : segments()) {
            List<Page> in = pages.stream().filter(p -> p.segment().equals(seg)).toList();
            if (drawn >= MAX_DRAWN) {
                break;
            }
            body.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"11\">%s (%d)</text>%n", y + 9, esc(seg), in.size()));
            int col = 0;
            for (Page p : in) {
                if (drawn >= MAX_DRAWN) {
                    break;
                }
                if (col == PER_ROW) {
                    col = 0;
                    y += PITCH;
                }
                int x = LABEL_W + col * PITCH;
                body.append(String.format(Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#888\" stroke-width=\"0.5\">"
                                + "<title>%s %s: %s%s, %d tagged granule%s</title></rect>%n",
                        x, y, CELL, CELL, p.state().color(), Hex.format(p.va()), esc(p.segment()), p.state().label(),
                        p.cause() == null ? "" : " (" + p.cause().name().toLowerCase(Locale.ROOT) + ")", p.tags(), p.tags() == 1 ? "" : "s"));
                if (p.tags() > 0) {
                    body.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"#000\"/>%n", x + CELL / 2.0, y + CELL / 2.0));
                }
                col++;
                drawn++;
            }
            y += PITCH + 6;
        }
        if (drawn < pages.size()) {
            body.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"11\" fill=\"#555\">... %,d more pages not drawn</text>%n",
                    y + 9, pages.size() - drawn));
            y += 18;
        }
        y += 6;
        int x = 4;
        Map<State, Long> counts = counts();
        for (State s : State.values()) {
            if (counts.get(s) == 0) {
                continue;
            }
            String label = s.label() + " " + counts.get(s);
            body.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#888\" stroke-width=\"0.5\"/>"
                    + "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>%n", x, y, CELL, CELL, s.color(), x + CELL + 4, y + 9, esc(label)));
            x += CELL + 12 + 6 * label.length();
        }
        body.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"#000\"/><text x=\"%d\" y=\"%d\" font-size=\"11\">"
                + "holds capabilities %d</text>%n", x + CELL / 2.0, y + CELL / 2.0, x + CELL + 4, y + 9, pagesWithTags()));
        x += CELL + 12 + 6 * 24;
        int width = Math.max(Math.max(LABEL_W + PER_ROW * PITCH + 8, x), 12 + 6 * Math.max(stateSummary().length(), copySummary().length()));
        int height = y + CELL + 8;
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>%n"
                + "<text x=\"4\" y=\"16\" font-size=\"13\" font-weight=\"bold\">%s</text>%n"
                + "<text x=\"4\" y=\"31\" font-size=\"11\" fill=\"#333\">%s</text>%n"
                + "<text x=\"4\" y=\"45\" font-size=\"11\" fill=\"#333\">%s</text>%n%s</svg>",
                width, height, width, height, esc(title), esc(stateSummary()), esc(copySummary()), body);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** {@code 40 pages: 3 code (image frames), 30 shared, CoPA, 3 copied in fork (eager_got 1, ...), 12 with capabilities}. */
    public String summary() {
        String copies = copySummary();
        return stateSummary() + (copies.isEmpty() ? "" : " (" + copies + ")") + "; " + pagesWithTags() + " hold capabilities";
    }

    private String stateSummary() {
        StringBuilder sb = new StringBuilder(pages.size() + " pages:");
        String sep = " ";
        for (Map.Entry<State, Long> e : counts().entrySet()) {
            if (e.getValue() > 0) {
                sb.append(sep).append(e.getValue()).append(' ').append(e.getKey().label());
                sep = ", ";
            }
        }
        return sb.toString();
    }

    private String copySummary() {
        StringBuilder c = new StringBuilder();
        causes().forEach((k, v) -> c.append(c.isEmpty() ? "copies: " : ", ").append(k.name().toLowerCase(Locale.ROOT)).append(' ').append(v));
        return c.toString();
    }

    /** The title and the {@link #summary()}. */
    @Override
    public String toString() {
        return title + ": " + summary();
    }
}
