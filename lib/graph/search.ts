// Name search, as pure functions over (key, attributes) so that every backend ranks the
// same way: lib/neo4j can fetch labels and aliases and call rankSearch, which is how the
// two backends stay equal under a deep-equality parity test.

import { foldText, type NodeAttributes } from "../contract";
import { BadRequestError } from "./errors";
import type { SearchHit, SearchMatch } from "./types";
import { compareStrings, distinctArticles, requireInteger, show } from "./utils";

export const SEARCH_DEFAULT_LIMIT = 20;
export const SEARCH_MAX_LIMIT = 100;

const MATCH_RANK: Record<SearchMatch, number> = { exact: 0, prefix: 1, word: 2, tokens: 3, infix: 4, fuzzy: 5 };

/**
 * The folded form of a query or name. Drops the possessive "’s"/"'s" first: foldText turns
 * "Zelensky’s" into "zelensky s", which would then match nothing called "Zelensky".
 */
export function foldName(text: string): string {
  return foldText(text.replace(/(\p{L})['’‘`´]s(?=$|[^\p{L}\p{N}])/gu, "$1"));
}

/** Optimal string alignment distance (Levenshtein plus adjacent transposition), capped at `max + 1`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (prevPrev[j - 2] ?? 0) + 1);
      }
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}

// Transliterations differ by a letter or two (Zelensky / Zelenskyy / Zelenskiy); short words
// get no slack, or "putin" would match "patin".
function allowedEdits(word: string): number {
  return word.length >= 9 ? 2 : word.length >= 6 ? 1 : 0;
}

/** How a folded query matches one folded name, or null. */
export function matchName(query: string, name: string): SearchMatch | null {
  if (!query || !name) return null;
  if (name === query) return "exact";
  if (name.startsWith(query)) return "prefix";
  if (name.includes(` ${query}`)) return "word";
  const queryWords = query.split(" ");
  const nameWords = name.split(" ");
  if (queryWords.every((word) => nameWords.some((candidate) => candidate.startsWith(word)))) return "tokens";
  if (name.includes(query)) return "infix";
  const fuzzy = queryWords.every((word) => {
    const max = allowedEdits(word);
    return nameWords.some(
      (candidate) => candidate.startsWith(word) || (max > 0 && editDistance(word, candidate, max) <= max),
    );
  });
  return fuzzy ? "fuzzy" : null;
}

/** Checks `text` and returns its folded form; throws when nothing searchable is left. */
export function searchQuery(text: unknown): string {
  if (typeof text !== "string") throw new BadRequestError(`search text must be a string, got ${show(text)}`, "text");
  const folded = foldName(text);
  if (!folded) throw new BadRequestError(`search text must contain a letter or digit, got ${show(text)}`, "text");
  return folded;
}

export function searchLimit(limit: unknown): number {
  return limit === undefined ? SEARCH_DEFAULT_LIMIT : requireInteger(limit, "limit", 1, SEARCH_MAX_LIMIT);
}

type FoldedName = [name: string, field: "label" | "alias", folded: string];

// The memory backend keeps the same attribute objects for the life of the graph, so folding
// each name once (not once per query) makes search over a large graph cheap. A WeakMap lets a
// backend that builds fresh objects per call (lib/neo4j) use the same code without leaking.
const foldedCache = new WeakMap<NodeAttributes, { label: string; aliases: readonly string[]; names: FoldedName[] }>();

function foldedNames(attributes: NodeAttributes): FoldedName[] {
  const cached = foldedCache.get(attributes);
  if (cached && cached.label === attributes.label && cached.aliases === attributes.aliases) return cached.names;
  const names: FoldedName[] = [
    [attributes.label, "label", foldName(attributes.label)],
    ...attributes.aliases.map((alias): FoldedName => [alias, "alias", foldName(alias)]),
  ];
  foldedCache.set(attributes, { label: attributes.label, aliases: attributes.aliases, names });
  return names;
}

interface Scored {
  hit: SearchHit;
  rank: number;
  fieldRank: number;
  articles: number;
  folded: string;
}

/** Ranks nodes against an already folded query (see SearchHit for the order). */
export function rankSearch(
  query: string,
  nodes: Iterable<{ key: string; attributes: NodeAttributes }>,
  limit: number,
): SearchHit[] {
  const scored: Scored[] = [];
  for (const { key, attributes } of nodes) {
    let best: Scored | null = null;
    const names = foldedNames(attributes);
    for (const [name, field, folded] of names) {
      const match = matchName(query, folded);
      if (!match) continue;
      const rank = MATCH_RANK[match];
      const fieldRank = field === "label" ? 0 : 1;
      if (best && (best.rank < rank || (best.rank === rank && best.fieldRank <= fieldRank))) continue;
      best = {
        hit: { key, type: attributes.type, label: attributes.label, matched: name, field, match },
        rank,
        fieldRank,
        articles: attributes.articleCount ?? distinctArticles(attributes.mentions),
        folded: names[0]![2],
      };
    }
    if (best) scored.push(best);
  }
  scored.sort(
    (a, b) =>
      a.rank - b.rank ||
      a.fieldRank - b.fieldRank ||
      b.articles - a.articles ||
      compareStrings(a.folded, b.folded) ||
      compareStrings(a.hit.key, b.hit.key),
  );
  return scored.slice(0, limit).map((item) => item.hit);
}
