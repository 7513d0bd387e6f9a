// Fixture: the five seed articles shipped in graph-data/articles (copies of ../shared/seeds,
// news and opinion pieces about the 2025 US–Russia backchannel talks in Miami).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCorpus } from "@/lib/corpus";
import { extractCorpus } from "@/lib/extract";
import { parseGraphDocument } from "@/lib/contract";
import { countryOfDemonym } from "@/lib/extract/gazetteer";

const dir = path.resolve(__dirname, "../../graph-data/articles");
const { articles } = readCorpus(dir);
const { document: doc, report } = extractCorpus(articles);
const texts = new Map(articles.map((a) => [a.meta.id, a.text]));

describe("extract on the seed articles", () => {
  it("should follow the graph.json contract", () => {
    expect(() => parseGraphDocument(JSON.parse(JSON.stringify(doc)))).not.toThrow();
    expect(doc.articles.map((a) => a.id)).toEqual(articles.map((a) => a.meta.id).sort());
  });

  it("should give every evidence a quote equal to the article text at its offsets", () => {
    let count = 0;
    for (const edge of doc.graph.edges) {
      expect(edge.attributes.evidence.length).toBeGreaterThan(0);
      for (const ev of edge.attributes.evidence) {
        expect(texts.get(ev.article)!.slice(ev.start, ev.end)).toBe(ev.quote);
        count++;
      }
    }
    for (const c of doc.conflicts) for (const claim of c.claims) expect(texts.get(claim.evidence.article)!.slice(claim.evidence.start, claim.evidence.end)).toBe(claim.evidence.quote);
    expect(count).toBeGreaterThan(50);
  });

  it("should anchor every mention on text that names the node", () => {
    for (const node of doc.graph.nodes) {
      for (const m of node.attributes.mentions) {
        const text = texts.get(m.article)!;
        expect(m.start).toBeGreaterThanOrEqual(0);
        expect(m.end).toBeLessThanOrEqual(text.length);
        expect(m.end).toBeGreaterThan(m.start);
        if (node.attributes.type === "Meeting") continue;
        const surface = text.slice(m.start, m.end).replace(/['’]s$/, "");
        const names = [node.attributes.label, ...node.attributes.aliases].map((n) => n.toLowerCase());
        // Titles stand for bodies ("Minister of State Assets") and demonyms for states ("Ukrainian
        // President …"); otherwise the surface is one of the node's names.
        if (/minister/i.test(surface) || countryOfDemonym(surface) === node.attributes.label) continue;
        expect(names).toContain(surface.replace(/^(?:the|a|an)\s+/i, "").toLowerCase());
      }
    }
  });

  it("should keep spelling variants of one person in one node, with the articles that used each", () => {
    const zelensky = doc.graph.nodes.filter((n) => n.attributes.type === "Person" && /zelensk/i.test(n.attributes.label));
    expect(zelensky).toHaveLength(1);
    const sources = zelensky[0]!.attributes.aliasSources!;
    const byAlias = Object.fromEntries(sources.map((s) => [s.alias, s.articles]));
    const spellings = Object.keys(byAlias).concat(zelensky[0]!.attributes.label).join(" ");
    for (const variant of ["Zelensky ", "Zelenskiy", "Zelenskyy"]) expect(spellings + " ").toContain(variant);
    // Each spelling keeps the articles that used it: "Zelenskyy" is 002's and 003's.
    expect(byAlias["Zelenskyy"]).toEqual(["002_fc058b82b967914c", "003_7c8f95c9a5ae8a23"]);
  });

  it("should join an acronym and its expansion", () => {
    const rdif = doc.graph.nodes.find((n) => n.attributes.label === "Russian Direct Investment Fund");
    expect(rdif?.attributes.aliases).toContain("RDIF");
  });

  it("should find the relations stated in appositions, titles and possessives", () => {
    const has = (s: string, t: string, o: string) =>
      doc.graph.edges.some((e) => e.source === s && e.attributes.type === t && e.target === o);
    expect(has("person:kirill-dmitriev", "HEADS", "org:russian-direct-investment-fund")).toBe(true);
    expect(has("person:yuri-ushakov", "ADVISES", "person:vladimir-putin")).toBe(true);
    expect(has("person:jared-kushner", "RELATIVE_OF", "person:donald-trump")).toBe(true);
    expect(has("person:marco-rubio", "HEADS", "org:state-department")).toBe(true);
  });

  it("should make the Moscow meeting one node with its participants and place", () => {
    const moscow = doc.graph.edges.find((e) => e.attributes.type === "HELD_IN" && e.target === "place:moscow");
    expect(moscow).toBeDefined();
    const attendees = doc.graph.edges.filter((e) => e.attributes.type === "ATTENDED" && e.target === moscow!.source).map((e) => e.source);
    expect(attendees).toEqual(expect.arrayContaining(["person:vladimir-putin", "person:steve-witkoff", "person:yuri-ushakov", "person:kirill-dmitriev", "person:jared-kushner"]));
  });

  it("should list different titles for one person as a conflict", () => {
    const umerov = doc.conflicts.find((c) => c.subject === "person:rustem-umerov" && c.field === "title");
    expect(umerov?.claims.length).toBeGreaterThanOrEqual(2);
  });

  it("should not make entities of headline phrases or page furniture", () => {
    const names = doc.graph.nodes.map((n) => n.attributes.label);
    for (const junk of ["Published", "Related Posts", "Miami Betrayal", "Secret Meetings", "Skip", "Read more", "Facts"]) expect(names).not.toContain(junk);
  });

  it("should explain why each relation exists", () => {
    expect(report.entries.length).toBeGreaterThan(0);
    expect(report.entries.every((e) => e.rule && e.quote)).toBe(true);
  });

  it("should be deterministic", () => {
    const again = extractCorpus(readCorpus(dir).articles).document;
    expect(JSON.stringify(again)).toBe(JSON.stringify(doc));
  });

  it("should not change the shipped fixture articles", () => {
    const listed = JSON.parse(fs.readFileSync(path.join(dir, "articles.json"), "utf8")) as Array<{ file: string }>;
    expect(listed.map((a) => a.file).sort()).toEqual(articles.map((a) => a.meta.file).sort());
  });
});
