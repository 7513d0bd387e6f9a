import { beforeAll, describe, expect, it } from "vitest";
import { parseGraphDocument, type GraphDocument } from "@/lib/contract";
import { createMemoryQueries, isNotFoundError, type GraphQueries } from "@/lib/graph";
import { ExportError, exportFileName, formatScope, parseScope, selectScope, selectScopeFromDocument, type ExportScope } from "@/lib/export";
import { buildFixtureDocument, K } from "../fixtures/graph/fixture";

let q: GraphQueries;
let all: GraphDocument;

beforeAll(() => {
  all = buildFixtureDocument();
  q = createMemoryQueries(buildFixtureDocument());
});

const keys = (items: { key: string }[]) => items.map((item) => item.key);

/** Article ids a document cites: mentions, evidence and claims (`required`), plus roles, dates and alias sources (`all`). */
function cited(doc: GraphDocument, which: "required" | "all"): Set<string> {
  const ids = new Set<string>();
  for (const { attributes: a } of doc.graph.nodes) {
    a.mentions.forEach((m) => ids.add(m.article));
    if (which === "required") continue;
    a.roles?.forEach((r) => ids.add(r.evidence.article));
    a.dates?.forEach((d) => ids.add(d.article));
    if (a.date) ids.add(a.date.article);
    a.aliasSources?.forEach((u) => u.articles.forEach((id) => ids.add(id)));
  }
  doc.graph.edges.forEach((e) => e.attributes.evidence.forEach((x) => ids.add(x.article)));
  doc.conflicts.forEach((c) => c.claims.forEach((cl) => ids.add(cl.evidence.article)));
  return ids;
}

/** What every scope's document must satisfy. */
function expectWellFormed(doc: GraphDocument, scope: ExportScope) {
  expect(() => parseGraphDocument(doc, formatScope(scope))).not.toThrow();
  const nodeKeys = new Set(keys(doc.graph.nodes));
  for (const e of doc.graph.edges) {
    expect(nodeKeys.has(e.source) && nodeKeys.has(e.target)).toBe(true);
    expect(e.attributes.evidence.length).toBeGreaterThan(0);
  }
  // The loader needs every article a mention, passage or claim cites; an export keeps no article it does not cite
  // (a source filter may leave roles, dates or alias sources pointing at articles it removed).
  const articleIds = doc.articles.map((a) => a.id);
  for (const id of cited(doc, "required")) expect(articleIds).toContain(id);
  if (scope.kind !== "whole") for (const id of articleIds) expect(cited(doc, "all").has(id)).toBe(true);
  for (const c of doc.conflicts) expect(nodeKeys.has(c.subject)).toBe(true);
  expect(keys(doc.graph.nodes)).toEqual([...keys(doc.graph.nodes)].sort());
  expect(keys(doc.graph.edges)).toEqual([...keys(doc.graph.edges)].sort());
}

describe("export/scope parseScope", () => {
  it("should parse every scope kind", () => {
    expect(parseScope("whole")).toEqual({ kind: "whole" });
    expect(parseScope("filtered")).toEqual({ kind: "filtered" });
    expect(parseScope("filtered:types=Person,Meeting&minSources=2")).toEqual({
      kind: "filtered",
      filters: { nodeTypes: ["Person", "Meeting"], minSources: 2 },
    });
    expect(parseScope("selection:person:a, org:b,person:a")).toEqual({ kind: "selection", keys: ["person:a", "org:b"] });
    expect(parseScope("neighborhood:person:kirill-dmitriev:2")).toEqual({ kind: "neighborhood", key: "person:kirill-dmitriev", hops: 2 });
    expect(parseScope("neighbourhood:person:kirill-dmitriev")).toEqual({ kind: "neighborhood", key: "person:kirill-dmitriev", hops: 1 });
    expect(parseScope("path:person:a:org:b")).toEqual({ kind: "path", from: "person:a", to: "org:b" });
    expect(parseScope("meetings:person:steve-witkoff")).toEqual({ kind: "meetings", entity: "person:steve-witkoff" });
  });

  it("should apply --filters to the scopes that take them", () => {
    expect(parseScope("neighborhood:person:a:1", "comentions=1&types=Person")).toEqual({
      kind: "neighborhood",
      key: "person:a",
      hops: 1,
      filters: { includeCoMentions: true, nodeTypes: ["Person"] },
    });
    expect(() => parseScope("whole", "types=Person")).toThrow(/"whole" takes no filters/);
    expect(() => parseScope("meetings:person:a", "types=Person")).toThrow(/"meetings" takes no filters/);
  });

  it("should round-trip through formatScope", () => {
    for (const text of ["whole", "selection:person:a,org:b", "neighborhood:person:a:3", "path:person:a:org:b", "meetings:person:a"]) {
      expect(formatScope(parseScope(text))).toBe(text);
    }
  });

  it("should reject bad scopes with one clear line naming the problem", () => {
    const cases: [string, RegExp][] = [
      ["x", /^newsgraph\/export: unknown scope "x"; use whole \| filtered/],
      ["", /^newsgraph\/export: unknown scope ""/],
      ["whole:more", /"whole" takes no argument/],
      ["neighborhood:person:a:0", /hops must be an integer from 1 to 3, got "0"/],
      ["neighborhood:person:a:two", /hops must be an integer from 1 to 3, got "two"/],
      ["neighborhood:person", /use neighborhood:<key>:<hops>/],
      ["path:person:a", /use path:<from>:<to>/],
      ["path:person:a:org", /use path:<from>:<to>/],
      ["selection:", /selection needs node keys/],
      ["selection:person:a,nokey", /every selected key must be a node key .* got "nokey"/],
      ["meetings:", /the entity must be a node key/],
      ["filtered:types=Persn", /types must be among Person/],
      ["filtered:dateFrom=2025-13-01", /dateFrom must be a date/],
    ];
    for (const [text, message] of cases) {
      let error: unknown;
      try {
        parseScope(text);
      } catch (e) {
        error = e;
      }
      expect(error, text).toBeInstanceOf(ExportError);
      expect((error as Error).message, text).toMatch(message);
      expect((error as Error).message).toMatch(/^newsgraph\/export: /);
      expect((error as Error).message).not.toContain("\n");
      expect((error as ExportError).parameter).toMatch(/^(scope|filters)$/);
    }
  });
});

describe("export/scope selectScope", () => {
  it("should return the whole document unchanged, co-mentions and every article included", async () => {
    const doc = await selectScope(q, { kind: "whole" });
    expect(doc).toEqual(all);
    expectWellFormed(doc, { kind: "whole" });
    // A copy: changing it does not change the backend's document.
    doc.graph.nodes.pop();
    expect((await q.document()).graph.nodes).toHaveLength(all.graph.nodes.length);
  });

  it("should export the filtered view with only the articles it cites", async () => {
    const scope: ExportScope = { kind: "filtered", filters: { nodeTypes: ["Person", "Organization"], relationTypes: ["HEADS", "ADVISES"] } };
    const doc = await selectScope(q, scope);
    expectWellFormed(doc, scope);
    const sub = await q.subgraph(scope.kind === "filtered" ? scope.filters : undefined);
    expect(doc.graph).toEqual(sub.graph);
    expect(keys(doc.graph.edges)).toEqual([
      "person:kirill-dmitriev|HEADS|org:russian-direct-investment-fund",
      "person:lukasz-borowiecki|HEADS|org:baltic-energy-council",
      "person:marta-nunez|ADVISES|person:steve-witkoff",
    ]);
    expect(doc.conflicts).toEqual([]);
  });

  it("should restrict evidence, articles and conflicts with a source filter", async () => {
    const scope: ExportScope = { kind: "filtered", filters: { articles: ["beta"] } };
    const doc = await selectScope(q, scope);
    expectWellFormed(doc, scope);
    expect(doc.articles.map((a) => a.id)).toEqual(["beta"]);
    for (const e of doc.graph.edges) for (const x of e.attributes.evidence) expect(x.article).toBe("beta");
    // One claim left: no conflict any more.
    expect(doc.conflicts).toEqual([]);
  });

  it("should export a selection: exactly its nodes and the typed edges among them", async () => {
    const scope: ExportScope = { kind: "selection", keys: [K.ZEL, K.BOR, K.BEC, K.WARSAW_SUMMIT] };
    const doc = await selectScope(q, scope);
    expectWellFormed(doc, scope);
    expect(keys(doc.graph.nodes)).toEqual([K.WARSAW_SUMMIT, K.BEC, K.BOR, K.ZEL].sort());
    expect(keys(doc.graph.edges)).toEqual([
      "person:lukasz-borowiecki|ATTENDED|meeting:warsaw-summit",
      "person:lukasz-borowiecki|HEADS|org:baltic-energy-council",
      "person:volodymyr-zelensky|ATTENDED|meeting:warsaw-summit",
      "person:volodymyr-zelensky|MET_WITH|person:lukasz-borowiecki",
    ]);
    // Every edge keeps all its evidence.
    for (const e of doc.graph.edges) expect(e).toEqual(all.graph.edges.find((x) => x.key === e.key));
  });

  it("should include the co-mention layer in a selection when the filters ask for it", async () => {
    const doc = await selectScope(q, { kind: "selection", keys: [K.ZEL, K.BOR], filters: { includeCoMentions: true } });
    expect(keys(doc.graph.edges)).toEqual([
      "person:volodymyr-zelensky|CO_MENTIONED|person:lukasz-borowiecki",
      "person:volodymyr-zelensky|MET_WITH|person:lukasz-borowiecki",
    ]);
  });

  it("should throw the backend's not-found error for an unknown selected key", async () => {
    await expect(selectScope(q, { kind: "selection", keys: [K.ZEL, "person:nobody"] })).rejects.toSatisfy(isNotFoundError);
    await expect(selectScope(q, { kind: "selection", keys: [] })).rejects.toThrow(/at least one node key/);
  });

  it("should export a neighbourhood as the query answers it, with its conflicts", async () => {
    const scope: ExportScope = { kind: "neighborhood", key: K.WIT, hops: 1 };
    const doc = await selectScope(q, scope);
    expectWellFormed(doc, scope);
    const result = await q.neighborhood(K.WIT, 1);
    expect(keys(doc.graph.nodes)).toEqual(keys(result.nodes).sort());
    expect(doc.graph.edges).toEqual(result.edges);
    expect(doc.conflicts.map((c) => c.subject)).toEqual([K.MIAMI_TALKS]);
    expect(doc.graph.nodes.every((n) => !("distance" in n))).toBe(true);
  });

  it("should export a path: its nodes and the edge of each hop", async () => {
    const scope: ExportScope = { kind: "path", from: K.NUN, to: K.WARSAW };
    const doc = await selectScope(q, scope);
    expectWellFormed(doc, scope);
    const path = (await q.shortestPath(K.NUN, K.WARSAW))!;
    expect(keys(doc.graph.nodes)).toEqual(keys(path.nodes).sort());
    expect(keys(doc.graph.edges)).toEqual(path.hops.map((hop) => hop.edge.key).sort());
    expect(doc.graph.edges).toHaveLength(path.length);
  });

  it("should say so when no path connects the two ends", async () => {
    const error = await selectScope(q, { kind: "path", from: K.ZEL, to: K.ZELENOGRAD }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportError);
    expect((error as Error).message).toBe(
      'newsgraph/export: no path from "person:volodymyr-zelensky" to "place:zelenograd" with these filters',
    );
  });

  it("should export the meetings of an entity with their participants and places", async () => {
    const scope: ExportScope = { kind: "meetings", entity: K.WIT };
    const doc = await selectScope(q, scope);
    expectWellFormed(doc, scope);
    expect(keys(doc.graph.nodes)).toEqual(
      [K.WIT, K.MIAMI_TALKS, K.WARSAW_SUMMIT, K.DMI, K.ZEL, K.BOR, K.MIAMI, K.WARSAW].sort(),
    );
    expect(new Set(doc.graph.edges.map((e) => e.attributes.type))).toEqual(new Set(["ATTENDED", "HELD_IN"]));
    expect(doc.graph.edges).toHaveLength(8); // 3 + 3 ATTENDED, 2 HELD_IN
    expect(doc.conflicts.map((c) => c.subject)).toEqual([K.MIAMI_TALKS]);
  });

  it("should give the same documents from a GraphDocument directly", async () => {
    const scope: ExportScope = { kind: "neighborhood", key: K.DMI, hops: 2 };
    expect(await selectScopeFromDocument(buildFixtureDocument(), scope)).toEqual(await selectScope(q, scope));
  });

  it("should suggest a safe download name", () => {
    expect(exportFileName({ kind: "neighborhood", key: K.DMI, hops: 2 }, "gexf")).toBe("newsgraph-neighborhood-person-kirill-dmitriev-2.gexf");
    expect(exportFileName({ kind: "whole" }, "csv")).toBe("newsgraph-whole.zip");
    expect(exportFileName({ kind: "selection", keys: ["a:b", "c:d"] }, "markdown")).toBe("newsgraph-selection-2-nodes.md");
  });
});
