"""Measures the kernel's start and round-trip times with jupyter_client (not a test: timings depend on the
machine). Usage: JUPYTER_PATH=notebook-kernel/target/jupyter /usr/bin/python3 tests/kernel/measure_performance.py"""
import os
import statistics
import time

from jupyter_client.manager import KernelManager

ROUNDS = int(os.environ.get("ROUNDS", "50"))


def main():
    t0 = time.monotonic()
    km = KernelManager(kernel_name="uforklab")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)  # kernel_info round trip answered
    ready = time.monotonic() - t0

    def execute(code):
        t = time.monotonic()
        reply = kc.execute_interactive(code, timeout=60, output_hook=lambda m: None)
        assert reply["content"]["status"] == "ok", reply["content"]
        return (time.monotonic() - t) * 1000

    first = execute("1 + 1")
    for _ in range(10):
        execute("1 + 1")
    times = [execute("1 + 1") for _ in range(ROUNDS)]
    print(f"kernel ready (start to kernel_info reply): {ready:.2f} s")
    print(f"first '1 + 1' (waits for startup script + warm-up): {first:.0f} ms")
    print(f"'1 + 1' round trip over {ROUNDS} runs: median {statistics.median(times):.1f} ms, "
          f"min {min(times):.1f} ms, p90 {sorted(times)[int(0.9 * len(times))]:.1f} ms")
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    kc.stop_channels()
    km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
