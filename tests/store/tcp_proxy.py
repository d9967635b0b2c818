"""A TCP proxy on 127.0.0.1 that the tests can break the way networks break: ``stall`` (it
stops forwarding but keeps every connection open, as a VPN gateway or a sleeping link can)
and ``drop`` (it closes every connection). With ``delay`` it is a distant server: every
message waits that long before it is passed on (half each way, so ``delay`` is the round
trip), and it counts the round trips: each time a client speaks again after the server
answered is one (bench/bench_round_trips.py)."""

from __future__ import annotations

import contextlib
import select
import socket
import threading
import time


class Proxy:
    def __init__(self, upstream_host: str, upstream_port: int, delay: float = 0.0) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.delay = delay
        self.round_trips = 0  # since the proxy started, on all its connections
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self._stalled = threading.Event()
        self._dropped = threading.Event()
        self._closing = threading.Event()
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def stall(self) -> None:
        self._stalled.set()

    def drop(self) -> None:
        self._dropped.set()
        with self._lock:
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self._closing.set()
        self.drop()
        with contextlib.suppress(OSError):
            self.listener.close()

    def _accept(self) -> None:
        while not self._closing.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self._dropped.is_set():
                client.close()
                continue
            if self._stalled.is_set():
                with self._lock:
                    self._sockets.append(client)  # accepted, never answered
                continue
            try:
                server = socket.create_connection(self.upstream)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets += [client, server]
            threading.Thread(target=self._pump, args=(client, server), daemon=True).start()

    def _pump(self, client: socket.socket, server: socket.socket) -> None:
        ends = {client: server, server: client}
        answered = True  # a new connection's first message starts a round trip
        try:
            while not self._dropped.is_set():
                if self._stalled.is_set():
                    self._dropped.wait(0.1)  # hold everything, forward nothing
                    continue
                ready, _, _ = select.select(list(ends), [], [], 0.1)
                for sock in ready:
                    data = sock.recv(65536)
                    if not data:
                        return
                    if sock is client and answered:
                        with self._lock:
                            self.round_trips += 1
                    answered = sock is server
                    if self.delay:
                        time.sleep(self.delay / 2)
                    ends[sock].sendall(data)
        except OSError:
            return
        finally:
            for sock in ends:
                with contextlib.suppress(OSError):
                    sock.close()
