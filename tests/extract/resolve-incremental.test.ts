// lib/extract/resolve-incremental.ts: resolution kept up to date as articles are added and removed
// must always equal resolveEntities over the corpus as it then stands (entities, their order, every
// mention's key and type). Fixtures: the five seed articles shipped in graph-data/articles (copies of
// ../shared/seeds), a synthetic corpus from scripts/bench/corpus.ts (seeded), and short articles
// written here where one article changes how another's names resolve.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCorpus } from "@/lib/corpus";
import type { ArticleAnalysis, ArticleInput } from "@/lib/extract";
import { dropUnconfirmedIndefiniteDocuments, resolveEntities } from "@/lib/extract/resolve";
import { IncrementalResolution } from "@/lib/extract/resolve-incremental";
import { writeSynthCorpus } from "@/scripts/bench/corpus";
import { analyzeWithCorpus, article, resolutionDecisions } from "./helpers";

const seeds = readCorpus(path.resolve(__dirname, "../../graph-data/articles")).articles;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-incremental-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));



/** Resolution of these articles from scratch, as extractFromAnalyses runs it. */
function wholeResolution(articles: readonly ArticleInput[], ids: ReadonlySet<string>): string[] {
  const analyses = analyzeWithCorpus(
    articles.filter((a) => ids.has(a.meta.id)),
    articles,
  );
  const mentions = analyses.flatMap((a) => a.mentions);
  dropUnconfirmedIndefiniteDocuments(mentions);
  const entities = resolveEntities({ mentions, sentences: new Map(analyses.map((a) => [a.id, a.sentences])), acronyms: analyses.flatMap((a) => a.acronyms) });
  return resolutionDecisions(entities, mentions);
}

/** A resolution kept up to date over `articles`, checked against a whole run after every change. */
class Checked {
  readonly ids = new Set<string>();
  private readonly analyses: Map<string, ArticleAnalysis>;
  readonly state: IncrementalResolution;

  constructor(private readonly articles: readonly ArticleInput[]) {
    this.analyses = new Map(analyzeWithCorpus(articles).map((a) => [a.id, a]));
    this.state = new IncrementalResolution(new Map([...this.analyses].map(([id, a]) => [id, a.sentences])));
  }

  private order(): string[] {
    return this.articles.map((a) => a.meta.id).filter((id) => this.ids.has(id));
  }

  add(...ids: string[]) {
    for (const id of ids) this.ids.add(id);
    // Fresh analyses, as a build reads them from its cache: resolution writes into the mentions it is given.
    const added = analyzeWithCorpus(
      this.articles.filter((a) => ids.includes(a.meta.id)),
      this.articles,
    );
    const change = this.state.update({ added, order: this.order() });
    this.expectWhole();
    return change;
  }

  remove(...ids: string[]) {
    for (const id of ids) this.ids.delete(id);
    const change = this.state.update({ removed: ids, order: this.order() });
    this.expectWhole();
    return change;
  }

  private expectWhole(): void {
    const mine = resolutionDecisions(this.state.entities, this.order().flatMap((id) => this.state.keptMentions(id)));
    expect(mine).toEqual(wholeResolution(this.articles, this.ids));
  }
}

const ids = (articles: readonly ArticleInput[]) => articles.map((a) => a.meta.id);

describe("extract/resolve-incremental", () => {
  it("should resolve the seed articles added one by one, in any order, as a whole run does", () => {
    const checked = new Checked(seeds);
    for (const id of [...ids(seeds)].reverse()) checked.add(id);
    checked.remove(ids(seeds)[2]!);
    checked.add(ids(seeds)[2]!);
  });

  it("should keep a synthetic corpus of 200 articles resolved through additions at its start, middle and end, and removals", () => {
    const dir = path.join(work, "synth");
    writeSynthCorpus(dir, { articles: 200, seed: 5 });
    const { articles } = readCorpus(dir);
    const all = ids(articles);
    const held = [all[0]!, all[100]!, all[199]!, all[57]!];
    const checked = new Checked(articles);
    checked.add(...all.filter((id) => !held.includes(id)));
    for (const id of held) {
      const change = checked.add(id);
      expect(change.articles.has(id)).toBe(true);
      // Only the components the article touches are resolved again.
      expect(change.mentionShare).toBeGreaterThan(0);
      expect(change.mentionShare).toBeLessThan(0.6);
    }
    checked.remove(all[100]!, all[3]!);
    checked.add(all[3]!, all[100]!);
  });

  it("should retype a name again when the article that made it a firm is removed", () => {
    // "Grace" alone twice and "Grace Holdings" make "Grace Baker" a firm; without r1 it is a person.
    const articles = [
      article("r1", "Shares of Grace Holdings rose. Grace said it would grow."),
      article("r2", "Analysts said Grace was strong. Grace Baker, a trader, agreed."),
      article("r3", "Anna Kessler founded Kessler Holdings. Kessler declined to comment."),
    ];
    const checked = new Checked(articles);
    checked.add("r1", "r2", "r3");
    const firm = [...checked.state.entities.values()].find((e) => e.label === "Grace Baker");
    expect(firm?.type).toBe("Organization");
    const change = checked.remove("r1");
    expect([...checked.state.entities.values()].find((e) => e.label === "Grace Baker")?.type).toBe("Person");
    expect(change.articles.has("r2")).toBe(true);
    checked.add("r1");
  });

  it("should report the articles whose mentions resolve differently after an addition", () => {
    // A second Kessler in the corpus makes the lone "Kessler" of k3, which names neither, ambiguous.
    const articles = [article("k1", "Anna Kessler spoke in Brno on Monday."), article("k2", "Tomas Kessler, a banker, disagreed with the plan."), article("k3", "Kessler said the plan would work.")];
    const checked = new Checked(articles);
    checked.add("k1", "k3");
    expect(checked.state.keptMentions("k3").find((m) => m.name === "Kessler")?.key).toBe("person:anna-kessler");
    const change = checked.add("k2");
    expect(checked.state.keptMentions("k3").find((m) => m.name === "Kessler")?.key).not.toBe("person:anna-kessler");
    expect([...change.articles].sort()).toEqual(["k2", "k3"]);
  });

  it("should refuse an inconsistent update, naming the module and the article", () => {
    const checked = new Checked([article("x1", "Anna Kessler spoke."), article("x2", "Tomas Brandt spoke.")]);
    checked.add("x1");
    expect(() => checked.state.update({ removed: ["nope"], order: ["x1"] })).toThrow(/newsgraph\/extract: cannot remove article "nope"/);
    expect(() => checked.state.update({ added: [], order: ["x1", "x2"] })).toThrow(/newsgraph\/extract: the corpus order lists 2 articles, but the resolution would hold 1/);
    expect(() => checked.state.keptMentions("x2")).toThrow(/newsgraph\/extract: no article "x2"/);
    expect(() => new IncrementalResolution(null as unknown as Map<string, []>)).toThrow(/newsgraph\/extract: IncrementalResolution needs/);
  });
});
