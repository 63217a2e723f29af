// Drives the local console in the system Chromium (headless) and prints, as one JSON line, what a person would read
// there: every figure of the page, the log lines a filter keeps, a PartiQL SELECT's table, an opened load report.
// tests/Dynamo.EndToEnd.Tests/Console/ConsoleBrowserTests.cs compares them with the stack's access log.
// Usage: node console-check.mjs CONSOLE_URL EXPECTED_COUNT REQUEST_ID STATEMENT SCREENSHOT.png
import { execFileSync } from "node:child_process";
import { chromium } from "playwright-core";

const [consoleUrl, expectedCount, requestId, statement, screenshot] = process.argv.slice(2);
const executablePath = execFileSync("sh", ["-c", "command -v chromium || command -v chromium-browser"]).toString().trim();
const browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
const problems = [];
try {
  const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
  await page.goto(consoleUrl);

  // The page polls once a second: wait until it shows every request the access log has.
  await page.waitForFunction((n) => document.querySelector('[data-stat="stage.Count"]')?.textContent.replaceAll(",", "") === n, expectedCount, { timeout: 30000 });
  await page.waitForTimeout(1500); // one more poll, so the functions' and tables' figures have caught up too
  const stats = await page.$$eval("[data-stat]", (cells) => Object.fromEntries(cells.map((c) => [c.dataset.stat, c.textContent])));
  const charts = await page.$$eval("#charts .uplot canvas", (canvases) => canvases.length);

  // The log view, filtered by status, then by one request id.
  await page.fill('#log-filter input[name="status"]', "429");
  await page.waitForFunction(() => [...document.querySelectorAll("#log-lines > div")].every((line) => line.dataset.status === "429"), null, { timeout: 10000 });
  await page.waitForTimeout(1200);
  const throttled = await page.$$eval("#log-lines > div", (lines) => lines.map((l) => ({ source: l.dataset.source, requestId: l.dataset.requestId, status: l.dataset.status })));
  await page.fill('#log-filter input[name="status"]', "");
  await page.fill('#log-filter input[name="requestId"]', requestId);
  await page.waitForFunction((id) => {
    const lines = [...document.querySelectorAll("#log-lines > div")];
    return lines.length > 0 && lines.every((line) => line.dataset.requestId === id);
  }, requestId, { timeout: 10000 });
  await page.waitForTimeout(1200);
  const oneRequest = await page.$$eval("#log-lines > div", (lines) => lines.map((l) => ({ source: l.dataset.source, status: l.dataset.status, text: l.textContent })));

  // The PartiQL box.
  await page.fill('#query-form textarea[name="statement"]', statement);
  await page.click('#query-form button[type="submit"]');
  await page.waitForSelector("#query-result[data-rows]", { timeout: 20000 });
  const query = await page.$eval("#query-result", (result) => ({
    rows: result.dataset.rows,
    columns: [...result.querySelectorAll("th")].map((th) => th.textContent),
    cells: [...result.querySelectorAll("tbody tr")].map((tr) => [...tr.cells].map((td) => td.textContent)),
    warning: document.querySelector("#query-warning").textContent,
  }));

  // A load report, opened in place.
  await page.waitForSelector("#report-list a", { timeout: 10000 });
  const reportLinks = await page.$$eval("#report-list a", (links) => links.map((a) => a.textContent));
  await page.click("#report-list a");
  const frame = await (await page.waitForSelector("#report-frame:not([hidden])")).contentFrame();
  await frame.waitForLoadState("load");
  await frame.waitForSelector("img", { timeout: 10000 });
  const report = { title: await frame.title(), images: await frame.$$eval("img", (images) => images.filter((i) => i.complete && i.naturalWidth > 0).length) };

  // Back to an unfiltered log for the picture the docs show.
  await page.fill('#log-filter input[name="requestId"]', "");
  await page.waitForTimeout(1500);
  await page.screenshot({ path: screenshot, fullPage: true });

  console.log(JSON.stringify({ stats, charts, throttled, oneRequest, query, reportLinks, report, problems }));
} finally {
  await browser.close();
}
