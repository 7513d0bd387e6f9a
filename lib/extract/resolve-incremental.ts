// Resolution kept up to date as articles come and go, with the result resolveEntities gives for
// the whole corpus (docs/incremental.md). The corpus is split into the components of
// resolve-components.ts, joined as articles are added (a union–find over mentions and the index
// entries they read and write); an added article re-resolves only the components its mentions join,
// and the entities of the others are kept. A removed article can split a component, which a
// union–find cannot undo: a removal takes down the components the removed article's items were
// in, joins their other items again from their tokens, and resolves those again.
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

interface ArticleState {
  names: ArticleNames;
  /** Its items' nodes in the union–find (mentions, then acronym definitions). */
  nodes: number[];
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
  private readonly articles = new Map<string, ArticleState>();
  private order: string[] = [];
  private rank = new Map<string, number>();
  // The union–find: nodes are items (mentions, acronym definitions) and tokens.
  private parent: number[] = [];
  private readonly items = new Map<number, Item>();
  private readonly tokenNodes = new Map<string, number>();
  private readonly read = new Set<number>();
  /** Writers of tokens nobody reads yet: joined to the token once something reads it. */
  private readonly pendingWriters = new Map<number, number[]>();
  /** The item nodes of each component, by its root. */
  private readonly members = new Map<number, number[]>();
  /** Resolved components, by root; roots in `dirty` need resolving again. */
  private readonly parts = new Map<number, ResolvedPart>();
  private readonly dirty = new Set<number>();
  /** Mentions left out as unconfirmed indefinite documents, by component root. */
  private readonly droppedBy = new Map<number, Set<Mention>>();
  /** All of them, made once after an update for keptMentions (null until asked). */
  private dropped: Set<Mention> | null = null;
  /** Token node numbers by mention signature (made again when a removal gives tokens new nodes). */
  private signatures = new Map<string, SignatureNodes>();
  /** Token strings by mention signature: kept when token nodes change. */
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
    if (removed.length > 0) this.split(removed, before);
    this.setOrder(change.order);
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

  /**
   * Takes the removed articles out. Their items' components may fall apart, which a union–find
   * cannot undo: those components alone are taken down and their other items joined again from
   * their tokens (their tokens get new nodes; the old ones stay behind, joined to nothing anyone
   * finds). Every other component keeps its resolution. The surviving mentions' keys and types are
   * noted in `before`, to tell afterwards which resolve otherwise.
   */
  private split(removed: readonly string[], before: Map<Mention, { key: string | undefined; type: Mention["type"] }>): void {
    const gone = new Set(removed);
    const roots = new Set<number>();
    for (const id of removed) for (const n of this.articles.get(id)!.nodes) roots.add(this.find(n));
    const survivors: number[] = [];
    for (const root of roots) {
      for (const x of this.members.get(root) ?? []) if (!gone.has(this.items.get(x)!.article)) survivors.push(x);
      this.members.delete(root);
      this.parts.delete(root);
      this.droppedBy.delete(root);
      this.dirty.delete(root);
    }
    for (const [token, t] of this.tokenNodes) {
      if (!roots.has(this.find(t))) continue;
      this.tokenNodes.delete(token);
      this.read.delete(t);
    }
    // Token numbers by signature may name the tokens just dropped: they are looked up again.
    this.signatures = new Map();
    const relinked = new Set(survivors);
    for (const id of removed) for (const n of this.articles.get(id)!.nodes) relinked.add(n);
    for (const [t, writers] of this.pendingWriters) {
      const left = writers.filter((w) => !relinked.has(w));
      if (left.length === 0) this.pendingWriters.delete(t);
      else if (left.length < writers.length) this.pendingWriters.set(t, left);
    }
    for (const id of removed) {
      for (const n of this.articles.get(id)!.nodes) this.items.delete(n);
      this.articles.delete(id);
    }
    for (const x of survivors) {
      this.parent[x] = x;
      this.members.set(x, [x]);
      this.dirty.add(x);
    }
    for (const x of survivors) {
      const item = this.items.get(x)!;
      if ("mention" in item) before.set(item.mention, { key: item.mention.key, type: item.mention.type });
      this.linkItem(x, item);
    }
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

  private addArticle(names: ArticleNames): void {
    const nodes: number[] = [];
    const add = (item: Item) => {
      const n = this.node();
      nodes.push(n);
      this.items.set(n, item);
      this.members.set(n, [n]);
      this.dirty.add(n);
      this.linkItem(n, item);
    };
    // An added article's mentions carry the types analyzeArticle gave; each item keeps its own.
    names.mentions.forEach((mention, index) => add({ mention, article: names.id, index, type: mention.type }));
    names.acronyms.forEach((acronym, index) => add({ acronym, article: names.id, index }));
    this.articles.set(names.id, { names, nodes });
  }

  /** Joins an item to the tokens it reads and writes. */
  private linkItem(n: number, item: Item): void {
    if ("acronym" in item) {
      const ids = acronymTokens(item.acronym).reads.map((t) => this.tokenNode(t));
      this.link(n, ids, ids);
      return;
    }
    const mention = item.mention;
    // Tokens follow the type analyzeArticle gave (resolution may have retyped a mention kept from
    // before; its component is resolved again anyway).
    mention.type = item.type;
    const sig = this.signatureNodes(mention);
    const reads = sig.readsInitials ? [...sig.reads, this.tokenNode(initialsToken(item.article, mention.name))] : sig.reads;
    const writes = sig.initials !== null ? [...sig.writes, this.tokenNode(initialsToken(item.article, sig.initials))] : sig.writes;
    this.link(n, reads, writes);
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
