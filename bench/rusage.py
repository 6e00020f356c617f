#!/usr/bin/env python3
"""Usage: rusage.py OUTPUT COMMAND [ARGS...]

Runs COMMAND, waits for it with wait4 and writes to OUTPUT its peak resident set in KiB, its CPU time (user plus
system) in microseconds and its wall time in microseconds from fork to exit (not this script's own start), then exits
with COMMAND's code. The kernel keeps a process's CPU time in nanoseconds and wait4 hands it over in microseconds,
where /usr/bin/time prints it in hundredths of a second: too coarse for a bare JVM's 50 ms.
"""
import os
import sys
import time

output, command = sys.argv[1], sys.argv[2:]
started = time.monotonic_ns()
child = os.fork()
if child == 0:
    try:
        os.execvp(command[0], command)
    finally:
        os._exit(127)
_, status, usage = os.wait4(child, 0)
wall_microseconds = (time.monotonic_ns() - started) // 1000
cpu_microseconds = round((usage.ru_utime + usage.ru_stime) * 1_000_000)
with open(output, "w") as figures:
    figures.write(f"{usage.ru_maxrss} {cpu_microseconds} {wall_microseconds}\n")
sys.exit(os.waitstatus_to_exitcode(status))
