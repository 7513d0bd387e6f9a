// Client-side search over node labels and aliases: case-, accent- and punctuation-insensitive (foldText).
import { foldText } from "../contract/utils";
import type { NodeType } from "../contract/types";

export interface SearchEntry {
  key: string;
  label: string;
  type: NodeType;
  degree: number;
  /** [label, ...aliases], original spelling. */
  names: string[];
  /** The same names folded. */
  folded: string[];
}

export interface SearchHit {
  key: string;
  label: string;
  type: NodeType;
  /** The alias that matched, when it was not the label. */
  alias: string | null;
  /** 0 exact, 1 prefix, 2 word prefix, 3 substring (lower is better). */
  rank: number;
  /** Found by the server in the whole graph, not in the loaded view: choosing it brings it in. */
  outside?: true;
}

/** A hit of GET /api/search (lib/graph's SearchHit: the whole graph). */
export interface ServerSearchHit {
  key: string;
  type: NodeType;
  label: string;
  matched: string;
  field: "label" | "alias";
  match: string;
}

const SERVER_RANK: Record<string, number> = { exact: 0, prefix: 1, word: 2, infix: 3, tokens: 4, fuzzy: 5 };

/**
 * The suggestions of a view that holds part of the graph: the loaded hits first (shown at once, and the
 * ones the user sees on the canvas), then up to `extra` of the server's hits for entities the view does
 * not hold, in the server's order and marked `outside`.
 */
export function withServerHits(local: readonly SearchHit[], server: readonly ServerSearchHit[], isLoaded: (key: string) => boolean, extra: number): SearchHit[] {
  const listed = new Set(local.map((hit) => hit.key));
  const outside: SearchHit[] = [];
  for (const hit of server) {
    if (outside.length >= extra) break;
    if (listed.has(hit.key) || isLoaded(hit.key)) continue;
    listed.add(hit.key);
    outside.push({ key: hit.key, label: hit.label, type: hit.type, alias: hit.field === "alias" ? hit.matched : null, rank: SERVER_RANK[hit.match] ?? 5, outside: true });
  }
  return [...local, ...outside];
}

export interface SearchableNode {
  key: string;
  label: string;
  aliases?: readonly string[];
  type: NodeType;
  degree?: number;
}

export function buildSearchIndex(nodes: Iterable<SearchableNode>): SearchEntry[] {
  const entries: SearchEntry[] = [];
  for (const node of nodes) {
    const names = [node.label, ...(node.aliases ?? []).filter((a) => a !== node.label)];
    entries.push({
      key: node.key,
      label: node.label,
      type: node.type,
      degree: node.degree ?? 0,
      names,
      folded: names.map(foldText),
    });
  }
  return entries;
}

function matchRank(name: string, query: string): number {
  if (name === query) return 0;
  if (name.startsWith(query)) return 1;
  if (name.includes(` ${query}`)) return 2;
  if (name.includes(query)) return 3;
  // Every word of the query starts a word of the name, in any order ("putin vladimir").
  const words = query.split(" ");
  if (words.length > 1) {
    const nameWords = name.split(" ");
    if (words.every((w) => nameWords.some((n) => n.startsWith(w)))) return 4;
  }
  return -1;
}

/** Ranked hits: best match rank, then label over alias, then higher degree, then label order. */
export function searchNodes(index: readonly SearchEntry[], text: string, limit = 8): SearchHit[] {
  const query = foldText(text);
  if (query === "") return [];
  const scored: { hit: SearchHit; aliasPenalty: number; degree: number }[] = [];
  for (const entry of index) {
    let best = -1;
    let bestName = 0;
    entry.folded.forEach((name, i) => {
      const rank = matchRank(name, query);
      if (rank >= 0 && (best < 0 || rank < best)) {
        best = rank;
        bestName = i;
      }
    });
    if (best < 0) continue;
    scored.push({
      hit: {
        key: entry.key,
        label: entry.label,
        type: entry.type,
        alias: bestName === 0 ? null : (entry.names[bestName] ?? null),
        rank: best,
      },
      aliasPenalty: bestName === 0 ? 0 : 1,
      degree: entry.degree,
    });
  }
  scored.sort(
    (a, b) =>
      a.hit.rank - b.hit.rank ||
      a.aliasPenalty - b.aliasPenalty ||
      b.degree - a.degree ||
      a.hit.label.localeCompare(b.hit.label) ||
      (a.hit.key < b.hit.key ? -1 : a.hit.key > b.hit.key ? 1 : 0),
  );
  return scored.slice(0, Math.max(0, limit)).map((s) => s.hit);
}
