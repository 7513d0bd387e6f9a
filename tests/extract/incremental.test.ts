// lib/extract/incremental.ts: the corpus stage kept up to date as articles are added and removed
// must give, after every change, the very document extractFromAnalyses gives for the corpus as it
// then stands (compared as JSON text). Fixtures: the five seed articles shipped in
// graph-data/articles (copies of ../shared/seeds) and a synthetic corpus from scripts/bench/corpus.ts
// (seeded), whose recurring cast gives meetings, roles and co-mentions across articles.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCorpus } from "@/lib/corpus";
import { analyzeArticle, buildGazetteer, extractFromAnalyses, type ArticleInput } from "@/lib/extract";
import { IncrementalAssembly } from "@/lib/extract/assemble-incremental";
import type { MeetingNode } from "@/lib/extract/assemble";
import { IncrementalCorpus, RecordingMeetingEnv, RecordingRelationEnv } from "@/lib/extract/incremental";
import type { RelationCandidate, ResolvedEntity } from "@/lib/extract/types";
import type { MeetingEnv } from "@/lib/extract/meetings";
import type { RelationEnv } from "@/lib/extract/relations";
import { writeSynthCorpus } from "@/scripts/bench/corpus";
import { mulberry32 } from "@/scripts/bench/random";
import { article } from "./helpers";

const seeds = readCorpus(path.resolve(__dirname, "../../graph-data/articles")).articles;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-incremental-corpus-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A corpus stage kept up to date over `corpus`, checked against a whole run after every change. */
class Checked {
  readonly corpus = new IncrementalCorpus();
  private readonly ids = new Set<string>();
  private readonly gazetteer;

  constructor(private readonly articles: readonly ArticleInput[]) {
    // A build's gazetteer knows the publishers of the whole corpus.
    this.gazetteer = buildGazetteer(articles.map((a) => a.meta.publisher).filter((p): p is string => Boolean(p)));
  }

  private order(): string[] {
    return this.articles.map((a) => a.meta.id).filter((id) => this.ids.has(id));
  }

  add(...ids: string[]) {
    for (const id of ids) this.ids.add(id);
    const added = this.articles.filter((a) => ids.includes(a.meta.id)).map((input) => ({ input, analysis: analyzeArticle(input, this.gazetteer) }));
    return this.check(this.corpus.update({ added, order: this.order() }));
  }

  remove(...ids: string[]) {
    for (const id of ids) this.ids.delete(id);
    return this.check(this.corpus.update({ removed: ids, order: this.order() }));
  }

  /** Articles taken out and put back in one update, as when their files change. */
  replace(...ids: string[]) {
    const added = this.articles.filter((a) => ids.includes(a.meta.id)).map((input) => ({ input, analysis: analyzeArticle(input, this.gazetteer) }));
    return this.check(this.corpus.update({ added, removed: ids, order: this.order() }));
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  lastDocument: ReturnType<IncrementalCorpus["update"]>["document"] | null = null;

  private check(result: ReturnType<IncrementalCorpus["update"]>) {
    this.lastDocument = result.document;
    const subset = this.articles.filter((a) => this.ids.has(a.meta.id));
    const whole = extractFromAnalyses(
      subset,
      subset.map((a) => analyzeArticle(a, this.gazetteer)),
      { explain: false },
    ).document;
    expect(JSON.stringify(result.document)).toBe(JSON.stringify(whole));
    return result.stats;
  }
}

const ids = (articles: readonly ArticleInput[]) => articles.map((a) => a.meta.id);

describe("extract/incremental", () => {
  it("should give the whole run's document for the seed articles added one by one and removed", () => {
    const checked = new Checked(seeds);
    const all = ids(seeds);
    checked.add(all[1]!, all[3]!);
    checked.add(all[0]!);
    checked.add(all[2]!);
    checked.add(all[4]!);
    checked.remove(all[0]!);
    checked.add(all[0]!);
  });

  it("should give the whole run's document for a synthetic corpus of 150 articles through additions at its start, middle and end", () => {
    const dir = path.join(work, "synth");
    writeSynthCorpus(dir, { articles: 150, seed: 9 });
    const { articles } = readCorpus(dir);
    const all = ids(articles);
    const held = [all[0]!, all[75]!, all[149]!];
    const checked = new Checked(articles);
    checked.add(...all.filter((id) => !held.includes(id)));
    for (const id of held) {
      const stats = checked.add(id);
      // The added article's relations and meeting accounts are found; most others are kept.
      expect(stats.relationArticles).toBeGreaterThanOrEqual(1);
      expect(stats.relationArticles).toBeLessThan(all.length / 2);
      expect(stats.meetingArticles).toBeGreaterThanOrEqual(1);
      expect(stats.meetingArticles).toBeLessThan(all.length / 2);
    }
    // An article added after every other: its meeting accounts are clustered after those already clustered.
    checked.remove(all[149]!);
    expect(checked.add(all[149]!).clusteringResumed).toBe(true);
    checked.remove(all[75]!, all[10]!);
  });

  it("should stay exact through a seeded run of additions, removals and replacements (synthetic corpus of 60 articles)", () => {
    const dir = path.join(work, "synth-random");
    writeSynthCorpus(dir, { articles: 60, seed: 13 });
    const { articles } = readCorpus(dir);
    const all = ids(articles);
    const random = mulberry32(13);
    const pick = (from: string[], k: number) => {
      const pool = [...from];
      const out: string[] = [];
      while (out.length < k && pool.length) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
      return out;
    };
    const checked = new Checked(articles);
    checked.add(...pick(all, 40));
    const done = { add: 0, remove: 0, replace: 0 };
    for (let step = 0; step < 10; step++) {
      const present = all.filter((id) => checked.has(id));
      const absent = all.filter((id) => !checked.has(id));
      const op = random();
      if (op < 0.45 && absent.length) {
        checked.add(...pick(absent, 1 + Math.floor(random() * 3)));
        done.add++;
      } else if (op < 0.75) {
        checked.remove(...pick(present, 1 + Math.floor(random() * 2)));
        done.remove++;
      } else {
        checked.replace(...pick(present, 1));
        done.replace++;
      }
    }
    // Every kind of change was made.
    expect(Math.min(done.add, done.remove, done.replace)).toBeGreaterThan(0);
  });

  it("should go on clustering when a new article names a new official's state, and cluster again when it names one for a participant", () => {
    const articles = [
      article("s1", "Anna Kessler met Tomas Brandt in Vienna on Monday to discuss the pipeline."),
      // A new official and the state he serves: no account clustered so far names him.
      article("s2", "Polish Foreign Minister Jan Nowak met Greta Lind in Oslo on Tuesday to discuss the pipeline. Poland wants it finished by May."),
      // A state for someone who took part in the first meeting: its sides change, so all is clustered again.
      article("s3", "German Economy Minister Anna Kessler said on Friday that Germany would go on with the pipeline talks."),
    ];
    const checked = new Checked(articles);
    checked.add("s1");
    expect(checked.add("s2").clusteringResumed).toBe(true);
    expect(checked.add("s3").clusteringResumed).toBe(false);
  });

  it("should make a meeting again when a participant's label changes, though its accounts do not", () => {
    // m2 spells Zoë with its diaeresis, twice: her label takes it (her key, accent-free, stays), and so must the meeting's.
    const articles = [
      article("m1", "Zoe Novak met Tomas Brandt in Prague on Monday to discuss the pipeline."),
      article("m2", "Zoë Novak said on Friday that the pipeline would be finished in May. Zoë Novak did not say more."),
    ];
    const checked = new Checked(articles);
    checked.add("m1");
    const stats = checked.add("m2");
    // m2 tells of no meeting and sorts last: clustering went on where it stopped, with nothing to add.
    expect(stats.clusteringResumed).toBe(true);
    const meeting = checked.lastDocument!.graph.nodes.find((n) => n.attributes.type === "Meeting");
    expect(meeting?.attributes.label).toContain("Zoë Novak");
  });

  it("should find an article's relations again when a name it looked up comes to mean another entity", () => {
    // "Minister of Transport" in m1 looks up a ministry by name; m2 names it, which adds the HEADS relation to m1.
    const articles = [
      article("m1", "Transport Minister Jana Novak said the line would open in May."),
      article("m2", "The Ministry of Transport confirmed the plan on Tuesday."),
    ];
    const checked = new Checked(articles);
    checked.add("m1");
    const stats = checked.add("m2");
    expect(stats.relationArticles).toBe(2);
  });

  it("should leave the corpus as it was when an update is refused", () => {
    const checked = new Checked(seeds.slice(0, 2));
    checked.add(ids(seeds)[0]!);
    const gazetteer = buildGazetteer([]);
    const second = { input: seeds[1]!, analysis: analyzeArticle(seeds[1]!, gazetteer) };
    expect(() => checked.corpus.update({ added: [second], order: [ids(seeds)[0]!] })).toThrow(/newsgraph\/extract: the corpus order lists 1 articles, but the resolution would hold 2/);
    expect(() => checked.corpus.update({ added: [{ input: seeds[1]!, analysis: { ...second.analysis, id: "other" } }], order: ids(seeds).slice(0, 2) })).toThrow(
      /newsgraph\/extract: an added article needs \{ input, analysis \} for the same article id/,
    );
    // Still usable, and still exact.
    checked.add(ids(seeds)[1]!);
  });
});

describe("extract/incremental RecordingRelationEnv", () => {
  it("should tell whether another corpus answers the questions asked alike", () => {
    const env = (names: Record<string, string>, states: string[]): RelationEnv => ({
      typeOf: () => "Organization",
      isState: (key) => states.includes(key),
      entityNamed: (k) => names[k],
      personEndingAt: () => undefined,
    });
    const asked = new RecordingRelationEnv(env({ "ministry of transport": "org:ministry-of-transport" }, ["org:poland"]));
    expect(asked.entityNamed("ministry of transport")).toBe("org:ministry-of-transport");
    expect(asked.isState("org:poland")).toBe(true);
    expect(asked.personEndingAt("a1", 10)).toBeUndefined();
    expect(asked.answersAlike(env({ "ministry of transport": "org:ministry-of-transport", other: "org:x" }, ["org:poland"]))).toBe(true);
    expect(asked.answersAlike(env({}, ["org:poland"]))).toBe(false);
    expect(asked.answersAlike(env({ "ministry of transport": "org:ministry-of-transport" }, []))).toBe(false);
  });
});

describe("extract/incremental RecordingMeetingEnv", () => {
  it("should tell whether another corpus answers the questions asked alike", () => {
    const env = (labels: Record<string, string>, media: string[]): MeetingEnv => ({
      typeOf: () => "Organization",
      entityLabelled: (k) => labels[k],
      isMedia: (key) => media.includes(key),
    });
    const asked = new RecordingMeetingEnv(env({ poland: "org:poland" }, ["org:reuters"]));
    expect(asked.entityLabelled("poland")).toBe("org:poland");
    expect(asked.isMedia("org:reuters")).toBe(true);
    expect(asked.isMedia("org:tass")).toBe(false);
    expect(asked.answersAlike(env({ poland: "org:poland" }, ["org:reuters"]))).toBe(true);
    expect(asked.answersAlike(env({ poland: "place:poland" }, ["org:reuters"]))).toBe(false);
    expect(asked.answersAlike(env({ poland: "org:poland" }, ["org:reuters", "org:tass"]))).toBe(false);
  });
});

describe("extract/assemble-incremental", () => {
  // Two people named in one sentence of a1; a2, added and then taken out, says one advises the other.
  const texts = new Map([
    ["a1", "Anna Kessler and Tomas Brandt spoke."],
    ["a2", "Anna Kessler advises Tomas Brandt."],
  ]);
  const person = (key: string, label: string): ResolvedEntity => ({ key, type: "Person", label, aliases: new Map([[label, new Set(["a1"])]]), mentions: [] });
  const entities = new Map([
    ["person:anna-kessler", person("person:anna-kessler", "Anna Kessler")],
    ["person:tomas-brandt", person("person:tomas-brandt", "Tomas Brandt")],
  ]);
  const articles = [...texts.keys()].map((id) => ({ id, file: `${id}.txt`, title: null, publisher: null, url: null, date: null, sha256: "0".repeat(64), chars: texts.get(id)!.length }));
  const evidence = (article: string, start: number, end: number) => ({ article, start, end, quote: texts.get(article)!.slice(start, end) });
  const unitA1 = { relations: [], coMentions: [{ keys: ["person:anna-kessler", "person:tomas-brandt"], evidence: evidence("a1", 0, texts.get("a1")!.length) }] };
  const unitA2 = { relations: [{ source: "person:anna-kessler", type: "ADVISES" as const, target: "person:tomas-brandt", evidence: evidence("a2", 0, texts.get("a2")!.length), rule: "test" }], coMentions: [] };
  const meetings = { nodes: [], relationsByMeeting: [], conflicts: [] };
  const types = (doc: ReturnType<IncrementalAssembly["update"]>) => doc.graph.edges.map((e) => e.attributes.type);

  it("should hide a co-mention while a typed relation links the pair, and show it again when that goes", () => {
    const assembly = new IncrementalAssembly();
    const base = { articles, texts, entities, roles: new Map(), meetings, relations: [] };
    expect(types(assembly.update({ ...base, changedEntities: null, units: new Map([["a1", unitA1]]), removedUnits: [] }))).toEqual(["CO_MENTIONED"]);
    expect(types(assembly.update({ ...base, changedEntities: new Set(), units: new Map([["a2", unitA2]]), removedUnits: [] }))).toEqual(["ADVISES"]);
    expect(types(assembly.update({ ...base, changedEntities: new Set(), units: new Map(), removedUnits: ["a2"] }))).toEqual(["CO_MENTIONED"]);
  });

  it("should leave a meeting's edges as they were while it gives the same relations, and make them again only where they differ", () => {
    const assembly = new IncrementalAssembly();
    const meeting = (key: string): MeetingNode => ({ key, label: key, description: "talks", dates: [], mentions: [], status: "held" });
    const attended = (article: string): RelationCandidate => ({ source: "person:anna-kessler", type: "ATTENDED", target: "meeting:talks", evidence: evidence(article, 0, texts.get(article)!.length), rule: "test" });
    const base = { articles, texts, entities, roles: new Map(), relations: [], units: new Map(), removedUnits: [] };
    const withMeetings = (given: Array<[string, readonly RelationCandidate[]]>) => ({
      ...base,
      changedEntities: new Set<string>(),
      meetings: { nodes: given.map(([key]) => meeting(key)), relationsByMeeting: given.map(([, list]) => list), conflicts: [] },
    });
    const edgeOf = (doc: ReturnType<IncrementalAssembly["update"]>) => doc.graph.edges.find((e) => e.attributes.type === "ATTENDED");
    const told = [attended("a2")];
    const first = edgeOf(assembly.update({ ...withMeetings([["meeting:talks", told]]), changedEntities: null }));
    expect(first?.attributes.evidence.map((e) => e.article)).toEqual(["a2"]);
    // The same array (a kept meeting), or a new one saying the same (a meeting clustered again): the very edge object, which the writer copies.
    expect(edgeOf(assembly.update(withMeetings([["meeting:talks", told]])))).toBe(first);
    expect(edgeOf(assembly.update(withMeetings([["meeting:talks", [...told]]])))).toBe(first);
    // A passage more: made again.
    const grown = edgeOf(assembly.update(withMeetings([["meeting:talks", [...told, attended("a1")]]])));
    expect(grown).not.toBe(first);
    expect(grown?.attributes.evidence.map((e) => e.article)).toEqual(["a1", "a2"]);
    // The meeting gone: its edge goes with its node.
    expect(edgeOf(assembly.update(withMeetings([])))).toBeUndefined();
    expect(() => assembly.update(withMeetings([["meeting:talks", told], ["meeting:talks", []]]))).toThrow(/newsgraph\/extract: meeting "meeting:talks" is given twice/);
    expect(() => assembly.update({ ...withMeetings([]), meetings: { nodes: [meeting("meeting:talks")], relationsByMeeting: [], conflicts: [] } })).toThrow(/newsgraph\/extract: 1 meetings but 0 lists of meeting relations/);
  });

  it("should refuse a passage that does not quote its article, naming the article", () => {
    const assembly = new IncrementalAssembly();
    const wrong = { relations: [], coMentions: [{ keys: ["person:anna-kessler", "person:tomas-brandt"], evidence: { article: "a1", start: 0, end: 4, quote: "Tomas" } }] };
    expect(() => assembly.update({ articles, texts, entities, roles: new Map(), meetings, relations: [], changedEntities: null, units: new Map([["a1", wrong]]), removedUnits: [] })).toThrow(
      /newsgraph\/extract: evidence does not match article "a1" at 0-4/,
    );
  });
});
