// The corpus stage kept up to date as articles are added and removed, giving the document
// extractFromAnalyses gives for the corpus as it then stands (docs/incremental.md). What each
// stage keeps between updates:
// - resolution: IncrementalResolution, which resolves again only the components an update touches;
// - relations: each article's own, with what it asked of the rest of the corpus (RecordingRelationEnv);
//   an article is read again only when its mentions resolve differently or an answer changed;
// - meetings: each article's accounts, kept likewise (RecordingMeetingEnv), and their clustering:
//   when the accounts before are the same ones as last time and the states of the people in them
//   have not changed, only the new accounts at the end of the corpus order are clustered
//   (MeetingClusterer); otherwise all are clustered again;
// - assembly: IncrementalAssembly keeps the edges of relation groups and the nodes of entities that
//   no update touched.
// The explain report is not kept: an update gives the document only.
import type { EntityType, GraphDocument } from "../contract";
import { IncrementalAssembly, type AssemblyUnit } from "./assemble-incremental";
import type { ArticleAnalysis } from "./index";
import { articleMeetingAccounts, meetingAffiliations, MeetingClusterer, meetingEnv, type Candidate, type MeetingAccounts, type MeetingEnv } from "./meetings";
import { articleRelations, combineRelations, relationEnv, type RelationEnv, type RelationsFound } from "./relations";
import { IncrementalResolution } from "./resolve-incremental";
import { SentenceMentions } from "./sentence-mentions";
import type { ArticleInput, ExtractionReport, Mention, ResolvedEntity, Sentence } from "./types";

const MODULE = "newsgraph/extract";

/**
 * A RelationEnv that remembers every question it was asked and its answer, so that a later
 * corpus can tell whether an article's relations still hold (`answersAlike`). Types are not
 * recorded: an entity's type is part of its key.
 */
export class RecordingRelationEnv implements RelationEnv {
  private readonly states = new Map<string, boolean>();
  private readonly names = new Map<string, string | undefined>();
  private readonly persons = new Map<string, string | undefined>();

  constructor(private readonly env: RelationEnv) {}

  typeOf(key: string): EntityType | undefined {
    return this.env.typeOf(key);
  }

  isState(key: string): boolean {
    const answer = this.env.isState(key);
    this.states.set(key, answer);
    return answer;
  }

  entityNamed(nameKey: string): string | undefined {
    const answer = this.env.entityNamed(nameKey);
    this.names.set(nameKey, answer);
    return answer;
  }

  personEndingAt(article: string, end: number): string | undefined {
    const answer = this.env.personEndingAt(article, end);
    this.persons.set(`${article}\u0000${end}`, answer);
    return answer;
  }

  /** Whether `env` answers every question asked so far as it was answered then. */
  answersAlike(env: RelationEnv): boolean {
    for (const [key, answer] of this.states) if (env.isState(key) !== answer) return false;
    for (const [key, answer] of this.names) if (env.entityNamed(key) !== answer) return false;
    for (const [at, answer] of this.persons) {
      const cut = at.indexOf("\u0000");
      if (env.personEndingAt(at.slice(0, cut), Number(at.slice(cut + 1))) !== answer) return false;
    }
    return true;
  }
}

/** A MeetingEnv that remembers what it was asked, like RecordingRelationEnv. */
export class RecordingMeetingEnv implements MeetingEnv {
  private readonly labels = new Map<string, string | undefined>();
  private readonly media = new Map<string, boolean>();

  constructor(private readonly env: MeetingEnv) {}

  typeOf(key: string): EntityType | undefined {
    return this.env.typeOf(key);
  }

  entityLabelled(nameKey: string): string | undefined {
    const answer = this.env.entityLabelled(nameKey);
    this.labels.set(nameKey, answer);
    return answer;
  }

  isMedia(key: string): boolean {
    const answer = this.env.isMedia(key);
    this.media.set(key, answer);
    return answer;
  }

  /** Whether `env` answers every question asked so far as it was answered then. */
  answersAlike(env: MeetingEnv): boolean {
    for (const [key, answer] of this.labels) if (env.entityLabelled(key) !== answer) return false;
    for (const [key, answer] of this.media) if (env.isMedia(key) !== answer) return false;
    return true;
  }
}

/** One article as the corpus stage holds it, with what its relations and meeting accounts asked. */
interface HeldArticle {
  input: ArticleInput;
  sentences: Sentence[];
  relations: RelationsFound | null;
  asked: RecordingRelationEnv | null;
  accounts: MeetingAccounts | null;
  askedForMeetings: RecordingMeetingEnv | null;
}

/** What an update did, for measurements (ms by stage; articles whose relations and meeting accounts were found again). */
export interface CorpusUpdateStats {
  ms: Record<"resolve" | "relations" | "meetings" | "assemble", number>;
  relationArticles: number;
  meetingArticles: number;
  /** Whether clustering went on from where the last update left it (the new accounts all came last). */
  clusteringResumed: boolean;
  resolvedComponents: number;
  resolvedMentionShare: number;
}

/** The clustering of meeting accounts as the last update left it. */
interface HeldClustering {
  clusterer: MeetingClusterer;
  /** The accounts it has clustered, in order. */
  candidates: Candidate[];
  /** The states people serve, as clustering last read them. */
  affiliations: Map<string, Set<string>>;
  /** Every participant of the accounts clustered: the entities whose states clustering has read. */
  participants: Set<string>;
}

/** Keys whose states differ between two affiliation maps (came, went, or changed). */
function changedAffiliations(before: Map<string, Set<string>>, now: Map<string, Set<string>>): string[] {
  const changed: string[] = [];
  for (const [key, states] of now) {
    const had = before.get(key);
    if (!had || had.size !== states.size || [...states].some((s) => !had.has(s))) changed.push(key);
  }
  for (const key of before.keys()) if (!now.has(key)) changed.push(key);
  return changed;
}

function addParticipants(to: Set<string>, accounts: readonly Candidate[]): void {
  for (const c of accounts) for (const key of c.participants.keys()) to.add(key);
}

export class IncrementalCorpus {
  private readonly held = new Map<string, HeldArticle>();
  private clustering: HeldClustering | null = null;
  private readonly assembly = new IncrementalAssembly();
  private readonly resolution: IncrementalResolution;
  private order: string[] = [];

  constructor() {
    this.resolution = new IncrementalResolution({ get: (id) => this.held.get(id)?.sentences });
  }

  /**
   * Brings the corpus stage to the corpus with `removed` articles out and `added` ones in, and
   * returns its document; `order` lists every article id after the change, in corpus order. The
   * analyses of added articles are taken over (their mentions are resolved in place).
   */
  update(change: { added?: ReadonlyArray<{ input: ArticleInput; analysis: ArticleAnalysis }>; removed?: readonly string[]; order: readonly string[] }): { document: GraphDocument; stats: CorpusUpdateStats } {
    const added = change.added ?? [];
    const removed = change.removed ?? [];
    for (const a of added) {
      if (!a || !a.input?.meta || !a.analysis || a.analysis.id !== a.input.meta.id) throw new TypeError(`${MODULE}: an added article needs { input, analysis } for the same article id`);
    }
    const ms = { resolve: 0, relations: 0, meetings: 0, assemble: 0 };
    let mark = performance.now();
    const lap = (stage: keyof typeof ms) => {
      const now = performance.now();
      ms[stage] += now - mark;
      mark = now;
    };
    // Resolution reads the added articles' sentences: they are held first, and let go again
    // should resolution refuse the change (unknown ids, a wrong order).
    const previous = new Map([...removed, ...added.map((a) => a.input.meta.id)].map((id) => [id, this.held.get(id)]));
    // Entities whose roles an update may change: those of the articles taken out, and below of those read again.
    const rolesChanged = new Set<string>();
    for (const id of removed) for (const key of this.held.get(id)?.relations?.roles.keys() ?? []) rolesChanged.add(key);
    for (const id of removed) this.held.delete(id);
    for (const a of added) this.held.set(a.input.meta.id, { input: a.input, sentences: a.analysis.sentences, relations: null, asked: null, accounts: null, askedForMeetings: null });
    let resolved: ReturnType<IncrementalResolution["update"]>;
    try {
      resolved = this.resolution.update({ added: added.map((a) => a.analysis), removed, order: change.order });
    } catch (error) {
      for (const [id, held] of previous) {
        if (held) this.held.set(id, held);
        else this.held.delete(id);
      }
      throw error;
    }
    this.order = [...change.order];
    lap("resolve");

    const entities = this.resolution.entities as Map<string, ResolvedEntity>;
    const mentionsOf = new Map<string, Mention[]>();
    const mentions: Mention[] = [];
    for (const id of this.order) {
      const kept = this.resolution.keptMentions(id);
      mentionsOf.set(id, kept);
      for (const m of kept) mentions.push(m);
    }
    const texts = new Map(this.order.map((id) => [id, this.held.get(id)!.input.text]));
    const report: ExtractionReport = { collect: false, entries: [], unlinked: [] };
    const env = relationEnv(entities, mentions);
    // An article's own keyed mentions, made once for relations and meetings.
    const sentenceMentions = new Map<string, SentenceMentions>();
    const mentionsByArticle = (id: string) => {
      let made = sentenceMentions.get(id);
      if (!made) sentenceMentions.set(id, (made = new SentenceMentions(mentionsOf.get(id)!)));
      return made;
    };
    let relationArticles = 0;
    // Articles whose passages changed (relations or meeting accounts found again): assembly's units.
    const changedUnits = new Set<string>();
    for (const id of this.order) {
      const held = this.held.get(id)!;
      if (held.relations && !resolved.articles.has(id) && held.asked!.answersAlike(env)) continue;
      for (const key of held.relations?.roles.keys() ?? []) rolesChanged.add(key);
      const asked = new RecordingRelationEnv(env);
      held.relations = articleRelations({ article: id, sentences: held.sentences, sentenceMentions: mentionsByArticle(id), texts, report }, asked);
      held.asked = asked;
      for (const key of held.relations.roles.keys()) rolesChanged.add(key);
      changedUnits.add(id);
      relationArticles++;
    }
    const relations = combineRelations(this.order.map((id) => this.held.get(id)!.relations!));
    lap("relations");

    const forMeetings = meetingEnv(entities, mentions);
    let meetingArticles = 0;
    for (const id of this.order) {
      const held = this.held.get(id)!;
      if (held.accounts && !resolved.articles.has(id) && held.askedForMeetings!.answersAlike(forMeetings)) continue;
      const asked = new RecordingMeetingEnv(forMeetings);
      held.accounts = articleMeetingAccounts({ article: id, sentences: held.sentences, sentenceMentions: mentionsByArticle(id), texts, meta: held.input.meta, report }, asked);
      held.askedForMeetings = asked;
      changedUnits.add(id);
      meetingArticles++;
    }
    const clusterInput = { entities, mentions, relations: relations.relations };
    const candidates: Candidate[] = [];
    for (const id of this.order) {
      const accounts = this.held.get(id)!.accounts!;
      for (const c of accounts.candidates) candidates.push(c);
    }
    const affiliations = meetingAffiliations(clusterInput);
    let resumed = false;
    const kept = this.clustering;
    // Clustering goes on from where it stopped when the accounts before are the very ones clustered
    // last time, and no entity whose states changed takes part in them: a new article often names
    // new officials and what they serve, and only accounts that name them read that.
    if (
      kept &&
      kept.candidates.length <= candidates.length &&
      kept.candidates.every((c, i) => candidates[i] === c) &&
      changedAffiliations(kept.affiliations, affiliations).every((key) => !kept.participants.has(key))
    ) {
      const added = candidates.slice(kept.candidates.length);
      kept.clusterer.updateAffiliations(affiliations);
      kept.clusterer.add(added);
      kept.candidates = candidates;
      kept.affiliations = affiliations;
      addParticipants(kept.participants, added);
      resumed = true;
    } else {
      const clusterer = new MeetingClusterer(affiliations, { keepMeetings: true });
      clusterer.add(candidates);
      const participants = new Set<string>();
      addParticipants(participants, candidates);
      this.clustering = { clusterer, candidates, affiliations, participants };
    }
    const clustered = this.clustering!.clusterer.meetings(clusterInput);
    lap("meetings");
    // "Has met" relations go with their article's unit; the meetings' own relations are compared group by group.
    const units = new Map<string, AssemblyUnit>();
    for (const id of changedUnits) {
      const held = this.held.get(id)!;
      units.set(id, { relations: [...held.relations!.relations, ...held.accounts!.metWith], coMentions: held.relations!.coMentions });
    }
    const changedEntities = new Set([...resolved.entities, ...rolesChanged]);
    const document = this.assembly.update({
      articles: this.order.map((id) => this.held.get(id)!.input.meta),
      texts,
      entities,
      changedEntities,
      roles: relations.roles,
      units,
      removedUnits: removed.filter((id) => !this.held.has(id)),
      meetings: clustered,
      relations: relations.relations,
    });
    lap("assemble");
    return { document, stats: { ms, relationArticles, meetingArticles, clusteringResumed: resumed, resolvedComponents: resolved.components, resolvedMentionShare: resolved.mentionShare } };
  }
}
