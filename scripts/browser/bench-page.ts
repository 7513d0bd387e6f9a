// Page-ready benchmark: time from navigation to the explorer's ready flag (body[data-graph-ready="true"]:
// sigma has drawn the graph) on the seed graph, in Debian's Chromium, against the production build.
// Prints figures; asserts nothing.
//
//   npx tsx scripts/browser/bench-page.ts [--runs 10] [--graph graph-data/graph.json] [--url http://host:port/]
//
// Without --url it builds the app when stale (`next build`) and starts `npm start`'s server (scripts/serve.mjs)
// on a free port. The first navigation after the server starts is reported apart (cold: the server is still
// reading graph.json, for its own warm-up or for this request).
//
// Besides the flag, "on screen" is the end of the first frame committed after the flag was set (a
// software-rendered WebGL canvas is read back when a frame is committed: with a large graph that is where the
// drawing cost shows), and the explorer's own marks (newsgraph:*, see lib/view/loading.ts) split the time
// into download, read, build and draw. The machine's load average is printed: timings are noisy when it is high.
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { launch } from "../../tests/browser/support/chromium";
import { ensureBuilt, ROOT, startApp, type RunningApp } from "../../tests/browser/support/server";

interface Run {
  ready: number;
  /** Bytes of the API answers the page read before it was ready: on the wire (compressed) and decoded. */
  apiWire: number;
  apiDecoded: number;
  apiRequests: number;
  onScreen: number;
  domContentLoaded: number;
  graphResponse: number | null;
  marks: Record<string, number>;
}

declare global {
  interface Window {
    __benchReadyAt?: number;
    __benchOnScreenAt?: number;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const ms = (value: number) => `${Math.round(value)} ms`;
const load = () => os.loadavg().map((v) => v.toFixed(2)).join(", ");

async function main() {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "10" },
      graph: { type: "string" },
      url: { type: "string" },
    },
  });
  const runs = Math.max(1, Number(values.runs) || 10);
  let app: RunningApp | null = null;
  let url = values.url;
  if (!url) {
    ensureBuilt();
    const graph = path.resolve(values.graph ?? process.env.NEWSGRAPH_GRAPH ?? path.join(ROOT, "graph-data", "graph.json"));
    app = await startApp({ env: { NEWSGRAPH_GRAPH: graph } });
    url = `${app.url}/`;
  }
  const loadBefore = load();
  const browser = await launch({ width: 1280, height: 800 });
  try {
    const page = browser.page;
    // Stamp the moment the ready flag appears, in the page's own clock (0 = navigation start).
    await page.addInitScript(() => {
      const observer = new MutationObserver(() => {
        if (document.body?.dataset.graphReady === "true" && window.__benchReadyAt === undefined) {
          window.__benchReadyAt = performance.now();
          observer.disconnect();
          // The next frame commits the page as it is now; the task after it runs once that is done.
          requestAnimationFrame(() => setTimeout(() => (window.__benchOnScreenAt = performance.now()), 0));
        }
      });
      observer.observe(document, { subtree: true, attributes: true, attributeFilter: ["data-graph-ready"], childList: true });
    });
    const results: Run[] = [];
    for (let i = 0; i <= runs; i++) {
      await page.goto("about:blank");
      await page.goto(url, { waitUntil: "commit" });
      await page.waitForFunction(() => window.__benchOnScreenAt !== undefined, undefined, { timeout: 180_000 });
      results.push(
        await page.evaluate(() => {
          const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
          const graph = performance.getEntriesByType("resource").find((e) => e.name.includes("/api/graph")) as PerformanceResourceTiming | undefined;
          const marks: Record<string, number> = {};
          for (const m of performance.getEntriesByType("mark")) if (m.name.startsWith("newsgraph:") && !(m.name in marks)) marks[m.name] = m.startTime;
          const api = performance.getEntriesByType("resource").filter((e) => e.name.includes("/api/") && e.startTime <= window.__benchReadyAt!) as PerformanceResourceTiming[];
          return {
            ready: window.__benchReadyAt!,
            apiWire: api.reduce((n, e) => n + e.encodedBodySize, 0),
            apiDecoded: api.reduce((n, e) => n + e.decodedBodySize, 0),
            apiRequests: api.length,
            onScreen: window.__benchOnScreenAt!,
            domContentLoaded: nav?.domContentLoadedEventEnd ?? 0,
            graphResponse: graph ? graph.responseEnd : null,
            marks,
          };
        }),
      );
    }
    const [cold, ...warm] = results;
    const nodes = await page.evaluate(() => window.__newsgraph?.visibleNodes().length ?? 0);
    console.log(`page ready (navigation → graph drawn) on ${url} — ${nodes} nodes drawn, Chromium headless, 1280×800`);
    console.log(`  load average before: ${loadBefore}; after: ${load()} (${os.cpus().length} CPUs)`);
    console.log(`  cold (first load after the server started): ${ms(cold!.ready)}`);
    const spread = (values: number[]) => `median ${ms(median(values))}, min ${ms(Math.min(...values))}, max ${ms(Math.max(...values))}`;
    console.log(`  warm, ${warm.length} runs: ${spread(warm.map((r) => r.ready))}`);
    console.log(`    on screen (the frame after the flag committed): ${spread(warm.map((r) => r.onScreen))}`);
    const mb = (bytes: number) => (bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(1)} MB`);
    console.log(
      `    API answers read before ready: ${warm[0]!.apiRequests} request(s), ${mb(median(warm.map((r) => r.apiWire)))} on the wire, ${mb(median(warm.map((r) => r.apiDecoded)))} decoded`,
    );
    console.log(`    DOMContentLoaded median ${ms(median(warm.map((r) => r.domContentLoaded)))}`);
    const graphTimes = warm.map((r) => r.graphResponse).filter((v): v is number => v !== null);
    if (graphTimes.length) console.log(`    /api/graph received median ${ms(median(graphTimes))}`);
    const names = [...new Set(warm.flatMap((r) => Object.keys(r.marks)))].sort((a, b) => median(warm.map((r) => r.marks[a] ?? 0)) - median(warm.map((r) => r.marks[b] ?? 0)));
    if (names.length) {
      console.log("    marks (median time since navigation start):");
      for (const name of names) {
        const at = warm.map((r) => r.marks[name]).filter((v): v is number => v !== undefined);
        if (at.length) console.log(`      ${name.padEnd(22)} ${ms(median(at))}`);
      }
    }
  } finally {
    await browser.close();
    await app?.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
