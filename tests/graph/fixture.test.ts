import { describe, expect, it } from "vitest";
import { parseGraphDocument } from "@/lib/contract";
import { buildFixtureDocument, fixtureText } from "../fixtures/graph/fixture";

describe("fixture graph", () => {
  it("should follow the graph.json contract", () => {
    expect(() => parseGraphDocument(buildFixtureDocument(), "fixture")).not.toThrow();
  });

  it("should have every quote equal to the article slice at its offsets", () => {
    const doc = buildFixtureDocument();
    const quotes = [
      ...doc.graph.edges.flatMap((edge) => edge.attributes.evidence),
      ...doc.conflicts.flatMap((conflict) => conflict.claims.map((claim) => claim.evidence)),
      ...doc.graph.nodes.flatMap((node) => (node.attributes.roles ?? []).map((role) => role.evidence)),
    ];
    expect(quotes.length).toBeGreaterThan(15);
    for (const evidence of quotes) {
      expect(fixtureText(evidence.article).slice(evidence.start, evidence.end)).toBe(evidence.quote);
    }
  });

  it("should have every mention inside its article and naming the node or an alias", () => {
    const doc = buildFixtureDocument();
    for (const node of doc.graph.nodes) {
      const names = [node.attributes.label, ...node.attributes.aliases].map((name) => name.toLowerCase());
      for (const mention of node.attributes.mentions) {
        const text = fixtureText(mention.article).slice(mention.start, mention.end).toLowerCase();
        expect(names.some((name) => name.includes(text) || text.includes(name)), `${node.key}: "${text}"`).toBe(true);
      }
    }
  });

  it("should record each article's length and sha256", () => {
    for (const article of buildFixtureDocument().articles) {
      expect(article.chars).toBe(fixtureText(article.id).length);
      expect(article.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});
