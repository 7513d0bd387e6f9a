// Resolution's independent parts. resolveEntities (resolve.ts) decides every mention from
// corpus-wide indexes: clusters by key, counts of uses, surnames, brands, first and last words,
// initials, the prefixes and suffixes of place and document keys, and the labels that become node
// keys. Two mentions can only affect each other through an entry of one of those indexes that one
// of them writes and the other reads. Listing, for every mention, the entries it may read and
// write (its tokens) splits the corpus into components that resolve apart: resolving each
// component on its own and putting the clusters back in the order a whole run opens them gives
// resolveEntities' result exactly. An update of the corpus then needs to resolve again only the
// components its mentions touch (docs/incremental.md).
//
// The tokens must cover every index read in resolve.ts: a read that no token lists would join
// mentions that the components keep apart. They may list more than is read (components then grow,
// results stay exact). tests/extract/resolve-components.test.ts compares the two on real and
// synthetic corpora; a change to what resolve.ts reads must change mentionTokens too.
import { foldText, slugify } from "../contract";
import { brandOf, initialsOf, nameKey, orgKey, stripLegalSuffix, surnameVariants } from "./names";
import { mergeResolvedParts, resolvePart, type ResolutionInput, type ResolvedPart } from "./resolve";
import type { Mention, ResolvedEntity } from "./types";

const MODULE = "newsgraph/extract";

/** The index entries one mention (or acronym definition) may read and write during resolution. */
export interface ResolutionTokens {
  reads: string[];
  writes: string[];
}

/**
 * The index entries a mention may touch, as resolve.ts uses them. Keys of clusters ("K:") and of
 * labels ("L:") are read and written by the same step (join or open; merge on equal node keys),
 * so they are listed on both sides; an index entry read by nobody joins nobody.
 */
export function mentionTokens(m: Mention): ResolutionTokens {
  const named = nameTokens(m);
  const reads = [...named.reads];
  const writes = [...named.writes];
  if (named.initials !== null) writes.push(initialsToken(m.article, named.initials));
  if (named.readsInitials) reads.push(initialsToken(m.article, m.name));
  return { reads, writes };
}

/** An organization's initials within one article ("RDIF" for a name it spells out there). */
export function initialsToken(article: string, initials: string): string {
  return `IN:${article}|${initials}`;
}

/** What a mention's tokens depend on besides its article: mentions alike share their tokens. */
export function tokenSignature(m: Mention): string {
  return `${m.type}\u0001${m.rule}\u0001${m.weak ? 1 : 0}\u0001${m.name}\u0001${m.canonical ?? ""}\u0001${m.metonymFor ?? ""}`;
}

/** A mention's tokens but those of its article's initials, which are given apart. */
export interface NameTokens extends ResolutionTokens {
  /** The initials the mention writes in its article (an organization of several words), or null. */
  initials: string | null;
  /** Whether it reads its own name as initials in its article (a lone word). */
  readsInitials: boolean;
}

/** mentionTokens without the article: the same for every mention with the same tokenSignature. */
export function nameTokens(m: Mention): NameTokens {
  const reads: string[] = [];
  const writes: string[] = [];
  const both = (token: string) => {
    reads.push(token);
    writes.push(token);
  };
  const name = m.name;
  const key = nameKey(name);
  const withoutThe = name.replace(/^the\s+/i, "");
  // Every key the mention can give a cluster, or look a cluster up by, whatever its type.
  const keys = new Set<string>([key, nameKey(withoutThe), nameKey(stripLegalSuffix(name)), orgKey(name)]);
  if (m.canonical) {
    keys.add(nameKey(m.canonical));
    keys.add(nameKey(stripLegalSuffix(m.canonical)));
  }
  if (m.metonymFor) keys.add(nameKey(m.metonymFor));
  const brand = brandOf(name);
  if (brand !== null) keys.add(nameKey(brand));
  for (const k of keys) both(`K:${k}`);
  // The forms a label can take: clusters whose labels make one node key merge (finalize).
  for (const form of [name, withoutThe, m.canonical, m.metonymFor]) if (form) both(`L:${slugify(form)}`);
  // Uses of the name across the corpus, read for lone words (guessType).
  writes.push(`F:${foldText(name)}`);
  // "a peace agreement" stays only if the corpus names it again (dropUnconfirmedIndefiniteDocuments).
  if (m.type === "Document") both(`DC:${key}`);
  if (m.weak) return { reads, writes, initials: null, readsInitials: false };

  const words = name.split(/\s+/).filter(Boolean);
  const rawWords = name.split(/\s+/);
  // Brands of organizations (buildBrandIndex before full names; brand descriptors after).
  if (brand !== null) both(`BD:${nameKey(brand)}`);
  if (brand !== null) writes.push(`B:${nameKey(brand)}`);
  writes.push(`B:${nameKey(stripLegalSuffix(name))}`);
  // Words used alone, and first words of organizations (firstWordStats).
  if (m.type === "Unknown" && m.rule === "capitalized-word") writes.push(`A:${key}`);
  if (m.type === "Organization") {
    const space = key.indexOf(" ");
    if (space > 0) writes.push(`O1:${key.slice(0, space)}`);
  }
  // Last words and initials of organizations with several words (buildLookup).
  let initials: string | null = null;
  if (rawWords.length >= 2) {
    writes.push(`LW:${rawWords.at(-1)!}`);
    initials = initialsOf(name);
  }
  let readsInitials = false;
  if (!m.canonical && m.type === "Person" && words.length >= 2) {
    // A full name: an organization's name or brand, a firm's first word, or a person by surname.
    reads.push(`B:${key}`);
    const first = nameKey(words[0]!);
    reads.push(`A:${first}`, `O1:${first}`);
    for (const v of surnameVariants(words.at(-1)!)) both(`SV:${v}`);
  } else if (!m.canonical && (m.type === "Unknown" || m.type === "Person")) {
    // A lone word or surname (resolveSingle, guessType).
    for (const word of new Set([rawWords.at(-1) ?? name, words.at(-1) ?? name])) for (const v of surnameVariants(word)) reads.push(`SV:${v}`);
    reads.push(`LW:${name}`, `F:${foldText(name)}`);
    readsInitials = true;
  }
  // Places absorbed by a longer place (mergePlaceWithCity), generic documents by a specific one
  // (mergeDocumentSuffixes): by whole-word prefixes and suffixes of their keys.
  if (m.type === "Place" || m.type === "Unknown" || m.type === "Document") {
    const prefixSide = m.type !== "Document";
    for (const k of keys) {
      const kw = k.split(" ");
      reads.push(prefixSide ? `PP:${k}` : `DS:${k}`);
      for (let i = 1; i < kw.length; i++) {
        if (prefixSide) {
          writes.push(`PP:${kw.slice(0, i).join(" ")}`);
          reads.push(`K:${kw.slice(i).join(" ")}`);
        } else writes.push(`DS:${kw.slice(i).join(" ")}`);
      }
    }
  }
  return { reads, writes, initials, readsInitials };
}

/** An acronym definition reads its long form's cluster and joins its short form to it. */
export function acronymTokens(a: { long: string; short: string }): ResolutionTokens {
  const tokens = [`K:${nameKey(stripLegalSuffix(a.long))}`, `K:${nameKey(a.short)}`];
  return { reads: tokens, writes: tokens };
}

/** Which component each mention and each acronym definition belongs to (numbered from 0). */
export interface ResolutionComponents {
  count: number;
  ofMention: Int32Array;
  ofAcronym: Int32Array;
}

/** Splits a corpus's mentions and acronym definitions into the components that resolve apart. */
export function resolutionComponents(mentions: readonly Mention[], acronyms: ResolutionInput["acronyms"]): ResolutionComponents {
  if (!Array.isArray(mentions) || !Array.isArray(acronyms)) throw new TypeError(`${MODULE}: resolutionComponents needs arrays of mentions and acronym definitions`);
  const tokenIds = new Map<string, number>();
  const read: boolean[] = [];
  // Items are the mentions, then the acronyms; each lists its token ids.
  const itemTokens: number[][] = [];
  const intern = (token: string, isRead: boolean): number => {
    let id = tokenIds.get(token);
    if (id === undefined) {
      id = read.length;
      tokenIds.set(token, id);
      read.push(false);
    }
    if (isRead) read[id] = true;
    return id;
  };
  const add = (tokens: ResolutionTokens) => {
    const ids: number[] = [];
    for (const t of tokens.reads) ids.push(intern(t, true));
    for (const t of tokens.writes) ids.push(intern(t, false));
    itemTokens.push(ids);
  };
  for (const m of mentions) add(mentionTokens(m));
  for (const a of acronyms) add(acronymTokens(a));

  const items = itemTokens.length;
  const parent = new Int32Array(items + read.length);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (let item = 0; item < items; item++) {
    for (const id of itemTokens[item]!) {
      // An entry that nobody reads decides nothing: its writers stay apart.
      if (!read[id]) continue;
      const a = find(item);
      const b = find(items + id);
      if (a !== b) parent[a] = b;
    }
  }
  const numbers = new Map<number, number>();
  const numberOf = (item: number) => {
    const root = find(item);
    let n = numbers.get(root);
    if (n === undefined) numbers.set(root, (n = numbers.size));
    return n;
  };
  const ofMention = new Int32Array(mentions.length);
  for (let i = 0; i < mentions.length; i++) ofMention[i] = numberOf(i);
  const ofAcronym = new Int32Array(acronyms.length);
  for (let i = 0; i < acronyms.length; i++) ofAcronym[i] = numberOf(mentions.length + i);
  return { count: numbers.size, ofMention, ofAcronym };
}

/** resolveEntities(input), component by component: the same entities, in the same order. */
export function resolveEntitiesByComponents(input: ResolutionInput, components = resolutionComponents(input.mentions, input.acronyms)): Map<string, ResolvedEntity> {
  const mentionsOf: Mention[][] = Array.from({ length: components.count }, () => []);
  const acronymsOf: Array<ResolutionInput["acronyms"]> = Array.from({ length: components.count }, () => []);
  const ordinals = new Map<Mention, number>();
  input.mentions.forEach((m, i) => {
    mentionsOf[components.ofMention[i]!]!.push(m);
    ordinals.set(m, i);
  });
  input.acronyms.forEach((a, i) => acronymsOf[components.ofAcronym[i]!]!.push(a));
  const parts: ResolvedPart[] = [];
  for (let c = 0; c < components.count; c++) {
    if (mentionsOf[c]!.length === 0) continue;
    parts.push(resolvePart({ mentions: mentionsOf[c]!, sentences: input.sentences, acronyms: acronymsOf[c]! }));
  }
  return mergeResolvedParts(parts, (m) => ordinals.get(m)!);
}
