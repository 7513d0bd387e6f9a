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

// Rows reused by withinEdits (searches run one at a time; nothing awaits inside).
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * editDistance(a, b, max) <= max, computed only on the diagonal band |i - j| <= max (a cell
 * off it is more than max edits away) in reused rows: fuzzy search asks this of every name
 * word of the graph, so it must not allocate.
 */
export function withinEdits(a: string, b: string, max: number): boolean {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return false;
  if (a === b) return true;
  if (rows[0].length < m + 1) rows = [new Int32Array(m + 1), new Int32Array(m + 1), new Int32Array(m + 1)];
  const big = max + 1;
  let [prevPrev, prev, row] = rows;
  for (let j = 0; j <= m; j++) prev[j] = j <= max ? j : big;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(m, i + max);
    row[0] = i <= max ? i : big;
    let best = row[0]!;
    for (let j = 1; j < lo; j++) row[j] = big;
    const ai = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) value = Math.min(value, prevPrev[j - 2]! + 1);
      if (value > big) value = big;
      row[j] = value;
      if (value < best) best = value;
    }
    for (let j = hi + 1; j <= m; j++) row[j] = big;
    if (best > max) return false;
    [prevPrev, prev, row] = [prev, row, prevPrev];
  }
  return prev[m]! <= max;
}

// Transliterations differ by a letter or two (Zelensky / Zelenskyy / Zelenskiy); short words
// get no slack, or "putin" would match "patin".
function allowedEdits(word: string): number {
  return word.length >= 9 ? 2 : word.length >= 6 ? 1 : 0;
}

/** A folded query split once per search (rankSearch matches it against every name of the graph). */
interface PreparedQuery {
  query: string;
  /** " " + query: a name word starting with the whole query. */
  spaced: string;
  words: string[];
  /** allowedEdits of each word. */
  edits: number[];
}

function prepareQuery(query: string): PreparedQuery {
  const words = query.split(" ");
  return { query, spaced: ` ${query}`, words, edits: words.map(allowedEdits) };
}

/** How a prepared query matches a folded name split into its words (see matchName). */
function matchPrepared(q: PreparedQuery, name: string, nameWords: readonly string[]): SearchMatch | null {
  if (!q.query || !name) return null;
  if (name === q.query) return "exact";
  if (name.startsWith(q.query)) return "prefix";
  if (name.includes(q.spaced)) return "word";
  // Which query words prefix some name word: all of them is "tokens"; fuzzy then only has to
  // look again at the others.
  let allPrefixed = true;
  const unprefixed: number[] = [];
  for (let i = 0; i < q.words.length; i++) {
    const word = q.words[i]!;
    let found = false;
    for (const candidate of nameWords) {
      if (candidate.startsWith(word)) {
        found = true;
        break;
      }
    }
    if (!found) {
      allPrefixed = false;
      unprefixed.push(i);
    }
  }
  if (allPrefixed) return "tokens";
  if (name.includes(q.query)) return "infix";
  for (const i of unprefixed) {
    const word = q.words[i]!;
    const max = q.edits[i]!;
    if (max === 0) return null;
    let close = false;
    for (const candidate of nameWords) {
      if (withinEdits(word, candidate, max)) {
        close = true;
        break;
      }
    }
    if (!close) return null;
  }
  return "fuzzy";
}

/** How a folded query matches one folded name, or null. */
export function matchName(query: string, name: string): SearchMatch | null {
  return matchPrepared(prepareQuery(query), name, name.split(" "));
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

type FoldedName = [name: string, field: "label" | "alias", folded: string, words: string[]];

// The memory backend keeps the same attribute objects for the life of the graph, so folding
// each name once (not once per query) makes search over a large graph cheap. A WeakMap lets a
// backend that builds fresh objects per call (lib/neo4j) use the same code without leaking.
const foldedCache = new WeakMap<NodeAttributes, { label: string; aliases: readonly string[]; names: FoldedName[] }>();

function foldedNames(attributes: NodeAttributes): FoldedName[] {
  const cached = foldedCache.get(attributes);
  if (cached && cached.label === attributes.label && cached.aliases === attributes.aliases) return cached.names;
  const named = (name: string, field: "label" | "alias"): FoldedName => {
    const folded = foldName(name);
    return [name, field, folded, folded.split(" ")];
  };
  const names: FoldedName[] = [named(attributes.label, "label"), ...attributes.aliases.map((alias) => named(alias, "alias"))];
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
  const prepared = prepareQuery(query);
  for (const { key, attributes } of nodes) {
    let best: Scored | null = null;
    const names = foldedNames(attributes);
    for (const [name, field, folded, words] of names) {
      const match = matchPrepared(prepared, folded, words);
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
