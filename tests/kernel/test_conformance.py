"""Protocol conformance: Debian's jupyter_kernel_test, subclassed for the uforklab kernel."""
import unittest

import jupyter_kernel_test

from conftest import require_spec


class UforklabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "uforklab"
    language_name = "java"
    file_extension = ".jsh"

    @classmethod
    def setUpClass(cls):
        require_spec()
        super().setUpClass()

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("something went wrong");'

    completion_samples = [
        {"text": "Math.ma", "matches": {"max("}},
        {"text": "int k = 1;\n\"x\".toUpperC", "matches": {"toUpperCase("}},
        {"text": "%lsm", "matches": {"%lsmagic"}},
    ]

    complete_code_samples = ["1 + 1", "int x = 1;", "class A {}", "void f() { }", "%lsmagic", "%%html\n<b>"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "void f() {", "int y = (1 +"]
    invalid_code_samples = ["int x = ;", "}"]

    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"uFork" + "Lab"', "result": "uForkLab"},
        {"code": "html(\"<b>bold</b>\")", "mime": "text/html", "result": "<b>bold</b>"},
    ]

    code_display_data = [
        {"code": 'display(html("<i>shown</i>"));', "mime": "text/html"},
        {"code": 'display(markdown("**md**"));', "mime": "text/markdown"},
        {"code": 'display("plain text");', "mime": "text/plain"},
    ]

    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"


if __name__ == "__main__":
    unittest.main()
