# Runs moto's server, and exits when the supervisor that started it is gone: the supervisor holds this process's
# standard input open, so end-of-file means it exited, even when it was killed and ran no shutdown hook.
import os
import sys
import threading


def exit_when_supervisor_exits():
    while sys.stdin.buffer.read(256):
        pass
    os._exit(0)


threading.Thread(target=exit_when_supervisor_exits, daemon=True).start()

from moto.server import main  # noqa: E402 - the watchdog must run even if the import is slow or fails

main(sys.argv[1:])
