// The indexed search for the meeting an account belongs to (lib/extract/meetings.ts, ClusterFinder)
// must find exactly what comparing every account with every meeting finds. Random accounts built
// from a small cast, few places and clashing dates (seeded), so that shared pairs, shared places,
// same days, unheld fates, sides and date conflicts all occur often.
import { describe, expect, it } from "vitest";
import type { Evidence } from "@/lib/contract";
import { clusterMeetings, MeetingClusterer, type Candidate, type MeetingInput } from "@/lib/extract/meetings";
import type { FoundDate } from "@/lib/extract/dates";
import type { ResolvedEntity } from "@/lib/extract/types";

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

const PEOPLE = ["person:a", "person:b", "person:c", "person:d", "person:e", "person:f", "person:g"];
const PLACES = ["place:vienna", "place:geneva", "place:oslo"];
const STATES = ["org:north", "org:south"];

function entities(): Map<string, ResolvedEntity> {
  const map = new Map<string, ResolvedEntity>();
  for (const key of [...PEOPLE, ...PLACES, ...STATES]) {
    const type = key.startsWith("person:") ? "Person" : key.startsWith("place:") ? "Place" : "Organization";
    map.set(key, { key, type, label: key.split(":")[1]!, aliases: new Map(), mentions: [] });
  }
  return map;
}

function randomDate(random: () => number): FoundDate {
  const kind = random();
  const day = 1 + Math.floor(random() * 12);
  const iso = (d: number, month = 3) => `2024-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  // As lib/extract/dates states them: a date with a year also keeps its month and days.
  if (kind < 0.45) return { text: `March ${day}`, start: 0, end: 1, from: iso(day), to: iso(day), monthDays: { month: 3, from: day, to: day } };
  if (kind < 0.6) return { text: `March ${day}-${day + 2}`, start: 0, end: 1, from: iso(day), to: iso(day + 2), monthDays: { month: 3, from: day, to: day + 2 } };
  if (kind < 0.7) return { text: "in March", start: 0, end: 1, from: iso(1), to: iso(31), monthDays: { month: 3, from: 1, to: 31 } };
  if (kind < 0.8) return { text: `April ${day}`, start: 0, end: 1, from: iso(day, 4), to: iso(day, 4), monthDays: { month: 4, from: day, to: day } };
  return { text: `March ${day}`, start: 0, end: 1, from: null, to: null, monthDays: { month: 3, from: day, to: day } };
}

function randomCandidates(random: () => number, count: number): Candidate[] {
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const out: Candidate[] = [];
  for (let i = 0; i < count; i++) {
    const article = `a${Math.floor(random() * 6)}`;
    const evidence: Evidence = { article, start: i, end: i + 1, quote: "x" };
    const participants = new Map<string, Evidence>();
    const size = Math.floor(random() * 5);
    for (let j = 0; j < size; j++) participants.set(random() < 0.15 ? pick(STATES) : pick(PEOPLE), evidence);
    const places = new Map<string, Evidence>();
    if (random() < 0.6) places.set(pick(PLACES), evidence);
    if (random() < 0.1) places.set(pick(PLACES), evidence);
    const dates = random() < 0.65 ? [{ ...randomDate(random), evidence }] : [];
    if (random() < 0.15) dates.push({ ...randomDate(random), evidence });
    const fate = random();
    out.push({
      article,
      sentence: i,
      trigger: pick(["met", "talks", "dinner"]),
      participants,
      places,
      dates,
      evidence: [evidence],
      reporters: new Map(),
      denied: new Map(),
      status: fate < 0.7 ? "held" : fate < 0.85 ? "planned" : "cancelled",
    });
  }
  return out;
}

/** What clustering reads besides the accounts: the entities (no sentences, no texts). */
function clusteringInput(): MeetingInput {
  return { sentences: new Map(), mentions: [], entities: entities(), texts: new Map(), metaById: new Map(), report: { collect: false, entries: [], unlinked: [] } };
}

describe("extract/meetings clustering", () => {
  it("should group accounts exactly as comparing each with every meeting does (300 seeded corpora)", () => {
    const input = clusteringInput();
    // Two people serve the north, two the south: accounts with people of both sides stay apart.
    const affiliations = new Map<string, Set<string>>([
      ["org:north", new Set(["org:north"])],
      ["org:south", new Set(["org:south"])],
      ["person:a", new Set(["org:north"])],
      ["person:b", new Set(["org:north"])],
      ["person:c", new Set(["org:south"])],
      ["person:d", new Set(["org:south"])],
    ]);
    let merged = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const candidates = randomCandidates(lcg(seed), 12 + (seed % 40));
      const indexed = clusterMeetings(candidates, input, affiliations);
      const exhaustive = clusterMeetings(candidates, input, affiliations, { exhaustive: true });
      expect(indexed, `seed ${seed}`).toEqual(exhaustive);
      merged += candidates.length - indexed.nodes.length;
    }
    // The corpora are not trivial: many accounts were merged into shared meetings.
    expect(merged).toBeGreaterThan(1000);
  });

  it("should cluster accounts added in several steps as it clusters them at once (100 seeded corpora)", () => {
    const input = clusteringInput();
    const affiliations = new Map<string, Set<string>>([["person:a", new Set(["org:north"])]]);
    for (let seed = 1; seed <= 100; seed++) {
      const candidates = randomCandidates(lcg(seed), 12 + (seed % 40));
      const atOnce = clusterMeetings(candidates, input, affiliations);
      // Meetings asked for midway are kept and made again only where their cluster grew.
      const inSteps = new MeetingClusterer(affiliations, { keepMeetings: true });
      const cut = [Math.floor(candidates.length / 3), Math.floor((2 * candidates.length) / 3)];
      inSteps.add(candidates.slice(0, cut[0]));
      // Asking for the meetings midway leaves the clustering as it was.
      inSteps.meetings(input);
      inSteps.meetings(input);
      inSteps.add(candidates.slice(cut[0], cut[1]));
      inSteps.add(candidates.slice(cut[1]));
      expect(inSteps.meetings(input), `seed ${seed}`).toEqual(atOnce);
    }
  });

  it("should still find a fully dated meeting once it also holds a date without a year, in another month", () => {
    // A meeting dated 5 March 2024; then an account giving "5 March" and "20 April" (no year) joins
    // it; then "20 April 2024": its month (April) is not the meeting's first month, but one of the
    // meeting's dates (20 April, no year) agrees with it, so it is the same meeting.
    const ev = (article: string, start: number): Evidence => ({ article, start, end: start + 1, quote: "x" });
    const md = (month: number, day: number) => ({ month, from: day, to: day });
    const account = (article: string, i: number, dates: FoundDate[]): Candidate => ({
      article,
      sentence: i,
      trigger: "met",
      participants: new Map([["person:a", ev(article, i)], ["person:b", ev(article, i)]]),
      places: new Map([["place:vienna", ev(article, i)]]),
      dates: dates.map((d) => ({ ...d, evidence: ev(article, i) })),
      evidence: [ev(article, i)],
      reporters: new Map(),
      denied: new Map(),
      status: "held",
    });
    const candidates = [
      account("a1", 0, [{ text: "5 March 2024", start: 0, end: 1, from: "2024-03-05", to: "2024-03-05", monthDays: md(3, 5) }]),
      account("a2", 1, [
        { text: "5 March", start: 0, end: 1, from: null, to: null, monthDays: md(3, 5) },
        { text: "20 April", start: 0, end: 1, from: null, to: null, monthDays: md(4, 20) },
      ]),
      account("a3", 2, [{ text: "20 April 2024", start: 0, end: 1, from: "2024-04-20", to: "2024-04-20", monthDays: md(4, 20) }]),
    ];
    const input = clusteringInput();
    const exhaustive = clusterMeetings(candidates, input, new Map(), { exhaustive: true });
    expect(exhaustive.nodes).toHaveLength(1);
    expect(clusterMeetings(candidates, input, new Map())).toEqual(exhaustive);
  });
});
