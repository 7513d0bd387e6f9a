// Page helpers for the explorer scenarios (they use the page's test hook, window.__newsgraph).
import type { Page } from "playwright-core";
import type { NewsgraphTestHook } from "@/lib/view/testHook";
import { decodePng, type DecodedImage } from "./png";

declare global {
  interface Window {
    __newsgraph?: NewsgraphTestHook;
  }
}

/**
 * The explorer's graph requests, whatever their query (the first view asks /api/graph?limit=…): what a
 * scenario intercepts to answer with a graph of its own. An answer without `truncated` is the whole graph.
 */
export const GRAPH_ROUTE = /\/api\/graph(\?[^/]*)?$/;

export async function openExplorer(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: "domcontentloaded" });
}

/** Waits for the ready flag: sigma has drawn its first frame (body[data-graph-ready="true"]). */
export async function waitForReady(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.graphReady === "true" && !!window.__newsgraph, undefined, { timeout });
}

export interface ClickableNode {
  key: string;
  label: string;
  degree: number;
  x: number;
  y: number;
}

/**
 * A node with relations that a real click can hit: among the best connected, the one farthest from any other
 * node, whose point on screen belongs to sigma's mouse layer (not covered by the legend or a panel).
 */
export async function pickClickableNode(page: Page, exclude: string[] = []): Promise<ClickableNode | null> {
  return page.evaluate((excluded) => {
    const hook = window.__newsgraph;
    if (!hook) return null;
    const nodes = hook.visibleNodes();
    const placed = nodes
      .map((n) => ({ ...n, p: hook.nodeViewportPosition(n.key) }))
      .filter((n): n is typeof n & { p: { x: number; y: number } } => n.p !== null);
    const candidates = placed
      .filter((n) => n.degree > 0 && !excluded.includes(n.key))
      .sort((a, b) => b.degree - a.degree)
      .slice(0, 15);
    let best: { key: string; label: string; degree: number; x: number; y: number; gap: number } | null = null;
    for (const c of candidates) {
      const hit = document.elementFromPoint(c.p.x, c.p.y);
      if (!(hit instanceof HTMLCanvasElement) || !hit.classList.contains("sigma-mouse")) continue;
      let gap = Infinity;
      for (const o of placed) if (o.key !== c.key) gap = Math.min(gap, Math.hypot(o.p.x - c.p.x, o.p.y - c.p.y));
      if (!best || gap > best.gap) best = { key: c.key, label: c.label, degree: c.degree, x: c.p.x, y: c.p.y, gap };
    }
    return best && { key: best.key, label: best.label, degree: best.degree, x: best.x, y: best.y };
  }, exclude);
}

/**
 * A screenshot of what the WebGL layers (edges and nodes) drew: every other layer of the graph area
 * (labels, hover canvases, legend) is hidden while the screenshot is taken.
 */
export async function screenshotWebGL(page: Page): Promise<DecodedImage> {
  const box = await page.locator('[data-testid="graph-canvas"]').boundingBox();
  if (!box) throw new Error("the graph canvas is not on the page");
  await page.evaluate(() => {
    const keep = new Set(["sigma-edges", "sigma-nodes"]);
    document.querySelectorAll<HTMLElement>(".graph-area canvas, .legend").forEach((el) => {
      if (el instanceof HTMLCanvasElement && [...el.classList].some((c) => keep.has(c))) return;
      el.dataset.testHidden = el.style.visibility || "-";
      el.style.visibility = "hidden";
    });
  });
  try {
    const png = await page.screenshot({ clip: box });
    return decodePng(png);
  } finally {
    await page.evaluate(() => {
      document.querySelectorAll<HTMLElement>("[data-test-hidden]").forEach((el) => {
        el.style.visibility = el.dataset.testHidden === "-" ? "" : (el.dataset.testHidden ?? "");
        delete el.dataset.testHidden;
      });
    });
  }
}

/** The counts line above the graph ("12 of 84 entities · …"). */
export async function countsText(page: Page): Promise<string> {
  return ((await page.getByTestId("graph-counts").textContent()) ?? "").replace(/\s+/g, " ").trim();
}

/** The labels of the filter chips, in order. */
export async function chipLabels(page: Page): Promise<string[]> {
  return page.locator('[data-testid="chip"] .chip__label').allTextContents();
}

/** Types a name into the search box and chooses the suggestion for `key` with the keyboard. */
export async function chooseBySearch(page: Page, key: string, label: string): Promise<void> {
  const input = page.getByTestId("search-input");
  await input.click();
  await input.fill("");
  await input.pressSequentially(label.slice(0, 30), { delay: 5 });
  const option = page.locator(`[role="option"][data-key="${key.replace(/["\\]/g, "\\$&")}"]`);
  await option.waitFor({ timeout: 5_000 });
  await option.dispatchEvent("mousedown");
  await page.locator(`[data-testid="node-panel"][data-node="${key.replace(/["\\]/g, "\\$&")}"]`).waitFor({ timeout: 5_000 });
}

/**
 * Waits for sigma to draw the current state: a UI change sets new reducers, which sigma applies on its next
 * frame; two animation frames later the display data the hook reads is that state's.
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/** The keys of the nodes drawn now. */
export async function drawnNodes(page: Page): Promise<string[]> {
  await settle(page);
  return page.evaluate(() => (window.__newsgraph?.visibleNodes() ?? []).map((n) => n.key));
}

/** Waits until the address bar's query satisfies `test` (the view is written there after a short debounce). */
export async function waitForQuery(page: Page, test: (params: URLSearchParams) => boolean, timeout = 5_000): Promise<URLSearchParams> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const params = new URL(page.url()).searchParams;
    if (test(params)) return params;
    if (Date.now() > deadline) throw new Error(`the URL never matched: ${page.url()}`);
    await page.waitForTimeout(50);
  }
}
