// The API's router for `npm start` (server/http/router.ts, run by scripts/serve.mjs): on a real node:http
// server on loopback over the fixture graph (tests/fixtures/graph), what it takes is answered as pages/api
// answers it under `next start`, and what it does not name falls through to the next handler (Next).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { proxy, config as proxyConfig } from "@/proxy";
import { API_ROUTES, createApiRouter } from "@/server/http/router";
import * as articleRoute from "@/server/routes/articles";
import * as nodeRoute from "@/server/routes/nodes";
import * as searchRoute from "@/server/routes/search";
import * as sourceEntitiesRoute from "@/server/routes/source-entities";
import { K } from "../fixtures/graph/fixture";
import { serveFixtureGraph } from "../fixtures/graph/serve";
import { listenOnLoopback } from "../fixtures/http";

const ROOT = path.resolve(__dirname, "../..");
serveFixtureGraph();

let server: http.Server;
let base = "";
/** The paths the router handed on, in order. */
const fellThrough: string[] = [];

beforeAll(async () => {
  const api = createApiRouter();
  server = http.createServer((request, response) => {
    if (api(request, response)) return;
    fellThrough.push(request.url ?? "");
    response.statusCode = 418;
    response.end("next");
  });
  base = await listenOnLoopback(server);
});

beforeEach(() => {
  fellThrough.length = 0;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** A GET over node:http with the path sent exactly as written (fetch would normalize "..", "%2e"). */
function rawGet(rawPath: string, method = "GET"): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${base}/`, { method, path: rawPath, headers: { "accept-encoding": "identity" } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    request.on("error", reject);
    request.end();
  });
}

/** The route paths pages/api gives its files: "pages/api/nodes/[key].ts" → "/api/nodes/[key]". */
function pagesApiRoutes(dir = path.join(ROOT, "pages", "api")): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...pagesApiRoutes(full));
    else if (/\.tsx?$/.test(entry.name)) {
      const route = "/" + path.relative(path.join(ROOT, "pages"), full).replace(/\.tsx?$/, "").split(path.sep).join("/");
      out.push(route.replace(/\/index$/, ""));
    }
  }
  return out.sort();
}

describe("server/http/router", () => {
  it("should name every route of pages/api, and each with the dynamic segments its page reads", () => {
    expect(API_ROUTES.map((r) => r.path).sort()).toEqual(pagesApiRoutes());
    for (const route of API_ROUTES) {
      const page = fs.readFileSync(path.join(ROOT, "pages", `${route.path}.ts`), "utf8");
      const names = [...route.path.matchAll(/\[(\w+)\]/g)].map((m) => m[1]);
      const handed = /nodeHandler\(route(?:, (\[[^\]]*\]))?\)/.exec(page);
      expect(handed, route.path).not.toBeNull();
      expect(handed![1] ? (JSON.parse(handed![1]) as string[]) : [], route.path).toEqual(names);
    }
  });

  it("should answer its routes as their Web handlers do, dynamic segments decoded", async () => {
    const key = encodeURIComponent(K.ZEL);
    const cases: Array<[string, () => Promise<Response>]> = [
      ["/api/search?q=zel", () => searchRoute.GET(new Request(`${base}/api/search?q=zel`))],
      [`/api/nodes/${key}`, () => nodeRoute.GET(new Request(`${base}/api/nodes/${key}`), { params: Promise.resolve({ key: K.ZEL }) })],
      ["/api/nodes/person%3Anobody", () => nodeRoute.GET(new Request(`${base}/api/nodes/person%3Anobody`), { params: Promise.resolve({ key: "person:nobody" }) })],
      ["/api/articles/alpha", () => articleRoute.GET(new Request(`${base}/api/articles/alpha`), { params: Promise.resolve({ id: "alpha" }) })],
      [
        "/api/sources/alpha/entities",
        () => sourceEntitiesRoute.GET(new Request(`${base}/api/sources/alpha/entities`), { params: Promise.resolve({ article: "alpha" }) }),
      ],
    ];
    for (const [url, web] of cases) {
      const got = await rawGet(url);
      const expected = await web();
      expect(got.status, url).toBe(expected.status);
      expect(got.headers["content-type"], url).toBe(expected.headers.get("content-type"));
      expect(got.body, url).toBe(await expected.text());
    }
    expect(fellThrough).toEqual([]);
  });

  it("should carry HEAD, OPTIONS and refused methods to the route's own handler", async () => {
    const options = await rawGet("/api/search", "OPTIONS");
    expect(options.status).toBe(204);
    expect(options.headers.allow).toBe("GET, HEAD, OPTIONS");
    const head = await rawGet("/api/search?q=zel", "HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
    const put = await rawGet("/api/graph", "PUT");
    expect(put.status).toBe(405);
    expect(JSON.parse(put.body)).toEqual({ error: "newsgraph/api: PUT is not allowed on /api/graph; allowed: GET, HEAD, OPTIONS" });
    expect(fellThrough).toEqual([]);
  });

  it("should answer a path that is not valid percent-encoding with the 400 proxy.ts gives under next start", async () => {
    for (const rawPath of ["/api/articles/%ff", "/api/nodes/person%3Aa%2", "/api/sources/%c0%ae%zz/entities"]) {
      const got = await rawGet(rawPath);
      const fromProxy = proxy(new NextRequest(`${base}${rawPath}`));
      expect(got.status, rawPath).toBe(400);
      expect(got.status).toBe(fromProxy.status);
      expect(got.headers["cache-control"]).toBe(fromProxy.headers.get("cache-control"));
      expect(JSON.parse(got.body)).toEqual(await fromProxy.json());
    }
    // The proxy runs on exactly the routes with a dynamic segment, the ones the router decodes.
    expect(proxyConfig.matcher.map((m) => m.replace("/:path*", ""))).toEqual(
      API_ROUTES.filter((r) => r.path.includes("[")).map((r) => r.path.replace(/\/\[.*$/, "")),
    );
    expect(fellThrough).toEqual([]);
  });

  it("should hand Next every path it does not name exactly", async () => {
    const others = [
      "/",
      "/favicon.ico",
      "/apis/search",
      "/api/search/",
      "/api//search",
      "/api/unknown",
      "/api/graph/extra",
      "/api/articles",
      "/api/articles/a/b",
      "/api/articles/..",
      "/api/articles/.",
      "/api/articles/%2e%2e",
      "/api/articles/%2E",
      "/api/sources/alpha/other",
      "/api/../api/search",
      "/API/search",
    ];
    for (const rawPath of others) expect((await rawGet(rawPath)).status, rawPath).toBe(418);
    expect(fellThrough).toEqual(others);
  });

  it("should refuse a route table entry that is not under /api/", () => {
    expect(() => createApiRouter([{ path: "/search", handler: API_ROUTES[0]!.handler }])).toThrow(
      'newsgraph/api: a route\'s path must start with /api/, got "/search"',
    );
  });
});

describe("scripts/serve.mjs (npm start)", () => {
  const serve = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [path.join(ROOT, "scripts", "serve.mjs"), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env }, timeout: 30_000 });

  it("should refuse a bad port, a missing value or an unknown argument with exit 2 and a line naming it", () => {
    const cases: Array<[string[], Record<string, string>, string]> = [
      [["-p", "70000"], {}, 'newsgraph/serve: the port must be an integer from 0 to 65535, got "70000"'],
      [[], { PORT: "web" }, 'newsgraph/serve: the port must be an integer from 0 to 65535, got "web"'],
      [["-p"], {}, "newsgraph/serve: -p needs a value"],
      [["--bogus"], {}, 'newsgraph/serve: unknown argument "--bogus"'],
    ];
    for (const [args, env, message] of cases) {
      const run = serve(args, env);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr.split("\n")[0]).toBe(message);
      expect(run.stderr).toContain("usage: node scripts/serve.mjs [-p PORT] [-H HOST]");
    }
  });
});
