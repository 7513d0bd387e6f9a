// scripts/warm-up.ts: the first view asked of a server that is still starting, exactly as the page
// asks it, against real HTTP servers on loopback.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { firstViewUrl } from "@/lib/view/coverage";
import { warmUp } from "@/scripts/warm-up";

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

function listen(server: http.Server, port = 0): Promise<number> {
  servers.push(server);
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

/** A port nothing listens on (yet). */
async function freePort(): Promise<number> {
  const probe = http.createServer();
  const port = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  servers.splice(servers.indexOf(probe), 1);
  return port;
}

describe("scripts/warm-up", () => {
  it("should wait for a server that is still starting, then ask the page's first view once, gzip accepted", async () => {
    const port = await freePort();
    const asked: Array<{ url?: string; encoding?: string }> = [];
    const server = http.createServer((req, res) => {
      asked.push({ url: req.url, encoding: req.headers["accept-encoding"] as string | undefined });
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ graph: "x".repeat(5000) }));
    });
    setTimeout(() => void listen(server, port), 400);
    const result = await warmUp(`http://127.0.0.1:${port}`, { timeoutMs: 10_000, intervalMs: 50, firstViewNodes: 1234 });
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(result.ms).toBeGreaterThanOrEqual(350);
    expect(asked).toEqual([{ url: firstViewUrl(1234), encoding: "gzip" }]);
  });

  it("should report an answer other than 200 at once, with the status", async () => {
    const server = http.createServer((_req, res) => {
      res.statusCode = 503;
      res.end('{"error":"newsgraph/graph: graph file \\"graph.json\\" not found"}');
    });
    const port = await listen(server);
    const result = await warmUp(`http://127.0.0.1:${port}`, { timeoutMs: 10_000, intervalMs: 50 });
    expect(result).toMatchObject({ ok: false, status: 503, reason: `GET http://127.0.0.1:${port}${firstViewUrl()} answered 503` });
  });

  it("should give up after the timeout when nothing answers, and refuse a URL that is not an origin", async () => {
    const port = await freePort();
    const result = await warmUp(`http://127.0.0.1:${port}`, { timeoutMs: 300, intervalMs: 50 });
    expect(result.ok).toBe(false);
    expect(result.reason).toContain(`no answer from http://127.0.0.1:${port}${firstViewUrl()} within 0.3 s (connect ECONNREFUSED`);
    await expect(warmUp("http://127.0.0.1:3000/api", { timeoutMs: 100 })).rejects.toThrow(
      'newsgraph/warm-up: the URL must be a server\'s origin like http://127.0.0.1:3000, got "http://127.0.0.1:3000/api"',
    );
  });
});
