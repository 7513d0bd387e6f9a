// Entities, relations and meetings → the graph.json document: one edge per (source, type,
// target) carrying every supporting passage, corroboration counts, conflicts, stable order.
import {
  edgeKey,
  type ArticleMeta,
  type Conflict,
  type Evidence,
  type GraphDocument,
  type Mention as ContractMention,
  type RoleClaim,
  type SerializedEdge,
  type SerializedNode,
  type StatedDate,
} from "../contract";
import { countryOfDemonym } from "./gazetteer";
import type { RelationsFound } from "./relations";
import type { RelationCandidate, ResolvedEntity } from "./types";

export interface MeetingNode {
  key: string;
  label: string;
  description: string;
  dates: StatedDate[];
  mentions: ContractMention[];
  status: "held" | "planned" | "cancelled";
}

export interface AssemblyInput {
  articles: ArticleMeta[];
  entities: Map<string, ResolvedEntity>;
  relations: RelationsFound;
  meetings: { nodes: MeetingNode[]; relations: RelationCandidate[]; conflicts: Conflict[] };
  texts: Map<string, string>;
  /**
   * The caller gives the inputs up: each entity's mentions are let go once its node is made, and
   * the relation lists once grouped, so a large corpus's memory peak holds the document being
   * built rather than it and every intermediate. The document is then for writing out (the
   * build's case): its edges make their key when asked (AssembledEdge), so a copy made by
   * spreading an edge or by structuredClone lacks the key, where JSON.stringify has it.
   */
  release?: boolean;
}

const MODULE = "newsgraph/extract";

const byPosition = (a: { article: string; start: number; end: number }, b: { article: string; start: number; end: number }) =>
  a.article < b.article ? -1 : a.article > b.article ? 1 : a.start - b.start || a.end - b.end;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Each article's publisher, lower-cased (an article without one counts as its own), for sourceCounts. */
export function publishersOf(articles: readonly ArticleMeta[]): Map<string, string> {
  return new Map(articles.map((a) => [a.id, a.publisher ? a.publisher.toLowerCase() : `article:${a.id}`]));
}

/** A check that a passage quotes its article exactly where it says (a named error otherwise). */
export function evidenceChecker(texts: ReadonlyMap<string, string>): (e: Evidence) => void {
  return (e) => {
    const text = texts.get(e.article);
    // text.slice(start, end) === quote, compared in place: a slice per passage (a million at
    // 10,000 articles) was made only to be compared.
    const matches = text !== undefined && Number.isInteger(e.start) && e.start >= 0 && e.end - e.start === e.quote.length && text.startsWith(e.quote, e.start);
    if (!matches) {
      throw new Error(`${MODULE}: evidence does not match article "${e.article}" at ${e.start}-${e.end}: ${JSON.stringify(e.quote)}`);
    }
  };
}

/** An entity's node: its mentions, every spelling with the articles that used it, its roles. */
export function entityNode(entity: ResolvedEntity, roleClaims: readonly RoleClaim[] | undefined): SerializedNode {
  const mentions = sortUnique(entity.mentions.filter((m) => !m.coreference).map((m) => ({ article: m.article, start: m.start, end: m.end })));
  // Every spelling keeps the articles that used it, the label's included.
  const aliasSources = [...entity.aliases.entries()]
    .map(([alias, arts]) => ({ alias, articles: [...arts].sort() }))
    .sort((a, b) => compare(a.alias, b.alias));
  const roles = (roleClaims ?? []).slice().sort((a, b) => byPosition(a.evidence, b.evidence));
  const articleIds = new Set(mentions.map((m) => m.article));
  return {
    key: entity.key,
    attributes: {
      type: entity.type,
      label: entity.label,
      aliases: aliasSources.map((a) => a.alias).filter((a) => a !== entity.label),
      aliasSources,
      mentions,
      ...(roles.length ? { roles } : {}),
      articleCount: articleIds.size,
    },
  };
}

/** A meeting's node. */
export function meetingNode(meeting: MeetingNode): SerializedNode {
  const mentions = sortUnique(meeting.mentions.slice());
  const dates = meeting.dates.slice().sort((a, b) => compare(a.article, b.article) || compare(a.text, b.text));
  return {
    key: meeting.key,
    attributes: {
      type: "Meeting",
      label: meeting.label,
      aliases: [],
      mentions,
      description: meeting.description,
      date: dates[0] ?? null,
      dates,
      articleCount: new Set(mentions.map((m) => m.article)).size,
      ...(meeting.status !== "held" ? { status: meeting.status } : {}),
    },
  };
}

/** The document's conflicts: the meetings', the roles', and relations whose notes disagree, on nodes of the graph. */
export function documentConflicts(
  meetingConflicts: readonly Conflict[],
  roles: Map<string, RoleClaim[]>,
  entities: Map<string, ResolvedEntity>,
  relations: readonly RelationCandidate[],
  nodes: readonly SerializedNode[],
  checkEvidence: (e: Evidence) => void,
  /** Titles' signatures kept from the last document (an incremental assembly's); a new set otherwise. */
  signatures: RoleSignatures = new RoleSignatures(),
): Conflict[] {
  const nodeKeys = new Set(nodes.map((n) => n.key));
  signatures.useNames(entityNames(entities));
  const conflicts = meetingConflicts
    .concat(roleConflicts(roles, signatures))
    .concat(relationNoteConflicts([...relations], new Map(nodes.map((n) => [n.key, n.attributes.label]))))
    .filter((c) => nodeKeys.has(c.subject))
    .map((c) => ({ ...c, claims: c.claims.slice().sort((a, b) => byPosition(a.evidence, b.evidence)) }))
    .sort((a, b) => compare(a.subject, b.subject) || compare(a.field, b.field));
  for (const c of conflicts) for (const claim of c.claims) checkEvidence(claim.evidence);
  return conflicts;
}

/** An edge as a whole document holds it (not released): its passages sorted and unique, its notes, its corroboration. */
export function plainEdge(source: string, type: SerializedEdge["attributes"]["type"], target: string, stated: Evidence[], notes: readonly string[] | null, publisherOf: Map<string, string>): SerializedEdge {
  const evidence = sortUnique(stated);
  const { articleCount, publisherCount } = sourceCounts(evidence, publisherOf);
  const attributes: SerializedEdge["attributes"] = {
    type,
    evidence,
    ...(notes?.length ? { note: [...notes].sort().join("; ") } : {}),
    articleCount,
    publisherCount,
  };
  return { key: edgeKey(source, type, target), source, target, attributes };
}

export function assembleGraph(input: AssemblyInput): GraphDocument {
  const { articles, entities, texts } = input;
  const publisherOf = publishersOf(articles);
  const checkEvidence = evidenceChecker(texts);

  const nodes: SerializedNode[] = [];
  for (const entity of entities.values()) {
    nodes.push(entityNode(entity, input.relations.roles.get(entity.key)));
    if (input.release) entity.mentions = [];
  }
  for (const meeting of input.meetings.nodes) nodes.push(meetingNode(meeting));
  nodes.sort((a, b) => compare(a.key, b.key));
  const nodeKeys = new Set(nodes.map((n) => n.key));

  // Conflicts first: they read every relation as stated, which a release lets go of below.
  const conflicts = documentConflicts(input.meetings.conflicts, input.relations.roles, entities, input.relations.relations, nodes, checkEvidence);

  // One group per source, target and type, found through the keys themselves (entity keys are
  // shared strings, hashed once) rather than a joined string per relation. A pair holds its one
  // group, or a short list when several types link it: a Map per pair (hundreds of thousands of
  // pairs) cost more memory than the passages.
  const grouped: RelationGroup[] = [];
  const groupIndex = new Map<string, Map<string, RelationGroup | RelationGroup[]>>();
  const newGroup = (source: string, type: RelationGroup["type"], target: string): RelationGroup => {
    const g = new RelationGroup(source, target, type);
    grouped.push(g);
    return g;
  };
  const group = (source: string, type: RelationGroup["type"], target: string): RelationGroup => {
    let byTarget = groupIndex.get(source);
    if (!byTarget) groupIndex.set(source, (byTarget = new Map()));
    const slot = byTarget.get(target);
    if (slot === undefined) {
      const g = newGroup(source, type, target);
      byTarget.set(target, g);
      return g;
    }
    if (!Array.isArray(slot)) {
      if (slot.type === type) return slot;
      const g = newGroup(source, type, target);
      byTarget.set(target, [slot, g]);
      return g;
    }
    for (const g of slot) if (g.type === type) return g;
    const g = newGroup(source, type, target);
    slot.push(g);
    return g;
  };
  // Every group sorts and dedupes its passages and the edges are sorted by key, so the order the
  // lists are read in does not show in the document.
  for (const list of [input.relations.relations, input.meetings.relations]) {
    for (const r of list) {
      if (r.source === r.target) continue;
      if (!nodeKeys.has(r.source) || !nodeKeys.has(r.target)) continue;
      checkEvidence(r.evidence);
      const g = group(r.source, r.type, r.target);
      g.evidence.push(r.evidence);
      if (r.note && !g.notes?.includes(r.note)) (g.notes ??= []).push(r.note);
    }
  }
  for (const { keys, evidence } of input.relations.coMentions) {
    checkEvidence(evidence);
    const present = keys.filter((k) => nodeKeys.has(k));
    for (let i = 0; i < present.length; i++) {
      for (let j = i + 1; j < present.length; j++) group(present[i]!, "CO_MENTIONED", present[j]!).evidence.push(evidence);
    }
  }
  if (input.release) {
    input.relations.relations.length = 0;
    input.relations.coMentions.length = 0;
    input.meetings.relations.length = 0;
  }
  // A typed relation makes the co-mention of the same pair redundant.
  const typed = (a: string, b: string) => {
    const slot = groupIndex.get(a)?.get(b);
    if (slot === undefined) return false;
    if (!Array.isArray(slot)) return slot.type !== "CO_MENTIONED";
    for (const g of slot) if (g.type !== "CO_MENTIONED") return true;
    return false;
  };

  // The groups are sorted and their edges made in that order: the writer then walks the edges,
  // their attributes and passage lists in the order they sit in memory (graph.json at 10,000
  // articles was written ≈ 0.5 s faster than from edges made first and sorted after).
  sortByEdgeKey(grouped, (g) => g.type);
  const edges: SerializedEdge[] = [];
  const passages = input.release ? new PassageStore(texts) : null;
  for (const g of grouped) {
    const stated = g.evidence;
    // The group lets go of its passages as its edge is made: the edges and every group's list
    // alive at once were the build's memory peak (at 10,000 articles, 160 MB above the rest).
    g.evidence = RELEASED;
    if (g.type === "CO_MENTIONED" && (typed(g.source, g.target) || typed(g.target, g.source))) continue;
    // A copy of exactly its length: the group's list grew by push, which leaves room for 17
    // passages, and most edges keep one or two (at 10,000 articles, 74 MB of the document's heap
    // was those lists' empty room). A released edge keeps them as numbers: no copy needed.
    if (passages) {
      const evidence = sortUnique(stated);
      const { articleCount, publisherCount } = sourceCounts(evidence, publisherOf);
      const note = g.notes?.length ? g.notes.sort().join("; ") : undefined;
      edges.push(new AssembledEdge(g.source, g.target, new StoredEdgeAttributes(g.type, passages, passages.add(evidence), evidence.length, note, articleCount, publisherCount)));
      continue;
    }
    edges.push(plainEdge(g.source, g.type, g.target, stated.slice(), g.notes, publisherOf));
  }
  passages?.trim();

  return {
    version: 1,
    articles: articles.slice().sort((a, b) => compare(a.id, b.id)),
    graph: {
      options: { type: "directed", multi: true, allowSelfLoops: false },
      attributes: {},
      nodes,
      edges,
    },
    conflicts,
  };
}

/**
 * How many articles and publishers `evidence` (sorted by position, so grouped by article) comes
 * from. Most edges have one passage: counted without the two sets per edge the counts once took
 * (about a million short-lived objects at 10,000 articles).
 */
function sourceCounts(evidence: readonly Evidence[], publisherOf: Map<string, string>): { articleCount: number; publisherCount: number } {
  let articleCount = 0;
  let previous: string | null = null;
  for (const e of evidence) {
    if (e.article !== previous) {
      articleCount++;
      previous = e.article;
    }
  }
  if (articleCount <= 1) return { articleCount, publisherCount: articleCount };
  const publishers = new Set<string>();
  for (const e of evidence) publishers.add(publisherOf.get(e.article) ?? `article:${e.article}`);
  return { articleCount, publisherCount: publishers.size };
}

/**
 * Sorts edges by key (`source|type|target`), as a sort comparing the keys would, by numbers: at
 * 10,000 articles half a million string comparisons through a comparator took ≈ 1 s.
 *
 * When no source and no type holds "|", the first two "|" of a key end its source and its type,
 * so keys compare as the triples (source + "|", type + "|", target) compare, part by part: the
 * first difference between two keys falls in the first part that differs. Each part is ranked
 * once among its distinct values, and the ranks of a triple packed into one number.
 */
export function sortEdgesByKey<E extends { key: string; source: string; target: string; attributes: { type: string } }>(edges: E[]): void {
  sortByEdgeKey(edges, (e) => e.attributes.type);
}

/** sortEdgesByKey for anything keyed `source|type|target` (assembly sorts its relation groups, then makes their edges in order). */
export function sortByEdgeKey<E extends { key: string; source: string; target: string }>(edges: E[], typeOf: (edge: E) => string): void {
  const sources = new Set<string>();
  const types = new Set<string>();
  const targets = new Set<string>();
  for (const e of edges) {
    sources.add(e.source);
    types.add(typeOf(e));
    targets.add(e.target);
  }
  const rankOf = (values: Set<string>, suffix: string) => {
    const sorted = [...values].map((v) => v + suffix).sort((a, b) => compare(a, b));
    const ranks = new Map<string, number>();
    sorted.forEach((v, i) => ranks.set(suffix ? v.slice(0, -suffix.length) : v, i));
    return ranks;
  };
  const packable = sources.size * types.size * targets.size < Number.MAX_SAFE_INTEGER;
  const plain = [...sources, ...types].some((v) => v.includes("|"));
  if (plain || !packable) {
    // Each key read once: an edge may make its key when asked (AssembledEdge).
    const keyed = edges.map((edge) => ({ edge, key: edge.key }));
    keyed.sort((a, b) => compare(a.key, b.key));
    keyed.forEach((k, i) => (edges[i] = k.edge));
    return;
  }
  const sourceRank = rankOf(sources, "|");
  const typeRank = rankOf(types, "|");
  const targetRank = rankOf(targets, "");
  const packed = new Float64Array(edges.length);
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    packed[i] = (sourceRank.get(e.source)! * types.size + typeRank.get(typeOf(e))!) * targets.size + targetRank.get(e.target)!;
  }
  const sorted = packed.slice().sort();
  // Keys are unique, so packed numbers are: each edge's place is where its number sorted to
  // (found by bisection; a Map of half a million numbers above 2^31 cost more than the search).
  const original = edges.slice();
  for (let i = 0; i < original.length; i++) {
    const p = packed[i]!;
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < p) lo = mid + 1;
      else hi = mid;
    }
    if ((lo > 0 && sorted[lo - 1] === p) || (lo + 1 < sorted.length && sorted[lo + 1] === p)) throw new Error(`${MODULE}: two edges share the key "${original[i]!.key}"`);
    edges[lo] = original[i]!;
  }
}

/** A title's signature (roleSignature), with its words sorted and joined (how titles are told apart). */
interface RoleSignature {
  sig: Set<string>;
  key: string;
  /** The title's words as the name lookups saw them, one space apart: a name it could read is a part of this. */
  words: string;
}

/**
 * Titles' signatures, each worked out once (a title recurs across articles). Kept from one document
 * to the next by an incremental assembly: a signature depends on the entity names only through
 * the names its words hold, so when names come or go, only the signatures whose words hold one are
 * worked out again (at 10,000 articles every update otherwise worked out every title again, most
 * of the conflicts' 0.7 s).
 */
export class RoleSignatures {
  private names: Set<string> = new Set();
  private readonly byRole = new Map<string, RoleSignature>();

  /** The entity names as they now stand (entityNames); signatures that could read a name that came or went are forgotten. */
  useNames(names: Set<string>): void {
    if (this.byRole.size > 0) {
      const changed: string[] = [];
      for (const n of names) if (!this.names.has(n)) changed.push(n);
      for (const n of this.names) if (!names.has(n)) changed.push(n);
      // Past a few thousand changed names, checking each title against them costs more than starting again.
      if (changed.length > CHANGED_NAMES_CHECKED) this.byRole.clear();
      else if (changed.length > 0) for (const [role, s] of this.byRole) if (changed.some((n) => s.words.includes(n))) this.byRole.delete(role);
    }
    this.names = names;
  }

  of(role: string): RoleSignature {
    let s = this.byRole.get(role);
    if (!s) this.byRole.set(role, (s = roleSignature(role, this.names)));
    return s;
  }
}

/** How many changed names RoleSignatures checks its titles against before it forgets them all. */
const CHANGED_NAMES_CHECKED = 2000;

/** Different titles for one person across articles are a conflict the analyst should see. */
function roleConflicts(roles: Map<string, RoleClaim[]>, signatures: RoleSignatures): Conflict[] {
  const out: Conflict[] = [];
  for (const [subject, claims] of roles) {
    // The signature itself, not a copy of it per claim: a much-quoted person has thousands of claims.
    const signed = claims.map((c) => ({ claim: c, signature: signatures.of(c.role) })).filter((x) => x.signature.sig.size > 0);
    // Titles disagree when they name the same kind of job differently ("State Assets Minister" vs
    // "infrastructure minister"; "President" vs "former President"), or two different government
    // posts ("Defense Minister" vs "National Security Adviser"). An MP who chairs a committee holds both.
    // Compared per distinct signature (with the articles that state it), not per pair of claims: a
    // much-quoted person has thousands of claims but a handful of titles.
    const bySig = new Map<string, { sig: Set<string>; articles: Set<string> }>();
    for (const { claim, signature } of signed) {
      const entry = bySig.get(signature.key) ?? { sig: signature.sig, articles: new Set<string>() };
      entry.articles.add(claim.evidence.article);
      bySig.set(signature.key, entry);
    }
    const distinct = [...bySig.values()];
    const inDifferentArticles = (a: Set<string>, b: Set<string>) => a.size > 1 || b.size > 1 || [...a][0] !== [...b][0];
    const disagree = distinct.some((a) => distinct.some((b) => a !== b && inDifferentArticles(a.articles, b.articles) && titlesDisagree(a.sig, b.sig)));
    if (!disagree) continue;
    const seen = new Set<string>();
    const kept = signed.filter((x) => {
      const k = `${x.claim.evidence.article}|${x.signature.key}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    out.push({ subject, field: "title", claims: kept.map((x) => ({ value: x.claim.role, evidence: x.claim.evidence })) });
  }
  return out;
}

const subset = (a: Set<string>, b: Set<string>) => [...a].every((x) => b.has(x));

const ROLE_HEADS = new Set(["minister", "secretary", "adviser", "president", "chancellor", "ambassador", "governor", "mayor", "premier", "senator", "representative", "commissioner", "envoy", "lead", "chair", "spokesperson", "deputy", "director", "officer", "official", "partner", "founder", "mp"]);
const POSTS = new Set(["minister", "secretary", "adviser", "president", "chancellor", "ambassador", "governor", "mayor", "premier", "commissioner"]);

function titlesDisagree(a: Set<string>, b: Set<string>): boolean {
  // "former President" against "President": the same job, now and then.
  if (a.has("former") !== b.has("former") && [...a].some((w) => ROLE_HEADS.has(w) && b.has(w))) return true;
  if (subset(a, b) || subset(b, a)) return false;
  if ([...a].some((w) => ROLE_HEADS.has(w) && b.has(w))) return true;
  const postsA = [...a].filter((w) => POSTS.has(w));
  const postsB = [...b].filter((w) => POSTS.has(w));
  return postsA.length > 0 && postsB.length > 0 && !postsA.some((p) => postsB.includes(p));
}

/** Lower-case names of every entity, longest first, to take employers and principals out of titles. */
function entityNames(entities: Map<string, ResolvedEntity>): Set<string> {
  const names = new Set<string>();
  for (const e of entities.values()) {
    if (e.type === "Document") continue;
    names.add(e.label.toLowerCase());
    for (const alias of e.aliases.keys()) if (alias.length > 2) names.add(alias.toLowerCase());
  }
  return names;
}

/**
 * Removes every run of words that is a known name (longest first), looking up word n-grams. Every
 * n-gram looked up is a part of `tokensOf(text).join(" ")` (RoleSignatures relies on it).
 */
function withoutNames(text: string, names: Set<string>): string {
  const out: string[] = [];
  const tokens = tokensOf(text);
  for (let i = 0; i < tokens.length; i++) {
    let removed = 0;
    for (let n = Math.min(8, tokens.length - i); n >= 1; n--) {
      const gram = tokens.slice(i, i + n).join(" ").replace(/^[^\p{L}]+|[^\p{L}.]+$/gu, "");
      if (gram && names.has(gram)) {
        removed = n;
        break;
      }
    }
    if (removed) {
      out.push(" ");
      i += removed - 1;
    } else out.push(tokens[i]!);
  }
  return out.join(" ");
}

/** The words of a text as withoutNames reads them: its runs between whitespace. */
function tokensOf(text: string): string[] {
  return text.split(/(\s+)/).filter((_, i) => i % 2 === 0);
}

const ROLE_SYNONYMS: Array<[RegExp, string]> = [
  [/\b(?:chief executive officer|chief executive|ceo|general director|director[- ]general|managing director|boss|chief|head|leader)\b/g, " lead "],
  [/\b(?:chairman|chairwoman|chairperson|chairs|chaired)\b/g, " chair "],
  [/\b(?:heads|leads|runs|led|headed)\b/g, " lead "],
  [/\b(?:advisor|aide)\b/g, " adviser "],
  [/\b(?:spokesman|spokeswoman|spokesperson)\b/g, " spokesperson "],
  [/\bdefence\b/g, " defense "],
];
const ROLE_NOISE = new Set(
  `the a an of and or his her its their who is was also now then senior top long-time longtime captain capt mr mrs ms dr sir lord lady
  mp's in on`.split(/\s+/),
);

/**
 * What a title says the job is: its role words ("minister", "lead", "adviser"), the words just
 * before them ("State Assets", "former senior"), and a post's portfolio ("Minister of Transport"),
 * without possessors, employers, names and asides.
 */
function roleSignature(role: string, names: Set<string>): RoleSignature {
  let r = ` ${role.toLowerCase().replace(/[“”"]/g, "").replace(/\([^)]*\)?/g, " ")} `;
  r = r.replace(/^\s*(?:(?!of\b)[\p{L}.-]+\s+){0,3}?[\p{L}.-]+['’]s\s+/u, " "); // "Poland’s …", "Sęk’s …"
  const looked = r.replace(/['’]s\b/g, " ’s");
  r = ` ${withoutNames(looked, names)} `;
  r = r.replace(/['’]s\b/g, " ");
  r = r.split(/\s(?:since|until|between|during|which|that|whose|when|where|and then)\b/)[0]!;
  r = r.replace(/\s+(?:of|at|for|to|with|in)\s+the\s+.*$/, "").replace(/\s+(?:at|to|with|in)\s+.*$/, "");
  for (const [re, to] of ROLE_SYNONYMS) r = r.replace(re, to);
  const words = r.split(/[^\p{L}-]+/u).filter((w) => w.length > 1 && !ROLE_NOISE.has(w) && !countryOfDemonym(w.charAt(0).toUpperCase() + w.slice(1)));
  const sig = new Set<string>();
  words.forEach((w, i) => {
    if (w === "former" || w === "acting" || w === "interim") sig.add(w);
    if (!ROLE_HEADS.has(w)) return;
    sig.add(w);
    for (const q of words.slice(Math.max(0, i - 2), i)) if (!ROLE_HEADS.has(q)) sig.add(q);
    if (POSTS.has(w) && words[i + 1] === "of") for (const q of words.slice(i + 2, i + 5)) sig.add(q);
  });
  return { sig, key: [...sig].sort().join(" "), words: tokensOf(looked).join(" ") };
}

/**
 * One tie told two ways: "Sęk's son-in-law" in one article, "Sęk’s nephew" in another. Family
 * ties exclude each other; the analyst must see both claims.
 */
function relationNoteConflicts(relations: RelationCandidate[], labels: Map<string, string>): Conflict[] {
  const byPair = new Map<string, RelationCandidate[]>();
  for (const r of relations) {
    if (r.type !== "RELATIVE_OF" || !r.note) continue;
    const key = `${r.source}|${r.target}`;
    byPair.set(key, [...(byPair.get(key) ?? []), r]);
  }
  const out: Conflict[] = [];
  for (const list of byPair.values()) {
    const notes = new Set(list.map((r) => r.note));
    const articles = new Set(list.map((r) => r.evidence.article));
    if (notes.size < 2 || articles.size < 2) continue;
    const first = list[0]!;
    out.push({
      subject: first.source,
      field: `relation to ${labels.get(first.target) ?? first.target}`,
      claims: list.map((r) => ({ value: r.note!, evidence: r.evidence })),
    });
  }
  return out;
}

/** The relations of one source, type and target, gathered before their edge is made. */
class RelationGroup {
  evidence: Evidence[] = [];
  /** null until a relation of the group carries a note. */
  notes: string[] | null = null;

  constructor(
    readonly source: string,
    readonly target: string,
    readonly type: RelationCandidate["type"],
  ) {}

  /** Made when asked (only an error message does): see AssembledEdge. */
  get key(): string {
    return edgeKey(this.source, this.type, this.target);
  }
}

/**
 * An edge of a document assembled for writing out (AssemblyInput.release). Its key
 * (`source|type|target`) is made from its ends and type when read or written rather than held:
 * at 10,000 articles the 508,000 keys (64 characters on average) took 41 MB of the heap while the
 * graph was laid out and written, the build's memory peak. Its attributes hold their passages as
 * numbers (StoredEdgeAttributes). JSON.stringify writes it as the plain edge it stands for, key
 * first (toJSON).
 */
export class AssembledEdge implements SerializedEdge {
  constructor(
    public source: string,
    public target: string,
    public attributes: SerializedEdge["attributes"],
  ) {}

  get key(): string {
    return edgeKey(this.source, this.attributes.type, this.target);
  }

  toJSON(): SerializedEdge {
    return { key: this.key, source: this.source, target: this.target, attributes: this.attributes };
  }

  /**
   * JSON.stringify(this), made directly: the writer of a large graph.json asks for it (lib/jsonfile,
   * leafText) instead of having JSON.stringify call toJSON for the edge, its attributes and a new
   * object per passage (at 10,000 articles, half a million edges and 928,000 passages).
   */
  toJSONText(): string {
    const attributes = this.attributes instanceof StoredEdgeAttributes ? this.attributes.toJSONText() : JSON.stringify(this.attributes);
    return `{"key":${JSON.stringify(this.key)},"source":${JSON.stringify(this.source)},"target":${JSON.stringify(this.target)},"attributes":${attributes}}`;
  }
}

/**
 * The passages of a released document's edges, as article, start and end in one array of
 * integers; each passage's quote is cut from its article's text when it is read or written.
 * At 10,000 articles the 928,000 passages, each an object and a quote, were 133 MB of the
 * document's heap; as numbers they take 11 MB. graph.json is also written faster from passages
 * made as they are written than from ones made long before (pinned: 3.6–4.3 against 4.0–5.3 s).
 * Assembly checks every passage against its article before it is stored (checkEvidence), so the
 * quote cut again is the quote it had.
 */
class PassageStore {
  private data = new Int32Array(3 * 4096);
  private used = 0;
  private readonly articleIndex = new Map<string, number>();
  private readonly articleIds: string[] = [];

  constructor(private readonly texts: Map<string, string>) {}

  /** Stores the passages, in order; returns where the first one is. */
  add(evidence: readonly Evidence[]): number {
    const at = this.used / 3;
    if (this.used + 3 * evidence.length > this.data.length) {
      const grown = new Int32Array(Math.max(2 * this.data.length, this.used + 3 * evidence.length));
      grown.set(this.data.subarray(0, this.used));
      this.data = grown;
    }
    for (const e of evidence) {
      let article = this.articleIndex.get(e.article);
      if (article === undefined) {
        article = this.articleIds.length;
        this.articleIds.push(e.article);
        this.articleIndex.set(e.article, article);
      }
      this.data[this.used++] = article;
      this.data[this.used++] = e.start;
      this.data[this.used++] = e.end;
    }
    return at;
  }

  /** JSON.stringify(this.evidence(at, count)), made without the passages' objects. */
  evidenceText(at: number, count: number): string {
    let text = "[";
    for (let i = 0; i < count; i++) {
      const j = 3 * (at + i);
      const article = this.articleIds[this.data[j]!]!;
      const start = this.data[j + 1]!;
      const end = this.data[j + 2]!;
      text += `${i ? "," : ""}{"article":${JSON.stringify(article)},"start":${start},"end":${end},"quote":${JSON.stringify(this.texts.get(article)!.slice(start, end))}}`;
    }
    return text + "]";
  }

  /** Gives back the room left for passages that never came (done adding). */
  trim(): void {
    if (this.data.length > this.used) this.data = this.data.slice(0, this.used);
  }

  /** The passages from `at`, as Evidence (new objects each time). */
  evidence(at: number, count: number): Evidence[] {
    const out: Evidence[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const j = 3 * (at + i);
      const article = this.articleIds[this.data[j]!]!;
      const start = this.data[j + 1]!;
      const end = this.data[j + 2]!;
      out[i] = { article, start, end, quote: this.texts.get(article)!.slice(start, end) };
    }
    return out;
  }
}

/**
 * A released edge's attributes (see PassageStore): its passages are made when read (`evidence`)
 * or written (toJSON), which gives the plain attributes in their order (type, evidence, note,
 * articleCount, publisherCount).
 */
class StoredEdgeAttributes {
  constructor(
    readonly type: SerializedEdge["attributes"]["type"],
    private readonly store: PassageStore,
    private readonly at: number,
    private readonly count: number,
    readonly note: string | undefined,
    readonly articleCount: number,
    readonly publisherCount: number,
  ) {}

  get evidence(): Evidence[] {
    return this.store.evidence(this.at, this.count);
  }

  toJSON(): SerializedEdge["attributes"] {
    const evidence = this.evidence;
    return this.note === undefined
      ? { type: this.type, evidence, articleCount: this.articleCount, publisherCount: this.publisherCount }
      : { type: this.type, evidence, note: this.note, articleCount: this.articleCount, publisherCount: this.publisherCount };
  }

  /** JSON.stringify(this): the same keys in the same order as toJSON. */
  toJSONText(): string {
    const note = this.note === undefined ? "" : `,"note":${JSON.stringify(this.note)}`;
    return `{"type":${JSON.stringify(this.type)},"evidence":${this.store.evidenceText(this.at, this.count)}${note},"articleCount":${this.articleCount},"publisherCount":${this.publisherCount}}`;
  }
}

/** A group's passages once its edge is made (never added to: grouping is over by then). */
const RELEASED: Evidence[] = Object.freeze([]) as unknown as Evidence[];

/**
 * Sorts `items` by position in place and drops the repeats of a position (the first stays, the
 * sort being stable): what dropping repeats and then sorting gave, without a string key per item
 * for long lists (846,000 mentions and 928,000 passages at 10,000 articles).
 */
function sortUnique<T extends { article: string; start: number; end: number }>(items: T[]): T[] {
  items.sort(byPosition);
  let kept = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (kept > 0) {
      const last = items[kept - 1]!;
      if (last.start === item.start && last.end === item.end && last.article === item.article) continue;
    }
    items[kept++] = item;
  }
  items.length = kept;
  return items;
}
