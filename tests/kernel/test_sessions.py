"""jupyter_client sessions: what jupyter_kernel_test does not cover (interrupt, restart, display updates,
large output, non-ASCII text, System.exit, error tracebacks, redefinition, magics, uforklab objects)."""
import re
import time

from jupyter_client.manager import start_new_kernel

from conftest import KERNEL_NAME, TIMEOUT, require_spec, run, stream_text

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_interrupt_stops_a_busy_loop(kernel):
    km, kc = kernel
    msg_id = kc.execute("long n = 0; while (true) { n++; }")
    time.sleep(1.0)
    started = time.time()
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "CellInterruptedException"
    assert time.time() - started < 5
    content, outputs = run(kc, "1 + 1")
    assert content["status"] == "ok"
    assert [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"] == ["2"]


def test_interrupt_wakes_a_sleeping_cell(kernel):
    km, kc = kernel
    msg_id = kc.execute("Thread.sleep(60_000);")
    time.sleep(1.0)
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
    assert reply["content"]["status"] == "error"


def test_restart_gives_a_fresh_session(kernel):
    km, kc = kernel
    content, _ = run(kc, "int kept = 41;")
    assert content["status"] == "ok"
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=TIMEOUT)
    content, outputs = run(kc, "kept")
    assert content["status"] == "error"
    content, outputs = run(kc, "1 + 1")
    assert [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"] == ["2"]


def test_shutdown_ends_the_process():
    require_spec()
    km, kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=TIMEOUT)
    try:
        assert km.is_alive()
        km.shutdown_kernel(now=False)
        assert not km.is_alive()
    finally:
        kc.stop_channels()


def test_system_exit_does_not_kill_the_kernel(kernel):
    km, kc = kernel
    content, outputs = run(kc, "System.exit(3);")
    assert content["status"] == "error"
    assert content["ename"] == "ExitAttemptException"
    assert km.is_alive()
    content, outputs = run(kc, "Runtime.getRuntime().halt(1);")
    assert content["status"] == "error"
    content, outputs = run(kc, "2 + 2")
    assert [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"] == ["4"]


def test_display_then_update_in_place(kernel):
    km, kc = kernel
    content, outputs = run(kc, 'String id = display(html("<b>first</b>"));\nupdateDisplay(id, html("<b>second</b>"));')
    assert content["status"] == "ok"
    displays = [c for t, c in outputs if t == "display_data"]
    updates = [c for t, c in outputs if t == "update_display_data"]
    assert len(displays) == 1 and len(updates) == 1
    did = displays[0]["transient"]["display_id"]
    assert updates[0]["transient"]["display_id"] == did
    assert updates[0]["data"]["text/html"] == "<b>second</b>"
    assert "text/plain" in updates[0]["data"]


def test_progress_is_one_display_updated(kernel):
    km, kc = kernel
    content, outputs = run(kc, 'var p = progress("sweep", 5);\nfor (int i = 0; i < 5; i++) { Thread.sleep(120); p.step(); }')
    assert content["status"] == "ok"
    displays = [c for t, c in outputs if t == "display_data"]
    updates = [c for t, c in outputs if t == "update_display_data"]
    assert len(displays) == 1
    assert len(updates) >= 2
    assert "5/5 (100%)" in updates[-1]["data"]["text/plain"]
    assert "<progress" in updates[-1]["data"]["text/html"]


def test_large_output_arrives_whole_and_in_few_messages(kernel):
    km, kc = kernel
    code = 'for (int i = 0; i < 100_000; i++) { System.out.println("line " + i); }'
    content, outputs = run(kc, code, timeout=120)
    assert content["status"] == "ok"
    text = stream_text(outputs)
    lines = text.splitlines()
    assert len(lines) == 100_000
    assert lines[0] == "line 0" and lines[-1] == "line 99999"
    assert len(outputs) < 2000  # coalesced, not one message per line


def test_non_ascii_text_round_trips(kernel):
    km, kc = kernel
    s = "Grüße, 世界, ∀x∈ℝ, 🦀"
    content, outputs = run(kc, 'String s = "%s";\nSystem.out.println(s);\ns' % s)
    assert content["status"] == "ok"
    assert stream_text(outputs) == s + "\n"
    assert [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"] == [s]
    content, outputs = run(kc, "s.length()")
    assert [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"] == [str(len(s.encode("utf-16-le")) // 2)]


def test_stdout_and_stderr_keep_their_order(kernel):
    km, kc = kernel
    content, outputs = run(kc, 'System.out.print("a"); System.err.print("b"); System.out.print("c"); '
                               'display("d"); System.out.print("e");')
    seq = []
    for t, c in outputs:
        if t == "stream":
            seq.append(c["text"])
        elif t == "display_data":
            seq.append("[display]")
    assert seq == ["a", "b", "c", "[display]", "e"]


def test_error_names_cell_and_line_with_a_readable_trace(kernel):
    km, kc = kernel
    run(kc, "int divide(int a, int b) {\n    return a / b;\n}")
    content, outputs = run(kc, "int x = 1;\n\nint y = divide(x, 0);")
    assert content["status"] == "error"
    errors = [c for t, c in outputs if t == "error"]
    assert len(errors) == 1
    assert errors[0]["ename"] == "ArithmeticException"
    tb = [ANSI.sub("", line) for line in errors[0]["traceback"]]
    assert tb[0] == "java.lang.ArithmeticException: / by zero"
    assert re.fullmatch(r"    at divide \(Cell In\[\d+\], line 2\)", tb[1]), tb
    assert re.fullmatch(r"    at Cell In\[\d+\], line 3", tb[2]), tb
    assert not any("jdk.internal" in line or "org.uforklab.kernel" in line for line in tb)


def test_compile_error_points_at_the_line(kernel):
    km, kc = kernel
    content, outputs = run(kc, "int a = 1;\nint b = nosuchvar + 1;")
    assert content["status"] == "error"
    assert content["ename"] == "CompilationException"
    tb = "\n".join(ANSI.sub("", line) for t, c in outputs if t == "error" for line in c["traceback"])
    assert re.search(r"Cell In\[\d+\], line 2", tb)
    assert "cannot find symbol" in tb
    assert "int b = nosuchvar + 1;" in tb


def test_cause_chain_is_kept(kernel):
    km, kc = kernel
    content, outputs = run(kc, 'throw new RuntimeException("outer", new java.io.IOException("inner"));')
    tb = [ANSI.sub("", line) for t, c in outputs if t == "error" for line in c["traceback"]]
    assert "Caused by: java.io.IOException: inner" in tb


def test_redefining_a_method_keeps_dependent_variables(kernel):
    km, kc = kernel
    run(kc, "int f() { return 1; }")
    run(kc, "int v = f() + 41;")
    content, outputs = run(kc, "int f() { return 2; }")
    assert content["status"] == "ok"
    content, outputs = run(kc, "v")
    assert [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"] == ["42"]
    content, outputs = run(kc, "f()")
    assert [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"] == ["2"]


def test_magics(kernel):
    km, kc = kernel
    content, outputs = run(kc, "%%html\n<p>hi</p>")
    assert [c["data"]["text/html"] for t, c in outputs if t == "execute_result"] == ["<p>hi</p>"]
    content, outputs = run(kc, "%%markdown\n# Title")
    assert [c["data"]["text/markdown"] for t, c in outputs if t == "execute_result"] == ["# Title"]
    content, outputs = run(kc, "%time 20 + 22")
    assert "Wall time" in stream_text(outputs)
    assert [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"] == ["42"]
    content, outputs = run(kc, "int answer = 42;\n%vars")
    result = [c["data"] for t, c in outputs if t == "execute_result"][0]
    assert "answer" in result["text/plain"] and "<table" in result["text/html"]
    content, outputs = run(kc, "%lsmagic")
    text = [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"][0]
    for m in ["%lsmagic", "%time", "%%time", "%classpath", "%load", "%%html", "%%markdown", "%vars"]:
        assert m in text.split()
    content, outputs = run(kc, "%nosuch")
    assert content["status"] == "error"


def test_uforklab_objects_render_as_html(kernel):
    km, kc = kernel
    content, outputs = run(kc, "org.uforklab.machine.cap.Capability.root().setBounds(0x100)")
    assert content["status"] == "ok", content
    data = [c["data"] for t, c in outputs if t == "execute_result"][0]
    assert "<table" in data["text/html"] and "permissions" in data["text/html"]
    assert data["text/plain"].startswith("0x0 [")
    content, outputs = run(kc, 'var st = new org.uforklab.machine.stats.Stats(); st.counter("mmu.tlb.hits").add(3); st')
    data = [c["data"] for t, c in outputs if t == "execute_result"][0]
    assert "mmu.tlb.hits" in data["text/html"] and "3" in data["text/plain"]


def test_notebook_executes_with_nbclient(tmp_path):
    require_spec()
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# smoke"),
        nbformat.v4.new_code_cell("int n = 6;"),
        nbformat.v4.new_code_cell("n * 7"),
        nbformat.v4.new_code_cell('System.out.println("printed " + n);'),
        nbformat.v4.new_code_cell('var p = progress("work", 3); for (int i = 0; i < 3; i++) p.step();'),
        nbformat.v4.new_code_cell("%%html\n<i>ok</i>"),
    ]
    client = NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=120, startup_timeout=TIMEOUT,
                            record_timing=False)
    client.execute()
    assert nb.cells[2].outputs[0]["data"]["text/plain"] == "42"
    assert nb.cells[3].outputs[0]["text"] == "printed 6\n"
    progress = nb.cells[4].outputs[0]
    assert progress["output_type"] == "display_data"
    assert "3/3 (100%)" in progress["data"]["text/plain"]  # nbclient applied the in-place updates
    assert nb.cells[5].outputs[0]["data"]["text/html"] == "<i>ok</i>"
    nbformat.write(nb, str(tmp_path / "executed.ipynb"))


def test_shared_startup_gives_the_lab_facade(kernel):
    km, kc = kernel
    content, outputs = run(kc, "var lab = Lab.morello();\nlab.mapData(0x40000000L, 0x4000);\nlab.mappings()")
    assert content["status"] == "ok", content
    data = [c["data"] for t, c in outputs if t == "execute_result"][0]
    assert "<table" in data["text/html"] and "0x40000000" in data["text/html"]
    content, outputs = run(kc, "Lab.root()")
    data = [c["data"] for t, c in outputs if t == "execute_result"][0]
    assert "permissions" in data["text/html"]


def test_charts_are_offline_plotly_with_a_static_svg(kernel):
    km, kc = kernel
    code = ('var r = Lab.run("kvstore-populate", "sizes=0,1e5", "layouts=compact");\n'
            'display(r.chartData().get(0));')
    content, outputs = run(kc, code, timeout=120)
    assert content["status"] == "ok", content
    data = [c["data"] for t, c in outputs if t == "display_data"][0]
    html = data["text/html"]
    assert "uforklab: plotly.js" in html and "plotly.js v2.35.3" in html  # inlined, no CDN, no require
    assert "Plotly.newPlot(" in html and '<script src=' not in html
    assert data["image/svg+xml"].startswith("<svg") and "DEBUG POPULATE" in data["image/svg+xml"]
    assert data["text/plain"].startswith("Chart ")
    # plotly.js is sent once per session: the next chart only draws
    content, outputs = run(kc, "var f = PlotlyChart.figure(r.chartData().get(1));\nf")
    assert content["status"] == "ok", content
    data = [c["data"] for t, c in outputs if t == "execute_result"][0]
    assert "uforklab: plotly.js" not in data["text/html"] and "Plotly.newPlot(" in data["text/html"]
    assert len(data["text/html"]) < 100000
    assert "<svg" in data["image/svg+xml"]
    # a Tablesaw table is bounded HTML; a whole result is its table and its charts
    content, outputs = run(kc, "tech.tablesaw.api.Table.create(\"t\", tech.tablesaw.api.IntColumn.indexColumn(\"i\", 5000, 0))")
    data = [c["data"] for t, c in outputs if t == "execute_result"][0]
    assert "<table" in data["text/html"] and "4940 more rows (5000 in all)" in data["text/html"]
    content, outputs = run(kc, "r")
    data = [c["data"] for t, c in outputs if t == "execute_result"][0]
    assert "<table" in data["text/html"] and data["text/html"].count("Plotly.newPlot(") == 3
    assert data["image/svg+xml"].count("<svg") == 4
