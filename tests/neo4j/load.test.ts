import fs from "node:fs";
import path from "node:path";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { parseGraphDocument, type GraphDocument } from "@/lib/contract";
import { connect } from "@/lib/neo4j/driver";
import os from "node:os";
import {
  countsOf,
  diffCounts,
  documentStamp,
  loadGraph,
  Neo4jLoadError,
  readCounts,
  readEdgeEvidence,
  readGraph,
} from "@/lib/neo4j/load";
import { MODEL_VERSION } from "@/lib/neo4j/types";
import { fixtureDocument, syntheticDocument } from "./fixture";
import { buildGraph, DEV_ARTICLES, normalize, query, wipe } from "./helpers";

const uri = inject("neo4jUri");
const SEED = path.resolve(__dirname, "../../graph-data/graph.json");

class Interrupted extends Error {}

/** The fixture after a "rebuild" that dropped and changed things. */
function smallerDocument(): GraphDocument {
  const doc = fixtureDocument();
  const gone = new Set(["person:o-brien", "doc:28-point-plan", "person:injection"]);
  doc.graph.nodes = doc.graph.nodes.filter((n) => !gone.has(n.key));
  doc.graph.edges = doc.graph.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target));
  // an article dropped: everything citing it goes too
  doc.articles = doc.articles.filter((a) => a.id !== "003_gamma");
  for (const n of doc.graph.nodes) {
    n.attributes.mentions = n.attributes.mentions.filter((m) => m.article !== "003_gamma");
    if (n.attributes.dates) n.attributes.dates = n.attributes.dates.filter((d) => d.article !== "003_gamma");
  }
  for (const e of doc.graph.edges) e.attributes.evidence = e.attributes.evidence.filter((ev) => ev.article !== "003_gamma");
  doc.graph.edges = doc.graph.edges.filter((e) => e.attributes.evidence.length > 0);
  // an edge loses one of its passages and its note; another passage moves to another article
  const heads = doc.graph.edges.find((e) => e.attributes.type === "HEADS")!;
  heads.attributes.evidence = heads.attributes.evidence.slice(1);
  delete heads.attributes.note;
  const held = doc.graph.edges.find((e) => e.attributes.type === "HELD_IN")!;
  held.attributes.evidence = [{ article: "002_beta", start: 1, end: 9, quote: "in Miami" }];
  // a node changes type (label swap) and loses aliases
  const miami = doc.graph.nodes.find((n) => n.key === "place:miami")!;
  miami.attributes.type = "Organization";
  // one conflict gone, the other loses a claim
  doc.conflicts = [{ ...doc.conflicts[1]!, claims: doc.conflicts[1]!.claims.slice(0, 1) }];
  return doc;
}

describe.skipIf(!uri)("neo4j/load", () => {
  let driver: Driver;

  beforeAll(async () => {
    driver = await connect({ uri });
  });
  afterAll(async () => {
    await driver?.close();
  });
  beforeEach(async () => {
    await wipe(driver);
  });

  it("should load a GraphDocument with exactly its counts", async () => {
    const doc = fixtureDocument();
    const result = await loadGraph(driver, doc);
    const counts = await readCounts(driver);
    expect(counts).toEqual(countsOf(doc));
    expect(result.counts).toEqual(counts);
    expect(counts).toMatchObject({ nodes: 10, edges: 9, evidence: 12, articles: 3, mentions: 11, conflicts: 2, conflictClaims: 4 });
    expect(counts.nodesByType).toEqual({ Person: 4, Organization: 2, Place: 1, Document: 1, Meeting: 2 });
    expect(counts.edgesByType.ATTENDED).toBe(2);
    expect(counts.edgesByType.CO_MENTIONED).toBe(1);
  });

  it("should change nothing when the same document is loaded twice", async () => {
    const doc = fixtureDocument();
    await loadGraph(driver, doc);
    const before = await readGraph(driver);
    const again = await loadGraph(driver, doc);
    expect(again.writes).toEqual({
      nodesCreated: 0,
      nodesDeleted: 0,
      relationshipsCreated: 0,
      relationshipsDeleted: 0,
      propertiesSet: 0,
      labelsAdded: 0,
      labelsRemoved: 0,
    });
    expect(again.counts).toEqual(countsOf(doc));
    expect(await readGraph(driver)).toEqual(before);
  });

  it("should read back exactly the document, evidence of every edge included", async () => {
    const doc = fixtureDocument();
    await loadGraph(driver, doc);
    expect(await readGraph(driver)).toEqual(normalize(doc));
    for (const e of doc.graph.edges) {
      expect(await readEdgeEvidence(driver, e.key)).toEqual(e.attributes.evidence);
    }
  });

  it("should remove the nodes, edges, evidence, articles and conflicts a rebuild dropped", async () => {
    await loadGraph(driver, fixtureDocument());
    const smaller = smallerDocument();
    const result = await loadGraph(driver, smaller);
    expect(result.mode).toBe("merge");
    expect(result.writes.nodesDeleted).toBeGreaterThan(0);
    expect(await readCounts(driver)).toEqual(countsOf(smaller));
    expect(await readGraph(driver)).toEqual(normalize(smaller));
    // no stray links: each evidence has one article, one subject, one object; the moved passage points to its new article
    const links = await query(
      driver,
      "MATCH (ev:Evidence) RETURN ev.key AS key, COUNT { (ev)-[:FROM]->() } AS f, COUNT { (ev)-[:SUBJECT]->() } AS s, " +
        "COUNT { (ev)-[:OBJECT]->() } AS o, [(ev)-[:FROM]->(a) | a.id] AS articles",
    );
    for (const l of links) expect([l.f, l.s, l.o]).toEqual([1, 1, 1]);
    const held = links.find((l) => String(l.key).includes("|HELD_IN|"));
    expect(held?.articles).toEqual(["002_beta"]);
    const labels = await query(driver, "MATCH (n:Entity {key: 'place:miami'}) RETURN labels(n) AS l");
    expect([...(labels[0]!.l as string[])].sort()).toEqual(["Entity", "Organization"]);
    // and growing back restores everything
    await loadGraph(driver, fixtureDocument());
    expect(await readGraph(driver)).toEqual(normalize(fixtureDocument()));
  });

  it("should write an empty database with CREATE and end exactly where a MERGE load ends", async () => {
    // Every link of every node, so that a stray or missing relationship shows (readGraph reads the document's view).
    const links = () =>
      query(
        driver,
        "MATCH (x) WHERE NOT x:Other RETURN coalesce(x.key, x.id) AS key, labels(x) AS labels, properties(x) AS props, " +
          "[(x)-[r]->(y) | [type(r), coalesce(y.key, y.id), properties(r)]] AS out ORDER BY key",
      ).then((rows) => rows.map((r) => ({ ...r, labels: [...(r.labels as string[])].sort(), out: [...(r.out as unknown[][])].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) })));
    const doc = syntheticDocument(300, 900);
    const created = await loadGraph(driver, doc, { batchSize: 100 });
    expect(created.mode).toBe("create");
    const viaCreate = { graph: await readGraph(driver), links: await links() };
    expect(viaCreate.graph).toEqual(normalize(doc));

    await wipe(driver);
    const merged = await loadGraph(driver, doc, { batchSize: 100, mode: "merge" });
    expect(merged.mode).toBe("merge");
    expect({ graph: await readGraph(driver), links: await links() }).toEqual(viaCreate);

    // The fixture has conflicts and claims: the same on both paths too.
    await wipe(driver);
    expect((await loadGraph(driver, fixtureDocument())).mode).toBe("create");
    const fixtureViaCreate = await links();
    await wipe(driver);
    await loadGraph(driver, fixtureDocument(), { mode: "merge" });
    expect(await links()).toEqual(fixtureViaCreate);
  });

  it("should CREATE beside nodes that are not newsgraph's, and MERGE once any of its own is there", async () => {
    await driver.executeQuery("CREATE (:Other {name: 'kept'})");
    const doc = fixtureDocument();
    expect((await loadGraph(driver, doc)).mode).toBe("create");
    expect(await readGraph(driver)).toEqual(normalize(doc));
    expect(await query(driver, "MATCH (o:Other) RETURN o.name AS name")).toEqual([{ name: "kept" }]);
    expect((await loadGraph(driver, doc)).mode).toBe("merge");
    await expect(loadGraph(driver, doc, { mode: "fast" as never })).rejects.toThrow(/mode must be "auto" or "merge", got "fast"/);
  });

  it("should end with exactly the document after a load interrupted half-way", async () => {
    const doc = syntheticDocument(300, 900);
    let batches = 0;
    const interrupt = (phase: string) => async (p: { phase: string; batch: number }) => {
      if (p.phase === phase && ++batches >= 2) throw new Interrupted(`stopped in ${phase}`);
    };
    await expect(loadGraph(driver, doc, { batchSize: 100, onBatch: interrupt("edges") })).rejects.toThrow(Interrupted);
    expect(diffCounts(countsOf(doc), await readCounts(driver)).length).toBeGreaterThan(0);
    batches = 0;
    await expect(loadGraph(driver, doc, { batchSize: 100, onBatch: interrupt("evidence") })).rejects.toThrow(Interrupted);
    const result = await loadGraph(driver, doc, { batchSize: 100 });
    expect(result.counts).toEqual(countsOf(doc));
    expect(await readGraph(driver)).toEqual(normalize(doc));

    // interrupted while sweeping towards a smaller document, then completed
    const smaller = syntheticDocument(150, 300);
    batches = 0;
    await expect(loadGraph(driver, smaller, { onBatch: interrupt("sweep") })).rejects.toThrow(Interrupted);
    await loadGraph(driver, smaller);
    expect(await readCounts(driver)).toEqual(countsOf(smaller));
    expect(await readGraph(driver)).toEqual(normalize(smaller));
  });

  it("should keep data out of the Cypher text", async () => {
    const doc = fixtureDocument();
    await loadGraph(driver, doc);
    const rows = await query(driver, "MATCH (n:Entity {key: 'person:injection'}) RETURN n.label AS label, n.aliases AS aliases");
    expect(rows).toEqual([{ label: "x'}) DETACH DELETE n //", aliases: ["`; MATCH (n) DETACH DELETE n"] }]);
    const ev = await query(driver, "MATCH (ev:Evidence {edgeKey: 'person:injection|MEMBER_OF|org:united-states'}) RETURN ev.quote AS q");
    expect(ev).toEqual([{ q: "'}) RETURN 1 //\n\"quoted\" \\ backslash ✓" }]);

    const badType = fixtureDocument();
    (badType.graph.nodes[0]!.attributes as { type: string }).type = "Person) DETACH DELETE (n";
    await expect(loadGraph(driver, badType)).rejects.toThrow(/unknown type "Person\) DETACH DELETE \(n"/);
    const badRel = fixtureDocument();
    (badRel.graph.edges[0]!.attributes as { type: string }).type = "HEADS]->() DETACH DELETE n //";
    await expect(loadGraph(driver, badRel)).rejects.toThrow(Neo4jLoadError);
    expect(await readCounts(driver)).toEqual(countsOf(doc)); // refused before touching the database
  });

  it("should refuse a document with a dangling edge or an unknown article, naming it", async () => {
    const dangling = fixtureDocument();
    dangling.graph.edges[0]!.target = "org:nowhere";
    await expect(loadGraph(driver, dangling)).rejects.toThrow(/points to unknown node "org:nowhere"/);
    const unknownArticle = fixtureDocument();
    unknownArticle.graph.edges[1]!.attributes.evidence[0]!.article = "999_missing";
    await expect(loadGraph(driver, unknownArticle)).rejects.toThrow(/cites article "999_missing"/);
    expect((await readCounts(driver)).nodes).toBe(0);
  });

  it("should make evidence, meetings, articles and conflicts queryable in Cypher (the README examples)", async () => {
    await loadGraph(driver, fixtureDocument());
    // 1. who attended a meeting, with the quotes
    const attended = await query(
      driver,
      `MATCH (m:Meeting {key: $meeting})<-[r:ATTENDED]-(who:Entity)
       MATCH (ev:Evidence {edgeKey: r.key})-[:FROM]->(a:Article)
       RETURN who.label AS who, a.id AS article, ev.quote AS quote ORDER BY who, ev.ordinal`,
      { meeting: "meeting:miami-talks" },
    );
    expect(attended.map((r) => r.who)).toEqual(["Kirill Dmitriev", "Steve Witkoff", "Steve Witkoff", "Steve Witkoff"]);
    expect(attended[0]).toEqual({ who: "Kirill Dmitriev", article: "001_alpha", quote: "Dmitriev flew to Miami for talks" });
    // 2. the evidence of one edge
    const heads = await query(
      driver,
      `MATCH (:Entity {key: $source})-[r:HEADS]->(:Entity {key: $target})
       MATCH (ev:Evidence {edgeKey: r.key})
       RETURN ev.article AS article, ev.start AS start, ev.end AS end, ev.quote AS quote ORDER BY ev.ordinal`,
      { source: "person:kirill-dmitriev", target: "org:russian-direct-investment-fund" },
    );
    expect(heads).toEqual([
      { article: "001_alpha", start: 1290, end: 1351, quote: "Dmitriev, who heads the Russian Direct Investment Fund (RDIF)" },
      { article: "002_beta", start: 17, end: 43, quote: "RDIF chief Kirill Dmitriev" },
    ]);
    // 3. all claims of one article
    const claims = await query(
      driver,
      `MATCH (a:Article {id: $article})<-[:FROM]-(ev:Evidence)
       MATCH (ev)-[:SUBJECT]->(s:Entity), (ev)-[:OBJECT]->(o:Entity)
       RETURN s.label AS subject, ev.edgeType AS relation, o.label AS object, ev.quote AS quote
       ORDER BY ev.start, ev.key`,
      { article: "003_gamma" },
    );
    expect(claims.map((c) => `${c.subject} ${c.relation} ${c.object}`)).toEqual([
      "Steve Witkoff ATTENDED meeting in Miami",
      "Kirill Dmitriev DRAFTED 28-point plan",
      "United States SUPPORTS 28-point plan",
    ]);
    // 4. conflicts, with each side's source
    const conflicts = await query(
      driver,
      `MATCH (c:Conflict)-[:ABOUT]->(n:Entity)
       MATCH (c)-[:CLAIM]->(k:ConflictClaim)-[:FROM]->(a:Article)
       WITH c, n, k, a ORDER BY k.ordinal
       RETURN n.label AS about, c.field AS field, collect(k.value + ' (' + a.id + ')') AS claims ORDER BY about`,
    );
    expect(conflicts).toEqual([
      { about: "Kirill Dmitriev", field: "role", claims: ["head of RDIF (001_alpha)", "envoy (002_beta)"] },
      { about: "meeting in Miami", field: "date", claims: ["October 24–26 (001_alpha)", "last weekend (003_gamma)"] },
    ]);
    // 5. meetings with their date and place, and who was there
    const meetings = await query(
      driver,
      `MATCH (m:Meeting)
       OPTIONAL MATCH (m)-[:HELD_IN]->(p:Place)
       RETURN m.label AS meeting, m.dateStart AS start, m.dateEnd AS end, p.label AS place,
              COUNT { (m)<-[:ATTENDED]-() } AS attendees ORDER BY m.key`,
    );
    expect(meetings).toEqual([
      { meeting: "meeting in Miami", start: "2025-10-24", end: "2025-10-26", place: "Miami", attendees: 2 },
      { meeting: "undated talks", start: null, end: null, place: null, attendees: 0 },
    ]);
    // 6. claims backed by fewer than two articles
    const weak = await query(
      driver,
      `MATCH (s:Entity)-[r]->(t:Entity) WHERE type(r) <> 'CO_MENTIONED'
       MATCH (ev:Evidence {edgeKey: r.key})
       WITH s, r, t, count(DISTINCT ev.article) AS articles WHERE articles < 2
       RETURN count(*) AS n`,
    );
    expect(weak).toEqual([{ n: 6 }]);
  });

  it("should load a synthetic graph of 2,000 nodes / 6,000 edges in batches, exactly", async () => {
    const doc = syntheticDocument(2000, 6000);
    const first = await loadGraph(driver, doc, { batchSize: 1000 });
    expect(first.counts).toEqual(countsOf(doc));
    const second = await loadGraph(driver, doc, { batchSize: 1000 });
    expect(second.writes.nodesCreated + second.writes.relationshipsCreated + second.writes.propertiesSet).toBe(0);
    console.log(`[neo4j] synthetic 2000/6000: first load ${first.ms} ms, reload ${second.ms} ms`);
  });

  it("should record the model version, the graph attributes and a content stamp (unchanged by a reload)", async () => {
    const doc = fixtureDocument();
    doc.graph.attributes = { name: "fixture" };
    await loadGraph(driver, doc);
    const meta = () => query(driver, "MATCH (m:NewsgraphMeta) RETURN m.key AS key, m.model AS model, m.stamp AS stamp, m.attributesJson AS attributes");
    expect(await meta()).toEqual([{ key: "graph", model: MODEL_VERSION, stamp: documentStamp(doc), attributes: '{"name":"fixture"}' }]);
    const again = await loadGraph(driver, doc);
    expect(again.writes.propertiesSet).toBe(0);
    expect((await meta())[0]!.stamp).toBe(documentStamp(doc));
    const other = syntheticDocument(30, 60);
    await loadGraph(driver, other);
    expect(await meta()).toEqual([{ key: "graph", model: MODEL_VERSION, stamp: documentStamp(other), attributes: "{}" }]);
    expect(documentStamp(other)).not.toBe(documentStamp(doc));
  });

  it.skipIf(!fs.existsSync(DEV_ARTICLES))("should load the dev graph twice with exactly its counts and contents", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-load-dev-"));
    try {
      const doc = await buildGraph(DEV_ARTICLES, path.join(dir, "dev.json"));
      const first = await loadGraph(driver, doc);
      expect(first.counts).toEqual(countsOf(doc));
      expect(first.counts.nodes).toBe(doc.graph.nodes.length);
      expect(first.counts.edges).toBe(doc.graph.edges.length);
      const second = await loadGraph(driver, doc);
      expect(second.counts).toEqual(first.counts);
      expect(Object.values(second.writes).every((n) => n === 0), JSON.stringify(second.writes)).toBe(true);
      expect(await readGraph(driver)).toEqual(normalize(doc));
      console.log(`[neo4j] dev graph: ${doc.graph.nodes.length} nodes / ${doc.graph.edges.length} edges loaded in ${first.ms} ms, reloaded in ${second.ms} ms`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!fs.existsSync(SEED))("should load graph-data/graph.json twice with exactly its counts and contents", async () => {
    const doc = parseGraphDocument(JSON.parse(fs.readFileSync(SEED, "utf8")), SEED);
    const first = await loadGraph(driver, doc);
    expect(first.counts).toEqual(countsOf(doc));
    const second = await loadGraph(driver, doc);
    expect(second.counts).toEqual(countsOf(doc));
    expect(second.writes.nodesCreated + second.writes.relationshipsCreated + second.writes.nodesDeleted).toBe(0);
    expect(await readGraph(driver)).toEqual(normalize(doc));
    console.log(`[neo4j] seed graph: ${doc.graph.nodes.length} nodes / ${doc.graph.edges.length} edges loaded in ${first.ms} ms, reloaded in ${second.ms} ms`);
  });
});
