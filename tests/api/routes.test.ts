// The API route handlers, called directly as Next 16 calls them (a Request, plus
// `{ params: Promise<…> }` for dynamic segments), over the fixture graph and fixture articles.

import { writeFileSync } from "node:fs";
import path from "node:path";
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
import type { GraphDocument } from "@/lib/contract";
import { buildFixtureDocument, fixtureText, K, tempDir, writeFixtureGraph } from "../fixtures/graph/fixture";
import { serveFixtureGraph } from "../fixtures/graph/serve";

serveFixtureGraph();

const request = (url: string) => new Request(`http://x${url}`);
const params = <T extends object>(value: T) => ({ params: Promise.resolve(value) });

async function body<T = Record<string, unknown>>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return JSON.parse(text) as T;
}

async function expectBadRequest(response: Response, parameter: string): Promise<void> {
  const json = await body<{ error: string; parameter: string }>(response, 400);
  expect(json.parameter).toBe(parameter);
  expect(json.error).toMatch(/^newsgraph\/graph: /);
  expect(json.error).toContain(parameter);
}

async function expectNotFound(response: Response, text?: string): Promise<void> {
  const json = await body<{ error: string }>(response, 404);
  expect(Object.keys(json)).toEqual(["error"]);
  if (text) expect(json.error).toContain(text);
}

describe("api route modules", () => {
  it("should each answer GET through a Web handler", () => {
    for (const route of [
      articleRoute,
      claimsRoute,
      coAttendeesRoute,
      graphRoute,
      meetingsRoute,
      neighborhoodRoute,
      nodeRoute,
      pathRoute,
      searchRoute,
      sourceEntitiesRoute,
    ]) {
      expect(typeof route.GET).toBe("function");
      expect(Object.keys(route.route)).toEqual(["GET"]);
    }
  });
});

describe("GET /api/graph", () => {
  it("should return the whole document without filters", async () => {
    const response = await graphRoute.GET(request("/api/graph"));
    // Revalidated on every use (ETag, see tests/api/answers.test.ts), never used unasked.
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(await body(response, 200)).toEqual(buildFixtureDocument());
  });

  it("should filter by types, relations, articles, publishers, minSources, comentions and dates", async () => {
    const persons = await body<GraphDocument>(await graphRoute.GET(request("/api/graph?types=Person")), 200);
    expect(new Set(persons.graph.nodes.map((node) => node.attributes.type))).toEqual(new Set(["Person"]));
    expect(persons.graph.edges.map((edge) => edge.attributes.type).sort()).toEqual(["ADVISES", "MET_WITH"]);

    const withCo = await body<GraphDocument>(await graphRoute.GET(request("/api/graph?types=Person&comentions=1")), 200);
    expect(withCo.graph.edges).toHaveLength(4);

    const heads = await body<GraphDocument>(await graphRoute.GET(request("/api/graph?relations=HEADS")), 200);
    expect(heads.graph.edges.map((edge) => edge.key)).toEqual([
      "person:kirill-dmitriev|HEADS|org:russian-direct-investment-fund",
      "person:lukasz-borowiecki|HEADS|org:baltic-energy-council",
    ]);

    const gamma = await body<GraphDocument>(await graphRoute.GET(request("/api/graph?articles=gamma")), 200);
    expect(gamma.articles.map((article) => article.id)).toEqual(["gamma"]);

    const wire = await body<GraphDocument>(await graphRoute.GET(request("/api/graph?publishers=Wire%20Service")), 200);
    expect(wire.articles.map((article) => article.id)).toEqual(["beta"]);

    const corroborated = await body<GraphDocument>(await graphRoute.GET(request("/api/graph?minSources=2")), 200);
    expect(corroborated.graph.edges.map((edge) => edge.key)).toEqual(["meeting:miami-talks|HELD_IN|place:miami"]);

    const october = await body<GraphDocument>(await graphRoute.GET(request("/api/graph?from=2025-10-01&to=2025-10-31")), 200);
    expect(october.articles.map((article) => article.id)).toEqual(["alpha", "gamma"]);
  });

  it("should cut to the best connected nodes with limit, and say how much the graph held (`truncated`, `total`)", async () => {
    const whole = buildFixtureDocument();
    const coMentions = whole.graph.edges.filter((edge) => edge.attributes.type === "CO_MENTIONED").length;
    expect(coMentions).toBeGreaterThan(0);
    const total = { nodes: whole.graph.nodes.length, relations: whole.graph.edges.length - coMentions, coMentions };

    // Within the limit: the whole document, co-mentions included, with or without comentionsIfWhole.
    for (const query of ["limit=1000", "limit=1000&comentionsIfWhole=1", `limit=${whole.graph.nodes.length}&comentionsIfWhole=1`]) {
      expect(await body(await graphRoute.GET(request(`/api/graph?${query}`)), 200), query).toEqual({ ...whole, truncated: false, total });
    }

    // Cut: `total` counts the graph before the cut.
    const cut = await body<GraphDocument & { truncated: boolean; total: unknown }>(await graphRoute.GET(request("/api/graph?limit=4")), 200);
    expect(cut.truncated).toBe(true);
    expect(cut.total).toEqual(total);
    expect(cut.graph.nodes).toHaveLength(4);

    // comentionsIfWhole=1 on a cut: no CO_MENTIONED, nodes ranked by their typed relations (then key).
    const typedDegree = new Map<string, number>();
    for (const edge of whole.graph.edges) {
      if (edge.attributes.type === "CO_MENTIONED") continue;
      for (const end of [edge.source, edge.target]) typedDegree.set(end, (typedDegree.get(end) ?? 0) + 1);
    }
    const expected = whole.graph.nodes
      .map((node) => node.key)
      .sort((a, b) => (typedDegree.get(b) ?? 0) - (typedDegree.get(a) ?? 0) || (a < b ? -1 : 1))
      .slice(0, 4)
      .sort();
    const lean = await body<GraphDocument & { truncated: boolean; total: unknown }>(await graphRoute.GET(request("/api/graph?limit=4&comentionsIfWhole=1")), 200);
    expect(lean.truncated).toBe(true);
    expect(lean.total).toEqual(total);
    expect(lean.graph.nodes.map((node) => node.key).sort()).toEqual(expected);
    // The two rankings differ on this graph (a co-mention makes Zelensky one of the four best connected).
    expect(cut.graph.nodes.map((node) => node.key).sort()).not.toEqual(expected);
    expect(lean.graph.edges.some((edge) => edge.attributes.type === "CO_MENTIONED")).toBe(false);
    const kept = new Set(expected);
    const between = whole.graph.edges.filter((edge) => edge.attributes.type !== "CO_MENTIONED" && kept.has(edge.source) && kept.has(edge.target));
    expect(lean.graph.edges).toEqual(between);

    // With a filter, `total` counts the filtered graph.
    const persons = await body<GraphDocument & { total: { nodes: number } }>(await graphRoute.GET(request("/api/graph?types=Person&limit=2")), 200);
    expect(persons.total.nodes).toBe(whole.graph.nodes.filter((node) => node.attributes.type === "Person").length);
  });

  it("should refuse comentionsIfWhole without limit, and a value that is not a yes or no", async () => {
    await expectBadRequest(await graphRoute.GET(request("/api/graph?comentionsIfWhole=1")), "comentionsIfWhole");
    await expectBadRequest(await graphRoute.GET(request("/api/graph?limit=5&comentionsIfWhole=perhaps")), "comentionsIfWhole");
  });

  it.each([
    ["types=Alien", "types"],
    ["relations=LIKES", "relations"],
    ["minSources=0", "minSources"],
    ["comentions=perhaps", "comentions"],
    ["from=2025-13-01", "from"],
    ["from=2025-02-01&to=2025-01-01", "to"],
    ["articles=omega", "articles"],
  ])("should answer 400 naming the parameter for %s", async (query, parameter) => {
    await expectBadRequest(await graphRoute.GET(request(`/api/graph?${query}`)), parameter);
  });

  it("should answer 503 when graph.json is missing", async () => {
    const missing = path.join(tempDir(), "graph.json");
    process.env.NEWSGRAPH_GRAPH = missing;
    const json = await body<{ error: string }>(await graphRoute.GET(request("/api/graph")), 503);
    expect(json.error).toBe(`newsgraph/graph: graph file "${missing}" not found; build it with \`npm run graph\``);
  });

  it("should answer 503 when graph.json is malformed or breaks the contract", async () => {
    const dir = tempDir();
    const broken = path.join(dir, "graph.json");
    writeFileSync(broken, "{");
    process.env.NEWSGRAPH_GRAPH = broken;
    expect((await body<{ error: string }>(await searchRoute.GET(request("/api/search?q=x")), 503)).error).toContain(
      "is not valid JSON",
    );
    process.env.NEWSGRAPH_GRAPH = writeFixtureGraph({ version: 1, articles: [] });
    expect((await body<{ error: string }>(await graphRoute.GET(request("/api/graph")), 503)).error).toMatch(
      /^newsgraph\/contract: .*graph\.json: graph: /,
    );
  });
});

describe("GET /api/nodes/[key]", () => {
  it("should return a node with grouped relations and evidence", async () => {
    const json = await body<{ key: string; attributes: { label: string }; relations: { type: string }[]; conflicts: unknown[] }>(
      await nodeRoute.GET(request("/api/nodes/meeting%3Amiami-talks"), params({ key: K.MIAMI_TALKS })),
      200,
    );
    expect(json.key).toBe(K.MIAMI_TALKS);
    expect(json.attributes.label).toBe("Miami talks");
    expect(json.relations.map((group) => group.type)).toEqual(["ATTENDED", "HELD_IN"]);
    expect(json.conflicts).toHaveLength(1);
  });

  it("should accept a key that is still URL-encoded", async () => {
    const json = await body(await nodeRoute.GET(request("/api/nodes/x"), params({ key: "person%3Amarta-nunez" })), 200);
    expect(json.key).toBe(K.NUN);
  });

  it("should answer 404 for an unknown node and 400 for an empty key", async () => {
    await expectNotFound(await nodeRoute.GET(request("/api/nodes/x"), params({ key: "person:nobody" })), '"person:nobody"');
    await expectBadRequest(await nodeRoute.GET(request("/api/nodes/x"), params({ key: "" })), "key");
  });
});

describe("GET /api/articles/[id]", () => {
  it("should return the article's metadata and raw text", async () => {
    const json = await body<{ article: { id: string; file: string; publisher: string | null }; text: string }>(
      await articleRoute.GET(request("/api/articles/beta"), params({ id: "beta" })),
      200,
    );
    expect(json.article).toMatchObject({ id: "beta", file: "beta.txt", publisher: "Wire Service" });
    expect(json.text).toBe(fixtureText("beta"));
  });

  it("should serve text in which every quote sits at its offsets", async () => {
    const texts = new Map<string, string>();
    for (const id of ["alpha", "beta", "gamma"]) {
      texts.set(id, (await body<{ text: string }>(await articleRoute.GET(request(`/api/articles/${id}`), params({ id })), 200)).text);
    }
    for (const edge of buildFixtureDocument().graph.edges) {
      for (const evidence of edge.attributes.evidence) {
        expect(texts.get(evidence.article)!.slice(evidence.start, evidence.end)).toBe(evidence.quote);
      }
    }
  });

  it.each([
    "..%2F..%2Fetc%2Fpasswd",
    "../../etc/passwd",
    "/etc/passwd",
    "%2Fetc%2Fpasswd",
    "..%2Fgraph.json",
    "..",
    "alpha.txt",
    "..%252F..%252Fetc%252Fpasswd",
  ])("should refuse the path %j with 404", async (id) => {
    const response = await articleRoute.GET(request(`/api/articles/${encodeURIComponent(id)}`), params({ id }));
    const text = await response.clone().text();
    expect(text).not.toContain("root:");
    await expectNotFound(response, "unknown article");
  });

  it("should refuse a graph.json whose file field leaves the articles folder", async () => {
    const doc = buildFixtureDocument();
    doc.articles[0]!.file = "../../../../../../etc/passwd";
    process.env.NEWSGRAPH_GRAPH = writeFixtureGraph(doc);
    const response = await articleRoute.GET(request("/api/articles/alpha"), params({ id: "alpha" }));
    await expectNotFound(response, "outside the articles folder");
  });

  it("should answer 400 for a control character in the id", async () => {
    await expectBadRequest(await articleRoute.GET(request("/api/articles/x"), params({ id: "a\u0000b" })), "id");
  });
});

describe("GET /api/search", () => {
  it("should return ranked hits", async () => {
    const json = await body<{ query: string; hits: { key: string; match: string }[] }>(
      await searchRoute.GET(request("/api/search?q=Zelensky%E2%80%99s")),
      200,
    );
    expect(json.query).toBe("Zelensky’s");
    expect(json.hits[0]).toEqual({
      key: K.ZEL,
      type: "Person",
      label: "Volodymyr Zelensky",
      matched: "Zelensky",
      field: "alias",
      match: "exact",
    });
  });

  it("should apply the limit", async () => {
    const json = await body<{ hits: unknown[] }>(await searchRoute.GET(request("/api/search?q=e&limit=1")), 200);
    expect(json.hits).toHaveLength(1);
  });

  it.each([
    ["", "q"],
    ["q=", "q"],
    ["q=%E2%80%99", "q"],
    ["q=x&limit=0", "limit"],
    ["q=x&limit=500", "limit"],
  ])("should answer 400 for %j", async (query, parameter) => {
    await expectBadRequest(await searchRoute.GET(request(`/api/search?${query}`)), parameter);
  });
});

describe("GET /api/neighborhood", () => {
  it("should return the neighborhood", async () => {
    const json = await body<{ center: string; hops: number; nodes: { key: string }[]; edges: unknown[] }>(
      await neighborhoodRoute.GET(request("/api/neighborhood?key=person%3Akirill-dmitriev&hops=1")),
      200,
    );
    expect(json.center).toBe(K.DMI);
    expect(json.hops).toBe(1);
    expect(json.nodes.map((node) => node.key)).toEqual([K.DMI, K.PLAN, K.MIAMI_TALKS, K.RDIF, K.US]);
    expect(json.edges).toHaveLength(4);
  });

  it("should default to one hop and take filters", async () => {
    const json = await body<{ hops: number; nodes: { key: string }[] }>(
      await neighborhoodRoute.GET(request("/api/neighborhood?key=person%3Akirill-dmitriev&comentions=1&types=Person")),
      200,
    );
    expect(json.hops).toBe(1);
    expect(json.nodes.map((node) => node.key)).toEqual([K.DMI, K.NUN]);
  });

  it("should answer 400 naming hops, 400 for a missing key, 404 for an unknown key", async () => {
    await expectBadRequest(await neighborhoodRoute.GET(request("/api/neighborhood?key=person%3Akirill-dmitriev&hops=7")), "hops");
    await expectBadRequest(await neighborhoodRoute.GET(request("/api/neighborhood?hops=1")), "key");
    await expectNotFound(await neighborhoodRoute.GET(request("/api/neighborhood?key=person%3Anobody")), '"person:nobody"');
  });
});

describe("GET /api/path", () => {
  it("should return the path with a quote for every hop", async () => {
    const json = await body<{ path: { length: number; hops: { from: string; to: string; edge: { evidence: { quote: string }[] } }[] } }>(
      await pathRoute.GET(request("/api/path?from=person%3Amarta-nunez&to=person%3Alukasz-borowiecki")),
      200,
    );
    expect(json.path.length).toBe(3);
    expect(json.path.hops.map((hop) => [hop.from, hop.to])).toEqual([
      [K.NUN, K.WIT],
      [K.WIT, K.WARSAW_SUMMIT],
      [K.WARSAW_SUMMIT, K.BOR],
    ]);
    for (const hop of json.path.hops) expect(hop.edge.evidence[0]!.quote.length).toBeGreaterThan(0);
  });

  it("should include co-mentions on request and answer null when there is no path", async () => {
    const co = await body<{ path: { length: number } }>(
      await pathRoute.GET(request("/api/path?from=person%3Amarta-nunez&to=person%3Akirill-dmitriev&comentions=1")),
      200,
    );
    expect(co.path.length).toBe(1);
    const none = await body(await pathRoute.GET(request("/api/path?from=person%3Amarta-nunez&to=place%3Azelenograd")), 200);
    expect(none).toEqual({ path: null });
  });

  it("should take the date range as dateFrom/dateTo", async () => {
    const json = await body<{ path: { length: number } | null }>(
      await pathRoute.GET(request("/api/path?from=person%3Avolodymyr-zelensky&to=person%3Akirill-dmitriev&dateFrom=2025-12-01")),
      200,
    );
    // Only the undated article (gamma) passes, and the October meetings fall outside the range:
    // nothing connects Zelensky to Dmitriev any more.
    expect(json.path).toBeNull();
  });

  it("should answer 400 and 404 naming the end", async () => {
    await expectBadRequest(await pathRoute.GET(request("/api/path?from=person%3Amarta-nunez")), "to");
    await expectBadRequest(await pathRoute.GET(request("/api/path?from=nobody&to=person%3Amarta-nunez")), "from");
    await expectNotFound(await pathRoute.GET(request("/api/path?from=person%3Amarta-nunez&to=org%3Anothing")), '"org:nothing"');
  });
});

describe("GET /api/meetings and /api/co-attendees", () => {
  it("should return the meetings an entity attended", async () => {
    const json = await body<{ entity: string; meetings: { key: string; participants: { key: string }[] }[] }>(
      await meetingsRoute.GET(request("/api/meetings?entity=person%3Avolodymyr-zelensky")),
      200,
    );
    expect(json.entity).toBe(K.ZEL);
    expect(json.meetings.map((meeting) => meeting.key)).toEqual([K.WARSAW_SUMMIT, K.MIAMI_TALKS]);
  });

  it("should return co-attendees with shared meetings", async () => {
    const json = await body<{ entity: string; coAttendees: { key: string; meetings: { key: string }[] }[] }>(
      await coAttendeesRoute.GET(request("/api/co-attendees?entity=person%3Avolodymyr-zelensky")),
      200,
    );
    expect(json.coAttendees.map((item) => [item.key, item.meetings.length])).toEqual([
      [K.WIT, 2],
      [K.DMI, 1],
      [K.BOR, 1],
    ]);
  });

  it("should answer 400 for a meeting or a missing entity, 404 for an unknown one", async () => {
    await expectBadRequest(await meetingsRoute.GET(request("/api/meetings?entity=meeting%3Amiami-talks")), "entity");
    await expectBadRequest(await coAttendeesRoute.GET(request("/api/co-attendees")), "entity");
    await expectNotFound(await coAttendeesRoute.GET(request("/api/co-attendees?entity=person%3Anobody")));
    await expectNotFound(await meetingsRoute.GET(request("/api/meetings?entity=person%3Anobody")));
  });
});

describe("GET /api/sources/[article]/entities", () => {
  it("should list an article's entities in reading order", async () => {
    const json = await body<{ article: { id: string }; entities: { key: string }[] }>(
      await sourceEntitiesRoute.GET(request("/api/sources/gamma/entities"), params({ article: "gamma" })),
      200,
    );
    expect(json.article.id).toBe("gamma");
    expect(json.entities.map((entity) => entity.key)).toEqual([K.DMI, K.US, K.ZELENOGRAD, K.NUN, K.WIT, K.ZEL, K.MIAMI_TALKS]);
  });

  it("should answer 404 for an unknown article, even a path", async () => {
    for (const article of ["omega", "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd"]) {
      await expectNotFound(
        await sourceEntitiesRoute.GET(request("/api/sources/x/entities"), params({ article })),
        "unknown article",
      );
    }
  });
});

describe("GET /api/claims", () => {
  it("should list weakly sourced claims", async () => {
    const json = await body<{ fewerThan: number; claims: { key: string; articleCount: number }[] }>(
      await claimsRoute.GET(request("/api/claims?fewerThan=3")),
      200,
    );
    expect(json.fewerThan).toBe(3);
    expect(json.claims).toHaveLength(16);
    expect(json.claims.at(-1)).toMatchObject({ key: "meeting:miami-talks|HELD_IN|place:miami", articleCount: 2 });
  });

  it.each(["", "fewerThan=0", "fewerThan=x", "fewerThan=1.5"])("should answer 400 for %j", async (query) => {
    await expectBadRequest(await claimsRoute.GET(request(`/api/claims?${query}`)), "fewerThan");
  });
});
