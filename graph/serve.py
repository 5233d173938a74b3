"""`stancegraph serve`: Oxigraph's own SPARQL server on a store, or on a graph file.

The server is the `oxigraph` binary (PyPI package `oxigraph`), the same release as the
`pyoxigraph` that `build --store` writes with, so the store's on-disk format is the one the
server reads: a store written by a build opens in the server, and a store the server wrote
opens in stancegraph again. It answers the SPARQL 1.1 Protocol (`/query`, `/update`) and the
Graph Store HTTP Protocol (`/store`), with real cancellation of a query past the time limit.

    serve_command(graph=None, store_dir=Path("db"))      # oxigraph serve-read-only --location db ...
    with OxigraphServer(Path("db"), port=0) as server:   # the same server, for code and tests
        server.url                                       # http://127.0.0.1:PORT/

What stancegraph adds: a graph file (.ttl .trig .nt .nq .rdf) is loaded into a temporary store
first (removed when the server stops); the server is read-only (`serve-read-only`) unless
`allow_update` (`serve`), bound to 127.0.0.1 unless told otherwise, and answers with the union of
the named graphs as its default graph (`--union-default-graph`), as `stancegraph query` does; a
store another process is writing is refused; a port in use and every other reason the server
cannot start are one line; Ctrl-C, SIGTERM or a closed terminal stop the server (Oxigraph keeps every acknowledged
write in its write-ahead log, so the store is whole).

Oxigraph streams results: a query that runs past the time limit has already been answered
"200 OK", and its answer ends with Oxigraph's message "The SPARQL operation has been cancelled"
instead of the rest of the results (not a valid result document), and the query stops.
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import gc
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Optional, TextIO

import pyoxigraph as ox

from stancegraph.extract.errors import StancegraphError
from stancegraph.graph.query import FORMATS, QueryError, graph_file

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT_S = 30
#: seconds Oxigraph may take to open a store and listen
READY_TIMEOUT_S = 120.0
#: the line Oxigraph prints once it listens; the banner says it (with the real port) instead
_LISTENING = "Listening for requests at "


class ServeError(StancegraphError):
    """The server cannot start or stopped on its own; the message says why, in one line."""


def oxigraph_binary() -> str:
    """The `oxigraph` server: $STANCEGRAPH_OXIGRAPH, else the one installed beside this Python
    (a virtual environment's bin/), else the first on PATH."""
    explicit = os.environ.get("STANCEGRAPH_OXIGRAPH")
    if explicit:
        found = shutil.which(explicit)
        if found is None:
            raise ServeError(f"STANCEGRAPH_OXIGRAPH={explicit}: no such program")
        return found
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise ServeError(f"the Oxigraph server is not installed; install the PyPI package "
                         f"oxigraph=={ox.__version__} (the release of pyoxigraph, so the store format matches)")
    return found


def oxigraph_version(binary: str) -> str:
    """The release of the `oxigraph` binary ("0.5.13"), or "" if it does not say."""
    try:
        run = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    words = run.stdout.split()
    return words[-1] if run.returncode == 0 and words else ""


def store_in_use(location: Path) -> bool:
    """True when another process holds the store's lock (a build or a read-write server is
    writing it): Oxigraph's read-only mode must not open such a store."""
    lock = location / "LOCK"
    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as err:
        return err.errno in (errno.EACCES, errno.EAGAIN)
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)  # closing releases our lock: this process never holds the store


def check_store(location: Path, *, allow_update: bool) -> None:
    """Refuse, in one line, a folder that is not an Oxigraph store (with `allow_update` a missing
    or empty folder becomes a new store) or a store another process is writing."""
    if location.exists() and not location.is_dir():
        raise ServeError(f"{location}: not a store folder; to serve a graph file, give it without --store")
    if not location.exists() or not any(location.iterdir()):
        if allow_update:
            return
        what = "no such store folder" if not location.exists() else "an empty folder, not a store"
        raise ServeError(f"{location}: {what}; build one with `stancegraph build ARTICLES --store {location}` "
                         "(or pass --allow-update to start a new, empty store)")
    if not (location / "CURRENT").is_file():
        built = [p.name for p in (location / "graph.trig", location / "graph.ttl") if p.is_file()]
        hint = (f"; to serve the graph file, give {location / built[0]}" if built
                else "; give a folder written by `stancegraph build --store` or by Oxigraph")
        raise ServeError(f"{location}: not an Oxigraph store (no CURRENT file){hint}")
    if store_in_use(location):
        raise ServeError(f"{location}: another process is writing this store (a build?); serve it when that is done")


def load_into_store(path: Path, location: Path) -> int:
    """Load the graph file `path` into a new on-disk store at `location`; the number of quads.
    The store is released before this returns, so the server can open it."""
    path, fmt = graph_file(path, FORMATS)
    store = ox.Store(str(location))
    try:
        store.bulk_load(path=str(path), format=fmt)
        store.flush()
        quads = len(store)
    except (SyntaxError, ValueError) as err:
        raise QueryError(f"{path}: not valid {path.suffix[1:]} ({' '.join(str(err).split())})") from None
    except OSError as err:
        raise QueryError(f"{path}: cannot be loaded ({err.strerror or err})") from None
    finally:
        del store
        gc.collect()  # pyoxigraph releases the store (and its lock) when the object goes
    return quads


def free_port(host: str) -> int:
    """A port nobody listens on now (port 0 asks the system for one); the server binds it next."""
    family = socket.getaddrinfo(host, 0, type=socket.SOCK_STREAM)[0][0]
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def check_port(host: str, port: int) -> None:
    """One line when `host:port` cannot be listened on (in use, or an address not of this machine)."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror as err:
        raise ServeError(f"cannot listen on {host!r}: {err.strerror or err}") from None
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does: TIME_WAIT is no conflict
        try:
            s.bind((host, port))
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                raise ServeError(f"{_hostport(host, port)} is already in use; choose another --port "
                                 "(0 picks a free one)") from None
            raise ServeError(f"cannot listen on {_hostport(host, port)}: {err.strerror or err}") from None


def _hostport(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the server gets SIGTERM if stancegraph itself is killed, so none is left behind."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
    except Exception:
        pass


class OxigraphServer:
    """One `oxigraph serve` (`allow_update`) or `oxigraph serve-read-only` process over the store
    at `location`, on `host:port` (port 0: a free one), the union of the named graphs as the
    default graph, queries stopped after `timeout_s` whole seconds. `start()` returns once it
    answers; `stop()` (or leaving the `with` block) ends it. `log`: where Oxigraph's own messages
    go once it runs (None: dropped)."""

    def __init__(self, location: Path, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 allow_update: bool = False, timeout_s: int = DEFAULT_TIMEOUT_S,
                 binary: Optional[str] = None, log: Optional[TextIO] = sys.stderr) -> None:
        if timeout_s < 1 or int(timeout_s) != timeout_s:
            raise ServeError(f"the query time limit is a whole number of seconds, at least 1, not {timeout_s}")
        if not 0 <= port <= 65535:
            raise ServeError(f"the port must be between 0 and 65535, not {port}")
        self.location = Path(location)
        self.host = host
        self.port = port
        self.allow_update = allow_update
        self.timeout_s = int(timeout_s)
        self.binary = binary or oxigraph_binary()
        self.log = log
        self.process: Optional[subprocess.Popen] = None
        self._early: list[str] = []
        self._running = threading.Event()
        self._listening = threading.Event()  # Oxigraph said it listens: it, not another program, has the port
        self._reader: Optional[threading.Thread] = None

    @property
    def url(self) -> str:
        """The base URL, ending in "/": add "query", "update" or "store"."""
        host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(self.host, self.host)
        return f"http://{_hostport(host, self.port)}/"

    def command(self) -> list[str]:
        mode = "serve" if self.allow_update else "serve-read-only"
        return [self.binary, mode, "--location", str(self.location), "--bind", _hostport(self.host, self.port),
                "--union-default-graph", "--timeout-s", str(self.timeout_s)]

    def start(self, ready_timeout_s: float = READY_TIMEOUT_S) -> "OxigraphServer":
        check_port(self.host, self.port)
        if self.port == 0:
            self.port = free_port(self.host)
        env = {**os.environ, "RUST_BACKTRACE": "0"}  # an error is its message, not a stack trace
        self.process = subprocess.Popen(
            self.command(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            env=env, preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
        self._reader = threading.Thread(target=self._read_output, name="oxigraph-output", daemon=True)
        self._reader.start()
        deadline = time.monotonic() + ready_timeout_s
        while not (self._listening.is_set() and self._answers()):
            if self.process.poll() is not None:
                self._reader.join(5)
                raise ServeError(self._why_it_stopped())
            if time.monotonic() > deadline:
                self.stop()
                raise ServeError(f"Oxigraph did not answer on {_hostport(self.host, self.port)} within "
                                 f"{ready_timeout_s:g} s; stopped it")
            time.sleep(0.05)
        self._running.set()
        return self

    def _answers(self) -> bool:
        host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(self.host, self.host)
        try:
            with socket.create_connection((host, self.port), timeout=1.0):
                return True
        except OSError:
            return False

    def _read_output(self) -> None:
        for raw in self.process.stdout:
            line = raw.decode("utf-8", "replace").rstrip()
            if line.startswith(_LISTENING):
                self._listening.set()
            if not self._running.is_set():
                if len(self._early) < 50:
                    self._early.append(line)
            elif self.log is not None and line and not line.startswith(_LISTENING):
                print(f"oxigraph: {line}", file=self.log, flush=True)

    def _why_it_stopped(self) -> str:
        lines = [ln.strip() for ln in self._early if ln.strip() and not ln.startswith(_LISTENING)]
        first = next((ln for ln in lines if ln.lower().startswith("error")), lines[0] if lines else "")
        message = first.split(":", 1)[1].strip() if first.lower().startswith("error:") else first
        where = _hostport(self.host, self.port)
        if "address already in use" in message.lower():
            return f"{where} is already in use; choose another --port (0 picks a free one)"
        code = self.process.returncode if self.process else None
        return (f"Oxigraph stopped at once (exit code {code}) serving {self.location} on {where}: "
                f"{message or 'no message'}")

    def stop(self, grace_s: float = 10.0) -> Optional[int]:
        """End the server (SIGTERM, then SIGKILL after `grace_s`); its exit code. Idempotent."""
        proc = self.process
        if proc is None:
            return None
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(grace_s)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(grace_s)
        if self._reader is not None:
            self._reader.join(5)
        if proc.stdout is not None:
            proc.stdout.close()
        return proc.returncode

    def __enter__(self) -> "OxigraphServer":
        return self.start() if self.process is None else self

    def __exit__(self, *exc) -> None:
        self.stop()


def banner(server: OxigraphServer, what: str, version: str) -> str:
    mode = "read-write" if server.allow_update else "read-only"
    url = server.url
    lines = [
        f"Oxigraph {version or '(unknown release)'} serving {what}, {mode}",
        f"  SPARQL query:   {url}query",
        f"  SPARQL update:  {url}update" + ("" if server.allow_update else " (refused: read-only)"),
        f"  graph store:    {url}store" + ("" if server.allow_update else " (GET only)"),
        f"  query editor:   {url}",
        f"  the default graph is the union of the named graphs; queries stop after {server.timeout_s} s",
        "  Ctrl-C stops the server",
    ]
    return "\n".join(lines)


class _Stopper:
    """The handler of Ctrl-C, SIGTERM and SIGHUP while serving: it notes the request and passes
    SIGTERM on to Oxigraph; the main thread then sees the server end. Nothing is raised from the
    handler, so no signal can land in the middle of stopping or cleaning up."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

    def __init__(self, server: OxigraphServer) -> None:
        self.server = server
        self.requested = False

    def __call__(self, signum, frame) -> None:
        self.requested = True
        proc = self.server.process
        if proc is not None and proc.returncode is None:
            try:
                os.kill(proc.pid, signal.SIGTERM)  # not reaped yet, so the pid is still the server's
            except OSError:
                pass


def serve_command(graph: Optional[Path], store_dir: Optional[Path], host: str = DEFAULT_HOST,
                  port: int = DEFAULT_PORT, allow_update: bool = False,
                  timeout: int = DEFAULT_TIMEOUT_S) -> int:
    """`stancegraph serve (GRAPH | --store DIR) [--host H] [--port P] [--allow-update] [--timeout S]`:
    runs until Ctrl-C, SIGTERM or SIGHUP (a closed terminal); 0 then. A folder given as GRAPH is a store."""
    if (graph is None) == (store_dir is None):
        raise ServeError("give a graph file (GRAPH) or a store folder (--store DIR) to serve, not both")
    if graph is not None and Path(graph).is_dir():
        graph, store_dir = None, graph
    binary = oxigraph_binary()
    version = oxigraph_version(binary)
    if version and version != ox.__version__:
        if allow_update and store_dir is not None:
            raise ServeError(f"{binary} is Oxigraph {version} and stancegraph writes stores with pyoxigraph "
                             f"{ox.__version__}; install oxigraph=={ox.__version__} before letting it write {store_dir}")
        print(f"warning: {binary} is Oxigraph {version}, stancegraph's store is pyoxigraph {ox.__version__}",
              file=sys.stderr, flush=True)
    if host not in ("127.0.0.1", "::1", "localhost"):
        can = "query and change" if allow_update else "query"
        print(f"warning: listening on {host}: anyone who can reach this machine can {can} the graph",
              file=sys.stderr, flush=True)

    temporary = None
    try:
        if store_dir is not None:
            location = Path(store_dir)
            check_store(location, allow_update=allow_update)
            what = f"the store at {location}"
        else:
            graph_file(graph, FORMATS)  # a missing or unknown file is one line before any work
            temporary = Path(tempfile.mkdtemp(prefix="stancegraph-serve-"))
            location = temporary / "store"
            quads = load_into_store(Path(graph), location)
            what = f"{graph} ({quads:,} quads, in a temporary store"
            what += ": changes are lost when it stops)" if allow_update else ")"
        server = OxigraphServer(location, host=host, port=port, allow_update=allow_update, timeout_s=timeout,
                                binary=binary)
        stopper = _Stopper(server)
        previous = {sig: signal.signal(sig, stopper) for sig in _Stopper.SIGNALS}
        try:
            try:
                server.start()
            except ServeError:
                if not stopper.requested:
                    raise
            if not stopper.requested:
                print(banner(server, what, version), flush=True)
                code = server.process.wait()
            server.stop()
            # Ctrl-C in a terminal reaches Oxigraph too (the whole process group): it ends on SIGINT
            if stopper.requested or code in (-signal.SIGINT, -signal.SIGTERM, -signal.SIGHUP):
                print("stopped", file=sys.stderr, flush=True)
                return 0
            raise ServeError(f"Oxigraph stopped on its own (exit code {code}); see its messages above")
        finally:
            server.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
