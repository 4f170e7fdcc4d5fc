package org.uforklab.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.uforklab.kernel.display.Renderers;
import org.uforklab.kernel.exec.CellEvaluator;

/** The cell-side API reaches the session that runs the cell, from the cell's thread and threads it starts. */
class NotebookTest {

    /** A session that records what cells publish. */
    static final class FakeSession implements NotebookSession {
        final Renderer renderer = Renderers.create();
        final List<String> log = new ArrayList<>();

        @Override
        public String display(Object value, String... mimeTypes) {
            DisplayData d = render(value, mimeTypes);
            log.add("display " + d.getData(MIMEType.TEXT_PLAIN) + (d.hasDataForType(MIMEType.TEXT_HTML) ? " +html" : ""));
            return "id" + log.size();
        }

        @Override
        public DisplayData render(Object value, String... mimeTypes) {
            return mimeTypes.length == 0 ? renderer.render(value) : renderer.renderAs(value, mimeTypes);
        }

        @Override
        public void updateDisplay(String id, Object value, String... mimeTypes) {
            log.add("update " + id + " " + render(value, mimeTypes).getData(MIMEType.TEXT_PLAIN));
        }

        @Override
        public Object evalInCell(String code) {
            return "eval:" + code;
        }
    }

    @Test
    void displayApiWorksInCellsAndTheirThreads() throws Exception {
        FakeSession s = new FakeSession();
        try (CellEvaluator ev = new CellEvaluator("nb", s, x -> { })) {
            ev.eval("import static org.uforklab.kernel.Notebook.*;", 0);
            Object id = ev.eval("String id = display(html(\"<b>a</b>\"));\nupdateDisplay(id, \"b\");\nid", 1).value();
            assertThat(id).isEqualTo("id1");
            ev.eval("Thread t = new Thread(() -> display(\"from thread\")); t.start(); t.join();", 2);
            Object dd = ev.eval("render(markdown(\"*m*\"))", 3).value();
            assertThat(((DisplayData) dd).getData(MIMEType.TEXT_MARKDOWN)).isEqualTo("*m*");
            ev.eval("var p = progress(\"w\", 2); p.step(); p.step();", 4);
            assertThat(ev.eval("eval(\"1\")", 5).value()).isEqualTo("eval:1");
        }
        assertThat(s.log.subList(0, 4)).containsExactly("display a +html", "update id1 b", "display from thread",
                "display w [....................] 0/2 (0%) +html");
        // intermediate progress updates depend on timing (at most one per 100 ms); the final state is always sent
        assertThat(s.log.get(s.log.size() - 1)).isEqualTo("update id4 w [####################] 2/2 (100%)");
    }

    @Test
    void outsideANotebookItSaysSo() {
        assertThatThrownBy(() -> Notebook.display("x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only in code run by the uforklab kernel");
    }
}
