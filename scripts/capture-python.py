#!/usr/bin/env python3
"""Runs the notes' Python examples and records what they print, and when.

Usage:
    python3 scripts/capture-python.py [--scale S] [--write] [NAME ...]
        Runs examples/python/NAME.py (every one when no NAME is given), each in a fresh
        interpreter, and prints its timestamped output; with --write, stores it as
        examples/NAME.expected.txt, the file test/examples/ compares each twin with.
    python3 scripts/capture-python.py --run FILE [--scale S]
        Runs one file in this interpreter and prints its timestamped output (what the
        modes above call, one interpreter per example).

Each line the example prints becomes "<seconds>\\t<line>", seconds since the example
started, in the notes' seconds: at --scale 0.1 (the default) every sleep and timeout
takes a tenth of its time and the timestamps are divided by 0.1 again, so a capture of
every example takes seconds, not minutes. The last line, "# exit <code> at <seconds>",
is when the program ended. The .py files stay exactly the notes' code: the scaling is
done here, by wrapping the functions they call (time.sleep, asyncio.sleep,
asyncio.wait_for, asyncio.timeout, queue.Queue.get's timeout) before running them.

The clock starts after asyncio, threading and the rest are imported, so the cost of
importing them (tens of milliseconds, a lot at scale 0.1) does not shift the times.
"""
import argparse
import os
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON_DIR = os.path.join(ROOT, "examples", "python")


class StampedLines:
    """sys.stdout for the example: each finished line goes out with its time.

    print() writes the text and the newline in two calls, and threads print too, so
    the text before a newline is kept per thread until the newline comes.
    """

    def __init__(self, out, t0, scale):
        self.out = out
        self.t0 = t0
        self.scale = scale
        self.lock = threading.Lock()
        self.partial = {}

    def stamp(self, now):
        return f"{(now - self.t0) / self.scale:.2f}"

    def write(self, text):
        now = time.monotonic()
        with self.lock:
            thread = threading.get_ident()
            *lines, rest = (self.partial.pop(thread, "") + text).split("\n")
            if rest:
                self.partial[thread] = rest
            for line in lines:
                self.out.write(f"{self.stamp(now)}\t{line}\n")
            self.out.flush()
        return len(text)

    def flush(self):
        pass

    def finish(self):
        """Writes what was printed without a final newline (none of the notes does)."""
        now = time.monotonic()
        with self.lock:
            for rest in self.partial.values():
                self.out.write(f"{self.stamp(now)}\t{rest}\n")
            self.partial.clear()
            self.out.flush()


def scale_time(scale):
    """Makes every sleep and timeout the examples use take `scale` of its time."""
    import asyncio
    import queue

    sleep = time.sleep
    time.sleep = lambda seconds: sleep(seconds * scale)

    async_sleep = asyncio.sleep

    async def scaled_sleep(delay, result=None):
        return await async_sleep(delay * scale, result)

    asyncio.sleep = scaled_sleep

    wait_for = asyncio.wait_for

    async def scaled_wait_for(fut, timeout):
        return await wait_for(fut, None if timeout is None else timeout * scale)

    asyncio.wait_for = scaled_wait_for

    timeout_cm = asyncio.timeout
    asyncio.timeout = lambda delay: timeout_cm(None if delay is None else delay * scale)

    get = queue.Queue.get

    def scaled_get(self, block=True, timeout=None):
        return get(self, block, None if timeout is None else timeout * scale)

    queue.Queue.get = scaled_get


def run_here(path, scale):
    """Runs `path` as __main__ in this interpreter, its output timestamped on stdout."""
    import asyncio  # noqa: F401  imported before the clock starts (see the module doc)
    import concurrent.futures  # noqa: F401
    import queue  # noqa: F401
    import runpy
    import traceback

    scale_time(scale)
    real_stdout = sys.stdout
    t0 = time.monotonic()
    stamped = StampedLines(real_stdout, t0, scale)
    sys.stdout = stamped
    code = 0
    try:
        runpy.run_path(path, run_name="__main__")
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 1
    except BaseException:
        traceback.print_exc()
        code = 1
    end = time.monotonic()
    stamped.finish()
    sys.stdout = real_stdout
    real_stdout.write(f"# exit {code} at {stamped.stamp(end)}\n")
    real_stdout.flush()
    return code


def capture(name, scale):
    """Runs examples/python/<name>.py in a fresh interpreter; returns its stamped output."""
    path = os.path.join(PYTHON_DIR, f"{name}.py")
    if not os.path.isfile(path):
        raise SystemExit(f"no such example: {path}")
    done = subprocess.run(
        [sys.executable, os.path.abspath(__file__), "--run", path, "--scale", str(scale)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=120,
    )
    if done.stderr:
        sys.stderr.write(f"{name}: {done.stderr}")
    version = ".".join(map(str, sys.version_info[:3]))
    header = (
        f"# python3 examples/python/{name}.py, captured by scripts/capture-python.py"
        f" (Python {version}, scale {scale})\n"
    )
    return header + done.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("names", nargs="*", help="examples/python/NAME.py to run (default: all)")
    parser.add_argument("--scale", type=float, default=0.1, help="time scale (default 0.1)")
    parser.add_argument("--write", action="store_true", help="store examples/NAME.expected.txt")
    parser.add_argument("--run", metavar="FILE", help="run one file in this interpreter")
    args = parser.parse_args()
    if not args.scale > 0:
        parser.error(f"--scale must be a positive number, got {args.scale}")
    if args.run:
        sys.exit(run_here(args.run, args.scale))
    names = args.names or sorted(f[:-3] for f in os.listdir(PYTHON_DIR) if f.endswith(".py"))
    for name in names:
        output = capture(name, args.scale)
        if args.write:
            with open(os.path.join(ROOT, "examples", f"{name}.expected.txt"), "w", encoding="utf-8") as f:
                f.write(output)
            print(f"examples/{name}.expected.txt", output.splitlines()[-1])
        else:
            sys.stdout.write(output)


if __name__ == "__main__":
    main()
