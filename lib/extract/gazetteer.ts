// A token-level dictionary of generic names (countries, capitals, international bodies, news
// outlets, regions) plus names the corpus metadata gives (publishers), matched longest first.
import type { EntityType } from "../contract";
import { COUNTRIES, INSTITUTION_METONYMS, INTERNATIONAL_BODIES, MEDIA_OUTLETS, REGIONS } from "./knowledge";
import { tokenize } from "./text";

export interface GazetteerEntry {
  tokens: string[];
  type: EntityType;
  canonical: string;
  aliases: string[];
  /** A capital city that stands for a state when not used as a location. */
  metonymFor?: string;
  /** Country entry (type Organization, a state). */
  country?: boolean;
  /** Needs context to count (an outlet named like a common word: "Time", "X"). */
  ambiguous?: boolean;
  source: string;
}

const AMBIGUOUS_OUTLETS = new Set(["Time", "X", "AP", "Telegram", "Guardian", "Economist", "FT", "Facebook", "ABC", "NBC", "CBS", "Spiegel", "RIA"]);

function phraseTokens(phrase: string): string[] {
  return tokenize(phrase, 0).map((t) => t.text);
}

export class Gazetteer {
  private readonly byFirst = new Map<string, GazetteerEntry[]>();

  add(phrase: string, entry: Omit<GazetteerEntry, "tokens">): void {
    const tokens = phraseTokens(phrase);
    if (tokens.length === 0) return;
    const full: GazetteerEntry = { ...entry, tokens };
    const first = tokens[0]!;
    const list = this.byFirst.get(first) ?? [];
    list.push(full);
    list.sort((a, b) => b.tokens.length - a.tokens.length);
    this.byFirst.set(first, list);
  }

  /** Longest entry whose tokens equal `tokens[i…]` (case-sensitive: names are capitalized). */
  match(tokens: ReadonlyArray<{ text: string }>, i: number): GazetteerEntry | null {
    const candidates = this.byFirst.get(tokens[i]?.text ?? "");
    if (!candidates) return null;
    for (const entry of candidates) {
      let ok = true;
      for (let k = 0; k < entry.tokens.length; k++) {
        if (tokens[i + k]?.text !== entry.tokens[k]) {
          ok = false;
          break;
        }
      }
      if (ok) return entry;
    }
    return null;
  }
}

/** The generic gazetteer, plus corpus publishers (from articles.json) as organizations. */
export function buildGazetteer(publishers: readonly string[] = []): Gazetteer {
  const g = new Gazetteer();
  for (const c of COUNTRIES) {
    for (const name of [c.name, ...c.aliases]) {
      g.add(name, { type: "Organization", canonical: c.name, aliases: c.aliases, country: true, source: "country" });
    }
    for (const capital of c.capitals) {
      if (capital === "Kremlin") {
        g.add("Kremlin", { type: "Organization", canonical: c.name, aliases: c.aliases, country: true, source: "metonym" });
        continue;
      }
      g.add(capital, { type: "Place", canonical: capital, aliases: [], metonymFor: c.name, source: "capital" });
    }
  }
  for (const body of INTERNATIONAL_BODIES) {
    for (const name of [body.name, ...body.aliases]) g.add(name, { type: "Organization", canonical: body.name, aliases: body.aliases, source: "international-body" });
    for (const m of body.metonyms ?? []) g.add(m, { type: "Place", canonical: m, aliases: [], metonymFor: body.name, source: "capital" });
  }
  for (const outlet of MEDIA_OUTLETS) {
    for (const name of [outlet.name, ...outlet.aliases]) {
      g.add(name, { type: "Organization", canonical: outlet.name, aliases: outlet.aliases, ambiguous: AMBIGUOUS_OUTLETS.has(name), source: "media-outlet" });
    }
  }
  for (const [phrase, institution] of Object.entries(INSTITUTION_METONYMS)) {
    if (phrase.startsWith("the ")) continue;
    const country = COUNTRIES.find((c) => c.name === institution);
    g.add(phrase, { type: "Organization", canonical: institution, aliases: country?.aliases ?? [], country: Boolean(country), source: "metonym" });
  }
  for (const region of REGIONS) g.add(region, { type: "Place", canonical: region, aliases: [], source: "region" });
  for (const publisher of publishers) {
    for (const part of publisher.split(/\s+[/|]\s+/)) {
      const name = part.trim();
      if (name) g.add(name, { type: "Organization", canonical: name, aliases: [], source: "publisher" });
    }
  }
  return g;
}

const DEMONYMS = new Map<string, string>();
for (const c of COUNTRIES) for (const d of c.demonyms) DEMONYMS.set(d, c.name);

/** "Russian" → "Russia" (generic demonyms). */
export function countryOfDemonym(word: string): string | null {
  return DEMONYMS.get(word) ?? null;
}

export function countryInfo(name: string) {
  return COUNTRIES.find((c) => c.name === name) ?? null;
}
