"""Red Hat's yaml-language-server, the editors' real YAML server, driven over stdio.

VS Code's YAML extension, Codespaces, and Neovim, Helix, Emacs, Zed... all run this server
(an npm dev dependency here) and talk the Language Server Protocol to it: JSON-RPC messages,
each framed by a ``Content-Length`` header. This module is such a client, in the standard
library alone, that does what an editor does when an author opens an annotation file:

* ``initialize`` with the site's folder as the workspace, then ``initialized``;
* ``workspace/didChangeConfiguration`` with an editor's default YAML settings;
* ``textDocument/didOpen`` for a file, and the ``textDocument/publishDiagnostics`` the
  server sends back (what the editor underlines);
* ``textDocument/completion`` at a place in the file (what the editor offers as one types).

No schema is configured: the server finds each file's schema from its first line, as in an
editor.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from pathlib import Path

from tests.clients import NODE_MODULES, ClientsMissing

SERVER = NODE_MODULES / "yaml-language-server" / "bin" / "yaml-language-server"

# What an editor sends by default (the README of yaml-language-server lists the settings and
# their defaults), less the two catalogs it would download: this machine, like a classroom's
# laptop behind a proxy, has no internet, and a modeline takes precedence over both anyway.
DEFAULT_SETTINGS = {
    "yaml": {
        "validate": True,
        "completion": True,
        "hover": True,
        "format": {"enable": True},
        "schemas": {},
        "schemaStore": {"enable": False},
        "kubernetesCRDStore": {"enable": False},
    },
    "http": {"proxy": "", "proxyStrictSSL": False},
    "editor": {"tabSize": 2},
}

ERROR, WARNING, INFORMATION, HINT = 1, 2, 3, 4  # DiagnosticSeverity


class YamlLanguageServer:
    """One running server for one workspace folder; use it as a context manager.

    ``diagnostics(path)`` opens a file and returns what the server reports on it;
    ``completion(path, text, line, character)`` opens ``text`` as that file and returns the
    items offered at that place (0-based line and character, as in the protocol).
    """

    def __init__(self, workspace: Path, settings: dict | None = None, timeout: float = 30):
        node = shutil.which("node")
        if node is None:
            raise ClientsMissing("Node.js not found (install Node.js 20 and npm, then run `npm ci`)")
        if not SERVER.is_file():
            raise ClientsMissing("yaml-language-server is not installed (run `npm ci` or `make test`)")
        self.workspace = workspace.resolve()
        self.settings = DEFAULT_SETTINGS if settings is None else settings
        self.timeout = timeout
        self._proc = subprocess.Popen([node, str(SERVER), "--stdio"], cwd=self.workspace,
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      env={**os.environ, "NODE_NO_WARNINGS": "1"})
        self._write_lock = threading.Lock()
        self._state = threading.Condition()
        self._responses: dict[int, dict] = {}
        self._diagnostics: dict[str, list[list[dict]]] = {}  # by URI, each time the server sent them
        self._opened: set[str] = set()
        self._next_id = 0
        self.log: list[str] = []  # window/logMessage and showMessage, to explain a failure
        self._stderr: list[bytes] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=lambda: self._stderr.extend(self._proc.stderr), daemon=True).start()

    # --- the editor's side of a session ---------------------------------------------------

    def __enter__(self) -> "YamlLanguageServer":
        self.request("initialize", {
            "processId": os.getpid(),
            "clientInfo": {"name": "marginalia-tests"},
            "rootUri": self.workspace.as_uri(),
            "workspaceFolders": [{"uri": self.workspace.as_uri(), "name": self.workspace.name}],
            "capabilities": {
                "workspace": {"configuration": True, "didChangeConfiguration": {"dynamicRegistration": True}},
                "textDocument": {
                    "synchronization": {"dynamicRegistration": True},
                    "publishDiagnostics": {"relatedInformation": True, "versionSupport": True},
                    "completion": {"completionItem": {"snippetSupport": True,
                                                      "documentationFormat": ["markdown", "plaintext"]}},
                    "hover": {"contentFormat": ["markdown", "plaintext"]},
                },
            },
            "initializationOptions": {},
        })
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})
        return self

    def __exit__(self, *exc) -> None:
        try:
            if self._proc.poll() is None:
                self.request("shutdown", None, timeout=5)
                self.notify("exit", None)
                self._proc.wait(timeout=5)
        except (OSError, TimeoutError, subprocess.TimeoutExpired):
            pass
        finally:
            if self._proc.poll() is None:
                self._proc.kill()
                self._proc.wait()

    def open(self, path: Path, text: str | None = None) -> str:
        """Open ``path`` (with ``text`` in place of what is on disk, if given); its URI."""
        path = path.resolve()
        uri = path.as_uri()
        text = path.read_text(encoding="utf-8") if text is None else text
        if uri in self._opened:  # the server's diagnostics carry no version to tell two apart
            raise ValueError(f"{path.name} is open already: open each text as a file of its own")
        self._opened.add(uri)
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1, "text": text}})
        return uri

    def diagnostics(self, path: Path, text: str | None = None) -> list[dict]:
        """What the server reports on ``path`` once it has read it and its schema."""
        uri = self.open(path, text)
        with self._state:
            if not self._state.wait_for(lambda: uri in self._diagnostics, self.timeout):
                raise TimeoutError(f"no diagnostics for {path.name} in {self.timeout} s\n{self.explain()}")
            return self._diagnostics[uri][0]

    def completion(self, path: Path, text: str, line: int, character: int) -> list[dict]:
        """The completion items offered at (line, character) of ``text`` opened as ``path``."""
        uri = self.open(path, text)
        result = self.request("textDocument/completion", {
            "textDocument": {"uri": uri}, "position": {"line": line, "character": character},
            "context": {"triggerKind": 1}})
        if result is None:
            return []
        return result["items"] if isinstance(result, dict) else result

    def explain(self) -> str:
        """The server's log and standard error so far, for an assertion message."""
        err = b"".join(self._stderr).decode("utf-8", "replace")
        return "\n".join(self.log[-20:]) + ("\nstderr:\n" + err[-2000:] if err else "")

    # --- JSON-RPC over stdio --------------------------------------------------------------

    def request(self, method: str, params, timeout: float | None = None):
        with self._state:
            self._next_id += 1
            ident = self._next_id
        self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        with self._state:
            if not self._state.wait_for(lambda: ident in self._responses or self._proc.poll() is not None,
                                        timeout or self.timeout):
                raise TimeoutError(f"{method}: no answer in {timeout or self.timeout} s\n{self.explain()}")
            if ident not in self._responses:
                raise RuntimeError(f"the server stopped during {method}\n{self.explain()}")
            response = self._responses.pop(ident)
        if "error" in response:
            raise RuntimeError(f"{method}: {response['error']}")
        return response.get("result")

    def notify(self, method: str, params) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def _send(self, message: dict) -> None:
        body = json.dumps(message).encode("utf-8")
        with self._write_lock:
            self._proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self._proc.stdin.flush()

    def _read(self) -> None:
        stream = self._proc.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    with self._state:
                        self._state.notify_all()
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            message = json.loads(stream.read(int(headers["content-length"])))
            self._handle(message)

    def _handle(self, message: dict) -> None:
        method = message.get("method")
        if method is None:  # a response to one of our requests
            with self._state:
                self._responses[message["id"]] = message
                self._state.notify_all()
        elif "id" in message:  # the server asks the editor something
            self._send({"jsonrpc": "2.0", "id": message["id"], "result": self._answer(method, message.get("params"))})
        elif method == "textDocument/publishDiagnostics":
            params = message["params"]
            with self._state:
                self._diagnostics.setdefault(params["uri"], []).append(params["diagnostics"])
                self._state.notify_all()
        elif method in ("window/logMessage", "window/showMessage"):
            self.log.append(message["params"]["message"])

    def _answer(self, method: str, params):
        if method == "workspace/configuration":  # the settings of each section asked for
            answers = []
            for item in params["items"]:
                value = self.settings
                for part in (item.get("section") or "").split("."):
                    value = value.get(part) if part and isinstance(value, dict) else value
                answers.append(value)
            return answers
        return None  # client/registerCapability, window/workDoneProgress/create...
