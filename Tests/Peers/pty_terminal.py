"""A terminal for end-to-end tests: runs a program on a pseudo-terminal of a
given size and keeps its screen in the `pyte` emulator, so a test can send
exact byte sequences (mouse reports included, in one write), resize the
terminal and read back every cell.

Usage: python pty_terminal.py COLUMNS ROWS PROGRAM [ARGUMENT...]

The program runs with TERM=xterm-256color. Commands arrive on standard
input, one JSON object a line; each gets one JSON line on standard output:

  {"op": "send", "text": "..."}               write the text (UTF-8) to the program
  {"op": "wait", "text": "...", "seconds": N}  until a row contains the text
  {"op": "wait_gone", "text": "...", "seconds": N}  until no row contains it
  {"op": "screen"}                             the screen now
  {"op": "resize", "columns": C, "rows": R}    TIOCSWINSZ and SIGWINCH
  {"op": "settle", "seconds": N}               until the output is quiet that long
  {"op": "stop", "seconds": N}                 until the program exits (SIGKILL after N s)

Every command first takes in what the program has written so far. Every
answer has "ok" and "screen": {"rows": [text of each row],
"reverse": [for each row, one character a cell: "R" reverse video, "."
not], "cells": [for each row, each cell's text], "cursor": [x, y]}; "stop" adds "status" (the exit status, or 128 +
the signal). A wide character's second cell is an empty string in pyte and
is left out of a row's text, so a row's text is what a person would read.
"""
import fcntl
import json
import os
import select
import signal
import struct
import sys
import termios
import time

import pyte


class Terminal:
    def __init__(self, columns, rows, argv):
        self.screen = pyte.Screen(columns, rows)
        self.screen.write_process_input = self.answer
        self.stream = pyte.ByteStream(self.screen)
        self.status = None
        pid, fd = os.forkpty()
        if pid == 0:
            # Test runners start us with signals blocked; a shell would not.
            signal.pthread_sigmask(signal.SIG_SETMASK, [])
            for number in (signal.SIGINT, signal.SIGTERM, signal.SIGWINCH, signal.SIGPIPE):
                signal.signal(number, signal.SIG_DFL)
            environment = dict(os.environ, TERM="xterm-256color")
            try:
                os.execvpe(argv[0], argv, environment)
            finally:
                os._exit(127)
        self.pid = pid
        self.fd = fd
        self.set_size(columns, rows)

    def answer(self, data):
        """What the emulator says back to the program (device attributes)."""
        os.write(self.fd, data.encode("utf-8") if isinstance(data, str) else data)

    def set_size(self, columns, rows):
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))

    def resize(self, columns, rows):
        self.screen.resize(rows, columns)
        self.set_size(columns, rows)
        os.kill(self.pid, signal.SIGWINCH)

    def pump(self, seconds):
        """Feeds the emulator what the program wrote within `seconds`;
        returns whether anything came."""
        if self.fd is None:
            time.sleep(seconds)
            return False
        ready, _, _ = select.select([self.fd], [], [], seconds)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            data = b""
        if not data:
            os.close(self.fd)
            self.fd = None
            return False
        self.stream.feed(data)
        return True

    def drain(self):
        """Feeds the emulator what the program has written so far."""
        deadline = time.monotonic() + 1
        while time.monotonic() < deadline and self.pump(0.01):
            pass

    def reap(self):
        if self.status is not None:
            return True
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0:
            return False
        self.status = os.waitstatus_to_exitcode(status)
        if self.status < 0:
            self.status = 128 - self.status
        return True

    def rows(self):
        return [
            "".join(self.screen.buffer[y][x].data for x in range(self.screen.columns))
            for y in range(self.screen.lines)
        ]

    def reverse(self):
        return [
            "".join("R" if self.screen.buffer[y][x].reverse else "." for x in range(self.screen.columns))
            for y in range(self.screen.lines)
        ]

    def snapshot(self):
        return {
            "rows": self.rows(),
            "reverse": self.reverse(),
            "cells": [
                [self.screen.buffer[y][x].data for x in range(self.screen.columns)] for y in range(self.screen.lines)
            ],
            "cursor": [self.screen.cursor.x, self.screen.cursor.y],
        }

    def wait(self, seconds, condition):
        deadline = time.monotonic() + seconds
        while True:
            if condition():
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            self.pump(min(remaining, 0.05))

    def settle(self, seconds):
        deadline = time.monotonic() + max(seconds * 20, 5)
        while time.monotonic() < deadline:
            if not self.pump(seconds):
                return True
        return False

    def stop(self, seconds):
        exited = self.wait(seconds, self.reap)
        if not exited:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.status = 128 + signal.SIGKILL
        while self.pump(0.05):
            pass
        return exited


def run(terminal, command):
    op = command.get("op")
    terminal.drain()
    seconds = float(command.get("seconds", 10))
    answer = {"ok": True}
    if op == "send":
        if terminal.fd is None:
            return {"ok": False, "error": "the program has exited", "screen": terminal.snapshot()}
        os.write(terminal.fd, command["text"].encode("utf-8"))
        terminal.pump(0.05)
    elif op == "wait":
        answer["ok"] = terminal.wait(seconds, lambda: any(command["text"] in row for row in terminal.rows()))
    elif op == "wait_gone":
        answer["ok"] = terminal.wait(seconds, lambda: all(command["text"] not in row for row in terminal.rows()))
    elif op == "resize":
        terminal.resize(int(command["columns"]), int(command["rows"]))
        terminal.pump(0.05)
    elif op == "settle":
        answer["ok"] = terminal.settle(seconds)
    elif op == "stop":
        answer["ok"] = terminal.stop(seconds)
        answer["status"] = terminal.status
    elif op != "screen":
        answer = {"ok": False, "error": f"unknown op {op!r}"}
    answer["screen"] = terminal.snapshot()
    return answer


def main():
    # Ended by a test runner: still end the program on the pty.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    columns, rows = int(sys.argv[1]), int(sys.argv[2])
    terminal = Terminal(columns, rows, sys.argv[3:])
    try:
        for line in sys.stdin:
            if not line.strip():
                continue
            answer = run(terminal, json.loads(line))
            print(json.dumps(answer), flush=True)
    finally:
        if not terminal.reap():
            os.kill(terminal.pid, signal.SIGKILL)
            os.waitpid(terminal.pid, 0)


main()
