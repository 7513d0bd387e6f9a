// Page-ready benchmark: time from navigation to the explorer's ready flag (body[data-graph-ready="true"]:
// sigma has drawn the graph) on the seed graph, in Debian's Chromium, against the production build.
// Prints figures; asserts nothing.
//
//   npx tsx scripts/browser/bench-page.ts [--runs 10] [--graph graph-data/graph.json] [--url http://host:port/]
//
// Without --url it builds the app when stale (`next build`) and starts `next start` on a free port.
// The first navigation after the server starts is reported apart (cold: the server reads graph.json).
import path from "node:path";
import { parseArgs } from "node:util";
import { launch } from "../../tests/browser/support/chromium";
import { ensureBuilt, ROOT, startApp, type RunningApp } from "../../tests/browser/support/server";

interface Run {
  ready: number;
  domContentLoaded: number;
  graphResponse: number | null;
}

declare global {
  interface Window {
    __benchReadyAt?: number;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const ms = (value: number) => `${Math.round(value)} ms`;

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
  const browser = await launch({ width: 1280, height: 800 });
  try {
    const page = browser.page;
    // Stamp the moment the ready flag appears, in the page's own clock (0 = navigation start).
    await page.addInitScript(() => {
      const observer = new MutationObserver(() => {
        if (document.body?.dataset.graphReady === "true" && window.__benchReadyAt === undefined) {
          window.__benchReadyAt = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document, { subtree: true, attributes: true, attributeFilter: ["data-graph-ready"], childList: true });
    });
    const results: Run[] = [];
    for (let i = 0; i <= runs; i++) {
      await page.goto("about:blank");
      await page.goto(url, { waitUntil: "commit" });
      await page.waitForFunction(() => window.__benchReadyAt !== undefined, undefined, { timeout: 60_000 });
      results.push(
        await page.evaluate(() => {
          const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
          const graph = performance.getEntriesByType("resource").find((e) => e.name.includes("/api/graph")) as PerformanceResourceTiming | undefined;
          return { ready: window.__benchReadyAt!, domContentLoaded: nav?.domContentLoadedEventEnd ?? 0, graphResponse: graph ? graph.responseEnd : null };
        }),
      );
    }
    const [cold, ...warm] = results;
    const nodes = await page.evaluate(() => window.__newsgraph?.visibleNodes().length ?? 0);
    console.log(`page ready (navigation → graph drawn) on ${url} — ${nodes} nodes drawn, Chromium headless, 1280×800`);
    console.log(`  cold (first load after the server started): ${ms(cold!.ready)}`);
    const ready = warm.map((r) => r.ready);
    console.log(`  warm, ${warm.length} runs: median ${ms(median(ready))}, min ${ms(Math.min(...ready))}, max ${ms(Math.max(...ready))}`);
    console.log(`    DOMContentLoaded median ${ms(median(warm.map((r) => r.domContentLoaded)))}`);
    const graphTimes = warm.map((r) => r.graphResponse).filter((v): v is number => v !== null);
    if (graphTimes.length) console.log(`    /api/graph received median ${ms(median(graphTimes))}`);
  } finally {
    await browser.close();
    await app?.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
