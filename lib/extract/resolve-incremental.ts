// Resolution kept up to date as articles come and go, with the result resolveEntities gives for
// the whole corpus (docs/incremental.md). The corpus is split into the components of
// resolve-components.ts, joined as articles are added (a union–find over mentions and the index
// entries they read and write); an added article re-resolves only the components its mentions join,
// and the entities of the others are kept. A removed article can split a component, which a
// union–find cannot undo: removals rebuild the components (the tokens of names already seen are
// remembered) and re-resolve the components that are not made of the very items of one before.
import { dropUnconfirmedIndefiniteDocuments, mergeResolvedParts, resolvePart, type ResolutionInput, type ResolvedPart } from "./resolve";
import { acronymTokens, initialsToken, nameTokens, tokenSignature, type NameTokens } from "./resolve-components";
import type { EntityType } from "../contract";
import type { Mention, ResolvedEntity } from "./types";

const MODULE = "newsgraph/extract";

type Acronym = ResolutionInput["acronyms"][number];

/** One article's share of resolution: its mentions and acronym definitions, as analyzeArticle finds them. */
export interface ArticleNames {
  id: string;
  mentions: readonly Mention[];
  acronyms: readonly Acronym[];
}

/** What an update changed, for the stages after resolution. */
export interface ResolutionChange {
  /** Articles some of whose mentions now resolve to another entity or type (added articles included). */
  articles: Set<string>;
  /** Entities made, changed (label, type, aliases, mentions) or gone. */
  entities: Set<string>;
  /** Components resolved again, and their share of all mentions. */
  components: number;
  mentionShare: number;
}

interface MentionItem {
  mention: Mention;
  article: string;
  /** Position among its article's mentions. */
  index: number;
  /** Its type as analyzeArticle gave it (resolution may retype a full name as an organization). */
  type: EntityType | "Unknown";
}

interface AcronymItem {
  acronym: Acronym;
  article: string;
  index: number;
}

type Item = MentionItem | AcronymItem;

/** What stands for an item across union–finds: its mention or acronym definition. */
function itemObject(item: Item): object {
  return "mention" in item ? item.mention : item.acronym;
}

/** Resolved components by their items, kept across a rebuild of the union–find. */
interface ResolvedComponents {
  componentOf: Map<object, number>;
  components: Array<{ size: number; part: ResolvedPart; dropped: Set<Mention> | null }>;
}

interface ArticleState {
  names: ArticleNames;
  /** Its mentions' types as analyzeArticle gave them (resolution may retype a full name as an organization). */
  types: Array<EntityType | "Unknown">;
}

/** Tokens made once per distinct mention signature, as node numbers of the union–find. */
interface SignatureNodes {
  reads: number[];
  writes: number[];
  initials: string | null;
  readsInitials: boolean;
}

export class IncrementalResolution {
  private readonly sentences: ResolutionInput["sentences"];
  private articles = new Map<string, ArticleState>();
  private order: string[] = [];
  private rank = new Map<string, number>();
  // The union–find: nodes are items (mentions, acronym definitions) and tokens.
  private parent: number[] = [];
  private items = new Map<number, Item>();
  private tokenNodes = new Map<string, number>();
  private read = new Set<number>();
  /** Writers of tokens nobody reads yet: joined to the token once something reads it. */
  private pendingWriters = new Map<number, number[]>();
  /** The item nodes of each component, by its root. */
  private members = new Map<number, number[]>();
  /** Resolved components, by root; roots in `dirty` need resolving again. */
  private parts = new Map<number, ResolvedPart>();
  private dirty = new Set<number>();
  /** Mentions left out as unconfirmed indefinite documents, by component root. */
  private droppedBy = new Map<number, Set<Mention>>();
  /** All of them, made once after an update for keptMentions (null until asked). */
  private dropped: Set<Mention> | null = null;
  /** Token node numbers by mention signature (for this union–find). */
  private signatures = new Map<string, SignatureNodes>();
  /** Token strings by mention signature: kept when the union–find starts again. */
  private readonly named = new Map<string, NameTokens>();
  private current = new Map<string, ResolvedEntity>();

  constructor(sentences: ResolutionInput["sentences"]) {
    if (!sentences || typeof sentences.get !== "function") throw new TypeError(`${MODULE}: IncrementalResolution needs the articles' sentences (a map by article id)`);
    this.sentences = sentences;
  }

  /** The entities of the corpus as it now stands, in resolveEntities' order. */
  get entities(): ReadonlyMap<string, ResolvedEntity> {
    return this.current;
  }

  /** An article's mentions that resolution kept (unconfirmed indefinite documents left out), in order. */
  keptMentions(article: string): Mention[] {
    const state = this.articles.get(article);
    if (!state) throw new Error(`${MODULE}: no article "${article}" in the resolution`);
    // Asked once per article after an update: the components' dropped mentions are gathered once.
    if (!this.dropped) {
      this.dropped = new Set();
      for (const set of this.droppedBy.values()) for (const m of set) this.dropped.add(m);
    }
    const dropped = this.dropped;
    return dropped.size ? state.names.mentions.filter((m) => !dropped.has(m)) : [...state.names.mentions];
  }

  /**
   * Brings resolution to a corpus with `removed` articles taken out and `added` ones put in;
   * `order` is every article id of the corpus after the change, in corpus order. Mentions of
   * added articles are taken over (resolution writes their keys and types).
   */
  update(change: { added?: readonly ArticleNames[]; removed?: readonly string[]; order: readonly string[] }): ResolutionChange {
    const added = change.added ?? [];
    const removed = change.removed ?? [];
    this.checkChange(added, removed, change.order);
    const entitiesBefore = this.current;
    // Each mention resolved again, with the key and type it had (to tell what changed).
    const before = new Map<Mention, { key: string | undefined; type: Mention["type"] }>();
    const touched = new Set<string>();
    if (removed.length > 0) {
      // A removal can split a component: start the components again from the articles that stay.
      // A component made of the very items of a component before keeps that one's resolution.
      const kept = [...this.articles.values()].filter((s) => !removed.includes(s.names.id));
      for (const state of kept) for (const m of state.names.mentions) before.set(m, { key: m.key, type: m.type });
      const resolvedBefore = this.resolvedComponents();
      this.reset();
      this.setOrder(change.order);
      for (const state of kept) this.addArticle(state.names, state.types);
      this.keepUnchangedComponents(resolvedBefore, before);
    } else this.setOrder(change.order);
    for (const names of added) {
      this.addArticle(names);
      touched.add(names.id);
    }
    const { components, mentions } = this.resolveDirty(before);
    let total = 0;
    for (const state of this.articles.values()) total += state.names.mentions.length;
    this.current = mergeResolvedParts(this.parts.values(), this.ordinalOf());
    // Mentions that now resolve differently, and entities that are new, gone or changed.
    for (const [m, was] of before) if ((m.key !== was.key || m.type !== was.type) && this.articles.has(m.article)) touched.add(m.article);
    const entities = new Set<string>();
    for (const [key, e] of this.current) if (entitiesBefore.get(key) !== e) entities.add(key);
    for (const key of entitiesBefore.keys()) if (!this.current.has(key)) entities.add(key);
    return { articles: touched, entities, components, mentionShare: total ? mentions / total : 0 };
  }

  private checkChange(added: readonly ArticleNames[], removed: readonly string[], order: readonly string[]): void {
    if (!Array.isArray(order)) throw new TypeError(`${MODULE}: update needs the corpus order (an array of article ids)`);
    for (const id of removed) if (!this.articles.has(id)) throw new Error(`${MODULE}: cannot remove article "${id}": it is not in the resolution`);
    const ids = new Set<string>();
    for (const names of added) {
      if (!names || typeof names.id !== "string" || !Array.isArray(names.mentions) || !Array.isArray(names.acronyms)) {
        throw new TypeError(`${MODULE}: an added article needs { id, mentions, acronyms }`);
      }
      if ((this.articles.has(names.id) && !removed.includes(names.id)) || ids.has(names.id)) throw new Error(`${MODULE}: article "${names.id}" is already in the resolution`);
      ids.add(names.id);
    }
    const expected = new Set([...this.articles.keys()].filter((id) => !removed.includes(id)));
    for (const id of ids) expected.add(id);
    if (order.length !== expected.size || order.some((id) => !expected.has(id))) {
      throw new Error(`${MODULE}: the corpus order lists ${order.length} articles, but the resolution would hold ${expected.size}`);
    }
  }

  /** The resolved components as they stand, by their items (mentions and acronym definitions), which outlive the union–find. */
  private resolvedComponents(): ResolvedComponents {
    const componentOf = new Map<object, number>();
    const components: ResolvedComponents["components"] = [];
    for (const [root, part] of this.parts) {
      const members = this.members.get(root);
      if (!members || this.dirty.has(root)) continue;
      const id = components.length;
      components.push({ size: members.length, part, dropped: this.droppedBy.get(root) ?? null });
      for (const x of members) componentOf.set(itemObject(this.items.get(x)!), id);
    }
    return { componentOf, components };
  }

  /**
   * After the union–find is made again (a removal): each component whose items are exactly those of
   * a component resolved before keeps its resolution, and its mentions the keys and types it gave
   * them. Its result depends only on its items, their order (which a removal keeps) and their
   * articles' sentences (unchanged), so resolving it again would give the same.
   */
  private keepUnchangedComponents(previous: ResolvedComponents, before: Map<Mention, { key: string | undefined; type: Mention["type"] }>): void {
    for (const [root, members] of this.members) {
      if (this.find(root) !== root) continue;
      const id = previous.componentOf.get(itemObject(this.items.get(members[0]!)!));
      if (id === undefined) continue;
      const old = previous.components[id]!;
      if (old.size !== members.length || members.some((x) => previous.componentOf.get(itemObject(this.items.get(x)!)) !== id)) continue;
      for (const x of members) {
        this.dirty.delete(x);
        const item = this.items.get(x)!;
        // addArticle put back the type analyzeArticle gave; the kept resolution's is the one that holds.
        if ("mention" in item) item.mention.type = before.get(item.mention)!.type;
      }
      this.parts.set(root, old.part);
      if (old.dropped) this.droppedBy.set(root, old.dropped);
    }
  }

  private reset(): void {
    this.articles = new Map();
    this.parent = [];
    this.items = new Map();
    this.tokenNodes = new Map();
    this.read = new Set();
    this.pendingWriters = new Map();
    this.members = new Map();
    this.parts = new Map();
    this.dirty = new Set();
    this.droppedBy = new Map();
    // Token node numbers belong to the old union–find; the token strings (this.named) stay.
    this.signatures = new Map();
  }

  private setOrder(order: readonly string[]): void {
    this.order = [...order];
    this.rank = new Map(this.order.map((id, i) => [id, i]));
  }

  private find(x: number): number {
    const parent = this.parent;
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  }

  private union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    const ma = this.members.get(ra);
    const mb = this.members.get(rb);
    // The larger member list absorbs the smaller (tokens have none).
    if ((ma?.length ?? 0) < (mb?.length ?? 0)) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    const into = this.members.get(ra);
    const from = this.members.get(rb);
    if (from) {
      if (into) for (const x of from) into.push(x);
      else this.members.set(ra, from);
      this.members.delete(rb);
    }
    if (this.parts.delete(rb) || this.dirty.delete(rb) || from) this.dirty.add(ra);
    this.droppedBy.delete(rb);
  }

  private node(): number {
    const n = this.parent.length;
    this.parent.push(n);
    return n;
  }

  private tokenNode(token: string): number {
    let n = this.tokenNodes.get(token);
    if (n === undefined) {
      n = this.node();
      this.tokenNodes.set(token, n);
    }
    return n;
  }

  /** A token becomes read: the writers that waited for a reader join it. */
  private markRead(token: number): void {
    if (this.read.has(token)) return;
    this.read.add(token);
    const waiting = this.pendingWriters.get(token);
    if (waiting) {
      this.pendingWriters.delete(token);
      for (const w of waiting) this.union(w, token);
    }
  }

  private link(item: number, reads: readonly number[], writes: readonly number[]): void {
    for (const t of reads) {
      this.markRead(t);
      this.union(item, t);
    }
    for (const t of writes) {
      if (this.read.has(t)) this.union(item, t);
      else {
        const list = this.pendingWriters.get(t);
        if (list) list.push(item);
        else this.pendingWriters.set(t, [item]);
      }
    }
  }

  private signatureNodes(m: Mention): SignatureNodes {
    const signature = tokenSignature(m);
    let nodes = this.signatures.get(signature);
    if (!nodes) {
      let named = this.named.get(signature);
      if (!named) this.named.set(signature, (named = nameTokens(m)));
      nodes = { reads: named.reads.map((t) => this.tokenNode(t)), writes: named.writes.map((t) => this.tokenNode(t)), initials: named.initials, readsInitials: named.readsInitials };
      this.signatures.set(signature, nodes);
    }
    return nodes;
  }

  private addArticle(names: ArticleNames, types = names.mentions.map((m) => m.type)): void {
    names.mentions.forEach((mention, index) => {
      const n = this.node();
      this.items.set(n, { mention, article: names.id, index, type: types[index]! });
      // Tokens follow the type analyzeArticle gave (an article added again after a removal may
      // still carry the type resolution gave it; its component is resolved again anyway).
      mention.type = types[index]!;
      this.members.set(n, [n]);
      this.dirty.add(n);
      const sig = this.signatureNodes(mention);
      const reads = sig.readsInitials ? [...sig.reads, this.tokenNode(initialsToken(names.id, mention.name))] : sig.reads;
      const writes = sig.initials !== null ? [...sig.writes, this.tokenNode(initialsToken(names.id, sig.initials))] : sig.writes;
      this.link(n, reads, writes);
    });
    names.acronyms.forEach((acronym, index) => {
      const n = this.node();
      this.items.set(n, { acronym, article: names.id, index });
      this.members.set(n, [n]);
      this.dirty.add(n);
      const tokens = acronymTokens(acronym);
      const ids = tokens.reads.map((t) => this.tokenNode(t));
      this.link(n, ids, ids);
    });
    this.articles.set(names.id, { names, types });
  }

  /** Where a mention stands in the corpus: its article's place, then its own. */
  private ordinalOf(): (m: Mention) => number {
    // Article offsets in corpus order, for positions comparable across articles.
    const offset = new Map<string, number>();
    let at = 0;
    for (const id of this.order) {
      offset.set(id, at);
      at += this.articles.get(id)!.names.mentions.length;
    }
    return (m) => offset.get(m.article)! + this.articles.get(m.article)!.names.mentions.indexOf(m);
  }

  private resolveDirty(before: Map<Mention, { key: string | undefined; type: Mention["type"] }>): { components: number; mentions: number } {
    let components = 0;
    let mentions = 0;
    for (const node of this.dirty) {
      const root = this.find(node);
      if (root !== node || !this.members.has(root)) continue;
      const mentionItems: MentionItem[] = [];
      const acronymItems: AcronymItem[] = [];
      for (const x of this.members.get(root)!) {
        const item = this.items.get(x)!;
        if ("mention" in item) mentionItems.push(item);
        else acronymItems.push(item);
      }
      // Corpus order: by article, then position in it (one number each, made once).
      const position = (item: Item) => this.rank.get(item.article)! * 2 ** 21 + item.index;
      const byPosition = <T extends Item>(items: T[]): T[] =>
        items
          .map((item) => ({ item, at: position(item) }))
          .sort((a, b) => a.at - b.at)
          .map((x) => x.item);
      const ms = byPosition(mentionItems);
      const as = byPosition(acronymItems);
      // Back to what analyzeArticle found: resolution retypes and keys them again.
      const list: Mention[] = [];
      for (const item of ms) {
        if (!before.has(item.mention)) before.set(item.mention, { key: item.mention.key, type: item.mention.type });
        item.mention.type = item.type;
        delete item.mention.key;
        list.push(item.mention);
      }
      const kept = list.slice();
      dropUnconfirmedIndefiniteDocuments(kept);
      if (kept.length < list.length) {
        const keptSet = new Set(kept);
        this.droppedBy.set(root, new Set(list.filter((m) => !keptSet.has(m))));
      } else this.droppedBy.delete(root);
      this.parts.set(root, resolvePart({ mentions: kept, sentences: this.sentences, acronyms: as.map((a) => a.acronym) }));
      components++;
      mentions += list.length;
    }
    this.dirty.clear();
    this.dropped = null;
    return { components, mentions };
  }
}
