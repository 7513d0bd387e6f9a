// Structural checks of the query layer against the real seed build (graph-data/graph.json),
// when it exists. The seed graph's content changes as the extractor improves, so these tests
// assert only facts that must hold for any valid graph; the exact-result tests use the
// hand-built fixture (memory.test.ts).

import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { foldText, type GraphDocument } from "@/lib/contract";
import { foldName, type GraphQueries } from "@/lib/graph";
import { createGraphStore, loadGraphDocument, type GraphStore } from "@/lib/graph/store";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SEED_GRAPH = path.join(ROOT, "graph-data", "graph.json");
const SEED_ARTICLES = path.join(ROOT, "graph-data", "articles");

describe.skipIf(!existsSync(SEED_GRAPH))("seed graph (graph-data/graph.json)", () => {
  let doc: GraphDocument;
  let store: GraphStore;
  let q: GraphQueries;

  beforeAll(async () => {
    doc = await loadGraphDocument(SEED_GRAPH);
    store = createGraphStore(doc, { file: SEED_GRAPH, articlesDir: SEED_ARTICLES });
    q = store.queries;
  });

  it("should serve every article and every quote should equal its slice", async () => {
    const texts = new Map<string, string>();
    for (const article of doc.articles) texts.set(article.id, (await store.readArticle(article.id)).text);
    for (const edge of doc.graph.edges) {
      for (const evidence of edge.attributes.evidence) {
        expect(texts.get(evidence.article)?.slice(evidence.start, evidence.end), edge.key).toBe(evidence.quote);
      }
    }
    for (const node of doc.graph.nodes) {
      for (const mention of node.attributes.mentions) {
        const text = texts.get(mention.article);
        expect(text, `${node.key} mentions unknown article ${mention.article}`).toBeDefined();
        expect(mention.start).toBeLessThan(mention.end);
        expect(mention.end).toBeLessThanOrEqual(text!.length);
      }
    }
  });

  it("should find every node by its label and by each of its aliases", async () => {
    for (const node of doc.graph.nodes) {
      for (const name of [node.attributes.label, ...node.attributes.aliases]) {
        if (!foldName(name)) continue;
        const hits = await q.search(name, 100);
        expect(hits.map((hit) => hit.key), `search ${JSON.stringify(name)}`).toContain(node.key);
        // Nothing may rank above an exact match.
        expect(hits[0]!.match).toBe("exact");
      }
    }
  });

  it("should find a node by its label without accents or case", async () => {
    for (const node of doc.graph.nodes) {
      const plain = foldText(node.attributes.label);
      if (!plain) continue;
      expect((await q.search(plain.toUpperCase(), 100)).map((hit) => hit.key)).toContain(node.key);
    }
  });

  it("should return exactly the typed neighbors at one hop", async () => {
    for (const node of doc.graph.nodes) {
      const expected = new Set<string>([node.key]);
      for (const edge of doc.graph.edges) {
        if (edge.attributes.type === "CO_MENTIONED") continue;
        if (edge.source === node.key) expected.add(edge.target);
        if (edge.target === node.key) expected.add(edge.source);
      }
      const result = await q.neighborhood(node.key, 1);
      expect(new Set(result.nodes.map((item) => item.key))).toEqual(expected);
      for (const edge of result.edges) {
        expect(expected.has(edge.source) && expected.has(edge.target)).toBe(true);
      }
    }
  });

  it("should return connected paths of equal length both ways", async () => {
    const keys = doc.graph.nodes.map((node) => node.key);
    const edgesByKey = new Map(doc.graph.edges.map((edge) => [edge.key, edge]));
    for (let i = 0; i < keys.length; i += 7) {
      for (let j = i + 3; j < keys.length; j += 11) {
        const forward = await q.shortestPath(keys[i]!, keys[j]!);
        const backward = await q.shortestPath(keys[j]!, keys[i]!);
        expect(forward?.length ?? null).toBe(backward?.length ?? null);
        if (!forward) continue;
        expect(forward.nodes[0]!.key).toBe(keys[i]);
        expect(forward.nodes.at(-1)!.key).toBe(keys[j]);
        forward.hops.forEach((hop, index) => {
          const edge = edgesByKey.get(hop.edge.key)!;
          expect(edge.attributes.type).not.toBe("CO_MENTIONED");
          expect(new Set([edge.source, edge.target])).toEqual(new Set([hop.from, hop.to]));
          expect(hop.from).toBe(forward.nodes[index]!.key);
        });
      }
    }
  });

  it("should agree between meetingsOf, coAttendees and the ATTENDED edges", async () => {
    const attended = doc.graph.edges.filter((edge) => edge.attributes.type === "ATTENDED");
    for (const edge of attended) {
      const meetings = await q.meetingsOf(edge.source);
      const meeting = meetings.find((item) => item.key === edge.target);
      expect(meeting, `${edge.source} attended ${edge.target}`).toBeDefined();
      expect(meeting!.participants.map((participant) => participant.key)).toContain(edge.source);
      const others = meeting!.participants.filter((participant) => participant.key !== edge.source);
      const coAttendees = (await q.coAttendees(edge.source)).map((item) => item.key);
      for (const other of others) expect(coAttendees).toContain(other.key);
    }
  });

  it("should list every node an article mentions", async () => {
    for (const article of doc.articles) {
      const listed = new Set((await q.entitiesBySource(article.id)).entities.map((entity) => entity.key));
      for (const node of doc.graph.nodes) {
        if (node.attributes.mentions.some((mention) => mention.article === article.id)) expect(listed).toContain(node.key);
      }
    }
  });

  it("should count claims consistently", async () => {
    const typed = doc.graph.edges.filter((edge) => edge.attributes.type !== "CO_MENTIONED");
    expect(await q.claimsWithFewerThan(1)).toEqual([]);
    expect(await q.claimsWithFewerThan(1_000_000)).toHaveLength(typed.length);
    for (const claim of await q.claimsWithFewerThan(2)) expect(claim.articleCount).toBe(1);
  });

  it("should give node details for every node", async () => {
    for (const node of doc.graph.nodes) {
      const detail = await q.node(node.key);
      const incident = doc.graph.edges.filter((edge) => edge.source === node.key || edge.target === node.key).length;
      expect(detail.relations.reduce((sum, group) => sum + group.relations.length, 0)).toBe(incident);
    }
  });
});
