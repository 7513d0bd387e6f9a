// Real-browser scenarios for issue 5, one per feature: filters, neighbourhood, path, evidence, meetings and
// timeline, conflicts, layout, shareable view, readability, downloads. Each asserts what a user sees (panels,
// chips, counts, the URL, the highlighted passage, files saved) and, through the page's test hook, what the
// canvas draws. Targets are found by asking graph.json (the graph changes as the extractor improves).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { parseGraphDocument, type GraphDocument } from "@/lib/contract";
import { EDGE_COLOR, FADED_NODE_COLOR, PATH_COLOR, SINGLE_SOURCE_EDGE_COLOR } from "@/lib/view/style";
import { assertChromium, launch, type Browser } from "./support/chromium";
import { chipLabels, chooseBySearch, countsText, drawnNodes, openExplorer, screenshotWebGL, settle, waitForQuery, waitForReady, GRAPH_ROUTE } from "./support/explorer";
import { byDegree, distances, distinctArticles, farPair, typedGraph, type TypedGraph } from "./support/graph";
import { countNonBackground, decodePng } from "./support/png";
import { ensureBuilt, ROOT, snapshotGraph, startApp, type RunningApp } from "./support/server";

const SOURCE_GRAPH = path.resolve(process.env.NEWSGRAPH_GRAPH || path.join(ROOT, "graph-data", "graph.json"));
const SHOTS = path.resolve(process.env.NEWSGRAPH_SCREENSHOTS || path.join(os.tmpdir(), "newsgraph-browser"));

let app: RunningApp | null = null;
let browser: Browser | null = null;
let doc: GraphDocument;
/** The run's own copy of graph.json (see snapshotGraph). */
let GRAPH_FILE = "";
let g: TypedGraph;

function page(): Page {
  if (!browser) throw new Error("the browser did not start (see beforeAll)");
  return browser.page;
}

function url(query = ""): string {
  if (!app) throw new Error("the app did not start (see beforeAll)");
  return `${app.url}/${query ? `?${query}` : ""}`;
}

function attr(value: string): string {
  return value.replace(/["\\]/g, "\\$&");
}

function unexpectedPageErrors(): string[] {
  return (browser?.pageErrors ?? []).filter((m) => !/Failed to load resource/.test(m));
}

async function articleText(id: string): Promise<string> {
  const response = await fetch(`${app!.url}/api/articles/${encodeURIComponent(id)}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { text: string }).text;
}

async function open(query = ""): Promise<Page> {
  const p = page();
  await openExplorer(p, url(query));
  await waitForReady(p);
  return p;
}

async function shot(name: string): Promise<void> {
  await page().screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** What the reducers made of a node / an edge, once sigma drew the current state. */
async function nodeDisplay(p: Page, key: string) {
  await settle(p);
  return p.evaluate((k) => window.__newsgraph!.nodeDisplay(k), key);
}

async function edgeDisplay(p: Page, key: string) {
  await settle(p);
  return p.evaluate((k) => window.__newsgraph!.edgeDisplay(k), key);
}

/** The relations drawn now (the hook's visible edges without co-mentions). */
async function drawnRelations(p: Page): Promise<string[]> {
  await settle(p);
  const edges = await p.evaluate(() => window.__newsgraph?.visibleEdges() ?? []);
  return edges.filter((e) => !e.includes("|CO_MENTIONED|"));
}

beforeAll(async () => {
  assertChromium();
  GRAPH_FILE = snapshotGraph(SOURCE_GRAPH);
  doc = parseGraphDocument(JSON.parse(readFileSync(GRAPH_FILE, "utf8")), GRAPH_FILE);
  g = typedGraph(doc);
  expect(doc.graph.nodes.length, "the graph to explore has nodes").toBeGreaterThan(0);
  mkdirSync(SHOTS, { recursive: true });
  ensureBuilt();
  app = await startApp({ env: { NEWSGRAPH_GRAPH: GRAPH_FILE } });
  browser = await launch({ width: 1280, height: 800 });
});

afterAll(async () => {
  await Promise.allSettled([browser?.close(), app?.stop()]);
});

afterEach(async () => {
  if (!browser) return;
  await browser.page.unrouteAll({ behavior: "ignoreErrors" });
  await browser.page.setViewportSize({ width: 1280, height: 800 });
  browser.pageErrors.length = 0;
});

describe("issue 5 features in Chromium", () => {
  it("filters: removable chips, counts that change, filtered parts hidden or faded, co-mentions off by default", async () => {
    const p = await open();
    const initial = await countsText(p);
    expect(initial).toMatch(/^\d+ entities · \d+ relations/);
    expect(await chipLabels(p)).toEqual([]);
    // Co-mentions are off by default.
    expect((await p.evaluate(() => window.__newsgraph!.visibleEdges())).some((e) => e.includes("|CO_MENTIONED|"))).toBe(false);

    await p.getByTestId("tab-filters").click();
    const panel = p.getByTestId("filter-panel");
    await panel.waitFor();

    // Entity type: switch off the most common type.
    const types = new Map<string, number>();
    for (const n of doc.graph.nodes) types.set(n.attributes.type, (types.get(n.attributes.type) ?? 0) + 1);
    const [commonType, commonCount] = [...types].sort((a, b) => b[1] - a[1])[0]!;
    await panel.getByTestId(`filter-type-${commonType}`).uncheck();
    expect(await chipLabels(p)).toEqual([`No ${commonType}`]);
    expect(await countsText(p)).toContain(`${doc.graph.nodes.length - commonCount} of ${doc.graph.nodes.length} entities`);
    const someOfType = doc.graph.nodes.find((n) => n.attributes.type === commonType)!.key;
    expect((await nodeDisplay(p, someOfType))?.hidden).toBe(true);

    // Fade instead of hide: the same node is drawn faint.
    await panel.getByTestId("filter-fade").check();
    expect((await nodeDisplay(p, someOfType))).toMatchObject({ hidden: false, color: FADED_NODE_COLOR });
    await shot("filters-faded-1280x800");
    await panel.getByTestId("filter-hide").check();
    expect((await nodeDisplay(p, someOfType))?.hidden).toBe(true);

    // Relation type: only the most frequent typed relation ("only" next to it).
    const relCounts = new Map<string, number>();
    for (const e of doc.graph.edges) if (e.attributes.type !== "CO_MENTIONED") relCounts.set(e.attributes.type, (relCounts.get(e.attributes.type) ?? 0) + 1);
    const [topRelation] = [...relCounts].sort((a, b) => b[1] - a[1])[0]!;
    const row = panel.locator("li", { has: p.getByTestId(`filter-relation-${topRelation}`) });
    await row.hover();
    await row.getByRole("button", { name: "only" }).click();
    const chipsNow = await chipLabels(p);
    expect(chipsNow[0]).toBe(`No ${commonType}`);
    expect(chipsNow[1]).toMatch(/^Relation: /);
    const relations = await drawnRelations(p);
    expect(relations.length).toBeGreaterThan(0);
    expect(relations.every((e) => e.split("|")[1] === topRelation)).toBe(true);

    // Minimum sources: every edge drawn has at least two articles.
    await p.getByTestId("tab-filters").click();
    await panel.getByTestId("filter-min-sources").selectOption("2");
    expect(await chipLabels(p)).toContain("≥ 2 sources");
    const byKey = new Map(doc.graph.edges.map((e) => [e.key, e]));
    for (const e of await drawnRelations(p)) expect(distinctArticles(byKey.get(e)!.attributes.evidence), e).toBeGreaterThanOrEqual(2);

    // Co-mention layer on: its edges appear, and a chip says so.
    const coTotal = doc.graph.edges.filter((e) => e.attributes.type === "CO_MENTIONED").length;
    if (coTotal > 0) {
      await panel.getByTestId("filter-comentions").check();
      expect(await chipLabels(p)).toContain("Co-mentions shown");
      expect(await countsText(p)).toMatch(/co-mentions/);
    }
    await shot("filters-chips-1280x800");

    // Every chip removes its own filter; at the end the counts are back.
    while ((await p.getByTestId("chip").count()) > 0) {
      const before = await p.getByTestId("chip").count();
      await p.getByTestId("chip").first().getByRole("button").click();
      expect(await p.getByTestId("chip").count()).toBe(before - 1);
    }
    expect(await countsText(p)).toBe(initial);
    expect((await drawnNodes(p)).length).toBe(doc.graph.nodes.length);

    // A source article filter: only the article that supports the fewest relations.
    const perArticle = new Map(doc.articles.map((a) => [a.id, 0]));
    for (const e of doc.graph.edges) {
      if (e.attributes.type === "CO_MENTIONED") continue;
      for (const id of new Set(e.attributes.evidence.map((ev) => ev.article))) perArticle.set(id, (perArticle.get(id) ?? 0) + 1);
    }
    const others = doc.articles.map((a) => a.id).sort((a, b) => perArticle.get(a)! - perArticle.get(b)!);
    if (others.length > 1) {
      await p.getByTestId("tab-filters").click();
      await panel.locator(`[data-testid="filter-article"][data-article="${attr(others[0]!)}"]`).uncheck();
      expect(await chipLabels(p)).toEqual([expect.stringMatching(/^Sources?: /)]);
      expect(await countsText(p)).not.toBe(initial);
      await p.getByTestId("chip").first().getByRole("button").click();
      expect(await countsText(p)).toBe(initial);
    }
    expect(unexpectedPageErrors()).toEqual([]);
  });

  it("neighbourhood: 1, 2 and 3 hops; a hub above the cap shows its first neighbours and 'and N more'", async () => {
    const center = byDegree(g)[0]!;
    const degree = g.adjacency.get(center)!.size;
    expect(degree, "the best connected node has neighbours").toBeGreaterThan(1);
    const p = await open();
    await chooseBySearch(p, center, g.labels.get(center)!);

    await p.getByTestId("hops-1").click();
    await p.getByTestId("neighbourhood-box").waitFor();
    expect(await chipLabels(p)).toEqual([expect.stringMatching(/^Around .* · 1 hop$/)]);
    const one = distances(g, center, 1);
    const drawn1 = await drawnNodes(p);
    expect(drawn1).toContain(center);
    for (const k of drawn1) expect(one.has(k), `${k} is a neighbour of ${center}`).toBe(true);
    expect(drawn1.length).toBe(Math.min(degree, 10) + 1);

    // A cap below the hub's degree: "and N more" on the panel and on the graph.
    const cap = Math.max(1, Math.min(5, degree - 1));
    await p.getByTestId("hub-cap").selectOption(String(cap));
    const more = p.locator(`[data-testid="hub-more"][data-hub="${attr(center)}"]`);
    await more.waitFor();
    expect(await more.textContent()).toBe(`and ${degree - cap} more`);
    expect((await drawnNodes(p)).length).toBe(cap + 1);
    expect(await p.getByTestId("neighbourhood-count").textContent()).toBe(String(cap));
    expect(await p.locator(`[data-testid="hub-more-badge"][data-node="${attr(center)}"]`).textContent()).toBe(`+${degree - cap}`);
    await shot("neighbourhood-capped-1280x800");
    await more.click();
    await more.waitFor({ state: "detached" });
    expect((await drawnNodes(p)).length).toBe(degree + 1);

    // Two and three hops: everything drawn is that close, and more is drawn.
    await p.locator('[data-testid="neighbourhood-box"] .segmented__button', { hasText: "2 hops" }).click();
    const two = distances(g, center, 2);
    const drawn2 = await drawnNodes(p);
    for (const k of drawn2) expect(two.has(k), `${k} within 2 hops`).toBe(true);
    expect(drawn2.length).toBeGreaterThanOrEqual(degree + 1);
    await p.locator('[data-testid="neighbourhood-box"] .segmented__button', { hasText: "3 hops" }).click();
    const three = distances(g, center, 3);
    const drawn3 = await drawnNodes(p);
    for (const k of drawn3) expect(three.has(k), `${k} within 3 hops`).toBe(true);
    expect(drawn3.length).toBeGreaterThanOrEqual(drawn2.length);
    await shot("neighbourhood-3hops-1280x800");

    // Removing the chip brings the whole graph back.
    await p.getByTestId("chip").getByRole("button").click();
    expect((await drawnNodes(p)).length).toBe(doc.graph.nodes.length);
    expect(unexpectedPageErrors()).toEqual([]);
  });

  it("path: two entities picked, the shortest path drawn and listed hop by hop with quote and source count", async () => {
    const pair = farPair(g);
    expect(pair, "two connected entities at least two hops apart").not.toBeNull();
    if (!pair) return;
    const p = await open();
    await p.getByTestId("tab-path").click();
    for (const [end, key] of [
      ["path-from", pair.from],
      ["path-to", pair.to],
    ] as const) {
      const input = p.getByTestId(end);
      await input.click();
      await input.pressSequentially(g.labels.get(key)!.slice(0, 30), { delay: 5 });
      const option = p.locator(`.picker [role="option"][data-key="${attr(key)}"]`);
      await option.waitFor();
      await option.dispatchEvent("mousedown");
    }
    const hops = p.getByTestId("path-hop");
    await hops.first().waitFor();
    expect(await hops.count()).toBe(pair.hops);
    expect(await chipLabels(p)).toEqual([expect.stringMatching(/^Path: /)]);

    const byKey = new Map(doc.graph.edges.map((e) => [e.key, e]));
    let at = pair.from;
    const onPath = new Set([pair.from]);
    for (let i = 0; i < pair.hops; i++) {
      const hop = hops.nth(i);
      const edgeKey = (await hop.getAttribute("data-edge"))!;
      const edge = byKey.get(edgeKey)!;
      expect(edge, edgeKey).toBeDefined();
      expect([edge.source, edge.target]).toContain(at);
      at = edge.source === at ? edge.target : edge.source;
      onPath.add(at);
      const count = distinctArticles(edge.attributes.evidence);
      expect(await hop.getByTestId("source-count").textContent()).toBe(`${count} source${count === 1 ? "" : "s"}`);
      const quote = hop.getByTestId("evidence-quote").first();
      const text = await articleText((await quote.getAttribute("data-article"))!);
      expect(text.slice(Number(await quote.getAttribute("data-start")), Number(await quote.getAttribute("data-end")))).toBe(await quote.textContent());
      // drawn in the path colour
      expect((await edgeDisplay(p, edgeKey))?.color).toBe(PATH_COLOR);
    }
    expect(at).toBe(pair.to);
    // Off-path nodes are faded and unlabelled.
    const off = byDegree(g).find((k) => !onPath.has(k))!;
    expect((await nodeDisplay(p, off))).toMatchObject({ color: FADED_NODE_COLOR, label: null });
    await shot("path-1280x800");

    // The first hop's quote opens its article with the passage highlighted.
    const first = hops.first().getByTestId("evidence-quote").first();
    const quoteText = await first.textContent();
    await first.click();
    const mark = p.locator('[data-testid="article-reader"] [data-testid="highlighted-passage"]');
    await mark.waitFor();
    expect(await mark.textContent()).toBe(quoteText);
    expect(unexpectedPageErrors()).toEqual([]);
  });

  it("evidence: clicking an edge lists its quotes with article, publisher and date; a quote opens the article scrolled to the passage; single-source edges are paler", async () => {
    const p = await open();
    // An edge whose middle is on the canvas, clear of every node.
    const target = await p.evaluate(() => {
      const hook = window.__newsgraph!;
      const nodes = hook.visibleNodes().map((n) => hook.nodeViewportPosition(n.key)).filter((x): x is { x: number; y: number } => !!x);
      let best: { key: string; x: number; y: number; gap: number } | null = null;
      for (const key of hook.visibleEdges()) {
        const m = hook.edgeViewportMidpoint(key);
        if (!m) continue;
        const hit = document.elementFromPoint(m.x, m.y);
        if (!(hit instanceof HTMLCanvasElement) || !hit.classList.contains("sigma-mouse")) continue;
        const gap = Math.min(...nodes.map((n) => Math.hypot(n.x - m.x, n.y - m.y)));
        if (!best || gap > best.gap) best = { key, x: m.x, y: m.y, gap };
      }
      return best;
    });
    expect(target, "an edge that can be clicked").not.toBeNull();
    if (!target) return;
    await p.mouse.move(target.x, target.y);
    await p.mouse.click(target.x, target.y);
    // The edge under the pointer (where edges cross, sigma picks the one drawn on top).
    const panel = p.getByTestId("edge-panel");
    await panel.waitFor({ timeout: 5_000 });
    const clicked = (await panel.getAttribute("data-edge"))!;
    expect(await p.evaluate(() => window.__newsgraph!.view().selectedEdge)).toBe(clicked);
    const edge = doc.graph.edges.find((e) => e.key === clicked)!;
    expect(edge, clicked).toBeDefined();
    expect((await edgeDisplay(p, clicked))?.size).toBeGreaterThanOrEqual(3);
    const quotes = panel.getByTestId("evidence-quote");
    expect(await quotes.count()).toBe(edge.attributes.evidence.length);
    const articles = new Map(doc.articles.map((a) => [a.id, a]));
    const firstEv = [...edge.attributes.evidence].sort((a, b) => (a.article < b.article ? -1 : a.article > b.article ? 1 : a.start - b.start))[0]!;
    const meta = articles.get(firstEv.article)!;
    const source = panel.locator(".evidence__source").first();
    expect(await source.textContent()).toContain(meta.title?.trim() || meta.id);
    for (const bit of [meta.publisher, meta.date].filter(Boolean)) expect(await source.textContent()).toContain(bit!);
    const count = distinctArticles(edge.attributes.evidence);
    expect(await panel.getByTestId("source-count").textContent()).toBe(`${count} source${count === 1 ? "" : "s"}`);
    await shot("edge-evidence-1280x800");

    // The quote opens the article beside the graph, the passage highlighted and scrolled into view.
    await quotes.first().click();
    const mark = p.locator('[data-testid="article-reader"] [data-testid="highlighted-passage"]');
    await mark.waitFor();
    expect(await mark.textContent()).toBe(firstEv.quote);
    const inView = await mark.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const scroller = el.closest(".side-panel__body")!.getBoundingClientRect();
      return box.top >= scroller.top && box.bottom <= scroller.bottom;
    });
    expect(inView, "the highlighted passage is scrolled into view").toBe(true);
    await shot("edge-article-1280x800");

    // Single-source relations are drawn paler than corroborated ones, and the legend says so.
    await p.keyboard.press("Escape");
    await p.keyboard.press("Escape");
    const single = doc.graph.edges.find((e) => e.attributes.type !== "CO_MENTIONED" && distinctArticles(e.attributes.evidence) === 1);
    const multi = doc.graph.edges.find((e) => e.attributes.type !== "CO_MENTIONED" && distinctArticles(e.attributes.evidence) >= 2);
    if (single) expect((await edgeDisplay(p, single.key))?.color).toBe(SINGLE_SOURCE_EDGE_COLOR);
    if (multi) expect((await edgeDisplay(p, multi.key))?.color).toBe(EDGE_COLOR);
    expect(await p.getByTestId("legend-single-source").textContent()).toContain("1 source (paler)");
    expect(unexpectedPageErrors()).toEqual([]);
  });

  it("meetings and timeline: the list gives date, place and participants; a window filters the graph", async () => {
    // The seed articles state few dates: serve a copy where every meeting and article is dated, so the
    // window has something to select (the app is the same; only the data is richer).
    const dated: GraphDocument = structuredClone(doc);
    const meetings = dated.graph.nodes.filter((n) => n.attributes.type === "Meeting");
    expect(meetings.length, "the graph has meetings").toBeGreaterThan(1);
    meetings.forEach((m, i) => {
      const day = `2025-10-${String(1 + ((i * 5) % 28)).padStart(2, "0")}`;
      const d = { text: `day ${i}`, start: day, end: day, article: dated.articles[0]!.id };
      m.attributes.date = d;
      m.attributes.dates = [d];
    });
    dated.articles.forEach((a, i) => (a.date = `2025-11-${String(1 + i * 6).padStart(2, "0")}`));
    const p = page();
    await p.route(GRAPH_ROUTE, (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(dated) }));
    await open();

    await p.getByTestId("tab-meetings").click();
    const items = p.getByTestId("meeting");
    expect(await items.count()).toBe(meetings.length);
    const withParticipants = meetings.find((m) => dated.graph.edges.some((e) => e.attributes.type === "ATTENDED" && e.target === m.key));
    if (withParticipants) {
      const item = p.locator(`[data-testid="meeting"][data-key="${attr(withParticipants.key)}"]`);
      const participant = dated.graph.edges.find((e) => e.attributes.type === "ATTENDED" && e.target === withParticipants.key)!.source;
      expect(await item.getByTestId("meeting-participants").textContent()).toContain(g.labels.get(participant)!.slice(0, 20));
      expect(await item.locator(".meeting__when").textContent()).toMatch(/\d{1,2} Oct 2025/);
    }

    // A window over the first half of October (event dates): later meetings leave the graph.
    const inside = meetings.filter((m) => m.attributes.date!.start! <= "2025-10-15");
    await p.getByTestId("tab-filters").click();
    await p.getByTestId("date-from").fill("2025-10-01");
    await p.getByTestId("date-to").fill("2025-10-15");
    expect(await chipLabels(p)).toEqual(["Event date: 1 Oct 2025 – 15 Oct 2025"]);
    expect(await p.getByTestId("timeline-window").textContent()).toBe("1 Oct 2025 – 15 Oct 2025");
    const drawn = new Set(await drawnNodes(p));
    for (const m of meetings) expect(drawn.has(m.key), `${m.key} (${m.attributes.date!.start})`).toBe(inside.includes(m));
    await p.getByTestId("tab-meetings").click();
    expect(await p.getByTestId("meetings-summary").textContent()).toContain(`${inside.length} of ${meetings.length} shown`);
    await shot("timeline-window-1280x800");

    // The timeline's handles work from the keyboard: the end handle moves a day to the right.
    await p.getByTestId("timeline-end").focus();
    await p.keyboard.press("ArrowRight");
    expect(await p.getByTestId("timeline-window").textContent()).toBe("1 Oct 2025 – 16 Oct 2025");

    // Publication dates: a window before every article leaves no relation.
    await p.getByTestId("timeline-field").selectOption("publication");
    await p.getByTestId("tab-filters").click();
    await p.getByTestId("date-undated").uncheck();
    expect((await chipLabels(p))[0]).toMatch(/^Published: /);
    expect(await countsText(p)).toMatch(/^\d+ of \d+ entities · 0 of \d+ relations/);
    await p.getByTestId("chip").first().getByRole("button").click();
    expect(await chipLabels(p)).toEqual([]);
    expect(unexpectedPageErrors()).toEqual([]);
  });

  it("conflicts lens: every conflict with its competing claims, badges on the graph, 'only disputed facts'", async () => {
    const subjects = [...new Set(doc.conflicts.map((c) => c.subject))].filter((k) => g.labels.has(k));
    const p = await open();
    await p.getByTestId("tab-conflicts").click();
    const panel = p.getByTestId("conflicts-panel");
    await panel.waitFor();
    const groups = new Set(doc.conflicts.map((c) => `${c.subject}|${c.field}`));
    expect(await panel.getByTestId("conflict").count()).toBe(groups.size);
    if (doc.conflicts.length === 0) {
      expect(await panel.textContent()).toContain("No conflict");
      return;
    }
    // A conflict shows each competing value with its article and quote (the article's own words).
    const c = doc.conflicts[0]!;
    const item = panel.locator(`[data-testid="conflict"][data-subject="${attr(c.subject)}"][data-field="${attr(c.field)}"]`);
    const text = (await item.textContent()) ?? "";
    for (const claim of c.claims) expect(text).toContain(claim.value);
    const quote = item.getByTestId("evidence-quote").first();
    const article = await articleText((await quote.getAttribute("data-article"))!);
    expect(article.slice(Number(await quote.getAttribute("data-start")), Number(await quote.getAttribute("data-end")))).toBe(await quote.textContent());

    // Badges on the conflicted nodes, next to the node.
    const badges = p.getByTestId("conflict-badge");
    expect(await badges.count()).toBe(subjects.length);
    const near = await p.evaluate((key) => {
      const badge = document.querySelector<HTMLElement>(`[data-testid="conflict-badge"][data-node="${CSS.escape(key)}"]`);
      const at = window.__newsgraph!.nodeViewportPosition(key);
      if (!badge || !at || badge.style.display === "none") return null;
      const r = badge.getBoundingClientRect();
      return Math.hypot(r.left + r.width / 2 - at.x, r.top + r.height / 2 - at.y);
    }, subjects[0]!);
    expect(near).not.toBeNull();
    expect(near!).toBeLessThan(40);

    // Only disputed facts: every conflicted node stays, the rest goes.
    await panel.getByTestId("disputed-only").check();
    expect(await chipLabels(p)).toEqual(["Only disputed facts"]);
    const drawn = await drawnNodes(p);
    for (const s of subjects) expect(drawn).toContain(s);
    expect(drawn.length).toBeLessThan(doc.graph.nodes.length);
    await shot("conflicts-disputed-1280x800");
    expect(unexpectedPageErrors()).toEqual([]);
  });

  it("layout: ForceAtlas2 runs in a web worker, stops on demand, and keeps the positions", async () => {
    const p = await open();
    const keys = byDegree(g).slice(0, 12);
    const positions = () => p.evaluate((ks) => ks.map((k) => window.__newsgraph!.nodePosition(k)), keys);
    const before = await positions();
    const worker = p.waitForEvent("worker", { timeout: 10_000 });
    await p.getByTestId("layout-toggle").click();
    await worker;
    expect(await p.getByTestId("layout-toggle").textContent()).toContain("Stop layout");
    expect(await p.evaluate(() => window.__newsgraph!.layoutRunning())).toBe(true);
    await p.waitForFunction(
      ({ ks, b }) => ks.some((k, i) => {
        const now = window.__newsgraph!.nodePosition(k)!;
        return Math.hypot(now.x - b[i]!.x, now.y - b[i]!.y) > 0.5;
      }),
      { ks: keys, b: before as { x: number; y: number }[] },
      { timeout: 10_000 },
    );
    await p.getByTestId("layout-toggle").click();
    expect(await p.evaluate(() => window.__newsgraph!.layoutRunning())).toBe(false);
    await p.waitForTimeout(100); // a message in flight is ignored once stopped
    const stopped = await positions();
    await p.waitForTimeout(700);
    expect(await positions(), "positions stay where the layout left them").toEqual(stopped);
    expect(stopped).not.toEqual(before);
    const image = await screenshotWebGL(p);
    expect(countNonBackground(image)).toBeGreaterThan(200);
    await shot("layout-after-fa2-1280x800");
    await p.getByTestId("layout-reset").click();
    expect(await positions()).toEqual(before);
    expect(unexpectedPageErrors()).toEqual([]);
  });

  it("shareable view: selection, filters, time window, path and camera in the URL; the link restores them", async () => {
    const pair = farPair(g);
    const hubs = byDegree(g);
    const selected = hubs[0]!;
    const from = pair?.from ?? hubs[1]!;
    const to = pair?.to ?? hubs[2]!;
    const p = await open();
    await chooseBySearch(p, selected, g.labels.get(selected)!);
    await p.getByTestId("path-from-here").click();
    await p.getByTestId("tab-path").click();
    // replace the "from" end by the pair's, then the "to" end
    for (const [id, key] of [
      ["path-from", from],
      ["path-to", to],
    ] as const) {
      const input = p.getByTestId(id);
      await input.click();
      await input.pressSequentially(g.labels.get(key)!.slice(0, 30), { delay: 5 });
      const option = p.locator(`.picker [role="option"][data-key="${attr(key)}"]`);
      await option.waitFor();
      await option.dispatchEvent("mousedown");
    }
    await p.getByTestId("tab-filters").click();
    await p.getByTestId("date-from").fill("2020-01-01");
    await p.getByTestId("date-to").fill("2030-12-31");
    await p.getByTestId("filter-min-sources").selectOption("1");
    await p.getByRole("button", { name: "Zoom out" }).click();
    await p.getByTestId("tab-path").click();
    // The camera goes to the URL once it stops moving.
    await p.waitForFunction(() => {
      const cam = new URL(location.href).searchParams.get("cam");
      const live = window.__newsgraph!.camera();
      return !!cam && Math.abs(Number(cam.split(",")[2]) - live.ratio) < 1e-4;
    }, undefined, { timeout: 5_000 });
    const params = await waitForQuery(p, (q) => q.get("pto") === to && q.get("from") === "2020-01-01" && q.get("panel") === "path");
    expect(params.get("pfrom")).toBe(from);
    const link = p.url();
    const camera = await p.evaluate(() => window.__newsgraph!.camera());
    const chips = await chipLabels(p);
    const hopsBefore = await p.getByTestId("path-hop").count();
    await shot("share-before-1280x800");

    // Open the link afresh.
    await p.goto("about:blank");
    await openExplorer(p, link);
    await waitForReady(p);
    expect(await chipLabels(p)).toEqual(chips);
    expect(await p.getByTestId("tab-path").getAttribute("aria-selected")).toBe("true");
    expect(await p.getByTestId("path-hop").count()).toBe(hopsBefore);
    expect(await p.getByTestId("path-from").inputValue()).toBe(g.labels.get(from));
    const restored = await p.evaluate(() => window.__newsgraph!.camera());
    expect(restored.ratio).toBeCloseTo(camera.ratio, 3);
    expect(restored.x).toBeCloseTo(camera.x, 3);
    expect(restored.y).toBeCloseTo(camera.y, 3);
    expect(await p.evaluate(() => window.__newsgraph!.view().filters)).toMatchObject({ dateFrom: "2020-01-01", dateTo: "2030-12-31" });

    // A neighbourhood link with a selection and a hidden type.
    const type = doc.graph.nodes.find((n) => n.key !== selected && n.attributes.type !== g.types.get(selected))!.attributes.type;
    await openExplorer(p, url(`node=${encodeURIComponent(selected)}&nb=${encodeURIComponent(selected)}&hops=2&hide=${type}`));
    await waitForReady(p);
    await p.locator(`[data-testid="node-panel"][data-node="${attr(selected)}"]`).waitFor();
    await p.getByTestId("neighbourhood-box").waitFor();
    const two = distances(g, selected, 2);
    for (const k of await drawnNodes(p)) {
      expect(two.has(k)).toBe(true);
      expect(g.types.get(k) !== type || k === selected).toBe(true);
    }
    await shot("share-neighbourhood-1280x800");
    expect(unexpectedPageErrors()).toEqual([]);
  });

  it("readability: legend, labels that do not pile up, hover highlight, keyboard access, empty filter state", async () => {
    const p = await open();
    const legend = (await p.getByTestId("legend").textContent()) ?? "";
    for (const t of new Set(doc.graph.nodes.map((n) => n.attributes.type))) expect(legend).toContain(t);
    for (const s of ["2+ sources", "1 source (paler)", "co-mentions"]) expect(legend).toContain(s);

    // Labels drawn on the canvas do not overlap each other (sigma's label grid).
    const boxes = await p.evaluate(() => window.__newsgraph!.labelBoxes());
    expect(boxes.length).toBeGreaterThan(3);
    let overlaps = 0;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 4 && h > 4) overlaps++;
      }
    }
    expect(overlaps, `overlapping labels among ${boxes.length}`).toBeLessThanOrEqual(Math.floor(boxes.length * 0.05));

    // Hover: the node's neighbours keep their colour, the others fade.
    const hub = byDegree(g)[0]!;
    const at = await p.evaluate((k) => window.__newsgraph!.nodeViewportPosition(k), hub);
    expect(at).not.toBeNull();
    await p.mouse.move(at!.x, at!.y);
    await p.waitForFunction((k) => window.__newsgraph!.view().hoveredNode === k, hub, { timeout: 3_000 }).catch(() => undefined);
    const hovered = await p.evaluate(() => window.__newsgraph!.view().hoveredNode);
    if (hovered) {
      const neighbour = [...g.adjacency.get(hovered)!][0]!;
      const stranger = doc.graph.nodes.find((n) => n.key !== hovered && !g.adjacency.get(hovered)!.has(n.key))!.key;
      expect(((await nodeDisplay(p, neighbour)))?.color).not.toBe(FADED_NODE_COLOR);
      expect(((await nodeDisplay(p, stranger)))?.color).toBe(FADED_NODE_COLOR);
      await shot("hover-1280x800");
    }
    await p.mouse.move(5, 300);

    // Keyboard only: "/" to search, arrows and Enter to choose, tabs with arrows, Escape to close.
    await p.locator("body").click({ position: { x: 640, y: 20 } });
    await p.keyboard.press("/");
    expect(await p.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("search-input");
    await p.keyboard.type(g.labels.get(hub)!.slice(0, 20));
    await p.keyboard.press("ArrowDown");
    await p.keyboard.press("Enter");
    await p.locator('[data-testid="node-panel"]').waitFor();
    await p.getByTestId("tab-details").focus();
    await p.keyboard.press("ArrowRight");
    expect(await p.getByTestId("tab-filters").getAttribute("aria-selected")).toBe("true");
    expect(await p.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("tab-filters");
    await p.getByTestId("filter-panel").waitFor();
    await p.keyboard.press("End");
    expect(await p.getByTestId("tab-conflicts").getAttribute("aria-selected")).toBe("true");
    await p.keyboard.press("Home");
    await p.keyboard.press("Escape");
    expect(await p.evaluate(() => window.__newsgraph!.selectedNode())).toBeNull();

    // Filters that leave nothing say so, with a way out.
    await p.getByTestId("tab-filters").click();
    for (const t of new Set(doc.graph.nodes.map((n) => n.attributes.type))) await p.getByTestId(`filter-type-${t}`).uncheck();
    const empty = p.getByTestId("state-filtered-empty");
    await empty.waitFor();
    expect(await empty.textContent()).toContain("Nothing matches these filters");
    await shot("filtered-empty-1280x800");
    await empty.getByRole("button", { name: "Clear the filters" }).click();
    expect((await drawnNodes(p)).length).toBe(doc.graph.nodes.length);
    expect(unexpectedPageErrors()).toEqual([]);
  });

  it("downloads: the current view as JSON, the whole graph as GEXF, a PNG of the canvas; a JSON file opens again", async () => {
    const p = await open();
    // Hide the most common type, then download the view.
    const types = new Map<string, number>();
    for (const n of doc.graph.nodes) types.set(n.attributes.type, (types.get(n.attributes.type) ?? 0) + 1);
    const [hidden] = [...types].sort((a, b) => b[1] - a[1])[0]!;
    await p.getByTestId("tab-filters").click();
    await p.getByTestId(`filter-type-${hidden}`).uncheck();
    const shown = (await drawnNodes(p)).length;

    await p.getByTestId("download-button").click();
    await p.getByTestId("download-menu").waitFor();
    await shot("download-menu-1280x800");
    await p.getByTestId("scope-view").check();
    const [json] = await Promise.all([p.waitForEvent("download"), p.getByTestId("format-json").click()]);
    expect(json.suggestedFilename()).toBe("newsgraph-view.json");
    const jsonPath = path.join(SHOTS, "download-view.json");
    await json.saveAs(jsonPath);
    const exported = parseGraphDocument(JSON.parse(readFileSync(jsonPath, "utf8")), "download-view.json");
    expect(exported.graph.nodes.length).toBe(shown);
    expect(exported.graph.nodes.some((n) => n.attributes.type === hidden)).toBe(false);
    for (const e of exported.graph.edges) expect(e.attributes.evidence.length).toBeGreaterThan(0);

    await p.getByTestId("scope-whole").check();
    const [gexf] = await Promise.all([p.waitForEvent("download"), p.getByTestId("format-gexf").click()]);
    const gexfPath = path.join(SHOTS, "download-whole.gexf");
    await gexf.saveAs(gexfPath);
    const gexfText = readFileSync(gexfPath, "utf8");
    expect(gexfText).toMatch(/^<\?xml/);
    expect(gexfText).toContain("<gexf");
    expect((gexfText.match(/<node /g) ?? []).length).toBe(doc.graph.nodes.length);

    const [png] = await Promise.all([p.waitForEvent("download"), p.getByTestId("format-png").click()]);
    const pngPath = path.join(SHOTS, "download-view.png");
    await png.saveAs(pngPath);
    const image = decodePng(readFileSync(pngPath));
    const canvas = await p.locator('[data-testid="graph-canvas"]').boundingBox();
    expect(image.width).toBe(Math.round(canvas!.width));
    expect(countNonBackground(image), "the PNG shows the drawing").toBeGreaterThan(500);
    await p.keyboard.press("Escape");

    // Open the exported JSON: the explorer shows that graph, and says it is a file.
    await p.getByTestId("open-file-input").setInputFiles(jsonPath);
    await p.getByTestId("opened-file").waitFor();
    expect(await p.getByTestId("opened-file").textContent()).toContain("download-view.json");
    await waitForReady(p);
    expect((await drawnNodes(p)).length).toBe(shown);
    expect(await countsText(p)).toMatch(new RegExp(`^${shown} entities`));

    // A file that is not a graph is refused with a message naming it.
    const bad = path.join(SHOTS, "not-a-graph.json");
    writeFileSync(bad, JSON.stringify({ hello: "world" }));
    await p.getByTestId("open-file-input").setInputFiles(bad);
    const message = p.getByTestId("toolbar-message");
    await message.waitFor();
    expect(await message.textContent()).toContain("Could not open not-a-graph.json");
    expect((await drawnNodes(p)).length).toBe(shown);
    expect(unexpectedPageErrors()).toEqual([]);
  });

  it("main states at 1024×768: panels fit, nothing scrolls the page", async () => {
    const p = page();
    await p.setViewportSize({ width: 1024, height: 768 });
    const hub = byDegree(g)[0]!;
    const pair = farPair(g);
    const states: [string, string][] = [
      ["node", `node=${encodeURIComponent(hub)}&nb=${encodeURIComponent(hub)}&hops=2&cap=5`],
      ["filters", "panel=filters&min=2&co=1"],
      ["path", pair ? `panel=path&pfrom=${encodeURIComponent(pair.from)}&pto=${encodeURIComponent(pair.to)}` : "panel=path"],
      ["meetings", "panel=meetings"],
      ["conflicts", "panel=conflicts&disputed=1"],
    ];
    for (const [name, query] of states) {
      await open(query);
      const layout = await p.evaluate(() => {
        const rect = (s: string) => document.querySelector(s)?.getBoundingClientRect() ?? null;
        return {
          scrollWidth: document.documentElement.scrollWidth,
          scrollHeight: document.documentElement.scrollHeight,
          canvas: rect('[data-testid="graph-canvas"]'),
          tabs: rect(".tabs"),
          bar: rect(".filter-bar"),
          toolbar: rect(".toolbar"),
        };
      });
      expect(layout.scrollWidth, `${name}: no horizontal scrolling`).toBeLessThanOrEqual(1024);
      expect(layout.scrollHeight, `${name}: no page scrolling`).toBeLessThanOrEqual(768);
      expect(layout.canvas!.height, `${name}: graph height`).toBeGreaterThanOrEqual(450);
      expect(layout.tabs!.right).toBeLessThanOrEqual(1024.5);
      expect(layout.toolbar!.right).toBeLessThanOrEqual(1024.5);
      await shot(`state-${name}-1024x768`);
    }
    expect(unexpectedPageErrors()).toEqual([]);
  });
});
