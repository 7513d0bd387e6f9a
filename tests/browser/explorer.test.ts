// Real-browser scenarios for the explorer page: the production build (`next build` when stale, then one
// `next start` process), Debian's Chromium through playwright-core, the real graph-data/graph.json.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { foldText, parseGraphDocument, type GraphDocument } from "@/lib/contract";
import { NODE_COLORS } from "@/lib/view/style";
import { assertChromium, launch, type Browser } from "./support/chromium";
import { openExplorer, pickClickableNode, screenshotWebGL, waitForReady, GRAPH_ROUTE } from "./support/explorer";
import { LONE_EDGE, syntheticDocument } from "./support/graph";
import { countColor, countNonBackground } from "./support/png";
import { ensureBuilt, ROOT, snapshotGraph, startApp, type RunningApp } from "./support/server";

const SOURCE_GRAPH = path.resolve(process.env.NEWSGRAPH_GRAPH || path.join(ROOT, "graph-data", "graph.json"));
const SHOTS = path.resolve(process.env.NEWSGRAPH_SCREENSHOTS || path.join(os.tmpdir(), "newsgraph-browser"));

let app: RunningApp | null = null;
let browser: Browser | null = null;
let doc: GraphDocument;
/** The run's own copy of graph.json (see snapshotGraph). */
let GRAPH_FILE = "";

function page(): Page {
  if (!browser) throw new Error("the browser did not start (see beforeAll)");
  return browser.page;
}

function url(): string {
  if (!app) throw new Error("the app did not start (see beforeAll)");
  return app.url;
}

async function articleText(id: string): Promise<string> {
  const response = await fetch(`${url()}/api/articles/${encodeURIComponent(id)}`);
  expect(response.status, `GET /api/articles/${id}`).toBe(200);
  const body = (await response.json()) as { text: string };
  return body.text;
}

/** A value for a quoted CSS attribute selector. */
function attr(value: string): string {
  return value.replace(/["\\]/g, "\\$&");
}

/** Errors the page reported, except the failed-request lines the error scenarios cause on purpose. */
function unexpectedPageErrors(): string[] {
  return (browser?.pageErrors ?? []).filter((m) => !/Failed to load resource/.test(m));
}

beforeAll(async () => {
  assertChromium();
  if (!existsSync(SOURCE_GRAPH)) {
    throw new Error(`${SOURCE_GRAPH} is missing: build it first with \`npm run graph\` (or set NEWSGRAPH_GRAPH)`);
  }
  GRAPH_FILE = snapshotGraph(SOURCE_GRAPH);
  doc = parseGraphDocument(JSON.parse(readFileSync(GRAPH_FILE, "utf8")), GRAPH_FILE);
  expect(doc.graph.nodes.length, "the graph to explore has nodes").toBeGreaterThan(0);
  mkdirSync(SHOTS, { recursive: true });
  ensureBuilt();
  app = await startApp({ env: { NEWSGRAPH_GRAPH: GRAPH_FILE } });
  browser = await launch({ width: 1280, height: 800 });
});

afterAll(async () => {
  // Both run even when a scenario (or the other one) failed.
  await Promise.allSettled([browser?.close(), app?.stop()]);
});

afterEach(async () => {
  if (!browser) return;
  await browser.page.unrouteAll({ behavior: "ignoreErrors" });
  await browser.page.setViewportSize({ width: 1280, height: 800 });
  browser.pageErrors.length = 0;
});

describe("explorer in Chromium", () => {
  it("the graph is drawn", async () => {
    const p = page();
    await openExplorer(p, url());
    await waitForReady(p);
    expect(await p.evaluate(() => document.body.dataset.graphState)).toBe("ready");
    expect(await p.locator('[data-testid="graph-canvas"]').getAttribute("data-ready")).toBe("true");

    const visible = await p.evaluate(() => window.__newsgraph?.visibleNodes().length ?? 0);
    expect(visible).toBe(doc.graph.nodes.length);

    // What the WebGL layers drew (labels and legend hidden while looking).
    const image = await screenshotWebGL(p);
    const drawn = countNonBackground(image);
    expect(drawn, `non-white pixels drawn by WebGL in ${image.width}×${image.height}`).toBeGreaterThan(
      Math.max(200, image.width * image.height * 0.001),
    );
    // Nodes are coloured by type: the colours of the types present are on the canvas.
    const types = [...new Set(doc.graph.nodes.map((n) => n.attributes.type))];
    const coloured = types.filter((t) => countColor(image, NODE_COLORS[t], 10) >= 8);
    expect(coloured.length, `type colours found: ${coloured.join(", ")}`).toBeGreaterThanOrEqual(Math.min(2, types.length));
    await p.screenshot({ path: path.join(SHOTS, "drawn-1280x800.png") });
    expect(unexpectedPageErrors()).toEqual([]);
  });

  it("clicking a node shows its quotes, each from its article's text", async () => {
    const p = page();
    await openExplorer(p, url());
    await waitForReady(p);
    const node = await pickClickableNode(p);
    expect(node, "a node with relations that can be clicked").not.toBeNull();
    if (!node) return;

    await p.mouse.click(node.x, node.y);
    const panel = p.locator(`[data-testid="node-panel"][data-node="${attr(node.key)}"]`);
    await panel.waitFor({ timeout: 10_000 });
    expect(await p.evaluate(() => window.__newsgraph?.selectedNode())).toBe(node.key);
    const fullLabel = doc.graph.nodes.find((n) => n.key === node.key)?.attributes.label;
    expect((await panel.locator("h2").textContent())?.trim()).toBe(fullLabel);

    const quotes = panel.locator('[data-testid="evidence-quote"]');
    expect(await quotes.count(), "quotes in the side panel").toBeGreaterThan(0);
    const checked = Math.min(3, await quotes.count());
    for (let i = 0; i < checked; i++) {
      const q = quotes.nth(i);
      const quote = (await q.textContent()) ?? "";
      const article = (await q.getAttribute("data-article")) ?? "";
      const start = Number(await q.getAttribute("data-start"));
      const end = Number(await q.getAttribute("data-end"));
      const text = await articleText(article);
      expect(quote.length).toBeGreaterThan(0);
      expect(text.includes(quote), `quote ${JSON.stringify(quote)} is in article ${article}`).toBe(true);
      expect(text.slice(start, end)).toBe(quote);
    }
    await p.screenshot({ path: path.join(SHOTS, "node-selected-1280x800.png") });

    // The quote opens the article beside the graph with the passage highlighted.
    const first = quotes.first();
    const firstQuote = (await first.textContent()) ?? "";
    await first.click();
    const mark = p.locator('[data-testid="article-reader"] [data-testid="highlighted-passage"]');
    await mark.waitFor({ timeout: 10_000 });
    expect(await mark.textContent()).toBe(firstQuote);
    expect(await mark.isVisible()).toBe(true);
    await p.screenshot({ path: path.join(SHOTS, "article-open-1280x800.png") });
    expect(unexpectedPageErrors()).toEqual([]);
  });

  it("search focuses a node: suggestions as you type, keyboard choice, camera on the node", async () => {
    const p = page();
    await openExplorer(p, url());
    await waitForReady(p);

    // The node drawn farthest from the centre, so that focusing it visibly moves the camera.
    const box = await p.locator('[data-testid="graph-canvas"]').boundingBox();
    if (!box) throw new Error("no graph canvas");
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const target = await p.evaluate((c) => {
      const hook = window.__newsgraph;
      if (!hook) return null;
      let best: { key: string; label: string; distance: number } | null = null;
      for (const n of hook.visibleNodes()) {
        const at = hook.nodeViewportPosition(n.key);
        if (!at) continue;
        const distance = Math.hypot(at.x - c.x, at.y - c.y);
        if (!best || distance > best.distance) best = { key: n.key, label: n.label, distance };
      }
      return best;
    }, centre);
    expect(target).not.toBeNull();
    if (!target) return;

    // Typed in upper case, without accents: the search folds case and diacritics.
    const targetLabel = doc.graph.nodes.find((n) => n.key === target.key)?.attributes.label ?? target.label;
    const query = foldText(targetLabel).toUpperCase().slice(0, 24);
    const input = p.getByTestId("search-input");
    await input.click();
    await input.pressSequentially(query, { delay: 10 });
    const option = p.locator(`[role="option"][data-key="${attr(target.key)}"]`);
    await option.waitFor({ timeout: 5_000 });
    expect(await input.getAttribute("aria-expanded")).toBe("true");

    // Keyboard only: arrow down to the target's suggestion, then Enter.
    const options = await p.locator('[role="option"]').evaluateAll((els) => els.map((el) => el.getAttribute("data-key")));
    const index = options.indexOf(target.key);
    expect(index).toBeGreaterThanOrEqual(0);
    for (let i = 0; i <= index; i++) await input.press("ArrowDown");
    expect(await option.getAttribute("aria-selected")).toBe("true");
    await input.press("Enter");

    await p.locator(`[data-testid="node-panel"][data-node="${attr(target.key)}"]`).waitFor({ timeout: 5_000 });
    expect(await p.evaluate(() => window.__newsgraph?.selectedNode())).toBe(target.key);
    // The camera ends on the node (animation: poll), zoomed in.
    await p.waitForFunction(
      ({ key, c }) => {
        const at = window.__newsgraph?.nodeViewportPosition(key);
        return !!at && Math.hypot(at.x - c.x, at.y - c.y) < 30;
      },
      { key: target.key, c: centre },
      { timeout: 5_000 },
    );
    expect(await p.evaluate(() => window.__newsgraph?.camera().ratio)).toBeLessThan(1);
    await p.screenshot({ path: path.join(SHOTS, "search-focused-1280x800.png") });
    expect(unexpectedPageErrors()).toEqual([]);
  });

  it("an API failure shows the error state, and Retry loads the graph", async () => {
    const p = page();
    await p.route(GRAPH_ROUTE, (route) =>
      route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: "graph file not found (test)" }) }),
    );
    await openExplorer(p, url());
    const error = p.getByTestId("state-error");
    await error.waitFor({ timeout: 10_000 });
    expect(await error.textContent()).toContain("graph file not found (test)");
    expect(await p.evaluate(() => document.body.dataset.graphState)).toBe("error");
    await p.screenshot({ path: path.join(SHOTS, "error-1280x800.png") });

    await p.unroute(GRAPH_ROUTE);
    await error.getByRole("button", { name: "Retry" }).click();
    await waitForReady(p);
    expect(await p.evaluate(() => document.body.dataset.graphState)).toBe("ready");
  });

  it("a graph without nodes shows the empty state", async () => {
    const p = page();
    const empty: GraphDocument = { ...doc, graph: { ...doc.graph, nodes: [], edges: [] }, conflicts: [] };
    await p.route(GRAPH_ROUTE, (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(empty) }));
    await openExplorer(p, url());
    await p.getByTestId("state-empty").waitFor({ timeout: 10_000 });
    expect(await p.evaluate(() => document.body.dataset.graphState)).toBe("empty");
    expect(await p.locator('[data-testid="graph-canvas"]').count()).toBe(0);
  });

  it("a large graph: a progress bar while it loads and while it is drawn, gone once drawn; its edges still answer the pointer", async () => {
    const p = page();
    const big = syntheticDocument(doc, 1500, 6000);
    await p.route(GRAPH_ROUTE, (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(big) }));
    // Every state of the progress bar, from the first byte of the page on (a string: nothing to compile).
    const recorder = await p.addInitScript({
      content: `(() => {
        const seen = (window.__progressSeen = []);
        new MutationObserver(() => {
          const bar = document.querySelector('[data-testid="load-progress"]');
          if (!bar) return;
          const entry = {
            step: bar.closest("[data-step]")?.getAttribute("data-step") ?? "",
            role: bar.getAttribute("role"),
            text: bar.getAttribute("aria-valuetext") ?? "",
            ready: document.body?.dataset.graphReady === "true",
          };
          const last = seen[seen.length - 1];
          if (!last || last.step !== entry.step || last.text !== entry.text) seen.push(entry);
        }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      })();`,
    });
    try {
      await openExplorer(p, url());
      await waitForReady(p, 60_000);
      const seen = await p.evaluate(
        () => (window as unknown as { __progressSeen: { step: string; role: string | null; text: string; ready: boolean }[] }).__progressSeen,
      );
      const steps = seen.map((s) => s.step);
      expect(steps[0], `steps seen: ${steps.join(", ")}`).toBe("download");
      expect(steps).toContain("draw");
      const order = ["download", "read", "build", "draw"];
      expect(steps.map((s) => order.indexOf(s))).toEqual(steps.map((s) => order.indexOf(s)).sort((a, b) => a - b));
      expect(seen.every((s) => s.role === "progressbar" && s.text.length > 0 && !s.ready)).toBe(true);
      expect(seen.find((s) => s.step === "draw")?.text).toBe("Drawing 1,500 entities and 6,000 relations…");
      // Drawn: the bar is gone, the whole graph is there.
      expect(await p.getByTestId("load-progress").count()).toBe(0);
      expect(await p.evaluate(() => window.__newsgraph?.visibleNodes().length ?? 0)).toBe(1500);

      // A large graph has no edge picking in sigma: the pointer and a click on an edge come from its geometry.
      // Aimed at: the edge set apart from the crowd (see syntheticDocument), in its middle.
      const target = await p.evaluate((key) => window.__newsgraph?.edgeViewportMidpoint(key) ?? null, LONE_EDGE);
      expect(target, "the lone edge is drawn").not.toBeNull();
      expect(await p.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.classList.contains("sigma-mouse"), target!)).toBe(true);
      await p.mouse.move(target!.x, target!.y);
      await p.waitForFunction(() => getComputedStyle(document.querySelector(".sigma-container")!).cursor === "pointer", undefined, { timeout: 5_000 });
      await p.mouse.click(target!.x, target!.y);
      await p.locator(`[data-testid="edge-panel"][data-edge="${attr(LONE_EDGE)}"]`).waitFor({ timeout: 10_000 });
      expect(unexpectedPageErrors()).toEqual([]);
    } finally {
      await recorder.dispose();
    }
  });

  it("a server still reading a large graph.json: the progress bar says how far it has come, then the graph comes", async () => {
    const p = page();
    // The server's status as /api/status gives it while graph.json is read (a 369 MB file, a third read).
    const statuses: number[] = [];
    await p.route(/\/api\/status$/, (route) => {
      statuses.push(Date.now());
      return route.fulfill({
        status: 200,
        contentType: "application/json",
        body: JSON.stringify({ graph: { state: "reading", file: "/data/graph.json", bytesRead: 123_000_000, totalBytes: 369_000_000, elapsedMs: 4000 } }),
      });
    });
    // The graph's answer starts only once the page has shown that (the real one, held back).
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await p.route(GRAPH_ROUTE, async (route) => {
      await held;
      await route.continue();
    });
    await openExplorer(p, url());
    const bar = p.getByTestId("load-progress");
    await p.waitForFunction(
      () => document.querySelector('[data-testid="load-progress"]')?.getAttribute("aria-valuetext") === "The server is reading the graph… 123.0 MB of 369.0 MB",
      undefined,
      { timeout: 15_000 },
    );
    expect(await bar.getAttribute("role")).toBe("progressbar");
    release();
    await waitForReady(p);
    // Once the answer has come, the page stops asking.
    const asked = statuses.length;
    expect(asked).toBeGreaterThan(0);
    await p.waitForTimeout(1500);
    expect(statuses.length).toBe(asked);
    expect(await p.getByTestId("load-progress").count()).toBe(0);
    expect(unexpectedPageErrors()).toEqual([]);
  });

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1024, height: 768 },
  ]) {
    it(`the layout fits ${viewport.width}×${viewport.height}`, async () => {
      const p = page();
      await p.setViewportSize(viewport);
      await openExplorer(p, url());
      await waitForReady(p);
      const node = await pickClickableNode(p);
      if (node) {
        await p.mouse.click(node.x, node.y);
        await p.locator('[data-testid="node-panel"]').waitFor();
      }
      const layout = await p.evaluate(() => {
        // (no named inner functions: page functions must survive any transpiler's helpers)
        const [canvas, panel, search, legend] = ['[data-testid="graph-canvas"]', ".side-panel", '[data-testid="search-input"]', ".legend"].map(
          (selector) => {
            const el = document.querySelector(selector);
            if (!el) return null;
            const r = el.getBoundingClientRect();
            return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
          },
        );
        return {
          scrollWidth: document.documentElement.scrollWidth,
          scrollHeight: document.documentElement.scrollHeight,
          canvas,
          panel,
          search,
          legend,
        };
      });
      const { width, height } = viewport;
      expect(layout.scrollWidth, "no horizontal scrolling").toBeLessThanOrEqual(width);
      expect(layout.scrollHeight, "no page scrolling").toBeLessThanOrEqual(height);
      for (const [name, r] of Object.entries({ canvas: layout.canvas, panel: layout.panel, search: layout.search, legend: layout.legend })) {
        expect(r, `${name} is on the page`).not.toBeNull();
        expect(r!.left, `${name} left`).toBeGreaterThanOrEqual(0);
        expect(r!.right, `${name} right`).toBeLessThanOrEqual(width + 0.5);
        expect(r!.bottom, `${name} bottom`).toBeLessThanOrEqual(height + 0.5);
      }
      expect(layout.canvas!.width, "graph width").toBeGreaterThanOrEqual(600);
      expect(layout.canvas!.height, "graph height").toBeGreaterThanOrEqual(550);
      expect(layout.panel!.width, "side panel width").toBeGreaterThanOrEqual(300);
      // The canvas and the panel do not overlap.
      expect(layout.canvas!.right).toBeLessThanOrEqual(layout.panel!.left + 0.5);
      await p.screenshot({ path: path.join(SHOTS, `layout-${width}x${height}.png`) });
      expect(unexpectedPageErrors()).toEqual([]);
    });
  }
});
