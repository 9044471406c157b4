"""The MLflow UI as a learner sees it: a page of the tracking server opened in headless Chromium, its DOM read after the
UI's JavaScript ran, and a screenshot of it.

One Chromium a page, driven over the DevTools protocol on a pipe (no port is opened), with a profile of its own that is
deleted afterwards, every host name but the loopback ones unresolvable, and a deadline on every wait; the browser's
process group is killed on close, so nothing is left running.

Variables:
  MLLABS_CHROMIUM           the browser to use (default: chromium, chromium-browser or google-chrome on PATH)
  MLLABS_UI_SCREENSHOTS     where screenshots go, relative to the repository's root (docs/ui for the docs' copies;
                            default: target/ui-screenshots of the grader module)
  CI                        when true, a missing browser fails the check instead of skipping it
"""
import base64
import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import time
import warnings
from urllib.parse import urlsplit

import pytest

CHROMIUM = "MLLABS_CHROMIUM"
SCREENSHOTS = "MLLABS_UI_SCREENSHOTS"
WINDOW = (1400, 1100)
# Chromium's start and the UI's first render take 2-5 s here; a page that has not rendered in this time never will.
PAGE_TIMEOUT_SECONDS = 30
# How long past the page's deadline an answer of the browser may take (the page's text, read to say what it showed).
REPLY_GRACE_SECONDS = 10
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
ASSISTANT_CLOSE = 'button[data-component-id="mlflow.assistant.chat_panel.close"]'


def chromium():
    """The browser's path; skips the check without one, or fails it in continuous integration."""
    found = os.environ.get(CHROMIUM) or next(
        (shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome") if shutil.which(name)), None)
    if found and os.access(found, os.X_OK):
        return found
    message = ("No Chromium was found, so the MLflow UI cannot be checked. Install it with "
               "`bash lab-runtime/environment/setup.sh --python` (Debian: apt-get install chromium), or set "
               + CHROMIUM + " to a Chromium or Chrome executable.")
    if os.environ.get("CI", "").strip().lower() in ("true", "1"):
        pytest.fail("CI=true, so this is a failure, not a skip: " + message, pytrace=False)
    # pytest -q does not print why a test was skipped; a warning is printed.
    warnings.warn(message)
    pytest.skip(message)


def screenshot_dir(module):
    """Where screenshots go: MLLABS_UI_SCREENSHOTS (relative to the repository's root), else target/ui-screenshots of
    the grader module."""
    repository = os.path.normpath(os.path.join(module, "..", ".."))
    folder = os.path.join(repository, os.environ.get(SCREENSHOTS) or os.path.join(module, "target", "ui-screenshots"))
    os.makedirs(folder, exist_ok=True)
    return folder


def module_dir(test_file):
    """The grader module of a check file in its src/test/python."""
    return os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(test_file)), "..", "..", ".."))


def tracking_uri():
    """The test server's address; it must be on the loopback interface."""
    uri = os.environ["MLFLOW_TRACKING_URI"].rstrip("/")
    host = urlsplit(uri).hostname
    assert urlsplit(uri).scheme == "http" and host in LOOPBACK, "the UI is checked on a loopback server only: " + uri
    return uri


def _signal_group(process, number):
    try:
        os.killpg(process.pid, number)
    except ProcessLookupError:
        pass


def _protocol_on_fds_3_and_4(commands, replies):
    """Chromium reads the protocol from its fd 3 and writes to its fd 4: put the pipe's ends there in the child (the
    other descriptors are not inheritable and close on exec)."""

    def move():
        # The copies are new descriptors: copying the first onto 3 cannot overwrite the second's copy.
        reading, writing = os.dup(commands), os.dup(replies)
        os.dup2(reading, 3)
        os.dup2(writing, 4)

    return move


class UiPage:
    """One page of the MLflow UI in a headless Chromium of its own (the path chromium() gives); use it in a with
    block."""

    def __init__(self, browser, url, timeout=PAGE_TIMEOUT_SECONDS):
        self.browser = browser
        self.url = url
        self.deadline = time.monotonic() + timeout
        self._profile = None
        self._buffer = b""
        self._next_id = 0
        self._process = None
        self._session = None
        self._to_browser = None
        self._from_browser = None

    def __enter__(self):
        self._profile = tempfile.mkdtemp(prefix="mllabs-chromium-")
        commands_read, commands_write = os.pipe()
        replies_read, replies_write = os.pipe()
        self._to_browser = commands_write
        self._from_browser = replies_read
        try:
            try:
                self._process = self._start(commands_read, replies_write)
            finally:
                os.close(commands_read)
                os.close(replies_write)
            target = self._send("Target.createTarget", {"url": "about:blank"})["targetId"]
            self._session = self._send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            self._send("Emulation.setDeviceMetricsOverride",
                       {"width": WINDOW[0], "height": WINDOW[1], "deviceScaleFactor": 1, "mobile": False})
            self._send("Page.navigate", {"url": self.url})
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _start(self, commands, replies):
        return subprocess.Popen(
            [self.browser, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             "--user-data-dir=" + self._profile, "--window-size=%d,%d" % WINDOW, "--hide-scrollbars",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
             "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
             "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
             "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, start_new_session=True, preexec_fn=_protocol_on_fds_3_and_4(commands, replies))

    def __exit__(self, *exc):
        if self._process is not None:
            _signal_group(self._process, signal.SIGTERM)
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
            # Chromium's helper processes share its group: none is left behind.
            _signal_group(self._process, signal.SIGKILL)
            self._process.wait(timeout=10)
            self._process = None
        for end in (self._to_browser, self._from_browser):
            if end is not None:
                os.close(end)
        self._to_browser = self._from_browser = None
        if self._profile is not None:
            shutil.rmtree(self._profile, ignore_errors=True)
            self._profile = None
        return False

    def evaluate(self, expression):
        """The value of a JavaScript expression in the page (JSON-like values only)."""
        reply = self._send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in reply:
            raise AssertionError("%s failed on %s: %s" % (expression, self.url, reply["exceptionDetails"]))
        return reply["result"].get("value")

    def wait_for(self, expression, what):
        """Polls the expression until it is truthy and returns its value; fails, saying what, at the deadline."""
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > self.deadline:
                text = self.evaluate("document.body ? document.body.innerText : ''") or ""
                raise AssertionError("%s did not show %s within the time allowed; the page showed:\n%s"
                                     % (self.url, what, text[:2000]))
            time.sleep(0.25)

    def screenshot(self, path):
        """Saves what the window shows as a PNG, once the MLflow Assistant's side panel, which the UI opens on a first
        visit, is closed (as a learner would), so that the page has the window's width."""
        if self.evaluate("Boolean(document.querySelector('%s'))" % ASSISTANT_CLOSE):
            self.evaluate("document.querySelector('%s').click()" % ASSISTANT_CLOSE)
            self.wait_for("!document.querySelector('%s')" % ASSISTANT_CLOSE, "the page without the assistant's panel")
        data = self._send("Page.captureScreenshot", {"format": "png"})["data"]
        with open(path, "wb") as out:
            out.write(base64.b64decode(data))
        return path

    def _send(self, method, params):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if self._session and not method.startswith("Target."):
            message["sessionId"] = self._session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise AssertionError("Chromium refused %s: %s" % (method, reply["error"]))
                return reply.get("result", {})

    def _read(self):
        while b"\0" not in self._buffer:
            left = self.deadline + REPLY_GRACE_SECONDS - time.monotonic()
            ready, _, _ = select.select([self._from_browser], [], [], max(left, 0))
            if not ready:
                raise AssertionError("Chromium did not answer within the time allowed for " + self.url)
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise AssertionError("Chromium exited while showing " + self.url)
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)


# The runs table of an experiment's runs page: a row a run shown (row-id is the run's id, row-index its place from the
# top), with the run's name as the text of the link to the run's page and where that link starts, which tells how far
# it is indented. ag-grid draws a row once per column block; the block with that link (the name column) is the one
# kept; other links of the row (the run's logged models) lead further, under /runs/<id>/.
RUNS_TABLE_ROWS = """[...document.querySelectorAll('[role=row][row-id]')].map(row => {
  const link = row.querySelector('a[href$="/runs/' + row.getAttribute('row-id') + '"]');
  return link && {id: row.getAttribute('row-id'), index: Number(row.getAttribute('row-index')),
    name: link.textContent, left: link.getBoundingClientRect().left,
    expander: Boolean(link.closest('[role=gridcell]').querySelector('button'))};
}).filter(Boolean).sort((a, b) => a.index - b.index)"""


def runs_table_rows(page):
    """The rows the runs table shows, top to bottom, as dicts: id, index, name, left (px), expander (bool)."""
    return page.evaluate(RUNS_TABLE_ROWS) or []


def click_expander(page, run_id):
    """Clicks the button that shows or hides the child runs of the run's row."""
    clicked = page.evaluate("""(() => {
      const link = document.querySelector('[role=row][row-id="%s"] a[href$="/runs/%s"]');
      const button = link && link.closest('[role=gridcell]').querySelector('button');
      if (button) { button.click(); }
      return Boolean(button);
    })()""" % (run_id, run_id))
    assert clicked, "the row of run %s has no button to show its child runs" % run_id


# The versions table of a registered model's page: a row a version, with the aliases shown in it. The row's tags show
# the version's tags (key: value) and its aliases, which read "@ Champion".
MODEL_VERSION_ALIASES = """Object.fromEntries([...document.querySelectorAll('[role=row]')].map(row => {
  const link = row.querySelector('a[href*="/versions/"]');
  return link && [link.getAttribute('href').split('/versions/').pop(),
    [...row.querySelectorAll('[role=status]')].map(tag => tag.textContent.match(/^\\s*@\\s*(\\S+)\\s*$/))
      .filter(Boolean).map(alias => alias[1]).sort()];
}).filter(Boolean))"""


def model_version_aliases(page):
    """The versions the registered model's page lists, each with the aliases it shows: {"2": ["Champion"], ...}."""
    return page.evaluate(MODEL_VERSION_ALIASES) or {}
