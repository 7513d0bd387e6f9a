// A token-level dictionary of generic names (countries, capitals, international bodies, news
// outlets, regions) plus names the corpus metadata gives (publishers), matched longest first.
import type { EntityType } from "../contract";
import { COUNTRIES, INSTITUTION_METONYMS, INTERNATIONAL_BODIES, IRREGULAR_PLURAL_DEMONYMS, MEDIA_OUTLETS, REGIONS } from "./knowledge";
import { tokenize } from "./text";

export interface GazetteerEntry {
  tokens: string[];
  type: EntityType;
  canonical: string;
  /** A capital city that stands for a state when not used as a location. */
  metonymFor?: string;
  /** Country entry (type Organization, a state). */
  country?: boolean;
  /** Needs context to count (an outlet named like a common word: "Time", "X"). */
  ambiguous?: boolean;
  source: string;
}

const AMBIGUOUS_OUTLETS = new Set(["Time", "X", "AP", "Telegram", "Guardian", "Economist", "FT", "Facebook", "ABC", "NBC", "CBS", "Spiegel", "RIA"]);

/** Accent-free form for matching ("Deník" → "Denik"), case kept. */
function matchForm(token: string): string {
  // Only accented tokens need work (every token is asked).
  for (let i = 0; i < token.length; i++) {
    if (token.charCodeAt(i) > 0x7f) return token.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }
  return token;
}

function phraseTokens(phrase: string): string[] {
  return tokenize(phrase, 0).map((t) => t.text);
}

export class Gazetteer {
  private readonly byFirst = new Map<string, GazetteerEntry[]>();
  /**
   * The ASCII characters some entry's first token starts with (1 at their code). Every token of
   * every sentence is looked up, and most start with a character no entry starts with (a word in
   * lower case, a punctuation mark): those are ruled out without the lookup. A token's form for
   * matching keeps its first character when that character is ASCII.
   */
  private readonly asciiStarts = new Uint8Array(128);

  add(phrase: string, entry: Omit<GazetteerEntry, "tokens">): void {
    const tokens = phraseTokens(phrase);
    if (tokens.length === 0) return;
    const full: GazetteerEntry = { ...entry, tokens };
    const first = matchForm(tokens[0]!);
    const code = first.charCodeAt(0);
    if (code < 128) this.asciiStarts[code] = 1;
    const list = this.byFirst.get(first) ?? [];
    list.push(full);
    list.sort((a, b) => b.tokens.length - a.tokens.length);
    this.byFirst.set(first, list);
  }

  /**
   * Longest entry whose tokens equal `tokens[i…]`, accents aside ("Denik Sever" = "Deník Sever");
   * case-sensitive on the first letter, since names are capitalized.
   */
  match(tokens: ReadonlyArray<{ text: string }>, i: number): GazetteerEntry | null {
    const first = tokens[i]?.text ?? "";
    const code = first.charCodeAt(0);
    if (code < 128 && this.asciiStarts[code] === 0) return null;
    const candidates = this.byFirst.get(matchForm(first));
    if (!candidates) return null;
    for (const entry of candidates) {
      let ok = true;
      for (let k = 0; k < entry.tokens.length; k++) {
        const have = tokens[i + k]?.text;
        const want = entry.tokens[k]!;
        if (have === undefined || (have !== want && (matchForm(have) !== matchForm(want) || have.charAt(0) !== have.charAt(0).toUpperCase()))) {
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
      g.add(name, { type: "Organization", canonical: c.name, country: true, source: "country" });
    }
    for (const capital of c.capitals) {
      if (capital === "Kremlin") {
        g.add("Kremlin", { type: "Organization", canonical: c.name, country: true, source: "metonym" });
        continue;
      }
      g.add(capital, { type: "Place", canonical: capital, metonymFor: c.name, source: "capital" });
    }
  }
  for (const body of INTERNATIONAL_BODIES) {
    for (const name of [body.name, ...body.aliases]) g.add(name, { type: "Organization", canonical: body.name, source: "international-body" });
    for (const m of body.metonyms ?? []) g.add(m, { type: "Place", canonical: m, metonymFor: body.name, source: "capital" });
  }
  for (const outlet of MEDIA_OUTLETS) {
    for (const name of [outlet.name, ...outlet.aliases]) {
      g.add(name, { type: "Organization", canonical: outlet.name, ambiguous: AMBIGUOUS_OUTLETS.has(name), source: "media-outlet" });
    }
  }
  for (const [phrase, institution] of Object.entries(INSTITUTION_METONYMS)) {
    if (phrase.startsWith("the ")) continue;
    const country = COUNTRIES.find((c) => c.name === institution);
    g.add(phrase, { type: "Organization", canonical: institution, country: Boolean(country), source: "metonym" });
  }
  // Plural demonyms for a state's side: "the Poles", "the Russians".
  for (const c of COUNTRIES) {
    for (const d of c.demonyms) {
      if (/(?:an|ian|ean)$/.test(d)) g.add(`${d}s`, { type: "Organization", canonical: c.name, country: true, source: "demonym-plural" });
    }
  }
  for (const [plural, country] of Object.entries(IRREGULAR_PLURAL_DEMONYMS)) {
    const c = COUNTRIES.find((x) => x.name === country);
    if (c) g.add(plural, { type: "Organization", canonical: c.name, country: true, source: "demonym-plural" });
  }
  for (const region of REGIONS) g.add(region, { type: "Place", canonical: region, source: "region" });
  // Every article names its publisher: each name is added once (a corpus of 10,000 articles from
  // a few outlets made lists of thousands of identical entries, walked on every capitalized word).
  const publisherNames = new Set<string>();
  for (const publisher of publishers) {
    for (const part of publisher.split(/\s+[/|]\s+/)) {
      const name = part.trim();
      if (name) publisherNames.add(name);
    }
  }
  for (const name of publisherNames) g.add(name, { type: "Organization", canonical: name, source: "publisher" });
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
