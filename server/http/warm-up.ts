// The production server's warm-up (scripts/serve.mjs): as soon as it listens, it asks itself for the
// explorer's first view, so that graph.json is read, indexed, cut and gzipped before anyone opens the
// page. On a 10,000-article build that is about 20 s of work a first visitor would otherwise wait for
// (README, "How it is served"). The request goes through the real route, over HTTP on loopback: the
// answer cached is exactly the one the page will ask for.
import http from "node:http";
import { gunzipSync } from "node:zlib";
import { firstViewUrl, parseFirstViewNodes } from "@/lib/view/coverage";
import { formatBytes } from "@/lib/view/loading";

/** What the warm-up request found. */
export type WarmUpResult =
  | { kind: "ready"; ms: number; jsonBytes: number | null; sentBytes: number }
  /** The route answered, but not with the graph (no graph.json yet, an invalid one…): `message` is its error. */
  | { kind: "unavailable"; ms: number; status: number; message: string }
  /** Neo4j serves the graph (NEO4J_URI): nothing in this process to warm. */
  | { kind: "skipped"; reason: string };

/** The loopback address to reach a server that listens on `hostname` (undefined: every interface). */
export function loopbackHost(hostname: string | undefined): string {
  if (hostname === undefined || hostname === "" || hostname === "0.0.0.0" || hostname === "::") return "127.0.0.1";
  return hostname.includes(":") && !hostname.startsWith("[") ? `[${hostname}]` : hostname;
}

/**
 * Asks the server on `host`:`port` for the first view (NEWSGRAPH_FIRST_VIEW_NODES as the page reads
 * it), accepting gzip as a browser does, and reads the answer to its end without decoding it.
 */
export async function warmUp(host: string, port: number, env: Readonly<Record<string, string | undefined>> = process.env): Promise<WarmUpResult> {
  if (typeof host !== "string" || host === "") throw new Error(`newsgraph/warm-up: host must be a non-empty string, got ${JSON.stringify(host)}`);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`newsgraph/warm-up: port must be an integer from 1 to 65535, got ${JSON.stringify(port)}`);
  if (env.NEO4J_URI) return { kind: "skipped", reason: "NEO4J_URI is set: the graph is read from Neo4j per request" };
  const url = `http://${host}:${port}${firstViewUrl(parseFirstViewNodes(env.NEWSGRAPH_FIRST_VIEW_NODES))}`;
  const started = performance.now();
  const answer = await new Promise<{ status: number; jsonBytes: number | null; sentBytes: number; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": "gzip" } }, (response) => {
        const status = response.statusCode ?? 0;
        const jsonBytes = Number(response.headers["x-newsgraph-json-bytes"] ?? NaN);
        // A 200's bytes are only counted; an error's JSON is kept for its message.
        const chunks: Buffer[] = [];
        let sentBytes = 0;
        response.on("data", (chunk: Buffer) => {
          sentBytes += chunk.byteLength;
          if (status !== 200) chunks.push(chunk);
        });
        response.on("end", () => resolve({ status, jsonBytes: Number.isFinite(jsonBytes) ? jsonBytes : null, sentBytes, body: Buffer.concat(chunks) }));
        response.on("error", reject);
      })
      .on("error", reject);
  });
  const ms = performance.now() - started;
  if (answer.status === 200) return { kind: "ready", ms, jsonBytes: answer.jsonBytes, sentBytes: answer.sentBytes };
  return { kind: "unavailable", ms, status: answer.status, message: errorMessage(answer.body) };
}

/** The `error` of a JSON error answer (gzipped or not), else the start of its text. */
function errorMessage(body: Buffer): string {
  let text: string;
  try {
    // The route gzips errors of 1 KB and more; most are shorter.
    text = (body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : body).toString("utf8");
  } catch {
    text = body.toString("latin1");
  }
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    if (typeof parsed.error === "string") return parsed.error;
  } catch {
    // Not JSON: the text itself.
  }
  return text.slice(0, 300);
}

/** Any line describeWarmUp() gives (scripts/loadtest.ts waits for one in a server's output). */
export const WARM_UP_LINE = /^newsgraph: (?:graph read and the explorer's first view ready in |no graph to serve yet|no warm-up).*$/m;

/** The line the server prints for a warm-up's result. */
export function describeWarmUp(result: WarmUpResult): string {
  if (result.kind === "skipped") return `newsgraph: no warm-up (${result.reason})`;
  if (result.kind === "unavailable") return `newsgraph: no graph to serve yet (${result.status}: ${result.message}); it is read on the first request once it is there`;
  const size = result.jsonBytes === null ? "" : ` (${formatBytes(result.jsonBytes)} of JSON, ${formatBytes(result.sentBytes)} sent)`;
  return `newsgraph: graph read and the explorer's first view ready in ${(result.ms / 1000).toFixed(1)} s${size}`;
}
