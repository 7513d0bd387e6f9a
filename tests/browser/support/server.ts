// Build (when needed) and run the production app for real-browser tests: one `npm start` server (scripts/serve.mjs) per run.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url)).replace(/\/$/, "");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

/** What `next build` compiles: a newer file here than .next/BUILD_ID means the build is stale. */
const BUILD_INPUTS = ["app", "components", "lib", "next.config.js", "package.json", "package-lock.json", "tsconfig.json"];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(entry)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

/** Why the app must be (re)built, or null when .next is up to date. */
export function buildReason(root = ROOT): string | null {
  if (process.env.NEWSGRAPH_BROWSER_REBUILD === "1") return "NEWSGRAPH_BROWSER_REBUILD=1";
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return "no .next/BUILD_ID";
  const built = statSync(buildId).mtimeMs;
  for (const input of BUILD_INPUTS) {
    if (newestMtime(path.join(root, input)) > built) return `${input} changed since the last build`;
  }
  return null;
}

/** `next build` when the build is missing or older than the sources. Throws with the build's output tail on failure. */
export function ensureBuilt(root = ROOT): void {
  const reason = buildReason(root);
  if (reason === null) return;
  console.log(`[browser] building the app (${reason}) …`);
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: 540_000,
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}\n${result.stderr ?? ""}`.trim().split("\n").slice(-40).join("\n");
    throw new Error(`next build failed (exit ${result.status ?? result.signal}):\n${output}`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

export interface RunningApp {
  url: string;
  pid: number;
  /** Output of the server so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
// Last resort: never leave a server behind, even when the runner exits abruptly.
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/**
 * `npm start`'s server (`node scripts/serve.mjs -p PORT`: the API on node:http, the pages by Next) on loopback;
 * resolves once `/` answers 200.
 */
export async function startApp(options: { root?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<RunningApp> {
  const root = options.root ?? ROOT;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(root, "scripts", "serve.mjs"), "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  let exited: string | null = null;
  const exit = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exited = `exit ${code ?? signal}`;
      running.delete(child);
      resolve();
    });
  });

  const stop = async () => {
    if (exited !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exit;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (exited !== null) throw new Error(`the server stopped before answering (${exited}):\n${log}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer on ${url} in time:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, pid: child.pid ?? -1, output: () => log, stop };
}

/**
 * A private copy of graph.json for one test run: the app reloads graph.json when it changes, and the graph
 * may be rebuilt while the scenarios run (`npm run graph`); the scenarios and the app must see the same one.
 */
export function snapshotGraph(file: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "newsgraph-graph-"));
  const copy = path.join(dir, "graph.json");
  copyFileSync(file, copy);
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return copy;
}
