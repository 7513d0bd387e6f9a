// Where page-ready time goes: one navigation to the explorer under Chromium's CPU profiler (CDP), then the
// functions with the most self time, the explorer's own performance marks (newsgraph:*), and the long tasks.
// Prints figures; asserts nothing.
//
//   npx tsx scripts/browser/profile-page.ts [--graph graph-data/graph.json] [--url http://host:port/] [--top 40] [--save profile.cpuprofile]
//
// Without --url it builds the app when stale (`next build`) and starts `next start` on a free port, then loads
// the page once unprofiled (the server reads graph.json on the first request) before the profiled load.
// Positions are mapped back to the sources when the build has browser source maps (`.map` next to the chunks,
// e.g. a local build with `productionBrowserSourceMaps: true`); otherwise they name the minified chunk.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { launch } from "../../tests/browser/support/chromium";
import { ensureBuilt, ROOT, startApp, type RunningApp } from "../../tests/browser/support/server";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

interface SourceMapLike {
  originalPositionFor(pos: { line: number; column: number }): { source: string | null; line: number | null; name: string | null };
}

declare global {
  interface Window {
    __profileLongTasks?: { start: number; duration: number }[];
  }
}

/** A source map for a chunk URL, from the build folder (null when the build has none). */
async function sourceMapFor(url: string, cache: Map<string, SourceMapLike | null>): Promise<SourceMapLike | null> {
  if (cache.has(url)) return cache.get(url)!;
  let consumer: SourceMapLike | null = null;
  const match = /\/_next\/(static\/.+\.js)$/.exec(url.split("?")[0] ?? "");
  const chunk = match ? path.join(ROOT, ".next", match[1]!) : null;
  // The map is the one the chunk names (Turbopack names maps apart from their chunks).
  const named = chunk && existsSync(chunk) ? /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(chunk, "utf8")) : null;
  const file = chunk && named ? path.join(path.dirname(chunk), named[1]!) : null;
  if (file && existsSync(file)) {
    try {
      // source-map-js comes with the toolchain (postcss); without it positions stay minified.
      const { SourceMapConsumer } = (await import("source-map-js")) as unknown as { SourceMapConsumer: new (raw: unknown) => SourceMapLike };
      consumer = new SourceMapConsumer(JSON.parse(readFileSync(file, "utf8")));
    } catch {
      consumer = null;
    }
  }
  cache.set(url, consumer);
  return consumer;
}

async function main() {
  const { values } = parseArgs({
    options: {
      graph: { type: "string" },
      url: { type: "string" },
      top: { type: "string", default: "40" },
      save: { type: "string" },
    },
  });
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
    await page.addInitScript(() => {
      window.__profileLongTasks = [];
      try {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.__profileLongTasks!.push({ start: e.startTime, duration: e.duration });
        }).observe({ type: "longtask", buffered: true });
      } catch {
        // no long-task timing in this browser
      }
    });
    const ready = () => page.waitForFunction(() => document.body?.dataset.graphReady === "true", undefined, { timeout: 120_000 });
    // Warm-up: the server's first answer reads graph.json.
    await page.goto(url, { waitUntil: "commit" });
    await ready();
    await page.goto("about:blank");

    const cdp = await browser.context.newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
    await page.goto(url, { waitUntil: "commit" });
    await ready();
    const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: CpuProfile };
    if (values.save) writeFileSync(values.save, JSON.stringify(profile));

    const timings = await page.evaluate(() => ({
      marks: performance.getEntriesByType("mark").map((m) => ({ name: m.name, at: m.startTime })),
      measures: performance.getEntriesByType("measure").map((m) => ({ name: m.name, at: m.startTime, duration: m.duration })),
      graph: (performance.getEntriesByType("resource").find((e) => e.name.includes("/api/graph")) as PerformanceResourceTiming | undefined) ?? null,
      longTasks: window.__profileLongTasks ?? [],
    }));

    // Self time per node, then per function (name + original position).
    const selfTime = new Map<number, number>();
    profile.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
    const maps = new Map<string, SourceMapLike | null>();
    const byFunction = new Map<string, number>();
    let total = 0;
    for (const node of profile.nodes) {
      const us = selfTime.get(node.id) ?? 0;
      if (us === 0) continue;
      total += us;
      const { functionName, url: script, lineNumber, columnNumber } = node.callFrame;
      let where = script ? `${script.replace(/^https?:\/\/[^/]+/, "")}:${lineNumber + 1}:${columnNumber + 1}` : "";
      let name = functionName || "(anonymous)";
      const map = script && lineNumber >= 0 ? await sourceMapFor(script, maps) : null;
      if (map) {
        const original = map.originalPositionFor({ line: lineNumber + 1, column: columnNumber });
        if (original.source) {
          where = `${original.source.replace(/^.*?(node_modules\/|\.\.\/)/, "$1")}:${original.line}`;
          if (original.name && name === "(anonymous)") name = original.name;
        }
      }
      const key = where ? `${name}  ${where}` : name;
      byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    }
    const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(6)} ms`;
    console.log(`CPU profile of one navigation to ${url} (sampled, ${ms(total)} in all)`);
    for (const [key, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top) || 40)) console.log(`  ${ms(us)}  ${key}`);
    if (timings.graph) console.log(`/api/graph: request ${timings.graph.requestStart.toFixed(0)} ms, first byte ${timings.graph.responseStart.toFixed(0)} ms, end ${timings.graph.responseEnd.toFixed(0)} ms, ${timings.graph.encodedBodySize} bytes on the wire, ${timings.graph.decodedBodySize} decoded`);
    for (const m of timings.marks) console.log(`  mark ${m.name} at ${m.at.toFixed(0)} ms`);
    for (const m of timings.measures) console.log(`  measure ${m.name}: ${m.duration.toFixed(0)} ms (from ${m.at.toFixed(0)} ms)`);
    const longTasks = timings.longTasks.filter((t) => t.duration >= 50);
    console.log(`long tasks (≥ 50 ms): ${longTasks.map((t) => `${t.duration.toFixed(0)} ms at ${t.start.toFixed(0)}`).join(", ") || "none"}`);
  } finally {
    await browser.close();
    await app?.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
