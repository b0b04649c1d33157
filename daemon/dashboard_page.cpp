#include "daemon/dashboard_page.hpp"

namespace strike::daemon {

// The page draws what /api/state says, the first time from the copy the page is served with (the
// health object the runtime reports, and the folded state) and prepends each event /events streams.
// Positions come valued by the engine (mark and unrealised P&L each), not from the folded state,
// which has no prices. Money arrives in paise and is shown in rupees.
const std::string_view dashboard_html = R"html(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Strike</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1c1e21}
header{display:flex;gap:1.5em;align-items:baseline;padding:.6em 1em;background:#1c1e21;color:#fff}
header h1{font-size:1.2em;margin:0}.bad{color:#e5484d}.good{color:#30a46c}
main{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:1em;padding:1em}
section{background:#fff;border:1px solid #dfe1e5;border-radius:6px;padding:.6em 1em;
overflow-x:auto}.wide{grid-column:1/-1}
h2{font-size:1em;margin:.2em 0 .5em}table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.15em .5em;border-bottom:1px solid #eee;white-space:nowrap}
td.n{text-align:right;font-variant-numeric:tabular-nums}
#events{font:12px ui-monospace,monospace;max-height:26em;overflow:auto;margin:0;padding-left:4em}
#events li{overflow-wrap:anywhere}
svg{width:100%;height:120px}
</style></head><body>
<header><h1>Strike</h1><span id="mode">…</span><span id="phase"></span><span id="clock"></span>
<span id="health"></span></header>
<main>
<section class="wide"><h2>Positions</h2><table><thead><tr><th>symbol</th><th>qty</th><th>avg</th>
<th>mark</th><th>at</th><th>P&amp;L</th><th>stop</th><th>target</th><th>opened</th></tr></thead>
<tbody id="positions"></tbody></table>
<p>unrealised <span id="unrealized"></span></p></section>
<section class="wide"><h2>Working orders</h2><table><thead><tr><th>symbol</th><th>side</th>
<th>purpose</th><th>qty</th><th>filled</th><th>price</th><th>step</th><th>status</th></tr></thead>
<tbody id="orders"></tbody></table></section>
<section><h2>Today</h2><p id="today"></p><svg id="equity" viewBox="0 0 600 120"
preserveAspectRatio="none"><polyline id="curve" fill="none" stroke="#0b6bcb" stroke-width="2"
points=""/></svg></section>
<section><h2>Risk and feeds</h2><p id="risk"></p><p id="feeds"></p></section>
<section class="wide"><h2>Events <small id="stream"></small></h2>
<label>types <input id="types" placeholder="all, or e.g. OrderFilled,PositionClosed" size="48">
</label><ol id="events" reversed></ol></section>
</main>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
const rupees = (p) => (p < 0 ? "-" : "") + "\u20b9" + (Math.abs(p) / 100).toFixed(2);
const time = (ns) => ns ? new Date(ns / 1e6).toLocaleTimeString("en-IN",
    {hour12: false, timeZone: "Asia/Kolkata"}) : "";
function cells(row, values) {
  const tr = document.createElement("tr");
  values.forEach(([text, numeric, tone]) => {
    const td = document.createElement("td");
    td.textContent = text;
    td.className = [numeric ? "n" : "", tone || ""].join(" ").trim();
    tr.appendChild(td);
  });
  row.appendChild(tr);
}
const points = [];
function render(d) {
  const h = d.health, s = d.state, r = h.runtime || {};
  $("mode").textContent = h.mode + (h.trading ? "" : " (not trading)");
  $("health").textContent = h.healthy ? "healthy" : "unhealthy";
  $("health").className = h.healthy ? "good" : "bad";
  $("phase").textContent = s.session.phase + (s.session.entry_window_open ? ", entries open" : "");
  $("clock").textContent = time(s.last_ts);
  const pos = $("positions");
  pos.replaceChildren();
  const money = (p) => p === null || p === undefined ? "" : rupees(p);
  (d.positions || []).forEach((p) => {
    const pnl = p.unrealized_paise;
    cells(pos, [[p.symbol || p.instrument], [p.qty, 1], [rupees(p.avg_paise), 1],
                [money(p.mark_paise), 1], [p.mark_ns === 0 ? "at cost" : time(p.mark_ns)],
                [money(pnl), 1, pnl > 0 ? "good" : pnl < 0 ? "bad" : ""],
                [money(p.stop_paise), 1], [money(p.target_paise), 1],
                [time(p.opened_ns) + (p.exit_reason ? ", exiting: " + p.exit_reason : "")]]);
  });
  $("unrealized").textContent = rupees(d.unrealized_paise);
  $("unrealized").className = d.unrealized_paise > 0 ? "good" : d.unrealized_paise < 0 ? "bad" : "";
  const orders = $("orders");
  orders.replaceChildren();
  Object.values(s.orders).forEach((o) => {
    if (["filled", "cancelled", "rejected", "expired"].includes(o.status)) return;
    cells(orders, [[o.symbol], [o.side], [o.purpose], [o.qty, 1], [o.filled_qty, 1],
                   [o.order_type === "market" ? "market" : rupees(o.price_paise), 1],
                   [o.ladder_step, 1],
                   [o.status + (o.pending !== "none" ? " (" + o.pending + ")" : "")]]);
  });
  const t = s.today, day = t.realized_pnl_paise + d.unrealized_paise;
  $("today").textContent = t.date + ": " + t.trades + " trades (" + t.wins + " won, " + t.losses +
      " lost), realised " + rupees(t.realized_pnl_paise) + ", charges " + rupees(t.charges_paise) +
      ", with open positions " + rupees(day);
  points.push(day);
  if (points.length > 600) points.shift();
  const lo = Math.min(0, ...points), hi = Math.max(0, ...points), span = hi - lo || 1;
  $("curve").setAttribute("points", points.map((v, i) =>
      (i * 600 / Math.max(points.length - 1, 1)).toFixed(1) + "," +
      (115 - (v - lo) / span * 110).toFixed(1)).join(" "));
  const risk = s.risk;
  $("risk").textContent = (risk.halted ? "HALTED: " + risk.halt_reason : "trading") +
      (risk.vix_tripped ? "; VIX breaker tripped" : "") +
      Object.entries(risk.breakers).map(([g, v]) => "; " + g + " breaker " + v).join("");
  $("risk").className = risk.halted || risk.vix_tripped ? "bad" : "";
  const feeds = r.feeds || {};
  $("feeds").textContent = Object.entries(feeds).map(([name, f]) =>
      name + (f.connected ? " connected" : " DISCONNECTED") + (f.stale ? ", stale" : "") +
      (f.last_tick_age_ms >= 0 && f.last_tick_age_ms !== undefined ?
          ", last tick " + f.last_tick_age_ms + " ms ago" : "")).join("; ") || "no feeds";
}
async function refresh() {
  try {
    const response = await fetch("/api/state", {cache: "no-store"});
    if (!response.ok) throw new Error("HTTP " + response.status);
    render(await response.json());
  } catch (e) {
    $("health").textContent = "daemon unreachable";
    $("health").className = "bad";
  }
}
let source = null;
function listen() {
  if (source) source.close();
  const types = $("types").value.split(",").map((x) => x.trim()).filter((x) => x);
  source = new EventSource("/events" + (types.length ? "?type=" + types.join(",") : ""));
  source.onopen = () => { $("stream").textContent = "live"; };
  source.onerror = () => { $("stream").textContent = "reconnecting"; };
  source.onmessage = (m) => {
    const e = JSON.parse(m.data), li = document.createElement("li");
    li.textContent = time(e.ts) + " " + e.type + " " + m.data;
    const list = $("events");
    list.prepend(li);
    while (list.children.length > 300) list.lastChild.remove();
  };
}
$("types").addEventListener("change", () => { $("events").replaceChildren(); listen(); });
const initial = /*STATE*/null;
if (initial) render(initial);
refresh();
setInterval(refresh, 1000);
listen();
</script></body></html>
)html";

std::string dashboard_page(const std::string& state_json) {
  std::string out(dashboard_html);
  // Inside a script element: "</script>" in a string must not end it. '<' only occurs inside
  // JSON strings, where \u003c is the same character.
  std::string safe;
  safe.reserve(state_json.size());
  for (const char c : state_json) safe += c == '<' ? std::string("\\u003c") : std::string(1, c);
  const std::string_view marker = "/*STATE*/null";
  out.replace(out.find(marker), marker.size(), safe);
  return out;
}

}  // namespace strike::daemon
