"""Runs a command in a pseudo-terminal, as a person at a terminal runs it.

stdin, stdout and stderr of the command are all the terminal (80x... as given), so the
program sees isTTY everywhere. Prints one JSON document: the bytes the terminal showed
(decoded as UTF-8) and the exit status. Used by test/helpers/pty.ts.

usage: python3 pty-run.py COLUMNS ROWS CWD -- COMMAND [ARG ...]
"""
import errno
import fcntl
import json
import os
import struct
import subprocess
import sys
import termios

columns, rows, cwd = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
command = sys.argv[sys.argv.index("--") + 1 :]

master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


def make_controlling_terminal():
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


child = subprocess.Popen(
    command, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, preexec_fn=make_controlling_terminal, close_fds=True
)
os.close(slave)
chunks = []
while True:
    try:
        data = os.read(master, 65536)
    except OSError as error:  # EIO: every holder of the terminal's slave side has closed it
        if error.errno != errno.EIO:
            raise
        break
    if not data:
        break
    chunks.append(data)
status = child.wait()
json.dump({"output": b"".join(chunks).decode("utf-8", "replace"), "code": status}, sys.stdout)
