// The local console's page: polls api/metrics and api/logs once a second and draws with uPlot when it is installed.
// No framework and no build step: the server serves this file as it is (docs/console.md).
"use strict";

const WINDOW_SECONDS = 300;
const charts = {};
const chartsAvailable = typeof window.uPlot === "function";
let knownFunctions = [];

const $ = (selector, root = document) => root.querySelector(selector);
const fmt = (value, digits = 0) => value === null || value === undefined ? "–" : Number(value).toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const sum = (metric) => metric ? metric.sum : 0;

function setStat(name, text, alert = false) {
  for (const cell of document.querySelectorAll(`[data-stat="${CSS.escape(name)}"]`)) {
    cell.textContent = text;
    cell.classList.toggle("alert", alert);
  }
}

async function getJson(path) {
  const response = await fetch(path, { cache: "no-store" });
  const body = await response.json();
  if (!response.ok) throw new Error(body.message || `${response.status}`);
  return body;
}

// --- metrics -------------------------------------------------------------------------------------------------------

function showStage(stage) {
  $("#stage-name").textContent = stage.name;
  const m = stage.metrics;
  const statuses = stage.statuses || {};
  const twoHundreds = Object.entries(statuses).filter(([code]) => code.startsWith("2")).reduce((n, [, count]) => n + count, 0);
  setStat("stage.Count", fmt(sum(m.Count)));
  setStat("stage.2xx", fmt(twoHundreds));
  setStat("stage.207", fmt(statuses["207"] || 0));
  setStat("stage.4XXError", fmt(sum(m["4XXError"])), sum(m["4XXError"]) > 0);
  for (const [by, count] of Object.entries(stage.throttledBy || {})) setStat(`stage.429.${by}`, fmt(count), count > 0);
  setStat("stage.5XXError", fmt(sum(m["5XXError"])), sum(m["5XXError"]) > 0);
  setStat("stage.Latency.p99", fmt(m.Latency.p99, 1));
  setStat("stage.IntegrationLatency.p99", fmt(m.IntegrationLatency.p99, 1));
}

function rowFor(tbody, key, cells) {
  let row = tbody.querySelector(`tr[data-key="${CSS.escape(key)}"]`);
  if (!row) {
    row = document.createElement("tr");
    row.dataset.key = key;
    row.innerHTML = cells.map(() => "<td></td>").join("");
    tbody.appendChild(row);
  }
  cells.forEach((cell, i) => {
    const td = row.children[i];
    td.textContent = cell.text;
    if (cell.stat) td.dataset.stat = cell.stat;
    td.classList.toggle("alert", !!cell.alert);
  });
}

function showFunctions(functions) {
  const tbody = $("#function-table tbody");
  for (const f of functions) {
    const m = f.metrics;
    const s = (name) => `function.${f.name}.${name}`;
    rowFor(tbody, f.name, [
      { text: f.name },
      { text: fmt(sum(m.Invocations)), stat: s("Invocations") },
      { text: fmt(sum(m.Errors)), stat: s("Errors"), alert: sum(m.Errors) > 0 },
      { text: fmt(sum(m.Throttles)), stat: s("Throttles"), alert: sum(m.Throttles) > 0 },
      { text: fmt(sum(m.ColdStarts)), stat: s("ColdStarts") },
      { text: fmt(m.Duration.p50, 1), stat: s("Duration.p50") },
      { text: fmt(m.Duration.p99, 1), stat: s("Duration.p99") },
      { text: fmt(f.concurrentExecutions), stat: s("ConcurrentExecutions"), alert: f.concurrentExecutions >= f.reservedConcurrency },
      { text: fmt(m.ConcurrentExecutions.maximum), stat: s("ConcurrentExecutions.Maximum"), alert: m.ConcurrentExecutions.maximum >= f.reservedConcurrency },
      { text: fmt(f.reservedConcurrency), stat: s("ReservedConcurrency") },
    ]);
  }
  const names = functions.map((f) => f.name);
  if (names.join() !== knownFunctions.join()) {
    knownFunctions = names;
    const select = $("#log-filter select[name=function]");
    const chosen = select.value;
    select.innerHTML = `<option value="">any</option>` + names.map((n) => `<option>${n}</option>`).join("");
    select.value = chosen;
  }
}

function showTables(tables, nowSecond) {
  const tbody = $("#table-table tbody");
  for (const t of tables) {
    const m = t.metrics;
    const consumed = m.ConsumedWriteCapacityUnits;
    const last = consumed.periods.length ? consumed.periods[consumed.periods.length - 1] : null;
    const recent = last && last.second >= nowSecond - 3 ? last.sum : 0;
    const s = (name) => `table.${t.name}.${name}`;
    rowFor(tbody, t.name, [
      { text: t.name },
      { text: fmt(recent), stat: s("ConsumedWriteCapacityUnits.last") },
      { text: fmt(consumed.maximum), stat: s("ConsumedWriteCapacityUnits.Maximum"), alert: t.maxWriteRequestUnits !== undefined && consumed.maximum >= t.maxWriteRequestUnits },
      { text: t.maxWriteRequestUnits === undefined ? "uncapped" : fmt(t.maxWriteRequestUnits), stat: s("MaxWriteRequestUnits") },
      { text: fmt(sum(consumed)), stat: s("ConsumedWriteCapacityUnits") },
      { text: fmt(sum(m.WriteThrottleEvents)), stat: s("WriteThrottleEvents"), alert: sum(m.WriteThrottleEvents) > 0 },
      { text: fmt(sum(m.RowsStored)), stat: s("RowsStored") },
      { text: fmt(sum(m.RowsRetry)), stat: s("RowsRetry"), alert: sum(m.RowsRetry) > 0 },
    ]);
  }
}

function showEmf(emf) {
  const tbody = $("#emf-table tbody");
  for (const e of emf) {
    const dims = Object.entries(e.dimensions).map(([k, v]) => `${k}=${v}`).join(", ");
    const key = `${e.namespace}|${e.name}|${dims}`;
    rowFor(tbody, key, [
      { text: e.namespace }, { text: e.name, stat: `emf.${e.name}.${dims}` }, { text: dims }, { text: e.metric.unit },
      { text: fmt(e.metric.sum, 1), stat: `emf.${e.name}.${dims}.Sum` }, { text: fmt(e.metric.sampleCount) }, { text: fmt(e.metric.maximum, 1) },
    ]);
  }
}

// One value per second of the window: a period's statistic, or `missing` where the metric had no datapoint.
function perSecond(metric, nowSecond, pick, missing) {
  const bySecond = new Map((metric ? metric.periods : []).map((p) => [p.second, pick(p)]));
  const values = [];
  for (let s = nowSecond - WINDOW_SECONDS + 1; s <= nowSecond; s++) values.push(bySecond.has(s) ? bySecond.get(s) : missing);
  return values;
}

function combine(metrics, nowSecond, pick) {
  const totals = new Array(WINDOW_SECONDS).fill(0);
  for (const metric of metrics) perSecond(metric, nowSecond, pick, 0).forEach((v, i) => { totals[i] += v; });
  return totals;
}

const COLORS = ["#0073bb", "#d13212", "#7d8998", "#1d8102", "#8c4fff", "#ff9900"];

function draw(id, labels, data) {
  const element = document.getElementById(id);
  if (!charts[id] || charts[id].series.length !== labels.length + 1) {
    if (charts[id]) charts[id].destroy();
    charts[id] = new uPlot({
      width: element.clientWidth || 520, height: 200,
      series: [{}, ...labels.map((label, i) => ({ label, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: false }))],
      axes: [{}, { size: 50 }],
      scales: { x: { time: true } },
    }, data, element);
  } else {
    charts[id].setData(data);
  }
}

function showCharts(snapshot, nowSecond) {
  if (!chartsAvailable) return;
  const xs = [];
  for (let s = nowSecond - WINDOW_SECONDS + 1; s <= nowSecond; s++) xs.push(s);
  const m = snapshot.stages[0].metrics;
  draw("chart-requests", ["Count", "4XXError", "5XXError"], [xs,
    perSecond(m.Count, nowSecond, (p) => p.sum, 0), perSecond(m["4XXError"], nowSecond, (p) => p.sum, 0), perSecond(m["5XXError"], nowSecond, (p) => p.sum, 0)]);
  draw("chart-latency", ["Latency p99", "IntegrationLatency p99"], [xs,
    perSecond(m.Latency, nowSecond, (p) => p.p99, null), perSecond(m.IntegrationLatency, nowSecond, (p) => p.p99, null)]);
  draw("chart-invocations", ["Invocations", "Throttles", "Errors"], [xs,
    combine(snapshot.functions.map((f) => f.metrics.Invocations), nowSecond, (p) => p.sum),
    combine(snapshot.functions.map((f) => f.metrics.Throttles), nowSecond, (p) => p.sum),
    combine(snapshot.functions.map((f) => f.metrics.Errors), nowSecond, (p) => p.sum)]);
  const tables = snapshot.tables;
  draw("chart-capacity", tables.map((t) => `${t.name}${t.maxWriteRequestUnits === undefined ? "" : ` (cap ${t.maxWriteRequestUnits})`}`), [xs,
    ...tables.map((t) => perSecond(t.metrics.ConsumedWriteCapacityUnits, nowSecond, (p) => p.sum, 0))]);
}

async function refreshMetrics() {
  try {
    const snapshot = await getJson("api/metrics");
    const nowSecond = Math.floor(snapshot.nowMs / 1000);
    showStage(snapshot.stages[0]);
    showFunctions(snapshot.functions);
    showTables(snapshot.tables, nowSecond);
    showEmf(snapshot.emf);
    showCharts(snapshot, nowSecond);
    $("#freshness").textContent = `live: updated ${new Date(snapshot.nowMs).toLocaleTimeString()}`;
    document.body.dataset.metricsAt = String(snapshot.nowMs);
  } catch (error) {
    $("#freshness").textContent = `the stack does not answer (${error.message}); trying again`;
  }
}

// --- logs ----------------------------------------------------------------------------------------------------------

function logQuery() {
  const form = $("#log-filter");
  const params = new URLSearchParams();
  for (const name of ["requestId", "status", "function"]) {
    const value = form.elements[name].value.trim();
    if (value) params.set(name, value);
  }
  return params.toString();
}

async function refreshLogs() {
  const query = logQuery();
  try {
    const answer = await getJson(`api/logs?${query}`);
    if (query !== logQuery()) return; // the filter changed while this was on its way
    $("#log-problem").textContent = "";
    const box = $("#log-lines");
    const atBottom = box.scrollTop + box.clientHeight >= box.scrollHeight - 4;
    box.replaceChildren(...answer.entries.map((entry) => {
      const line = document.createElement("div");
      line.className = `${entry.source}${entry.status ? ` s${String(entry.status)[0]}` : ""}`;
      line.dataset.source = entry.source;
      if (entry.requestId) line.dataset.requestId = entry.requestId;
      if (entry.status) line.dataset.status = String(entry.status);
      if (entry.function) {
        const fn = document.createElement("span");
        fn.className = "fn";
        fn.textContent = `[${entry.function}]`;
        line.appendChild(fn);
      }
      line.appendChild(document.createTextNode(entry.text));
      return line;
    }));
    box.dataset.count = String(answer.entries.length);
    if (atBottom) box.scrollTop = box.scrollHeight;
  } catch (error) {
    $("#log-problem").textContent = error.message;
  }
}

// --- PartiQL -------------------------------------------------------------------------------------------------------

async function runQuery(event) {
  event.preventDefault();
  const statement = $("#query-form").elements.statement.value;
  const status = $("#query-status");
  const result = $("#query-result");
  status.textContent = "running…";
  $("#query-warning").textContent = "";
  result.replaceChildren();
  const response = await fetch("api/query", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ statement }) });
  const body = await response.json();
  if (!response.ok) {
    status.textContent = "";
    $("#query-warning").textContent = body.message;
    result.dataset.rows = "error";
    return;
  }
  if (body.warning) $("#query-warning").textContent = `warning: ${body.warning}`;
  const table = document.createElement("table");
  table.className = "figures";
  const head = table.createTHead().insertRow();
  for (const column of body.columns) {
    const th = document.createElement("th");
    th.textContent = column;
    head.appendChild(th);
  }
  const tbody = table.createTBody();
  for (const row of body.rows) {
    const tr = tbody.insertRow();
    for (const column of body.columns) {
      const value = row[column];
      tr.insertCell().textContent = value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  result.appendChild(table);
  result.dataset.rows = String(body.count);
  status.textContent = `${body.count} ${body.count === 1 ? "row" : "rows"}${body.truncated ? " (the first ones; more remain)" : ""}`;
}

// --- load reports --------------------------------------------------------------------------------------------------

async function refreshReports() {
  const answer = await getJson("api/reports");
  $("#reports-folder").textContent = answer.folder;
  const list = $("#report-list");
  list.replaceChildren(...answer.reports.map((report) => {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = `reports/${report.path.split("/").map(encodeURIComponent).join("/")}/report.html`;
    link.textContent = report.path;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const frame = $("#report-frame");
      frame.hidden = false;
      frame.src = link.href;
    });
    item.appendChild(link);
    const f = report.figures;
    item.appendChild(document.createTextNode(` written ${new Date(report.modifiedMs).toLocaleString()}` +
      (f.rowsSent !== undefined ? `: ${fmt(f.rowsSent)} rows sent, ${fmt(f.rowsVerified)} verified, ${fmt(f.lost)} lost` : "")));
    return item;
  }));
  if (answer.reports.length === 0) list.innerHTML = "<li class=\"muted\">none yet: <code>dynamo load</code> writes load-report/ in the current directory</li>";
}

// --- start ---------------------------------------------------------------------------------------------------------

async function start() {
  try {
    const info = await getJson("api/info");
    $("#endpoints").textContent = `API ${info.api} · DynamoDB ${info.dynamoDb}`;
  } catch (error) {
    $("#endpoints").textContent = `the stack does not answer (${error.message})`;
  }
  $("#charts-missing").hidden = chartsAvailable;
  $("#query-form").addEventListener("submit", runQuery);
  $("#log-filter").addEventListener("input", refreshLogs);
  $("#log-filter").addEventListener("submit", (event) => event.preventDefault());
  $("#reports-refresh").addEventListener("click", refreshReports);
  await Promise.all([refreshMetrics(), refreshLogs(), refreshReports().catch(() => {})]);
  setInterval(refreshMetrics, 1000);
  setInterval(refreshLogs, 1000);
}

start();
