"""A stand-in for the Lambda Runtime Interface Emulator: serves
POST /2015-03-31/functions/function/invocations on the port given, appends
each event to the file given, answers null (success). Prints its port."""
import http.server
import sys


class Invocations(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.path != "/2015-03-31/functions/function/invocations":
            self.send_response(404)
            self.end_headers()
            return
        with open(sys.argv[1], "ab") as out:
            out.write(body + b"\n")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "4")
        self.end_headers()
        self.wfile.write(b"null")

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Invocations)
print(server.server_address[1], flush=True)
server.serve_forever()
