// Mentions → entities, across the whole corpus: full names cluster by a transliteration-tolerant
// key, surnames and title+surname mentions resolve to the full name (same article first), acronyms
// join their expansions, capitals used as actors join their state, and headline-only phrases
// survive only when the body confirms them.
// Every corpus-wide index read here is listed, per mention, in resolve-components.ts
// (mentionTokens): that list is what lets a corpus resolve in independent parts and an update
// resolve again only the parts it touches. A new read here needs its token there.
import { foldText, nodeKey, type EntityType } from "../contract";
import { isLocativeUse, isPlaceUse } from "./mentions";
import { orgKey } from "./names";
import { brandOf, givenNamesCompatible, initialsOf, nameKey, stripLegalSuffix, surnameVariants, wordKey, looksLikeSurname } from "./names";
import { isCommonWord, isKnownLastName, isKnownPlace } from "./lexicon";
import { ORG_HEAD_WORDS, PLACE_HEAD_WORDS } from "./knowledge";
import type { Mention, ResolvedEntity, Sentence } from "./types";

export interface ResolutionInput {
  mentions: Mention[];
  /** Each article's sentences (read for the words around a lone name). */
  sentences: { get(article: string): readonly Sentence[] | undefined };
  /** Acronym definitions found in text: "Russian Direct Investment Fund (RDIF)". */
  acronyms: Array<{ long: string; short: string; article: string }>;
}

interface Cluster {
  type: EntityType;
  mentions: Mention[];
  /** Forms that identify the cluster (folded keys). */
  keys: Set<string>;
  /**
   * The pass that opened the cluster and the mention it opened with: where a whole-corpus run
   * opens it, so that the clusters of parts of the corpus resolved apart (components,
   * lib/extract/resolve-components.ts) can be put back in that order.
   */
  openingPass: number;
  opener: Mention;
  canonical?: string;
  given?: string;
  surname?: string;
  /** Articles and distinct surface names of the mentions (kept in step with `mentions`). */
  articles: Set<string>;
  names: Set<string>;
}

/**
 * Clusters by type and key. One map per type rather than one keyed by `${type}|${key}`: that key
 * was a new string to join and hash on every lookup, some 3 million of them at 10,000 articles.
 */
class ClusterIndex {
  private readonly byType = new Map<string, Map<string, Cluster>>();

  get(type: string, key: string): Cluster | undefined {
    return this.byType.get(type)?.get(key);
  }

  has(type: string, key: string): boolean {
    return this.byType.get(type)?.has(key) ?? false;
  }

  set(type: string, key: string, cluster: Cluster): void {
    let byKey = this.byType.get(type);
    if (!byKey) this.byType.set(type, (byKey = new Map()));
    byKey.set(key, cluster);
  }
}

/** "a peace agreement" is a document only if the corpus also names it definitely or again (removed in place otherwise; before resolution). */
export function dropUnconfirmedIndefiniteDocuments(mentions: Mention[]): void {
  const counts = new Map<string, number>();
  for (const m of mentions) if (m.type === "Document") counts.set(nameKey(m.name), (counts.get(nameKey(m.name)) ?? 0) + (m.indefinite ? 0.5 : 1));
  for (let i = mentions.length - 1; i >= 0; i--) {
    const m = mentions[i]!;
    if (m.type === "Document" && m.indefinite && !m.coreference && (counts.get(nameKey(m.name)) ?? 0) < 1) mentions.splice(i, 1);
  }
}

export function resolveEntities(input: ResolutionInput): Map<string, ResolvedEntity> {
  return finalize(clusterMentions(input));
}

/**
 * The entities of one part of a corpus that resolves apart from the rest (a component of
 * lib/extract/resolve-components.ts), each with where a whole-corpus run would first open it.
 */
export interface ResolvedPart {
  readonly entities: ReadonlyArray<{ entity: ResolvedEntity; openingPass: number; opener: Mention }>;
}

/**
 * Resolves one part of a corpus as resolveEntities would within the whole corpus, provided no
 * mention outside the part reads or writes what the part's mentions do (resolve-components.ts).
 * `input.mentions` must be in corpus order. Sets the mentions' keys (and types) like resolveEntities.
 */
export function resolvePart(input: ResolutionInput): ResolvedPart {
  const clusters = clusterMentions(input);
  const first = new Map<string, Cluster>();
  const entities = finalize(clusters, first);
  return { entities: [...entities.values()].map((entity) => ({ entity, openingPass: first.get(entity.key)!.openingPass, opener: first.get(entity.key)!.opener })) };
}

/**
 * The entities of parts resolved apart (resolvePart), in the order resolveEntities gives them for
 * the whole corpus: by the pass that opened each, then its opening mention's position in the
 * corpus (`ordinalOf`).
 */
export function mergeResolvedParts(parts: Iterable<ResolvedPart>, ordinalOf: (m: Mention) => number): Map<string, ResolvedEntity> {
  const all: Array<{ entity: ResolvedEntity; pass: number; ordinal: number }> = [];
  for (const part of parts) for (const e of part.entities) all.push({ entity: e.entity, pass: e.openingPass, ordinal: ordinalOf(e.opener) });
  all.sort((a, b) => a.pass - b.pass || a.ordinal - b.ordinal);
  const out = new Map<string, ResolvedEntity>();
  for (const { entity } of all) {
    if (out.has(entity.key)) throw new Error(`newsgraph/extract: two parts resolved apart both give the entity "${entity.key}": they were not independent`);
    out.set(entity.key, entity);
  }
  return out;
}

/** Passes that open clusters, in the order they run. */
const OPENING_PASS = { known: 1, multiWord: 2, fullName: 3, lone: 4, loneSurname: 5 } as const;

function clusterMentions(input: ResolutionInput): Cluster[] {
  const { mentions, sentences } = input;
  const clusters: Cluster[] = [];
  // The pass now opening clusters (see OPENING_PASS): where a whole run would open them.
  let openingPass: number = OPENING_PASS.known;
  const byKey = new ClusterIndex();
  const sentenceOf = (m: Mention) => sentences.get(m.article)?.[m.sentence];

  const addTo = (cluster: Cluster, m: Mention, key?: string) => {
    cluster.mentions.push(m);
    cluster.articles.add(m.article);
    cluster.names.add(m.name);
    if (key) {
      cluster.keys.add(key);
      byKey.set(cluster.type, key, cluster);
    }
  };
  const newCluster = (type: EntityType, m: Mention, key: string, canonical?: string): Cluster => {
    const c: Cluster = { type, mentions: [], keys: new Set(), openingPass, opener: m, canonical, articles: new Set(), names: new Set() };
    clusters.push(c);
    addTo(c, m, key);
    return c;
  };

  /** The cluster keyed `type|key`, which `m` joins, or a new one it opens (a membership test per mention would be quadratic on hubs). */
  const joinOrOpen = (type: EntityType, key: string, m: Mention, canonical?: string): void => {
    const existing = byKey.get(type, key);
    if (existing) addTo(existing, m);
    else newCluster(type, m, key, canonical);
  };

  const strong = mentions.filter((m) => !m.weak);
  const useCounts = new Map<string, number>();
  for (const m of mentions) {
    const folded = foldText(m.name);
    useCounts.set(folded, (useCounts.get(folded) ?? 0) + 1);
  }
  const later: Mention[] = [];

  // 1. Names the gazetteer knows, and capitals used as actors ("Moscow insists …").
  const demonymRoles: Mention[] = [];
  for (const m of strong) {
    if (!m.canonical) continue;
    // "a Belgian official": ties to Belgium only if the corpus names Belgium (resolved after all names).
    if (m.rule === "demonym-role") {
      demonymRoles.push(m);
      continue;
    }
    if (m.metonymFor) {
      const s = m.placeUse === undefined ? sentenceOf(m) : undefined;
      const placeUse = m.placeUse ?? (s ? isPlaceUse(s, m.start) : false);
      if (!placeUse) {
        const key = nameKey(m.metonymFor);
        joinOrOpen("Organization", key, m, m.metonymFor);
        continue;
      }
    }
    // Publishers come from metadata with their legal form ("Polavia S.A."): key them like any firm.
    const fromMetadata = m.rule === "gazetteer:publisher";
    const key = nameKey(fromMetadata ? stripLegalSuffix(m.canonical) : m.canonical);
    joinOrOpen(m.type as EntityType, key, m, fromMetadata ? undefined : m.canonical);
  }

  // 3. Organizations and places with several words, by their legal-suffix-free key.
  openingPass = OPENING_PASS.multiWord;
  for (const m of strong) {
    if (m.canonical || (m.type !== "Organization" && m.type !== "Place" && m.type !== "Document")) continue;
    const key = m.type === "Organization" ? orgKey(m.name) : nameKey(m.name.replace(/^the\s+/i, ""));
    joinOrOpen(m.type, key, m);
  }
  // 2. Full person names (two words or more), clustered by given name + surname.
  const brands = buildBrandIndex(clusters);
  const firstWords = firstWordStats(strong);
  // Person clusters by surname variant, in the order they were opened (the first compatible one wins).
  const personsBySurname = new Map<string, Array<{ c: Cluster; order: number }>>();
  let personCount = 0;
  openingPass = OPENING_PASS.fullName;
  for (const m of strong) {
    if (m.canonical || m.type !== "Person") continue;
    const words = m.name.split(/\s+/).filter(Boolean);
    if (words.length < 2) {
      later.push(m);
      continue;
    }
    // "Harwick Lane" (of "Harwick Lane & Co."), "Polavia Cargo" (a known firm's name + a word): organizations.
    const asOrg = byKey.get("Organization", nameKey(m.name)) ?? brandOwner(m.name, brands);
    if (asOrg) {
      addTo(asOrg, m);
      continue;
    }
    if (orgFirstWord(words[0]!, firstWords)) {
      const key = nameKey(m.name);
      m.type = "Organization";
      joinOrOpen("Organization", key, m);
      continue;
    }
    const given = words[0]!;
    const surname = words[words.length - 1]!;
    const seen = new Set<Cluster>();
    const sharing: Array<{ c: Cluster; order: number }> = [];
    for (const v of surnameVariants(surname)) {
      for (const entry of personsBySurname.get(v) ?? []) {
        if (seen.has(entry.c)) continue;
        seen.add(entry.c);
        sharing.push(entry);
      }
    }
    const match = sharing.sort((a, b) => a.order - b.order).find((e) => givenNamesCompatible(e.c.given!, given))?.c;
    if (match) {
      addTo(match, m, nameKey(m.name));
    } else {
      const c = newCluster("Person", m, nameKey(m.name));
      c.given = given;
      c.surname = surname;
      const entry = { c, order: personCount++ };
      for (const v of surnameVariants(surname)) {
        const list = personsBySurname.get(v);
        if (list) list.push(entry);
        else personsBySurname.set(v, [entry]);
      }
    }
  }

  // Brand descriptors: "Vltavia Airlines" also answers to "Vltavia" (when no other org starts so).
  const orgs = () => clusters.filter((c) => c.type === "Organization");
  const brandIndex = new Map<string, Cluster[]>();
  for (const c of orgs()) {
    for (const m of c.mentions) {
      const brand = brandOf(m.name);
      if (!brand) continue;
      const k = nameKey(brand);
      const list = brandIndex.get(k) ?? [];
      if (!list.includes(c)) list.push(c);
      brandIndex.set(k, list);
    }
  }
  for (const [k, list] of brandIndex) {
    if (list.length !== 1) continue;
    const c = list[0]!;
    const existing = byKey.get("Organization", k);
    if (existing && existing !== c) mergeInto(c, existing, clusters, byKey);
    else if (!existing) {
      c.keys.add(k);
      byKey.set("Organization", k, c);
    }
  }

  // 4. Acronym definitions: "Long Name (ACR)" makes ACR an alias of Long Name.
  for (const a of input.acronyms) {
    const longKey = nameKey(stripLegalSuffix(a.long));
    const c = byKey.get("Organization", longKey);
    if (!c) continue;
    const shortKey = nameKey(a.short);
    const other = byKey.get("Organization", shortKey);
    if (other && other !== c) mergeInto(c, other, clusters, byKey);
    c.keys.add(shortKey);
    byKey.set("Organization", shortKey, c);
  }

  // 5. Lone words and title+surname mentions.
  const lookup = buildLookup(clusters);
  const lone = strong.filter((x) => !x.canonical && x.type === "Unknown");
  const loneAndSurnames = [...lone, ...later];
  for (let i = 0; i < loneAndSurnames.length; i++) {
    const m = loneAndSurnames[i]!;
    openingPass = i < lone.length ? OPENING_PASS.lone : OPENING_PASS.loneSurname;
    const target = resolveSingle(m, lookup, byKey);
    if (target) {
      addTo(target, m);
      continue;
    }
    const guess = guessType(m, useCounts, sentenceOf(m));
    if (!guess) continue;
    const key = nameKey(guess === "Organization" ? stripLegalSuffix(m.name) : m.name);
    joinOrOpen(guess, key, m);
  }

  // 6. Headline and title-case mentions: only when the name is confirmed elsewhere.
  for (const m of mentions.filter((x) => x.weak)) {
    const key = nameKey(m.canonical ?? m.name);
    const hit = (["Person", "Organization", "Place", "Document"] as const).map((t) => byKey.get(t, key)).find((c) => c && c.mentions.some((x) => !x.weak));
    if (hit) addTo(hit, m);
  }

  for (const m of demonymRoles) {
    const c = byKey.get("Organization", nameKey(m.canonical!));
    if (c) addTo(c, m);
  }
  mergePlaceWithCity(clusters, byKey);
  mergeDocumentSuffixes(clusters, byKey);
  return clusters;
}

/** "Václav Havel Airport" and "Václav Havel Airport Prague" are one place. */
function mergePlaceWithCity(clusters: Cluster[], byKey: ClusterIndex): void {
  const places = clusters.filter((c) => c.type === "Place");
  // Only a place with a key that starts with the shorter one's key can absorb it: index by whole-word prefixes.
  const byPrefix = new WordAffixIndex("prefix");
  for (const c of places) byPrefix.add(c);
  for (const shorter of places) {
    const sk = [...shorter.keys][0];
    if (!sk) continue;
    const longer = byPrefix
      .lookup(sk)
      .filter((c) => c !== shorter && [...c.keys].some((k) => k.startsWith(sk + " ") && (byKey.has("Place", k.slice(sk.length + 1)) || PLACE_HEAD_WORDS.has(k.slice(sk.length + 1)))));
    if (longer.length === 1) {
      mergeInto(longer[0]!, shorter, clusters, byKey);
      byPrefix.add(longer[0]!);
    }
  }
}

/** "open letter" and "ZZPP open letter": a document named by its kind alone is the one specific document of that kind. */
function mergeDocumentSuffixes(clusters: Cluster[], byKey: ClusterIndex): void {
  const docs = clusters.filter((c) => c.type === "Document");
  const bySuffix = new WordAffixIndex("suffix");
  for (const c of docs) bySuffix.add(c);
  for (const generic of docs) {
    const gk = [...generic.keys][0];
    if (!gk) continue;
    const specific = bySuffix.lookup(gk).filter((c) => c !== generic && [...c.keys].some((k) => k.endsWith(" " + gk)));
    if (specific.length === 1) {
      mergeInto(specific[0]!, generic, clusters, byKey);
      bySuffix.add(specific[0]!);
    }
  }
}

/** Clusters by the whole-word prefixes (or suffixes) of their keys, so that comparing every pair of clusters is never needed. */
class WordAffixIndex {
  private readonly map = new Map<string, Set<Cluster>>();
  constructor(private readonly side: "prefix" | "suffix") {}

  /** Indexes the cluster's keys (again after a merge gave it new ones: a set ignores repeats). */
  add(c: Cluster): void {
    for (const k of c.keys) {
      const words = k.split(" ");
      for (let i = 1; i < words.length; i++) {
        const affix = this.side === "prefix" ? words.slice(0, i).join(" ") : words.slice(i).join(" ");
        const set = this.map.get(affix);
        if (set) set.add(c);
        else this.map.set(affix, new Set([c]));
      }
    }
  }

  lookup(affix: string): Cluster[] {
    return [...(this.map.get(affix) ?? [])];
  }
}

/** Organizations by the name they answer to without legal form or business descriptor. */
function buildBrandIndex(clusters: Cluster[]): Map<string, Set<Cluster>> {
  const index = new Map<string, Set<Cluster>>();
  const add = (key: string, c: Cluster) => index.set(key, (index.get(key) ?? new Set()).add(c));
  for (const c of clusters) {
    if (c.type !== "Organization") continue;
    for (const name of c.names) {
      const brand = brandOf(name);
      if (brand !== null) add(nameKey(brand), c);
      add(nameKey(stripLegalSuffix(name)), c);
    }
  }
  return index;
}

/** The organization whose name, without legal form and descriptors, is this name ("Kessler Lund" → "Kessler Lund Advisory"). */
function brandOwner(name: string, brands: Map<string, Set<Cluster>>): Cluster | undefined {
  const owners = brands.get(nameKey(name));
  return owners && owners.size === 1 ? [...owners][0] : undefined;
}

interface FirstWordStats {
  aloneCounts: Map<string, number>;
  orgFirstWords: Set<string>;
}

function firstWordStats(mentions: Mention[]): FirstWordStats {
  const aloneCounts = new Map<string, number>();
  const orgFirstWords = new Set<string>();
  for (const m of mentions) {
    if (m.type === "Unknown" && m.rule === "capitalized-word") aloneCounts.set(nameKey(m.name), (aloneCounts.get(nameKey(m.name)) ?? 0) + 1);
    if (m.type === "Organization") {
      const k = nameKey(m.name);
      const space = k.indexOf(" ");
      if (space > 0) orgFirstWords.add(k.slice(0, space));
    }
  }
  return { aloneCounts, orgFirstWords };
}

/** A word the corpus uses on its own, and as the first word of an organization's name, is a firm ("Polavia Cargo"). */
function orgFirstWord(word: string, stats: FirstWordStats): boolean {
  const k = nameKey(word);
  return (stats.aloneCounts.get(k) ?? 0) >= 2 && stats.orgFirstWords.has(k);
}

function mergeInto(target: Cluster, source: Cluster, clusters: Cluster[], byKey: ClusterIndex): void {
  if (target === source) return;
  for (const m of source.mentions) target.mentions.push(m);
  for (const a of source.articles) target.articles.add(a);
  for (const n of source.names) target.names.add(n);
  for (const k of source.keys) {
    target.keys.add(k);
    byKey.set(target.type, k, target);
  }
  target.canonical ??= source.canonical;
  const i = clusters.indexOf(source);
  if (i !== -1) clusters.splice(i, 1);
}

interface Lookup {
  bySurname: Map<string, Cluster[]>;
  orgsByLastWord: Map<string, Cluster[]>;
  orgsByInitials: Map<string, Cluster[]>; // `${article}|${initials}`
}

/** Indexes for lone-word resolution, built once the full names are clustered. */
function buildLookup(clusters: Cluster[]): Lookup {
  const bySurname = new Map<string, Cluster[]>();
  const orgsByLastWord = new Map<string, Cluster[]>();
  const orgsByInitials = new Map<string, Cluster[]>();
  const push = (map: Map<string, Cluster[]>, key: string, c: Cluster) => {
    const list = map.get(key) ?? [];
    if (!list.includes(c)) list.push(c);
    map.set(key, list);
  };
  for (const c of clusters) {
    if (c.type === "Person" && c.surname) for (const v of surnameVariants(c.surname)) push(bySurname, v, c);
    if (c.type !== "Organization") continue;
    for (const m of c.mentions) {
      const words = m.name.split(/\s+/);
      if (words.length < 2) continue;
      push(orgsByLastWord, words.at(-1)!, c);
      push(orgsByInitials, `${m.article}|${initialsOf(m.name)}`, c);
    }
  }
  return { bySurname, orgsByLastWord, orgsByInitials };
}

/** A lone word or surname: the person, organization or place it refers to, if one is known. */
function resolveSingle(m: Mention, lookup: Lookup, byKey: ClusterIndex): Cluster | null {
  const key = nameKey(m.name);
  const word = m.name.split(/\s+/).at(-1) ?? m.name;
  // A person's surname (or given name + surname variants), preferring the same article.
  const surnameMatches = [...new Set(surnameVariants(word).flatMap((v) => lookup.bySurname.get(v) ?? []))];
  if (surnameMatches.length > 0 && !(m.type === "Unknown" && m.text === m.text.toUpperCase() && m.text.length <= 5)) {
    const sameArticle = surnameMatches.filter((c) => c.articles.has(m.article));
    if (sameArticle.length === 1) return sameArticle[0]!;
    if (sameArticle.length === 0 && surnameMatches.length === 1) return surnameMatches[0]!;
    if (sameArticle.length > 1) {
      // Two people share the surname in this article: the one named nearest before.
      const before = sameArticle
        .map((c) => ({ c, at: c.mentions.reduce((best, x) => (x.article === m.article && x.start < m.start && x.start > best ? x.start : best), -1) }))
        .sort((a, b) => b.at - a.at);
      if (before[0] && before[0].at >= 0) return before[0].c;
    }
  }
  for (const type of ["Organization", "Place", "Person", "Document"] as const) {
    const c = byKey.get(type, key);
    if (c) return c;
  }
  // "the Commission": the one organization of the article (or corpus) whose name ends with that word.
  if (/^\p{Lu}\p{Ll}+$/u.test(m.name) && ORG_HEAD_WORDS.has(m.name.toLowerCase())) {
    const ending = lookup.orgsByLastWord.get(m.name) ?? [];
    const local = ending.filter((c) => c.articles.has(m.article));
    if (local.length === 1) return local[0]!;
    if (ending.length === 1) return ending[0]!;
    return null;
  }
  // An acronym that spells the initials of an organization named in the same article.
  if (/^[A-Z]{2,8}$/.test(m.name)) {
    const hit = lookup.orgsByInitials.get(`${m.article}|${m.name}`) ?? [];
    if (hit.length === 1) {
      hit[0]!.keys.add(key);
      byKey.set("Organization", key, hit[0]!);
      return hit[0]!;
    }
  }
  return null;
}

/** The type of an unresolved lone capitalized word, or null when it is not a name. */
function guessType(m: Mention, useCounts: Map<string, number>, sentence: Sentence | undefined): EntityType | null {
  const word = m.name;
  if (m.type === "Person") return word.split(/\s+/).length >= 1 ? "Person" : null;
  if (m.type !== "Unknown") return m.type;
  if (m.rule === "title-case-phrase") return null;
  if (m.rule === "determiner+name") return "Organization";
  if (ORG_HEAD_WORDS.has(word.toLowerCase())) return null;
  if (/^[A-Z][A-Z0-9&]{1,7}$/.test(word.replace(/\s+/g, ""))) return "Organization";
  if (isKnownPlace(word)) return "Place";
  // "in Brno" makes a place; "at Vinge" may as well be a firm.
  const locative = sentence ? isLocativeUse(sentence, m.start) && /\b(?:in|near|outside|inside)\s+(?:\p{Ll}+\s+){0,2}$/u.test(sentence.text.slice(Math.max(0, m.start - sentence.start - 30), m.start - sentence.start)) : false;
  if (isCommonWord(word) && !isKnownLastName(word)) return null;
  if (locative) return "Place";
  // Recurring, consistently capitalized words that are not English: names of firms or people.
  // Uses across the corpus: a consistently capitalized non-English word is a name.
  const uses = useCounts.get(foldText(word)) ?? 0;
  if (isKnownLastName(word) || looksLikeSurname(word)) return uses >= 1 && m.rule === "title+surname" ? "Person" : uses >= 2 ? "Person" : null;
  if (uses >= 2) return "Organization";
  if (m.rule === "title-employer") return "Organization";
  return null;
}

/** Labels and keys the clusters; `first`, when given, is told the cluster each entity starts with. */
function finalize(clusters: Cluster[], first?: Map<string, Cluster>): Map<string, ResolvedEntity> {
  const out = new Map<string, ResolvedEntity>();
  for (const c of clusters) {
    if (c.mentions.length === 0) continue;
    const label = chooseLabel(c);
    const key = nodeKey(c.type, label);
    const aliases = new Map<string, Set<string>>();
    for (const m of c.mentions) {
      if (m.coreference || m.aliasExcluded) continue;
      const alias = m.text.replace(/['’]s$/u, "").replace(/^(?:the|a|an)\s+/i, "").trim();
      if (!alias) continue;
      const set = aliases.get(alias) ?? new Set<string>();
      set.add(m.article);
      aliases.set(alias, set);
    }
    const existing = out.get(key);
    if (existing) {
      for (const m of c.mentions) existing.mentions.push(m);
      for (const [a, s] of aliases) {
        const set = existing.aliases.get(a) ?? new Set<string>();
        for (const x of s) set.add(x);
        existing.aliases.set(a, set);
      }
      for (const m of c.mentions) m.key = key;
      continue;
    }
    for (const m of c.mentions) m.key = key;
    out.set(key, { key, type: c.type, label, aliases, mentions: c.mentions });
    first?.set(key, c);
  }
  return out;
}

/** The fullest, most frequent, most accurately accented form of the name. */
function chooseLabel(c: Cluster): string {
  if (c.canonical) return c.canonical;
  const counts = new Map<string, number>();
  for (const m of c.mentions) {
    const name = c.type === "Organization" ? m.name.replace(/^the\s+/i, "") : m.name;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const nonAscii = (s: string) => [...s].filter((ch) => ch.charCodeAt(0) > 127).length;
  const words = (s: string) => s.split(/\s+/).length;
  const ranked = [...counts.entries()].sort((a, b) => {
    if (c.type === "Person" && words(b[0]) !== words(a[0])) return Math.min(words(b[0]), 3) - Math.min(words(a[0]), 3);
    if (c.type === "Organization") {
      // Prefer the name without a legal suffix but with its descriptor ("Vltavia Airlines").
      const la = stripLegalSuffix(a[0]) === a[0] ? 1 : 0;
      const lb = stripLegalSuffix(b[0]) === b[0] ? 1 : 0;
      if (la !== lb) return lb - la;
      if (words(b[0]) !== words(a[0])) return words(b[0]) - words(a[0]);
    }
    if (b[1] !== a[1]) return b[1] - a[1];
    if (nonAscii(b[0]) !== nonAscii(a[0])) return nonAscii(b[0]) - nonAscii(a[0]);
    return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
  });
  return ranked[0]![0];
}

export { wordKey };
