// The page under hostile content and failing APIs, in real Chromium against the production build:
//   - an article holding <script>, <img onerror=…>, javascript: links (and the same in its title and
//     publisher) is built into graph.json with the build command; opened from an edge's quote, the text
//     shows literally and nothing runs (a dialog handler and the window flag the payloads would set);
//   - an article url that is not a web address never becomes a link;
//   - the graph API failing for real (graph.json missing → 503) shows the error state, Retry recovers;
//     garbage answers and a failing article API show errors, not a broken page;
//   - an empty graph (a real graph.json without nodes) shows the empty state;
//   - raw HTTP requests trying to leave the articles folder get 4xx JSON/HTML, never a file.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Dialog, Page } from "playwright-core";
import { parseGraphDocument, type GraphDocument } from "@/lib/contract";
import { assertChromium, launch, type Browser } from "./support/chromium";
import { chooseBySearch, openExplorer, waitForReady, GRAPH_ROUTE } from "./support/explorer";
import { ensureBuilt, ROOT, startApp, type RunningApp } from "./support/server";

declare global {
  interface Window {
    __xss?: number;
  }
}

const ARTICLE_ID = "xss-article";
const TITLE = `<b onmouseover="window.__xss=6">Bold</b><script>window.__xss=7;alert(7)</script>`;
const PUBLISHER = `<img src=x onerror="window.__xss=8;alert(8)">`;
const PAYLOADS = [
  `<script>window.__xss=1;alert(1)</script>`,
  `<img src=x onerror="window.__xss=2;alert(2)">`,
  `<a href="javascript:window.__xss=3;alert(3)">this link</a>`,
  `[here](javascript:window.__xss=4;alert(4))`,
  `javascript:window.__xss=5;alert(5)`,
  `<iframe src="javascript:window.top.__xss=10"></iframe>`,
  `<svg onload="window.__xss=11"></svg>`,
  `&lt;b&gt;entity&lt;/b&gt; &amp;`,
];
const TEXT = [
  "Energy Council Meets in Warsaw",
  "",
  `Marta Kowalczyk, the head of the Baltic Energy Council, met Daniel Okafor in Warsaw on Tuesday ${PAYLOADS[0]} after the vote.`,
  "",
  `Daniel Okafor advised Marta Kowalczyk on the pipeline agreement ${PAYLOADS[1]}, officials said.`,
  "",
  `Ingrid Solberg, the chair of the Nordic Shipping Authority, said the plan is at ${PAYLOADS[2]}, ${PAYLOADS[3]} and ${PAYLOADS[4]} now.`,
  "",
  `Henrik Dahl met Ingrid Solberg in Oslo ${PAYLOADS[5]} ${PAYLOADS[6]} ${PAYLOADS[7]} on Friday.`,
  "",
].join("\n");

let work: string;
let graphFile: string;
let articlesDir: string;
let goodGraph: Buffer;
let emptyGraph: Buffer;
let app: RunningApp | null = null;
let browser: Browser | null = null;
const dialogs: string[] = [];

function page(): Page {
  if (!browser) throw new Error("the browser did not start (see beforeAll)");
  return browser.page;
}

function url(): string {
  if (!app) throw new Error("the app did not start (see beforeAll)");
  return app.url;
}

/** `npx tsx scripts/build-graph.ts --articles <dir> --out <file>`, which must succeed. */
function buildGraph(dir: string, out: string): void {
  const result = spawnSync(path.join(ROOT, "node_modules", ".bin", "tsx"), ["scripts/build-graph.ts", "--articles", dir, "--out", out, "--quiet"], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 300_000,
  });
  if (result.status !== 0) throw new Error(`build-graph failed (${result.status ?? result.signal}): ${result.stderr}`);
}

/** Replaces graph.json the way a rebuild does (temp file + rename); the server reloads it on the next request. */
function swapGraph(bytes: Buffer): void {
  const temp = `${graphFile}.swap`;
  fs.writeFileSync(temp, bytes);
  fs.renameSync(temp, graphFile);
}

function attr(value: string): string {
  return value.replace(/["\\]/g, "\\$&");
}

/** Nothing ran: no dialog opened and no payload set its flag. */
async function expectNothingRan(p: Page): Promise<void> {
  expect(dialogs, "dialogs opened by the page").toEqual([]);
  expect(await p.evaluate(() => window.__xss ?? null), "window.__xss set by a payload").toBeNull();
}

/** Errors the page reported, except failed-request lines the failure scenarios cause on purpose. */
function unexpectedPageErrors(): string[] {
  return (browser?.pageErrors ?? []).filter((m) => !/Failed to load resource|status of (4|5)\d\d/.test(m));
}

/** A raw HTTP GET (no URL normalization by a client library): status and body. */
function rawGet(rawPath: string, method = "GET"): Promise<{ status: number; body: string }> {
  const target = new URL(url());
  return new Promise((resolve, reject) => {
    const req = http.request({ host: target.hostname, port: target.port, method, path: rawPath, timeout: 15_000 }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("timeout", () => req.destroy(new Error(`timeout: ${rawPath}`)));
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  assertChromium();
  work = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-hostile-browser-"));
  articlesDir = path.join(work, "articles");
  fs.mkdirSync(articlesDir);
  fs.writeFileSync(path.join(articlesDir, "hostile.txt"), TEXT);
  fs.writeFileSync(
    path.join(articlesDir, "articles.json"),
    JSON.stringify([{ file: "hostile.txt", id: ARTICLE_ID, title: TITLE, publisher: PUBLISHER, url: "https://example.org/?q=<script>alert(9)</script>", date: "2025-10-24" }]),
  );
  // The graph of the hostile corpus and an empty graph, built aside; graph.json itself starts missing.
  graphFile = path.join(work, "out", "graph.json");
  const goodFile = path.join(work, "good", "graph.json");
  buildGraph(articlesDir, goodFile);
  goodGraph = fs.readFileSync(goodFile);
  const quiet = path.join(work, "quiet");
  fs.mkdirSync(quiet);
  fs.writeFileSync(path.join(quiet, "quiet.txt"), "nothing of note happened here today.\n");
  const emptyFile = path.join(work, "empty", "graph.json");
  buildGraph(quiet, emptyFile);
  emptyGraph = fs.readFileSync(emptyFile);
  expect(parseGraphDocument(JSON.parse(emptyGraph.toString("utf8"))).graph.nodes).toEqual([]);
  fs.mkdirSync(path.dirname(graphFile));

  ensureBuilt();
  app = await startApp({ env: { NEWSGRAPH_GRAPH: graphFile, NEWSGRAPH_ARTICLES: articlesDir } });
  browser = await launch({ width: 1280, height: 800 });
  browser.page.on("dialog", (dialog: Dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
}, 900_000);

afterAll(async () => {
  await Promise.allSettled([browser?.close(), app?.stop()]);
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

afterEach(async () => {
  if (!browser) return;
  await browser.page.unrouteAll({ behavior: "ignoreErrors" });
  browser.pageErrors.length = 0;
  dialogs.length = 0;
});

describe("the page when the API fails", () => {
  it("graph.json missing (503 from the real API): the error state; Retry after the build loads the graph", async () => {
    const p = page();
    await openExplorer(p, url());
    const error = p.getByTestId("state-error");
    await error.waitFor({ timeout: 20_000 });
    expect(await error.textContent()).toMatch(/503/);
    expect(await p.evaluate(() => document.body.dataset.graphState)).toBe("error");
    swapGraph(goodGraph);
    await error.getByRole("button", { name: "Retry" }).click();
    await waitForReady(p);
    expect(await p.evaluate(() => document.body.dataset.graphState)).toBe("ready");
    await expectNothingRan(p);
  });

  it.each([
    ["an HTML error page with status 200", { status: 200, contentType: "text/html", body: "<html><body><script>window.__xss=20</script>Bad gateway</body></html>" }],
    ["JSON cut in the middle", { status: 200, contentType: "application/json", body: '{"version":1,"articles":[' }],
    ["JSON that breaks the contract", { status: 200, contentType: "application/json", body: '{"version":1,"articles":[],"graph":{"nodes":"<img src=x onerror=window.__xss=21>"}}' }],
    ["a 500 whose error holds markup", { status: 500, contentType: "application/json", body: JSON.stringify({ error: "<img src=x onerror=\"window.__xss=22;alert(22)\">" }) }],
  ])("the graph API answering %s: the error state, the message as text, nothing runs", async (_what, answer) => {
    const p = page();
    await p.route(GRAPH_ROUTE, (route) => route.fulfill(answer));
    await openExplorer(p, url());
    const error = p.getByTestId("state-error");
    await error.waitFor({ timeout: 20_000 });
    expect(await error.locator("img, script, iframe").count()).toBe(0);
    if (answer.status === 500) expect(await error.textContent()).toContain("<img src=x onerror=");
    await expectNothingRan(p);
    await p.unroute(GRAPH_ROUTE);
    await error.getByRole("button", { name: "Retry" }).click();
    await waitForReady(p);
  });

  it("the article API failing: the reader shows the error with Retry, and Retry shows the article", async () => {
    const p = page();
    await p.route("**/api/articles/**", (route) =>
      route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ error: "newsgraph/api: internal error (details in the server log)" }) }),
    );
    await openExplorer(p, url());
    await waitForReady(p);
    await chooseBySearch(p, "person:marta-kowalczyk", "Marta Kowalczyk");
    await p.locator('[data-testid="node-panel"] [data-testid="evidence-quote"]').first().click();
    const reader = p.getByTestId("article-reader");
    const alert = reader.getByRole("alert");
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toContain("Could not load the article: 500");
    await p.unroute("**/api/articles/**");
    await alert.getByRole("button", { name: "Retry" }).click();
    await reader.getByTestId("highlighted-passage").waitFor({ timeout: 10_000 });
    await expectNothingRan(p);
  });
});

describe("hostile article text", () => {
  it("opened from an edge's quote, shows literally and runs nothing", async () => {
    const p = page();
    const doc = parseGraphDocument(JSON.parse(goodGraph.toString("utf8"))) as GraphDocument;
    // An edge whose quote holds markup (a co-mention: the sentence with the <script>), shown with co=1.
    const edge = doc.graph.edges.find((e) => e.source === "person:marta-kowalczyk" || e.target === "person:marta-kowalczyk" ? e.attributes.evidence.some((ev) => ev.quote.includes("<script>")) : false);
    expect(edge, "an edge of Marta Kowalczyk quoting the <script> sentence").toBeDefined();
    await openExplorer(p, `${url()}/?co=1`);
    await waitForReady(p);
    await chooseBySearch(p, "person:marta-kowalczyk", "Marta Kowalczyk");
    const panel = p.locator('[data-testid="node-panel"][data-node="person:marta-kowalczyk"]');

    // Through the edge: its evidence list (the relation's ↗ button), else the quote in the node panel.
    const relation = panel.locator(`[data-testid="relation"][data-edge="${attr(edge!.key)}"]`);
    let quote = p.locator('[data-testid="edge-evidence"] [data-testid="evidence-quote"]').filter({ hasText: "<script>" });
    const throughEdgePanel = (await relation.count()) > 0;
    console.log(`[hostile] opening the article from ${throughEdgePanel ? "the edge panel of" : "the node panel's quote of"} ${edge!.key}`);
    if (throughEdgePanel) {
      await relation.locator(".mini-button").first().click();
      await p.getByTestId("edge-panel").waitFor({ timeout: 10_000 });
    } else {
      quote = panel.locator('[data-testid="evidence-quote"]').filter({ hasText: "<script>" });
    }
    await quote.first().waitFor({ timeout: 10_000 });
    const evidence = edge!.attributes.evidence.find((ev) => ev.quote.includes("<script>"))!;
    // The quote is text: exactly the quote, with the markup escaped in the DOM.
    expect(await quote.first().textContent()).toBe(evidence.quote);
    expect(await quote.first().innerHTML()).toContain("&lt;script&gt;");
    expect(await quote.first().locator("script, img, a, iframe, svg").count()).toBe(0);

    await quote.first().click();
    const reader = p.getByTestId("article-reader");
    const mark = reader.getByTestId("highlighted-passage");
    await mark.waitFor({ timeout: 10_000 });
    expect(await mark.textContent()).toBe(evidence.quote);
    // The whole article, literally, byte for byte as the file holds it.
    expect(await reader.getByTestId("article-text").textContent()).toBe(TEXT);
    for (const payload of PAYLOADS) expect(await reader.getByTestId("article-text").textContent()).toContain(payload);
    expect(await reader.getByTestId("article-text").locator("*:not(mark)").count(), "no element made from the text").toBe(0);
    // Title and publisher from articles.json, as text too.
    expect((await reader.locator("#reader-title").textContent())?.trim()).toBe(TITLE);
    expect(await reader.locator(".reader__meta").textContent()).toContain(PUBLISHER);
    expect(await reader.locator("script, img, iframe, svg, b").count()).toBe(0);
    // The one link is the article's own https address.
    const links = await reader.locator("a").evaluateAll((els) => els.map((el) => (el as HTMLAnchorElement).href));
    expect(links).toEqual(["https://example.org/?q=%3Cscript%3Ealert(9)%3C/script%3E"]);

    // Hover and click over the text (an onmouseover/onerror would fire now), scroll, wait a little.
    await reader.getByTestId("article-text").hover();
    await reader.locator("#reader-title").hover();
    await reader.getByTestId("article-text").click({ position: { x: 5, y: 5 } });
    await p.waitForTimeout(300);
    await expectNothingRan(p);
    // No script element carries a payload.
    expect(await p.evaluate(() => [...document.querySelectorAll("script")].filter((s) => (s.textContent ?? "").includes("__xss")).length)).toBe(0);
    expect(unexpectedPageErrors()).toEqual([]);
  });

  it("an article url that is not a web address (edited graph.json) is not a link", async () => {
    const p = page();
    const doc = JSON.parse(goodGraph.toString("utf8")) as GraphDocument;
    doc.articles[0]!.url = "javascript:window.__xss=30;alert(30)";
    swapGraph(Buffer.from(JSON.stringify(doc)));
    try {
      const api = await fetch(`${url()}/api/articles/${ARTICLE_ID}`);
      expect(((await api.json()) as { article: { url: unknown } }).article.url).toBeNull();
      await openExplorer(p, url());
      await waitForReady(p);
      await chooseBySearch(p, "person:marta-kowalczyk", "Marta Kowalczyk");
      await p.locator('[data-testid="node-panel"] [data-testid="evidence-quote"]').first().click();
      const reader = p.getByTestId("article-reader");
      await reader.getByTestId("highlighted-passage").waitFor({ timeout: 10_000 });
      expect(await reader.locator("a").count()).toBe(0);
      await expectNothingRan(p);
    } finally {
      swapGraph(goodGraph);
    }
  });
});

describe("an empty graph", () => {
  it("a real graph.json without nodes: the empty state, no canvas, no error", async () => {
    const p = page();
    swapGraph(emptyGraph);
    try {
      await openExplorer(p, url());
      await p.getByTestId("state-empty").waitFor({ timeout: 20_000 });
      expect(await p.evaluate(() => document.body.dataset.graphState)).toBe("empty");
      expect(await p.locator('[data-testid="graph-canvas"]').count()).toBe(0);
      expect(unexpectedPageErrors()).toEqual([]);
    } finally {
      swapGraph(goodGraph);
    }
  });
});

describe("raw HTTP against the production server", () => {
  it.each([
    "/api/articles/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "/api/articles/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/api/articles/..%252F..%252Fetc%252Fpasswd",
    "/api/articles/..%5c..%5c..%5cetc%5cpasswd",
    "/api/articles/%2Fetc%2Fpasswd",
    "/api/articles/hostile.txt",
    "/api/articles/..",
    "/api/articles/%2e%2e",
    "/api/articles/%00",
    "/api/articles/xss-article%00.txt",
    `/api/articles/${"x".repeat(8000)}`,
    "/api/articles/../../../../etc/passwd",
    "/api/../../../etc/passwd",
    "/../../../../etc/passwd",
    "/api/sources/..%2F..%2Fetc%2Fpasswd/entities",
    "/api/nodes/..%2F..%2Fetc%2Fpasswd",
    "/_next/static/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "/_next/static/../../../../etc/passwd",
    "/graph-data/articles/hostile.txt",
    "/api/graph?limit=%00",
    "/api/search?q=%ff%fe",
  ].map((rawPath) => [rawPath.length > 80 ? `${rawPath.slice(0, 40)}… (${rawPath.length} characters)` : rawPath, rawPath]))(
    "GET %s: 4xx (or the harmless page), never a file outside or a 500",
    async (_label, rawPath) => {
    const { status, body } = await rawGet(rawPath);
    expect(status, body.slice(0, 300)).not.toBe(500);
    expect(status === 200 && rawPath.startsWith("/api/"), `200 for ${rawPath}`).toBe(false);
    expect(body).not.toMatch(/root:x?:0:0/);
    expect(body).not.toContain("Henrik Dahl met Ingrid Solberg in Oslo <iframe");
    },
  );

  // A dynamic segment that is not valid percent-encoding would make Next answer a plain-text 500
  // before the route handler runs; the root proxy.ts answers 400 JSON instead.
  it.each(["/api/articles/%c0%ae%c0%ae%2fetc", "/api/articles/%ff", "/api/nodes/person%3Aa%2"])(
    "GET %s: 400 JSON for a path that is not valid percent-encoding",
    async (rawPath) => {
      const { status, body } = await rawGet(rawPath);
      expect(body).not.toMatch(/root:x?:0:0/);
      expect(status).toBe(400);
      JSON.parse(body);
    },
  );

  it("the article itself is served, by id only, as JSON", async () => {
    const { status, body } = await rawGet(`/api/articles/${ARTICLE_ID}`);
    expect(status).toBe(200);
    expect((JSON.parse(body) as { text: string }).text).toBe(TEXT);
  });

  it.each(["POST", "PUT", "DELETE", "PATCH"])("%s /api/graph is refused", async (method) => {
    const { status } = await rawGet("/api/graph", method);
    expect(status).toBe(405);
  });
});
