"""Bounded connections: a client that sends half a request line and stops is
cut off after --header-timeout; past --max-connections new connections are
closed as they arrive; through both the server keeps serving."""
import socket
import time
import unittest

import harness


def connect(server):
    return socket.create_connection(("127.0.0.1", server.port), timeout=5)


def closed(sock, within):
    """Whether the server closes the connection within `within` seconds."""
    sock.settimeout(within)
    try:
        return sock.recv(1) == b""
    except (socket.timeout, TimeoutError):
        return False
    except ConnectionResetError:
        return True


class Connections(unittest.TestCase):
    def test_half_a_request_line_is_cut_off_after_the_header_timeout(self):
        with harness.Server("--header-timeout", "1", "--streams", "s") as server:
            slow = []
            for _ in range(200):
                s = connect(server)
                s.sendall(b"POST / HT")
                slow.append(s)
            k = harness.boto3_client(server)
            self.assertIn("s", k.list_streams()["StreamNames"])  # still serving
            started = time.monotonic()
            self.assertTrue(all(closed(s, 5) for s in slow))
            self.assertLess(time.monotonic() - started, 4)
            # A connection that sends nothing yet is idle, not slow: it stays.
            idle = connect(server)
            self.assertFalse(closed(idle, 2))
            idle.close()
            for s in slow:
                s.close()

    def test_past_max_connections_new_ones_are_closed(self):
        with harness.Server("--max-connections", "20", "--streams", "s") as server:
            held = [connect(server) for _ in range(20)]
            time.sleep(0.3)
            extra = connect(server)
            self.assertTrue(closed(extra, 3))
            deadline = time.monotonic() + 3
            while "connections open, the most allowed" not in server.log() and \
                    time.monotonic() < deadline:
                time.sleep(0.05)
            self.assertIn("connections open, the most allowed", server.log())
            for s in held:
                s.close()
            time.sleep(0.5)
            k = harness.boto3_client(server)
            self.assertIn("s", k.list_streams()["StreamNames"])


if __name__ == "__main__":
    unittest.main()
