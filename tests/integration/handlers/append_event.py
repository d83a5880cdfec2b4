"""A process handler for tests: appends the event it reads on stdin to the
file named by its argument, one JSON line per invocation, and succeeds."""
import sys

event = sys.stdin.read()
with open(sys.argv[1], "a") as out:
    out.write(event.replace("\n", " ") + "\n")
