#!/usr/bin/env python3
"""Watches the dashboard in headless Chromium over the DevTools protocol (on a pipe, so no
WebSocket client is needed) until it has drawn what run_dashboard_check.sh asks of it, and prints
what it saw as JSON: the positions table's rows, the working orders' rows, the events the stream
drew at first and later, and every script error or console error the page logged.

  dashboard_probe.py CHROMIUM URL SECONDS SCREENSHOT_PNG

It waits, at most SECONDS, for a moment when the positions table has a row (saving a screenshot
of it) and for an event the stream delivered after the page had drawn its first ones. Exits 0
once it has printed, whatever it saw; the caller judges it."""
import base64
import json
import os
import subprocess
import sys
import time

chromium, url, seconds, screenshot = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]

# The page's state as plain data; run in the page each poll.
SNAPSHOT = """(() => {
  const rows = (id) => [...document.querySelectorAll("#" + id + " tr")].map((tr) =>
      [...tr.children].map((td) => ({text: td.textContent, cls: td.className})));
  const events = [...document.querySelectorAll("#events li")].map((li) => li.textContent);
  return {positions: rows("positions"), orders: rows("orders"), events: events,
          stream: document.getElementById("stream").textContent,
          unrealized: document.getElementById("unrealized").textContent};
})()"""

# Chromium reads commands from fd 3 and writes replies and events to fd 4, each NUL-terminated.
to_browser_r, to_browser_w = os.pipe()
from_browser_r, from_browser_w = os.pipe()


def wire_pipes():
    os.dup2(to_browser_r, 3)
    os.dup2(from_browser_w, 4)
    # dup2 onto itself keeps close-on-exec: a pipe already at 3 or 4 would be lost at exec.
    os.set_inheritable(3, True)
    os.set_inheritable(4, True)


browser = subprocess.Popen(
    [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
     "--no-first-run", "--disable-background-networking", "--disable-component-update",
     "--remote-debugging-pipe", "--window-size=1400,1100", "about:blank"],
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=False,
    preexec_fn=wire_pipes)
os.close(to_browser_r)
os.close(from_browser_w)

next_id = 0
pending = b""
errors = []


def note(message):
    """Keeps what the page logged as an error."""
    method, params = message.get("method"), message.get("params", {})
    if method == "Runtime.exceptionThrown":
        details = params["exceptionDetails"]
        errors.append("exception: " + details.get("exception", {}).get(
            "description", details.get("text", "")))
    elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
        errors.append("console: " + " ".join(str(a.get("value", a.get("description", "")))
                                              for a in params.get("args", [])))
    elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
        # The browser asks for an icon the page never names; the daemon has none.
        if not params["entry"].get("url", "").endswith("/favicon.ico"):
            errors.append("log: " + params["entry"]["text"])


def send(method, params=None, session=None):
    """Sends one command and returns its result, noting the events that arrive meanwhile."""
    global next_id, pending
    next_id += 1
    command = {"id": next_id, "method": method, "params": params or {}}
    if session:
        command["sessionId"] = session
    os.write(to_browser_w, json.dumps(command).encode() + b"\0")
    while True:
        while b"\0" not in pending:
            chunk = os.read(from_browser_r, 1 << 16)
            if not chunk:
                raise SystemExit("the browser closed its pipe")
            pending += chunk
        raw, pending = pending.split(b"\0", 1)
        message = json.loads(raw)
        if message.get("id") == next_id:
            if "error" in message:
                raise SystemExit(method + ": " + json.dumps(message["error"]))
            return message["result"]
        note(message)


try:
    target = send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Runtime", "Log", "Page"):
        send(domain + ".enable", session=session)
    send("Page.navigate", {"url": url}, session)

    first_events = None  # the list as first drawn (the stream's backlog)
    seen = {"positions": [], "orders": []}
    later_event = ""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = send("Runtime.evaluate", {"expression": SNAPSHOT, "returnByValue": True},
                      session)["result"]
        page = result.get("value")
        if page:
            if page["positions"] and not seen["positions"]:
                seen["positions"], seen["unrealized"] = page["positions"], page["unrealized"]
                shot = send("Page.captureScreenshot", {"format": "png"}, session)["data"]
                with open(screenshot, "wb") as out:
                    out.write(base64.b64decode(shot))
            if page["orders"] and not seen["orders"]:
                seen["orders"] = page["orders"]
            if page["events"] and first_events is None:
                first_events = page["events"]
            elif first_events and page["events"] and page["events"][0] != first_events[0]:
                later_event = later_event or page["events"][0]
            seen["stream"] = page["stream"]
            if seen["positions"] and later_event:
                break
        time.sleep(0.2)  # the page redraws each second; a poll finer than that finds nothing new
    seen["first_events"] = first_events or []
    seen["later_event"] = later_event
    seen["errors"] = errors
    print(json.dumps(seen))
finally:
    browser.terminate()
    try:
        browser.wait(10)
    except subprocess.TimeoutExpired:
        browser.kill()
