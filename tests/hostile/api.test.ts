// The API routes under hostile requests, called as Next 16 calls them: path traversal in every
// spelling, unknown and repeated parameters, result caps with `truncated`, a large graph, and
// random query strings. Every answer is JSON with 200, 400 (naming the parameter) or 404 —
// never a 500, never a file from outside the articles folder, never a stack or a path.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as articleRoute from "@/server/routes/articles";
import * as claimsRoute from "@/server/routes/claims";
import * as coAttendeesRoute from "@/server/routes/co-attendees";
import * as graphRoute from "@/server/routes/graph";
import * as meetingsRoute from "@/server/routes/meetings";
import * as neighborhoodRoute from "@/server/routes/neighborhood";
import * as nodeRoute from "@/server/routes/nodes";
import * as pathRoute from "@/server/routes/path";
import * as searchRoute from "@/server/routes/search";
import * as sourceEntitiesRoute from "@/server/routes/source-entities";
import { errorAnswer } from "@/server/http/respond";
import { toResponse } from "@/server/http/web";
import { parseGraphDocument, type GraphDocument, type SerializedEdge, type SerializedNode } from "@/lib/contract";
import { CLAIMS_DEFAULT_LIMIT, NEIGHBORHOOD_DEFAULT_NODES } from "@/lib/graph/params";
import { buildFixtureDocument, K, tempDir, writeFixtureGraph } from "../fixtures/graph/fixture";
import { serveFixtureGraph } from "../fixtures/graph/serve";

serveFixtureGraph();

const request = (url: string) => new Request(`http://127.0.0.1${url}`);
const params = <T extends object>(value: T) => ({ params: Promise.resolve(value) });

interface Answer {
  status: number;
  json: Record<string, unknown>;
  text: string;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return { status: response.status, json: JSON.parse(text) as Record<string, unknown>, text };
}

/** Nothing in an answer that should never leave the server. */
function expectNoLeak(a: Answer): void {
  expect(a.text).not.toMatch(/root:x?:0:0|\/bin\/(ba)?sh|BEGIN .*PRIVATE KEY/);
  expect(a.text).not.toMatch(/\bat .+\.(ts|js):\d+:\d+/); // a stack frame
  expect(a.text).not.toContain(process.cwd());
  expect(a.status).not.toBe(500);
}

async function expectBadRequest(response: Response, parameter: string): Promise<void> {
  const a = await answer(response);
  expect(a.status, a.text).toBe(400);
  expect(a.json.parameter).toBe(parameter);
  expect(String(a.json.error)).toMatch(/^newsgraph\/graph: /);
  expectNoLeak(a);
}

describe("article ids cannot leave the articles folder", () => {
  // What a route handler may receive as the [id] segment: Next decodes the path once, so both
  // decoded and still-encoded spellings arrive here.
  const TRAVERSALS = [
    "../../etc/passwd",
    "../../../../../../../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "%2E%2E/%2E%2E/etc/passwd",
    "..%252F..%252Fetc%252Fpasswd",
    "%252e%252e%252f",
    "..\\..\\..\\etc\\passwd",
    "..%5c..%5cetc%5cpasswd",
    "/etc/passwd",
    "%2Fetc%2Fpasswd",
    "file:///etc/passwd",
    "alpha/../../../etc/passwd",
    "alpha/../beta",
    "./alpha",
    "alpha.txt",
    "gamma.md",
    "../articles/alpha.txt",
    "..",
    ".",
    "...",
    "~",
    "~root/.ssh/id_rsa",
    "\\\\server\\share\\x",
    "C:\\Windows\\win.ini",
    "．．／．．／etc／passwd",
    "..%c0%af..%c0%afetc",
    "%u002e%u002e",
    "%zz",
    "%",
    "alpha%",
    " alpha",
    "alpha ",
    "ALPHA",
    "__proto__",
    "constructor",
    "prototype",
    "toString",
    "hasOwnProperty",
    "\u202ealpha",
    "alpha\u200b",
    "x".repeat(1000),
    "../".repeat(300),
  ];

  it.each(TRAVERSALS)("%j: 404 unknown article (or 400 for a malformed id), nothing read", async (id) => {
    const a = await answer(await articleRoute.GET(request(`/api/articles/${encodeURIComponent(id)}`), params({ id })));
    expect([400, 404], a.text).toContain(a.status);
    if (a.status === 404) expect(String(a.json.error)).toContain("unknown article");
    else expect(a.json.parameter).toBe("id");
    expectNoLeak(a);
  });

  it.each([
    ["a NUL byte", "alpha\u0000"],
    ["an encoded NUL byte", "alpha%00.txt"],
    ["a newline", "alpha\n"],
    ["an encoded newline", "alpha%0a"],
    ["an escape character", "\u001b[2J"],
    ["an id of 1,001 characters", "x".repeat(1001)],
    ["an id of 100,000 characters", "../".repeat(33_334)],
    ["an empty id", ""],
    ["invalid percent-encoding (overlong UTF-8)", "%c0%ae%c0%ae%2f"],
    ["invalid percent-encoding (lone surrogate)", "%ed%a0%80"],
  ])("%s: 400 naming id", async (_what, id) => {
    await expectBadRequest(await articleRoute.GET(request("/api/articles/x"), params({ id })), "id");
  });

  it("the same for /api/sources/[article]/entities and /api/nodes/[key]", async () => {
    for (const article of ["../../etc/passwd", "%2e%2e%2fgraph.json", "__proto__", "alpha.txt"]) {
      const a = await answer(await sourceEntitiesRoute.GET(request("/api/sources/x/entities"), params({ article })));
      expect(a.status).toBe(404);
      expectNoLeak(a);
    }
    await expectBadRequest(await sourceEntitiesRoute.GET(request("/api/sources/x/entities"), params({ article: "a\u0000" })), "article");
    for (const key of ["constructor:prototype", "person:__proto__", "__proto__", "../../etc/passwd", "person:..%2F..%2Fetc", "person:" + "x".repeat(990)]) {
      const a = await answer(await nodeRoute.GET(request("/api/nodes/x"), params({ key })));
      expect(a.status, key).toBe(404);
      expectNoLeak(a);
    }
    for (const key of ["person:a\u0000b", "x".repeat(1001), "", "%zz%c0%ae"]) {
      await expectBadRequest(await nodeRoute.GET(request("/api/nodes/x"), params({ key })), "key");
    }
  });

  it("a graph.json whose article file is a link out of the folder, a folder or a FIFO: 404, nothing read or hung", async () => {
    const articles = tempDir("newsgraph-articles-");
    const outside = tempDir("newsgraph-outside-");
    fs.writeFileSync(path.join(outside, "secret.txt"), "root:x:0:0:secret outside");
    const doc = buildFixtureDocument();
    fs.symlinkSync(path.join(outside, "secret.txt"), path.join(articles, "alpha.txt"));
    fs.mkdirSync(path.join(articles, "beta.txt"));
    const fifo = spawnSync("mkfifo", [path.join(articles, "gamma.md")]).status === 0;
    process.env.NEWSGRAPH_GRAPH = writeFixtureGraph(doc);
    process.env.NEWSGRAPH_ARTICLES = articles;
    const link = await answer(await articleRoute.GET(request("/api/articles/alpha"), params({ id: "alpha" })));
    expect(link.status).toBe(404);
    expect(String(link.json.error)).toContain("outside the articles folder");
    expectNoLeak(link);
    const folder = await answer(await articleRoute.GET(request("/api/articles/beta"), params({ id: "beta" })));
    expect(folder.status).toBe(404);
    expect(String(folder.json.error)).toContain("is not a regular file");
    if (fifo) {
      const pipe = await answer(await articleRoute.GET(request("/api/articles/gamma"), params({ id: "gamma" })));
      expect(pipe.status).toBe(404);
    }
  });

  it("an article file linked to a subfolder whose name starts with two dots is inside, and served", async () => {
    // Bug fixed: `relative.startsWith("..")` took "..archive/old.txt" for a way out (the corpus reads it).
    const articles = tempDir("newsgraph-articles-");
    fs.mkdirSync(path.join(articles, "..archive"));
    fs.writeFileSync(path.join(articles, "..archive", "old.txt"), "Old text.\n");
    fs.symlinkSync(path.join("..archive", "old.txt"), path.join(articles, "linked.txt"));
    const doc = buildFixtureDocument();
    doc.articles = [{ id: "linked", file: "linked.txt", title: null, publisher: null, url: null, date: null, sha256: "0".repeat(64), chars: 10 }];
    process.env.NEWSGRAPH_GRAPH = writeFixtureGraph(doc);
    process.env.NEWSGRAPH_ARTICLES = articles;
    const a = await answer(await articleRoute.GET(request("/api/articles/linked"), params({ id: "linked" })));
    expect(a.status, a.text).toBe(200);
    expect(a.json.text).toBe("Old text.\n");
  });

  it("ids with spaces, non-ASCII letters and emoji are served, decoded or still encoded", async () => {
    const articles = tempDir("newsgraph-articles-");
    const doc = buildFixtureDocument();
    const ids = ["Zürich Bericht", "Київ 📰", "o'brien & co (1)"];
    doc.articles = ids.map((id, i) => {
      const file = `${id}.${i === 1 ? "md" : "txt"}`;
      fs.writeFileSync(path.join(articles, file), `Text of ${id}.\n`);
      return { id, file, title: id, publisher: null, url: null, date: null, sha256: "0".repeat(64), chars: id.length + 10 };
    });
    process.env.NEWSGRAPH_GRAPH = writeFixtureGraph(doc);
    process.env.NEWSGRAPH_ARTICLES = articles;
    for (const id of ids) {
      for (const segment of [id, encodeURIComponent(id)]) {
        const a = await answer(await articleRoute.GET(request(`/api/articles/${encodeURIComponent(id)}`), params({ id: segment })));
        expect(a.status, `${id} as ${segment}`).toBe(200);
        expect(a.json.text).toBe(`Text of ${id}.\n`);
      }
    }
  });

  it("an article url that is not a web address is not served as a link", async () => {
    const doc = buildFixtureDocument();
    doc.articles[0]!.url = "javascript:alert(document.cookie)";
    doc.articles[1]!.url = "data:text/html,<script>alert(1)</script>";
    process.env.NEWSGRAPH_GRAPH = writeFixtureGraph(doc);
    for (const id of ["alpha", "beta"]) {
      const a = await answer(await articleRoute.GET(request(`/api/articles/${id}`), params({ id })));
      expect(a.status).toBe(200);
      expect((a.json.article as { url: unknown }).url).toBeNull();
    }
  });
});

describe("parameters a route does not take, and parameters given twice", () => {
  it.each([
    ["/api/graph?typo=Person", graphRoute.GET, "typo"],
    ["/api/graph?type=Person", graphRoute.GET, "type"],
    ["/api/search?q=x&lmit=5", searchRoute.GET, "lmit"],
    ["/api/neighborhood?key=person%3Akirill-dmitriev&hop=2", neighborhoodRoute.GET, "hop"],
    ["/api/path?from=person%3Amarta-nunez&to=person%3Akirill-dmitriev&dateFrom=2025-01-01&from2=x", pathRoute.GET, "from2"],
    ["/api/claims?fewerThan=2&__proto__=1", claimsRoute.GET, "__proto__"],
    ["/api/meetings?entity=person%3Avolodymyr-zelensky&constructor=1", meetingsRoute.GET, "constructor"],
    ["/api/co-attendees?entity=person%3Avolodymyr-zelensky&entity%00=1", coAttendeesRoute.GET, "entity\u0000"],
    ["/api/neighborhood?key=person%3Akirill-dmitriev&hops=1&hops=3", neighborhoodRoute.GET, "hops"],
    ["/api/search?q=a&q=b", searchRoute.GET, "q"],
    ["/api/graph?limit=5&limit=6", graphRoute.GET, "limit"],
    ["/api/path?from=person%3Amarta-nunez&from=person%3Akirill-dmitriev&to=place%3Amiami", pathRoute.GET, "from"],
  ] as const)("%s → 400 naming it", async (url, handler, parameter) => {
    await expectBadRequest(await handler(request(url)), parameter);
  });

  it("routes with a path segment take no query parameter", async () => {
    await expectBadRequest(await articleRoute.GET(request("/api/articles/alpha?download=1"), params({ id: "alpha" })), "download");
    await expectBadRequest(await nodeRoute.GET(request(`/api/nodes/x?x=1`), params({ key: K.DMI })), "x");
    await expectBadRequest(await sourceEntitiesRoute.GET(request("/api/sources/alpha/entities?all=1"), params({ article: "alpha" })), "all");
  });

  it("a parameter name of 10,000 characters is named, shortened", async () => {
    const a = await answer(await graphRoute.GET(request(`/api/graph?${"p".repeat(10_000)}=1`)));
    expect(a.status).toBe(400);
    expect(String(a.json.parameter)).toBe(`${"p".repeat(60)}…`);
    expect(a.text.length).toBeLessThan(500);
  });

  it("repeatable filters may be repeated", async () => {
    const a = await answer(await graphRoute.GET(request("/api/graph?types=Person&types=Place&articles=alpha&articles=beta")));
    expect(a.status).toBe(200);
  });
});

describe("hops and result sizes are capped, with `truncated`", () => {
  it("hops: 1 to 3", async () => {
    for (const hops of ["0", "4", "1000000000", "-1", "1e3", "0x2", "２", "3.0", "Infinity", "NaN"]) {
      await expectBadRequest(await neighborhoodRoute.GET(request(`/api/neighborhood?key=person%3Akirill-dmitriev&hops=${encodeURIComponent(hops)}`)), "hops");
    }
    const a = await answer(await neighborhoodRoute.GET(request("/api/neighborhood?key=person%3Akirill-dmitriev&hops=3")));
    expect(a.status).toBe(200);
  });

  it("search: limit 1–100, truncated when more nodes matched", async () => {
    const one = await answer(await searchRoute.GET(request("/api/search?q=e&limit=1")));
    expect(one.json.hits).toHaveLength(1);
    expect(one.json.truncated).toBe(true);
    const all = await answer(await searchRoute.GET(request("/api/search?q=e&limit=50")));
    expect((all.json.hits as unknown[]).length).toBeLessThan(50);
    expect(all.json.truncated).toBe(false);
    const exact = (all.json.hits as unknown[]).length;
    const fits = await answer(await searchRoute.GET(request(`/api/search?q=e&limit=${exact}`)));
    expect(fits.json.truncated).toBe(false);
    const fewer = await answer(await searchRoute.GET(request(`/api/search?q=e&limit=${exact - 1}`)));
    expect(fewer.json.truncated).toBe(true);
    for (const limit of ["0", "101", "-5", "ten", "1.5", "99999999999"]) await expectBadRequest(await searchRoute.GET(request(`/api/search?q=e&limit=${limit}`)), "limit");
    await expectBadRequest(await searchRoute.GET(request(`/api/search?q=${"a".repeat(1001)}`)), "q");
  });

  it("neighbourhood: limit 1–5000 nodes (default 500), the nearest kept, edges only between kept nodes", async () => {
    const full = await answer(await neighborhoodRoute.GET(request("/api/neighborhood?key=person%3Akirill-dmitriev&hops=2")));
    expect(full.json.truncated).toBe(false);
    const nodes = full.json.nodes as Array<{ key: string; distance: number }>;
    expect(nodes.length).toBeGreaterThan(3);
    const cut = await answer(await neighborhoodRoute.GET(request("/api/neighborhood?key=person%3Akirill-dmitriev&hops=2&limit=3")));
    expect(cut.json.truncated).toBe(true);
    const kept = cut.json.nodes as Array<{ key: string }>;
    expect(kept.map((n) => n.key)).toEqual(nodes.slice(0, 3).map((n) => n.key));
    expect(kept[0]!.key).toBe(K.DMI);
    const keys = new Set(kept.map((n) => n.key));
    for (const edge of cut.json.edges as SerializedEdge[]) expect(keys.has(edge.source) && keys.has(edge.target)).toBe(true);
    for (const limit of ["0", "5001", "x"]) {
      await expectBadRequest(await neighborhoodRoute.GET(request(`/api/neighborhood?key=person%3Akirill-dmitriev&limit=${limit}`)), "limit");
    }
  });

  it("claims: limit 1–10000 (default 1000)", async () => {
    const all = await answer(await claimsRoute.GET(request("/api/claims?fewerThan=3")));
    expect(all.json.truncated).toBe(false);
    const cut = await answer(await claimsRoute.GET(request("/api/claims?fewerThan=3&limit=2")));
    expect(cut.json.truncated).toBe(true);
    expect(cut.json.claims).toEqual((all.json.claims as unknown[]).slice(0, 2));
    await expectBadRequest(await claimsRoute.GET(request("/api/claims?fewerThan=3&limit=10001")), "limit");
  });

  it("graph: the whole document without limit (no `truncated` field: unchanged), the best connected nodes with it", async () => {
    const whole = await answer(await graphRoute.GET(request("/api/graph")));
    expect(whole.json).toEqual(buildFixtureDocument());
    const cut = await answer(await graphRoute.GET(request("/api/graph?limit=4")));
    expect(cut.json.truncated).toBe(true);
    const doc = parseGraphDocument(cut.json, "limited");
    expect(doc.graph.nodes).toHaveLength(4);
    const keys = new Set(doc.graph.nodes.map((n) => n.key));
    for (const edge of doc.graph.edges) expect(keys.has(edge.source) && keys.has(edge.target)).toBe(true);
    for (const conflict of doc.conflicts) expect(keys.has(conflict.subject)).toBe(true);
    const roomy = await answer(await graphRoute.GET(request("/api/graph?limit=1000&types=Person")));
    expect(roomy.json.truncated).toBe(false);
    for (const limit of ["0", "-1", "all", "1000001"]) await expectBadRequest(await graphRoute.GET(request(`/api/graph?limit=${limit}`)), "limit");
  });
});

/** A star graph: one hub with `n` spokes, each spoke an edge with evidence (a large graph for the caps). */
function starDocument(n: number): GraphDocument {
  const text = "Hub met Spoke.";
  const article = { id: "star", file: "star.txt", title: null, publisher: null, url: null, date: null, sha256: "0".repeat(64), chars: text.length };
  const evidence = [{ article: "star", start: 0, end: 14, quote: text }];
  const nodes: SerializedNode[] = [{ key: "person:hub", attributes: { type: "Person", label: "Hub", aliases: [], mentions: [{ article: "star", start: 0, end: 3 }] } }];
  const edges: SerializedEdge[] = [];
  for (let i = 0; i < n; i++) {
    const key = `person:spoke-${String(i).padStart(6, "0")}`;
    nodes.push({ key, attributes: { type: "Person", label: `Spoke ${i}`, aliases: [], mentions: [{ article: "star", start: 8, end: 13 }] } });
    edges.push({ key: `person:hub|MET_WITH|${key}`, source: "person:hub", target: key, attributes: { type: "MET_WITH", evidence, articleCount: 1, publisherCount: 1 } });
  }
  return { version: 1, articles: [article], graph: { options: { type: "directed", multi: true, allowSelfLoops: false }, attributes: {}, nodes, edges }, conflicts: [] };
}

describe("caps on a large graph (20,000 spokes around one hub)", () => {
  it("neighbourhood, claims, search and graph answer capped, quickly", async () => {
    process.env.NEWSGRAPH_GRAPH = writeFixtureGraph(starDocument(20_000));
    const started = performance.now();
    const hood = await answer(await neighborhoodRoute.GET(request("/api/neighborhood?key=person%3Ahub")));
    expect(hood.status).toBe(200);
    expect(hood.json.nodes).toHaveLength(NEIGHBORHOOD_DEFAULT_NODES);
    expect((hood.json.edges as unknown[]).length).toBe(NEIGHBORHOOD_DEFAULT_NODES - 1);
    expect(hood.json.truncated).toBe(true);
    const claims = await answer(await claimsRoute.GET(request("/api/claims?fewerThan=2")));
    expect(claims.json.claims).toHaveLength(CLAIMS_DEFAULT_LIMIT);
    expect(claims.json.truncated).toBe(true);
    const search = await answer(await searchRoute.GET(request("/api/search?q=spoke&limit=100")));
    expect(search.json.hits).toHaveLength(100);
    expect(search.json.truncated).toBe(true);
    const graph = await answer(await graphRoute.GET(request("/api/graph?limit=10")));
    const doc = parseGraphDocument(graph.json);
    expect(doc.graph.nodes[0]!.key).toBe("person:hub");
    expect(doc.graph.nodes).toHaveLength(10);
    expect(doc.graph.edges).toHaveLength(9);
    const path = await answer(await pathRoute.GET(request("/api/path?from=person%3Aspoke-000001&to=person%3Aspoke-019999")));
    expect((path.json.path as { length: number }).length).toBe(2);
    console.log(`[hostile] capped answers on a 20,001-node graph: ${(performance.now() - started).toFixed(0)} ms (including the load)`);
  });
});

describe("random query strings", () => {
  const ROUTES = [
    ["/api/graph", graphRoute.GET],
    ["/api/search", searchRoute.GET],
    ["/api/neighborhood", neighborhoodRoute.GET],
    ["/api/path", pathRoute.GET],
    ["/api/claims", claimsRoute.GET],
    ["/api/meetings", meetingsRoute.GET],
    ["/api/co-attendees", coAttendeesRoute.GET],
  ] as const;
  const NAMES = ["q", "limit", "key", "hops", "from", "to", "entity", "fewerThan", "types", "relations", "articles", "publishers", "minSources", "comentions", "dateFrom", "dateTo"];
  const VALUES = [
    "person:kirill-dmitriev", "person:volodymyr-zelensky", "meeting:miami-talks", "place:miami", "Person", "HEADS,ATTENDED", "alpha", "1", "2", "3", "0", "-1",
    "2025-10-01", "2025-13-45", "yes", "", " ", "%", "%00", "\u0000", "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --", "MATCH (n) DETACH DELETE n",
    "😀", "\u202e", "a".repeat(2000), "9".repeat(30), "NaN", "null", "[]", "{}", "__proto__",
  ];
  const pair = fc.tuple(fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 8 })), fc.oneof(fc.constantFrom(...VALUES), fc.string({ unit: "binary", maxLength: 30 })));

  it("always JSON with 200, 400 naming a parameter, or 404", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), fc.array(pair, { maxLength: 6 }), async ([route, handler], pairs) => {
        const query = new URLSearchParams(pairs).toString();
        const a = await answer(await handler(request(`${route}?${query}`)));
        expect([200, 400, 404], `${route}?${query}: ${a.text.slice(0, 200)}`).toContain(a.status);
        if (a.status === 400) expect(typeof a.json.parameter).toBe("string");
        if (a.status !== 200) expect(Object.keys(a.json).sort()).toEqual(a.status === 400 ? ["error", "parameter"] : ["error"]);
        expectNoLeak(a);
      }),
      { seed: 424_242, numRuns: 400 },
    );
  });
});

describe("unexpected errors", () => {
  it("answer 500 with a generic message: no message, path or stack from the server", async () => {
    const original = console.error;
    console.error = () => {};
    try {
      const error = new Error(`ENOENT: no such file or directory, open '${process.cwd()}/secret/config.json'`);
      const a = await answer(toResponse(errorAnswer(error)));
      expect(a.status).toBe(500);
      expect(a.json).toEqual({ error: "newsgraph/api: internal error (details in the server log)" });
    } finally {
      console.error = original;
    }
  });
});
