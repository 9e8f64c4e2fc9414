"""Misbehaving push endpoints on loopback, real sockets: a tarpit that accepts a connection and
never answers, and a server that answers every push with a redirect."""
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Tarpit:
    """Accepts connections and reads nothing, answers nothing: a push service that hangs.
    `connected` is set once something connected; `connections` counts them."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.connected, self.held, self.closed = threading.Event(), [], False

    @property
    def connections(self):
        return len(self.held)

    def endpoint(self, name="hang"):
        return f"http://127.0.0.1:{self.port}/push/{name}"

    def __enter__(self):
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def _accept(self):
        while not self.closed:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)
            self.connected.set()

    def __exit__(self, *exc):
        self.closed = True
        self.sock.close()
        for conn in self.held:
            conn.close()


class Redirector:
    """Answers every POST with `307 Location: target`, as an endpoint pointing the server at an
    address inside the network would; counts the requests it got."""

    def __init__(self, target):
        self.hits = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                outer.hits += 1
                self.send_response(307)
                self.send_header("Location", target)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True

    def endpoint(self, name="moved"):
        return f"http://127.0.0.1:{self.server.server_port}/push/{name}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
