"""Shared fixtures for the uforklab kernel tests.

The kernelspec is found through JUPYTER_PATH, which `./uforklab test` points at
notebook-kernel/target/jupyter after writing the spec there (`uforklab kernel spec DIR`).
"""
import os

import pytest
from jupyter_client.manager import start_new_kernel

KERNEL_NAME = "uforklab"
TIMEOUT = 60


def require_spec():
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        pytest.fail("no 'uforklab' kernelspec on JUPYTER_PATH=%r; run ./uforklab test (it writes one)"
                    % os.environ.get("JUPYTER_PATH"))


@pytest.fixture
def kernel():
    """A fresh kernel and a blocking client, shut down afterwards."""
    require_spec()
    km, kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=TIMEOUT)
    try:
        yield km, kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def run(kc, code, timeout=TIMEOUT, **kw):
    """Executes code; returns (reply content, [(msg_type, content)] of iopub outputs)."""
    outputs = []

    def hook(msg):
        if msg["msg_type"] not in ("status", "execute_input"):
            outputs.append((msg["msg_type"], msg["content"]))

    reply = kc.execute_interactive(code, timeout=timeout, output_hook=hook, **kw)
    return reply["content"], outputs


def stream_text(outputs, name="stdout"):
    return "".join(c["text"] for t, c in outputs if t == "stream" and c["name"] == name)
