// Asks a freshly started explorer server for the page's first view as soon as it answers, so that
// the first person to open the page does not wait while the server reads graph.json and makes and
// compresses that answer (at 10,000 articles: 15.6 s to a drawn graph cold, 2.5 s warm). The
// server keeps the answer (server/http/answers.ts), so the page's own request is then served from
// memory. scripts/explore.sh runs it in the background beside `next start`.
//
//   tsx scripts/warm-up.ts [--url http://127.0.0.1:3000] [--timeout 600] [--quiet]
//
// Asks exactly what the page asks (firstViewUrl with NEWSGRAPH_FIRST_VIEW_NODES, accept-encoding:
// gzip). Exits 0 once answered 200; 1 when the server answered something else (it is printed: a
// missing graph.json, say) or did not answer within --timeout seconds.
import { fileURLToPath } from "node:url";
import { firstViewUrl, parseFirstViewNodes } from "../lib/view/coverage";

export interface WarmUpResult {
  ok: boolean;
  /** The server's status, when it answered. */
  status?: number;
  /** The answer's size once decoded, when it answered. */
  bytes?: number;
  ms: number;
  /** Why it did not work, in a line. */
  reason?: string;
}

/** Requests `base` + the first view until the server accepts the connection, then reads the whole answer once. */
export async function warmUp(base: string, options: { timeoutMs: number; intervalMs?: number; firstViewNodes?: number }): Promise<WarmUpResult> {
  if (!/^https?:\/\/[^/]+$/.test(base)) throw new Error(`newsgraph/warm-up: the URL must be a server's origin like http://127.0.0.1:3000, got ${JSON.stringify(base)}`);
  const url = base + firstViewUrl(options.firstViewNodes);
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  for (;;) {
    try {
      const response = await fetch(url, { headers: { "accept-encoding": "gzip" }, signal: AbortSignal.timeout(Math.max(1, Math.ceil(options.timeoutMs - elapsed()))) });
      const bytes = (await response.arrayBuffer()).byteLength;
      if (response.status === 200) return { ok: true, status: 200, bytes, ms: elapsed() };
      return { ok: false, status: response.status, bytes, ms: elapsed(), reason: `GET ${url} answered ${response.status}` };
    } catch (error) {
      // Not listening yet (ECONNREFUSED): the server is still starting.
      if (elapsed() + (options.intervalMs ?? 250) >= options.timeoutMs) {
        const cause = (error as Error & { cause?: Error }).cause;
        return { ok: false, ms: elapsed(), reason: `no answer from ${url} within ${Number((options.timeoutMs / 1000).toFixed(1))} s (${cause?.message ?? (error as Error).message})` };
      }
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
    }
  }
}

async function main(): Promise<void> {
  let base = `http://127.0.0.1:${process.env.PORT || 3000}`;
  let timeoutSeconds = 600;
  let quiet = false;
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--url") base = argv[++i] ?? "";
    else if (a === "--timeout") timeoutSeconds = Number(argv[++i]);
    else if (a === "--quiet") quiet = true;
    else throw new Error(`newsgraph/warm-up: unknown option ${JSON.stringify(a)} (--url, --timeout, --quiet)`);
  }
  if (!(timeoutSeconds > 0)) throw new Error("newsgraph/warm-up: --timeout must be a number of seconds above 0");
  const result = await warmUp(base, { timeoutMs: timeoutSeconds * 1000, firstViewNodes: parseFirstViewNodes(process.env.NEWSGRAPH_FIRST_VIEW_NODES) });
  if (!result.ok) {
    console.error(`newsgraph/warm-up: ${result.reason}`);
    process.exitCode = 1;
  } else if (!quiet) {
    console.log(`newsgraph/warm-up: the explorer's first view is ready (${((result.bytes ?? 0) / 1e6).toFixed(1)} MB of JSON, ${(result.ms / 1000).toFixed(1)} s)`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
