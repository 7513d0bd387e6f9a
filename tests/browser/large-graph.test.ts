// Real-browser scenario for a graph larger than the first view (lib/view/coverage.ts): the explorer loads the
// best connected nodes only and says so, search finds an entity outside the view and brings it in with its
// neighbours (merged: the selection, the filters and the camera stay), the whole graph loads on demand; and a
// graph within the cap (the seed graph) comes exactly as before, co-mentions included.
//
// The large graph is synthetic (600 entities, 2,400 relations, 300 co-mentions) with the first view lowered to
// 200 nodes through NEWSGRAPH_FIRST_VIEW_NODES, the deployment setting: fast, and the same code path as the
// 5,000-node default.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { capDocument, documentTotals } from "@/server/http/caps";
import { parseGraphDocument, type GraphDocument } from "@/lib/contract";
import { FIRST_VIEW_NODES } from "@/lib/view/coverage";
import { assertChromium, launch, type Browser } from "./support/chromium";
import { chipLabels, chooseBySearch, openExplorer, settle, waitForReady } from "./support/explorer";
import { syntheticDocument, typedGraph, type TypedGraph } from "./support/graph";
import { ensureBuilt, ROOT, snapshotGraph, startApp, type RunningApp } from "./support/server";

const SEED_GRAPH = path.resolve(process.env.NEWSGRAPH_GRAPH || path.join(ROOT, "graph-data", "graph.json"));
const FIRST_VIEW = 200;

let app: RunningApp | null = null;
let browser: Browser | null = null;
let seed: GraphDocument;
let big: GraphDocument;
let firstView: Set<string>;
let dir = "";

function page(): Page {
  if (!browser) throw new Error("the browser did not start (see beforeAll)");
  return browser.page;
}

function attr(value: string): string {
  return value.replace(/["\\]/g, "\\$&");
}

function unexpectedPageErrors(): string[] {
  return (browser?.pageErrors ?? []).filter((m) => !/Failed to load resource/.test(m));
}

/** The synthetic graph plus a co-mention layer (deterministic), which the first view must leave out. */
function largeDocument(base: GraphDocument): GraphDocument {
  const doc = syntheticDocument(base, 600, 2400);
  const nodes = doc.graph.nodes.slice(0, -2);
  const article = base.articles[0]?.id ?? "synthetic";
  const edges = [...doc.graph.edges];
  for (let i = 0; edges.length < doc.graph.edges.length + 300; i++) {
    const a = nodes[(i * 37) % nodes.length]!.key;
    const b = nodes[(i * 101 + 7) % nodes.length]!.key;
    const key = `${a}|CO_MENTIONED|${b}`;
    if (a === b || edges.some((e) => e.key === key)) continue;
    edges.push({ key, source: a, target: b, attributes: { type: "CO_MENTIONED", evidence: [{ article, start: 0, end: 9, quote: "synthetic" }] } });
  }
  // Sources that disagree about every third person: the conflicts of a node brought in must come with it.
  const evidence = { article, start: 0, end: 9, quote: "synthetic" };
  const conflicts = nodes
    .filter((n, i) => n.attributes.type === "Person" && i % 3 === 0)
    .map((n) => ({ subject: n.key, field: "title", claims: [{ value: "envoy", evidence }, { value: "adviser", evidence }] }));
  return { ...doc, graph: { ...doc.graph, edges }, conflicts };
}

/** Hops between two nodes over typed relations, through the allowed nodes only (the ends always allowed). */
function hopsBetween(g: TypedGraph, from: string, to: string, allowed: (key: string) => boolean = () => true): number | null {
  const dist = new Map([[from, 0]]);
  let frontier = [from];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const n of frontier) {
      for (const o of g.adjacency.get(n)!) {
        if (dist.has(o) || (o !== to && !allowed(o))) continue;
        dist.set(o, dist.get(n)! + 1);
        next.push(o);
      }
    }
    if (dist.has(to)) return dist.get(to)!;
    frontier = next;
  }
  return null;
}

async function coverageText(p: Page): Promise<string> {
  return ((await p.getByTestId("coverage-text").textContent()) ?? "").trim();
}

/** The graph the canvas holds (drawn or filtered out): the hook's node positions answer for every held node. */
async function holds(p: Page, key: string): Promise<boolean> {
  return p.evaluate((k) => window.__newsgraph?.nodePosition(k) !== null, key);
}

beforeAll(async () => {
  assertChromium();
  seed = parseGraphDocument(JSON.parse(readFileSync(snapshotGraph(SEED_GRAPH), "utf8")), SEED_GRAPH);
  big = largeDocument(seed);
  dir = mkdtempSync(path.join(os.tmpdir(), "newsgraph-large-"));
  const file = path.join(dir, "graph.json");
  writeFileSync(file, JSON.stringify(big));
  // What the server's first view holds (the API's own cut, asked the same way).
  firstView = new Set(capDocument(big, FIRST_VIEW, { coMentionsIfWhole: true }).graph.nodes.map((n) => n.key));
  ensureBuilt();
  app = await startApp({ env: { NEWSGRAPH_GRAPH: file, NEWSGRAPH_FIRST_VIEW_NODES: String(FIRST_VIEW) } });
  browser = await launch({ width: 1280, height: 800 });
});

afterAll(async () => {
  await Promise.allSettled([browser?.close(), app?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  if (browser) browser.pageErrors.length = 0;
});

describe("a graph larger than the first view", () => {
  it("loads the best connected nodes and says so; search brings in an entity outside the view; the whole graph on demand", async () => {
    const p = page();
    const requests: string[] = [];
    p.on("request", (r) => {
      if (r.url().includes("/api/")) requests.push(new URL(r.url()).pathname + new URL(r.url()).search);
    });
    await openExplorer(p, `${app!.url}/`);
    await waitForReady(p, 60_000);

    // The first view: 200 of 600, no co-mentions, said plainly.
    const total = documentTotals(big);
    expect(await coverageText(p)).toBe(`Showing the ${FIRST_VIEW} best-connected of ${total.nodes} entities and meetings`);
    expect(requests.some((r) => r.startsWith(`/api/graph?limit=${FIRST_VIEW}&comentionsIfWhole=1`))).toBe(true);
    expect(requests.some((r) => r === "/api/graph")).toBe(false);
    const drawn = await p.evaluate(() => window.__newsgraph!.visibleNodes().map((n) => n.key));
    expect(new Set(drawn)).toEqual(firstView);
    expect(await p.getByTestId("legend").textContent()).toContain(`co-mentions (0 of ${total.coMentions} loaded)`);
    // Lists made from the loaded part say so.
    await p.getByTestId("tab-conflicts").click();
    expect(await p.getByTestId("partial-list-note").textContent()).toBe("Conflicts about the loaded entities: the view holds part of the graph.");

    // A loaded entity with a neighbour outside the view (neither a meeting: meetings get filtered out below).
    const g = typedGraph(big);
    const a = [...firstView].find((k) => g.types.get(k) !== "Meeting" && [...g.adjacency.get(k)!].some((o) => !firstView.has(o) && g.types.get(o) !== "Meeting"))!;
    expect(a, "a loaded node with a neighbour outside the view").toBeTruthy();
    const outsideNeighbours = [...g.adjacency.get(a)!].filter((o) => !firstView.has(o));
    await chooseBySearch(p, a, g.labels.get(a)!);
    // A filter, and the camera left where the search put it.
    await p.locator('[data-testid="legend"] button[title="Hide Meeting nodes"]').click();
    const chips = await chipLabels(p);
    expect(chips.length).toBe(1);
    await p.waitForTimeout(800);
    const camera = await p.evaluate(() => window.__newsgraph!.camera());

    // "Bring in its neighbours": the neighbours outside the view come in; selection, filter and camera stay.
    expect(await holds(p, outsideNeighbours[0]!)).toBe(false);
    await p.getByTestId("bring-in-neighbours").click();
    await p.waitForFunction(() => document.querySelector('[data-testid="coverage-text"]')?.textContent?.includes("brought in"), undefined, { timeout: 15_000 });
    await waitForReady(p);
    await settle(p);
    for (const key of outsideNeighbours) expect(await holds(p, key), key).toBe(true);
    expect(await coverageText(p)).toBe(
      `Showing the ${FIRST_VIEW} best-connected of ${total.nodes} entities and meetings, and ${outsideNeighbours.length} more brought in`,
    );
    expect(await p.evaluate(() => window.__newsgraph!.selectedNode())).toBe(a);
    expect(await chipLabels(p)).toEqual(chips);
    const after = await p.evaluate(() => window.__newsgraph!.camera());
    expect(after).toEqual(camera);
    // A brought-in node is drawn where the build's layout put it.
    const placed = big.graph.nodes.find((n) => n.key === outsideNeighbours[0])!.attributes;
    expect(await p.evaluate((k) => window.__newsgraph!.nodePosition(k), outsideNeighbours[0]!)).toEqual({ x: placed.x, y: placed.y });

    // Search finds an entity outside the view (the server's search) and choosing it brings it in, selected.
    const held = new Set([...firstView, ...outsideNeighbours]);
    const disputed = new Set(big.conflicts.map((c) => c.subject));
    const b = big.graph.nodes.find(
      (n) => !held.has(n.key) && disputed.has(n.key) && /\d{3}$/.test(n.attributes.label) && g.adjacency.get(n.key)!.size > 0,
    )!;
    expect(b, "a node outside the view").toBeTruthy();
    const input = p.getByTestId("search-input");
    await input.click();
    await input.fill("");
    await input.pressSequentially(b.attributes.label, { delay: 5 });
    const option = p.locator(`[role="option"][data-key="${attr(b.key)}"]`);
    await option.waitFor({ timeout: 10_000 });
    expect(await option.getAttribute("data-outside")).toBe("true");
    expect(await option.textContent()).toContain("not in view");
    await option.dispatchEvent("mousedown");
    await p.locator(`[data-testid="node-panel"][data-node="${attr(b.key)}"]`).waitFor({ timeout: 15_000 });
    await waitForReady(p);
    await settle(p);
    expect(await p.evaluate(() => window.__newsgraph!.selectedNode())).toBe(b.key);
    expect((await p.evaluate((k) => window.__newsgraph!.nodeDisplay(k), b.key))?.hidden).toBe(false);
    // The sources' disagreement about it came too (asked of /api/nodes when it was selected).
    await p.getByTestId("node-conflicts").waitFor({ timeout: 10_000 });
    expect(await p.evaluate((k) => window.__newsgraph!.nodePosition(k), b.key)).toEqual({ x: b.attributes.x, y: b.attributes.y });
    for (const key of g.adjacency.get(b.key)!) expect(await holds(p, key), key).toBe(true);
    // The camera goes to the chosen node.
    await p.waitForFunction(
      (k) => {
        const at = window.__newsgraph?.nodeViewportPosition(k);
        const box = document.querySelector('[data-testid="graph-canvas"]')?.getBoundingClientRect();
        return !!at && !!box && Math.hypot(at.x - (box.left + box.width / 2), at.y - (box.top + box.height / 2)) < 30;
      },
      b.key,
      { timeout: 5_000 },
    );
    expect(await chipLabels(p)).toEqual(chips);

    // The whole graph, deliberately: no banner, every node held, the filter and the selection kept.
    await p.getByTestId("load-whole").click();
    await p.getByTestId("coverage-banner").waitFor({ state: "detached", timeout: 30_000 });
    await waitForReady(p, 60_000);
    expect(requests).toContain("/api/graph");
    const never = big.graph.nodes.find((n) => !held.has(n.key) && n.key !== b.key && !g.adjacency.get(b.key)!.has(n.key))!;
    expect(await holds(p, never.key)).toBe(true);
    const drawnWhole = await p.evaluate(() => window.__newsgraph!.visibleNodes().length);
    expect(drawnWhole).toBe(big.graph.nodes.filter((n) => n.attributes.type !== "Meeting").length);
    expect(await chipLabels(p)).toEqual(chips);
    expect(await p.evaluate(() => window.__newsgraph!.selectedNode())).toBe(b.key);
    expect(await p.getByTestId("legend").textContent()).toContain(`co-mentions (${total.coMentions})`);
    expect(unexpectedPageErrors()).toEqual([]);
  });

  it("a link into the view names nodes outside it: they are brought in; a path is asked of the whole graph, not of the loaded part", async () => {
    const p = page();
    const g = typedGraph(big);
    const hops = (from: string, to: string, allowed: (key: string) => boolean) => hopsBetween(g, from, to, allowed);
    // Two loaded entities whose shortest path runs through nodes outside the first view.
    const loaded = [...firstView];
    let pair: { from: string; to: string; whole: number } | null = null;
    for (const from of loaded) {
      for (const to of loaded) {
        if (from >= to) continue;
        const whole = hops(from, to, () => true);
        const part = hops(from, to, (k) => firstView.has(k));
        if (whole !== null && whole >= 2 && (part === null || part > whole)) {
          pair = { from, to, whole };
          break;
        }
      }
      if (pair) break;
    }
    expect(pair, "two loaded nodes with a shorter path through the rest of the graph").not.toBeNull();
    const outside = big.graph.nodes.find((n) => !firstView.has(n.key) && n.attributes.type !== "Meeting")!.key;
    const query = new URLSearchParams({ node: outside, panel: "path", pfrom: pair!.from, pto: pair!.to });
    await openExplorer(p, `${app!.url}/?${query}`);
    await waitForReady(p, 60_000);
    // The hops listed are the whole graph's shortest path (the loaded part alone has none as short).
    await p.waitForFunction((n) => document.querySelectorAll('[data-testid="path-hop"]').length === n, pair!.whole, { timeout: 15_000 });
    const edges = await p.getByTestId("path-hop").evaluateAll((els) => els.map((el) => el.getAttribute("data-edge")!));
    const byKey = new Map(big.graph.edges.map((e) => [e.key, e]));
    let at = pair!.from;
    for (const key of edges) {
      const edge = byKey.get(key)!;
      expect(edge, key).toBeDefined();
      expect([edge.source, edge.target]).toContain(at);
      at = edge.source === at ? edge.target : edge.source;
    }
    expect(at).toBe(pair!.to);
    expect(edges.some((key) => ![byKey.get(key)!.source, byKey.get(key)!.target].every((k) => firstView.has(k)))).toBe(true);
    // Checked against the whole graph: no "may be incomplete" note.
    await p.waitForFunction(() => !document.querySelector('[data-testid="path-completeness"]'), undefined, { timeout: 10_000 });
    // The link's selected node, outside the first view, came in and stays selected.
    expect(await holds(p, outside)).toBe(true);
    expect(await p.evaluate(() => window.__newsgraph!.selectedNode())).toBe(outside);
    expect(unexpectedPageErrors()).toEqual([]);
  });

  it("a path end outside the view is suggested by the server's search; the path brings it in", async () => {
    const p = page();
    const g = typedGraph(big);
    const to = big.graph.nodes.find((n) => !firstView.has(n.key) && /\d{3}$/.test(n.attributes.label) && g.adjacency.get(n.key)!.size > 0)!;
    const from = [...firstView].map((k) => ({ k, d: hopsBetween(g, k, to.key) })).find(({ d }) => d !== null && d >= 2)!;
    expect(from, "a loaded node with a path to the node outside the view").toBeTruthy();
    await openExplorer(p, `${app!.url}/?${new URLSearchParams({ panel: "path", pfrom: from.k })}`);
    await waitForReady(p, 60_000);
    const input = p.getByTestId("path-to");
    await input.click();
    await input.pressSequentially(to.attributes.label, { delay: 5 });
    const option = p.locator(`.picker [role="option"][data-key="${attr(to.key)}"]`);
    await option.waitFor({ timeout: 10_000 });
    expect(await option.getAttribute("data-outside")).toBe("true");
    await option.dispatchEvent("mousedown");
    await p.waitForFunction((n) => document.querySelectorAll('[data-testid="path-hop"]').length === n, from.d, { timeout: 15_000 });
    expect(await holds(p, to.key)).toBe(true);
    expect(await p.evaluate(() => window.__newsgraph!.view().path)).toEqual({ from: from.k, to: to.key });
    expect(await p.getByTestId("path-to").inputValue()).toBe(to.attributes.label);
    expect(unexpectedPageErrors()).toEqual([]);
  });

  it("a neighbourhood is asked of the whole graph: its neighbours outside the view are drawn", async () => {
    const p = page();
    const g = typedGraph(big);
    const a = [...firstView].find((k) => {
      const around = [...g.adjacency.get(k)!];
      return around.length <= 40 && around.filter((o) => !firstView.has(o)).length >= 2;
    })!;
    expect(a, "a loaded node with neighbours outside the view").toBeTruthy();
    const around = [...g.adjacency.get(a)!];
    // The hub cap raised above the node's degree: every neighbour is drawn.
    const query = new URLSearchParams({ node: a, nb: a, hops: "1", cap: "50" });
    await openExplorer(p, `${app!.url}/?${query}`);
    await waitForReady(p, 60_000);
    await p.waitForFunction(
      (keys) => {
        const drawn = new Set((window.__newsgraph?.visibleNodes() ?? []).map((n) => n.key));
        return keys.every((k) => drawn.has(k));
      },
      [a, ...around],
      { timeout: 15_000 },
    );
    await settle(p);
    const drawn = await p.evaluate(() => window.__newsgraph!.visibleNodes().map((n) => n.key));
    expect(new Set(drawn)).toEqual(new Set([a, ...around]));
    await p.waitForFunction(() => !document.querySelector('[data-testid="neighbourhood-completeness"]'), undefined, { timeout: 10_000 });
    expect(unexpectedPageErrors()).toEqual([]);
  });

  it("a graph within the cap (the seed graph) comes whole and as before: same nodes in the same order, every edge, co-mentions included, no banner", async () => {
    const p = page();
    const seedApp = await startApp({ env: { NEWSGRAPH_GRAPH: snapshotGraph(SEED_GRAPH) } });
    try {
      const answers: { url: string; body: unknown }[] = [];
      p.on("response", async (r) => {
        if (!r.url().includes("/api/graph")) return;
        try {
          answers.push({ url: r.url(), body: await r.json() });
        } catch {
          // a preload's body may not be readable: the fetch's is
        }
      });
      await openExplorer(p, `${seedApp.url}/`);
      await waitForReady(p);
      expect(await p.getByTestId("coverage-banner").count()).toBe(0);
      const answer = answers.find((a) => a.body && typeof a.body === "object")!;
      expect(new URL(answer.url).search).toBe(`?limit=${FIRST_VIEW_NODES}&comentionsIfWhole=1`);
      const { truncated, total: _total, ...doc } = answer.body as GraphDocument & { truncated: boolean; total: unknown };
      expect(truncated).toBe(false);
      expect(doc).toEqual(seed);
      const nodes = await p.evaluate(() => window.__newsgraph!.visibleNodes().map((n) => n.key));
      expect(nodes).toEqual(seed.graph.nodes.map((n) => n.key));
      const coMentions = seed.graph.edges.filter((e) => e.attributes.type === "CO_MENTIONED").length;
      expect(await p.getByTestId("legend").textContent()).toContain(`co-mentions (${coMentions})`);
      if (coMentions > 0) {
        await p.getByTestId("legend").getByRole("checkbox").check();
        await settle(p);
      }
      const edges = await p.evaluate(() => window.__newsgraph!.visibleEdges());
      expect(new Set(edges)).toEqual(new Set(seed.graph.edges.filter((e) => e.source !== e.target).map((e) => e.key)));
      expect(unexpectedPageErrors()).toEqual([]);
    } finally {
      await seedApp.stop();
    }
  });
});
