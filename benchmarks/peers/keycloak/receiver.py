#!/usr/bin/env python3
"""Throwaway RP receiver for smoke.sh: python3 receiver.py <port> <log-file> [<delay-ms>=0]

Answers every request on 127.0.0.1:<port>. For POST /rp<i>/backchannel it appends one JSON line to <log-file>
({"at": epoch seconds, "path", "has_logout_token", "header" and "claims": the decoded logout_token JOSE header and
payload}) and answers 200 after
<delay-ms>. Other requests (GET /rp<i>/cb, /rp<i>/after-logout) get 200 "ok".
"""
import base64
import json
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port = int(sys.argv[1])
log_file = sys.argv[2]
delay = (int(sys.argv[3]) if len(sys.argv) > 3 else 0) / 1000.0
lock = threading.Lock()


def jwt_part(token, i):
    try:
        payload = token.split(".")[i]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except Exception:  # noqa: BLE001 - logged as null, the smoke test fails on it
        return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _answer(self):
        body = b"ok"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802
        self._answer()

    def do_POST(self):  # noqa: N802
        at = time.time()
        length = int(self.headers.get("Content-Length") or 0)
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        token = (form.get("logout_token") or [None])[0]
        if self.path.endswith("/backchannel"):
            line = json.dumps({"at": at, "path": self.path, "has_logout_token": token is not None,
                               "header": jwt_part(token, 0) if token else None,
                               "claims": jwt_part(token, 1) if token else None})
            with lock, open(log_file, "a") as f:
                f.write(line + "\n")
        if delay:
            time.sleep(delay)
        self._answer()

    def log_message(self, *args):
        pass


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
