// Meetings as n-ary events: "talks between X and Y in Z", "X met Y", "a three-hour meeting in
// Moscow with …", "the delegations included …". Each becomes one Meeting node with ATTENDED
// edges, HELD_IN, the date as stated plus a normalized range, and REPORTED edges from the outlets
// that tell of it. The same meeting told by several articles is one node; where the articles
// disagree on date, place or who was there, the node carries a conflict.
import { foldText, nodeKey, slugify, type ArticleMeta, type Conflict, type EntityType, type Evidence, type StatedDate } from "../contract";
import type { MeetingNode } from "./assemble";
import { epochMs, findDates, statedDatesDisjoint, type FoundDate } from "./dates";
import { countryOfDemonym } from "./gazetteer";
import { nameKey } from "./names";
import { SentenceMentions } from "./sentence-mentions";
import type { CorpusProgress, ExtractionReport, Mention, RelationCandidate, ResolvedEntity, Sentence } from "./types";

export interface MeetingInput {
  sentences: Map<string, Sentence[]>;
  mentions: Mention[];
  entities: Map<string, ResolvedEntity>;
  texts: Map<string, string>;
  metaById: Map<string, ArticleMeta>;
  report: ExtractionReport;
  /** Typed relations already found: who serves which state, to tell the sides of a meeting apart. */
  relations?: RelationCandidate[];
  /** The keyed mentions per sentence (made from `mentions` when not given). */
  sentenceMentions?: SentenceMentions;
  /**
   * The caller gives up `sentences` and `sentenceMentions` once the accounts of meetings are
   * found: clustering them reads neither, and at 10,000 articles the clustering was the corpus
   * stage's memory peak.
   */
  release?: boolean;
  /** Counts the articles read and the accounts clustered (a long build's progress bar). */
  progress?: CorpusProgress;
}

const TRIGGER_NOUN =
  /\b(meetings?|talks|summit|dinner|lunch|breakfast|gathering|sessions?|negotiations|discussions|consultations|conference|briefing|visit|hearing|ceremony|signing|(?:phone|video|conference) call)\b/i;
const TRIGGER_VERB =
  /\b(met|meet|meets|dined|dine|dines|visited|visits|hosted|entertained|convened|converged|gathered|sat down|held talks|spoke by phone|spoke (?:\w+\s+){1,4}by phone|joined the ceremony|attended|appeared before|(?:was|were) signed (?=(?:\w+\s+){0,4}(?:in|at|on)\s))\b/i;
/** "its/their/a/an … meeting": a meeting introduced afresh (see firstFreshTriggerAfter). */
const FRESH_TRIGGER = new RegExp(`\\b(?:its|their|a|an)\\s+(?:[\\p{L}-]+\\s+){0,2}?${TRIGGER_NOUN.source.slice(2)}`, "giu");

/**
 * The first of FRESH_TRIGGER's matches in `text`, scanned from its start as matchAll does, that
 * starts after `after`; null if none. One compiled expression, and no list of every match: the
 * clause analysis asks this of every clause that names a meeting definitely.
 */
function firstFreshTriggerAfter(text: string, after: number): RegExpExecArray | null {
  FRESH_TRIGGER.lastIndex = 0;
  for (let m = FRESH_TRIGGER.exec(text); m; m = FRESH_TRIGGER.exec(text)) if (m.index > after) return m;
  return null;
}

// "have never met", "did not meet": no meeting. "has met Sęk at least twice": a relation, not one event.
const NEGATED_MEETING = /\b(?:never|not|n't|no longer)\s+(?:\w+\s+)?(?:met|meet|dined|visited)\b/i;
const REPEATED_MEETING = /\b(?:has|have)\s+(?:\w+\s+)?met\b(?=[^.]*\b(?:repeatedly|regularly|several times|many times|often|at least (?:once|twice|\w+ times)|twice|since)\b)/i;
const HABITUAL_MEETS = /\bmeets\b/i;
const REFERENCE_PP = /\b(?:after|before|since|until|following|ahead of|during)\s+(?:the|a|an|this|that|their|its)\s+(?:[\p{L}-]+\s+){0,3}$/iu;
const ATTENDANCE_CUE = /\b(?:in attendance were|were in attendance|attended|included|includes|including|involved|representing\s+\p{Lu}[\p{L}.]*\s+were|accompanied by|joined (?:them|him|her)|sat in|were present|was present|aboard|were also there)\b/iu;
const DEFINITE_TRIGGER = /\b(?:the|this|that|these|those|their|its)\s+(?!(?:next|previous|last|first|second|another|new|upcoming|future|earlier|later|following)\b)(?:[\p{L}-]+\s+){0,3}?(meetings?|talks|summit|dinner|lunch|gathering|sessions?|negotiations|discussions|consultations|conference|visit|hearing|ceremony|signing|(?:phone|video) call)\b/iu;
const PLANNED = /\b(?:is|are|was|were)\s+(?:expected|due|set|scheduled|planned)\s+to\b|\bwill\s+(?:meet|travel|hold)\b|\bplanned for\b|\bto meet\b|\bplans to\b/i;
const CANCELLED = /\b(?:cancel(?:l)?(?:ed|s)?|call(?:ed|s)? off|postpone[sd]?|scrapped)\b/i;
const DENIAL = /\b(?:(?:is|are|was|were)\s+(?:wrong|false|untrue|incorrect)|denied (?:he|she|they) (?:was|were)|did not attend|was not there|were not there)\b/i;
const GENERIC_TALKS = /\b(?:peace|trade|ceasefire|future|further|direct|parallel)\s+talks\b(?!\s+(?:in|with|between))/i;
const DESCRIPTOR_BEFORE =
  /\b(?:associate|associates|adviser|advisor|aide|envoy|son-in-law|ally|allies|friend|spokes\w+|deputy|head|chief|member|leader|representative|official|officials|counterpart|nephew|critic|critics|chairman|chair)\s+(?:of|to|for)\s+(?:the\s+)?(?:former\s+)?(?:\p{Lu}[\p{L}.]*\s+){0,2}$/u;
const TIED_TO_BEFORE = /\b(?:tied|linked|close|allied|loyal|related|connected|married|beholden|answerable)\s+(?:to|with)\s+(?:the\s+)?(?:former\s+)?(?:\p{Lu}[\p{L}.]*\s+){0,2}$/u;
const POSSESSIVE_ROLE = /^['’]s\s+(?:[a-z-]+\s+){0,3}?(?:adviser|advisor|aide|envoy|son-in-law|spokes\w+|deputy|chief|head|boss|lawyers?|officials?|office|counterpart|ministry|minister|nephew|critics?|brand|shareholders?|future|headquarters|position|demands|pilots|slots)\b/i;
const DELEGATION_AFTER = /^\s*(?:[a-z-]+\s+)?(?:delegations?|side|officials|negotiators|team|representatives|envoys|leaders|ministers|bosses|chief executives|executives|lawyers)\b/i;
const DELEGATION_BEFORE = /\b(?:delegations?|officials|representatives|envoys|negotiators|ministers|chief executives|executives|bosses|heads|leaders)\s+(?:from|of)\s+(?:the\s+)?(?:\p{Lu}[\p{L}-]*\s+(?:and\s+)?)*$/iu;
/** The word the demonym pattern below ends on, alone: cheap to look for, and most clauses lack it. */
const SIDE_WORD = /\s(?:delegations?|side|officials|negotiators|team)\b/;
const LOCATIVE_BEFORE = /\b(?:in|at|aboard|on board|near|outside|inside|off|went to|travelled to|traveled to|flew to|arrived in|came to)\s+(?:(?:the|a|an)\s+)?(?:[\p{Ll}-]+\s+){0,3}?$/u;

/** One sentence's (or clause's) account of a meeting, before accounts of one meeting are clustered. */
export interface Candidate {
  article: string;
  sentence: number;
  trigger: string;
  participants: Map<string, Evidence>;
  places: Map<string, Evidence>;
  dates: Array<FoundDate & { evidence: Evidence }>;
  evidence: Evidence[];
  reporters: Map<string, Evidence>;
  denied: Map<string, Evidence>;
  status: "held" | "planned" | "cancelled";
}

const MEDIA_RULES = new Set(["gazetteer:media-outlet", "gazetteer:publisher"]);

/** An empty map that refuses to be written: shared by the accounts of meetings that have nothing of a kind. */
class EmptyEvidenceMap extends Map<string, Evidence> {
  override set(key: string): this {
    throw new Error(`newsgraph/extract: an account of a meeting was changed after it was complete (key ${JSON.stringify(key)})`);
  }
}
const NO_EVIDENCE: Map<string, Evidence> = new EmptyEvidenceMap();

export function extractMeetings(input: MeetingInput): { nodes: MeetingNode[]; relations: RelationCandidate[]; conflicts: Conflict[] } {
  const env = meetingEnv(input.entities, input.mentions);
  const bySentence = input.sentenceMentions ?? new SentenceMentions(input.mentions);
  const accounts: MeetingAccounts = { candidates: [], metWith: [] };
  input.progress?.start("articles read for meetings", input.sentences.size, "articles");
  for (const [article, sentences] of input.sentences) {
    input.progress?.tick();
    readArticleMeetings({ article, sentences, sentenceMentions: bySentence, texts: input.texts, meta: input.metaById.get(article), report: input.report }, env, accounts);
  }
  input.progress?.finish();
  if (input.release) {
    input.sentences.clear();
    bySentence.release();
  }
  return clusterAccounts([accounts], input);
}

/**
 * What meeting accounts read of the corpus beyond the article at hand (its sentences, text, date
 * and keyed mentions are its own): an update can keep an article's accounts when its mentions
 * resolve as before and these answer as before (lib/extract/incremental.ts).
 */
export interface MeetingEnv {
  /** An entity's type; part of its key (contract nodeKey), so the answer never changes for a key. */
  typeOf(key: string): EntityType | undefined;
  /** The entity whose label has this nameKey (the last such in entity order). */
  entityLabelled(nameKey: string): string | undefined;
  /** Whether the entity is a news outlet (a mention of it was found as one). */
  isMedia(key: string): boolean;
}

/** The corpus-wide lookups of meeting accounts, made from the resolved entities and mentions. */
export function meetingEnv(entities: ReadonlyMap<string, ResolvedEntity>, mentions: readonly Mention[]): MeetingEnv {
  const entityByName = new Map<string, string>();
  for (const e of entities.values()) entityByName.set(nameKey(e.label), e.key);
  const mediaKeys = new Set<string>();
  for (const m of mentions) if (m.key && MEDIA_RULES.has(m.rule)) mediaKeys.add(m.key);
  return { typeOf: (key) => entities.get(key)?.type, entityLabelled: (k) => entityByName.get(k), isMedia: (key) => mediaKeys.has(key) };
}

/** What clustering the accounts reads: entities (labels, types), mentions and relations (the states people serve). */
export type ClusterInput = Pick<MeetingInput, "entities" | "mentions" | "relations" | "progress">;

/** Accounts of meetings found in articles, in corpus order (and "has met" relations without a meeting). */
export interface MeetingAccounts {
  candidates: Candidate[];
  metWith: RelationCandidate[];
}

/** Meeting accounts of one article: what extractMeetings reads in it, given what `env` answers. */
export function articleMeetingAccounts(
  input: { article: string; sentences: readonly Sentence[]; sentenceMentions: SentenceMentions; texts: ReadonlyMap<string, string>; meta: ArticleMeta | undefined; report: ExtractionReport },
  env: MeetingEnv,
): MeetingAccounts {
  const accounts: MeetingAccounts = { candidates: [], metWith: [] };
  readArticleMeetings(input, env, accounts);
  return accounts;
}

/**
 * Meetings from the accounts of every article, in corpus order (articleMeetingAccounts):
 * accounts of one meeting clustered into one node, with its relations and conflicts.
 */
export function clusterAccounts(parts: readonly MeetingAccounts[], input: ClusterInput): { nodes: MeetingNode[]; relations: RelationCandidate[]; conflicts: Conflict[] } {
  const candidates: Candidate[] = [];
  const metWith: RelationCandidate[] = [];
  for (const part of parts) {
    for (const c of part.candidates) candidates.push(c);
    for (const r of part.metWith) metWith.push(r);
  }
  const clustered = clusterMeetings(candidates, input, stateAffiliations(input));
  return { nodes: clustered.nodes, relations: [...clustered.relations, ...metWith], conflicts: clustered.conflicts };
}

/** The states each entity stands for (a state itself; who serves or heads it), which tell the sides of a meeting apart. */
export function meetingAffiliations(input: ClusterInput): Map<string, Set<string>> {
  return stateAffiliations(input);
}

function readArticleMeetings(
  input: { article: string; sentences: readonly Sentence[]; sentenceMentions: SentenceMentions; texts: ReadonlyMap<string, string>; meta: ArticleMeta | undefined; report: ExtractionReport },
  env: MeetingEnv,
  accounts: MeetingAccounts,
): void {
  const { article, sentences, sentenceMentions: bySentence } = input;
  const typeOf = (key: string) => env.typeOf(key);
  const candidates = accounts.candidates;
  // "Mavridis has met Hrubý repeatedly": people who meet, without one meeting to name.
  const metWith = (s: Sentence, ms: readonly Mention[]) => {
    const at = s.start + (/\bmet\b/i.exec(s.text)?.index ?? 0);
    const people = ms.filter((m) => typeOf(m.key!) === "Person" && !m.possessive);
    const subject = people.filter((m) => m.end <= at).at(-1);
    const object = people.find((m) => m.start > at);
    if (!subject || !object || subject.key === object.key) return;
    const text = input.texts.get(s.article) ?? "";
    accounts.metWith.push({ source: subject.key!, type: "MET_WITH", target: object.key!, evidence: { article: s.article, start: subject.start, end: object.end, quote: text.slice(subject.start, object.end) }, rule: "has-met" });
  };
  {
    const published = input.meta?.date ?? null;
    const text = input.texts.get(article) ?? "";
    const ev = (start: number, end: number): Evidence => {
      let s = start;
      let e = end;
      while (s < e && /\s/.test(text.charAt(s))) s++;
      while (e > s && /[\s,;:]/.test(text.charAt(e - 1))) e--;
      return { article, start: s, end: e, quote: text.slice(s, e) };
    };
    let last: Candidate | null = null;
    const inOrder = (sentence: Sentence) => bySentence.of(article, sentence.index);
    for (const sentence of sentences) {
      if (sentence.kind !== "body") continue;
      if (NEGATED_MEETING.test(sentence.text)) continue;
      if (REPEATED_MEETING.test(sentence.text)) {
        metWith(sentence, inOrder(sentence));
        continue;
      }
      // A clause tells of a meeting only with a meeting word or right after one (analyzeClause's
      // first test). Clauses are pieces of the sentence cut next to non-word characters, so a
      // sentence without a meeting word has no clause with one: most sentences end here.
      const nearLast = last !== null && last.article === article && sentence.index - last.sentence <= 3;
      if (!nearLast && !TRIGGER_NOUN.test(sentence.text) && !TRIGGER_VERB.test(sentence.text)) continue;
      // Each clause may tell of its own meeting: "His discussions in Miami …, and he also conducted a meeting with …".
      for (const clause of clausesOf(sentence, inOrder(sentence))) {
        const c = analyzeClause(clause);
        if (c) last = c;
      }
    }

    function analyzeClause(clause: Clause): Candidate | null {
      const s = clause.sentence;
      const text = clause.text;
      const base = clause.start - s.start; // offset of the clause inside the sentence text
      const ms = clause.mentions;
      let noun = TRIGGER_NOUN.exec(text);
      const verb = TRIGGER_VERB.exec(text);
      const nearLast = last !== null && last.article === article && s.index - last.sentence <= 3;
      // Most clauses name no meeting and follow none: nothing below can make them one. (A definite
      // trigger is a trigger noun, so without one there is none.)
      if (!noun && !verb && !nearLast) return null;
      let definite = noun ? DEFINITE_TRIGGER.exec(text) : null;
      // "The signing follows approval … by the board at its meeting in Prague on 17 March": a new
      // meeting introduced after the one referred back to.
      if (definite && !verb) {
        const fresh = firstFreshTriggerAfter(text, definite.index);
        if (fresh) {
          noun = TRIGGER_NOUN.exec(text.slice(fresh.index ?? 0));
          if (noun) noun.index = (noun.index ?? 0) + (fresh.index ?? 0);
          definite = null;
        }
      }
      // Whether the clause tells who was there ("in attendance were …"): only asked where it
      // decides something (mostly right after a meeting), since the test is one of the costliest.
      let cueFound: boolean | undefined;
      const hasCue = () => (cueFound ??= ATTENDANCE_CUE.test(text));
      const trigger = verb ?? noun;
      if (!trigger && !(nearLast && hasCue())) return null;
      if (verb && HABITUAL_MEETS.test(verb[0]) && !/\b(?:on|next|this|will|due)\b/i.test(text) && findDates(text, null).length === 0) return null;
      // "nine days after the Vienna dinner": a meeting named in passing, not told.
      if (!verb && noun && REFERENCE_PP.test(text.slice(0, noun.index))) return null;
      if (!verb && noun && GENERIC_TALKS.test(text) && !/\b(?:in|between|with)\b/.test(text.slice(noun.index))) return null;
      const future = PLANNED.test(s.text);
      const status: Candidate["status"] = CANCELLED.test(s.text) ? "cancelled" : future ? "planned" : "held";
      const denial = DENIAL.test(text);
      const triggerAt = clause.start + (trigger?.index ?? definite?.index ?? 0);
      const triggerEnd = triggerAt + (trigger?.[0].length ?? definite?.[0].length ?? 0);
      const span = (m: { start: number; end: number }) => ev(Math.min(m.start, triggerAt), Math.max(m.end, trigger ? triggerEnd : m.end));
      const beforeOf = (m: Mention) => s.text.slice(Math.max(0, m.start - s.start - 60), m.start - s.start);
      const afterOf = (m: Mention) => s.text.slice(m.end - s.start, m.end - s.start + 60);
      const gapToTrigger = (m: Mention) => s.text.slice(m.end - s.start, triggerAt - s.start);
      const holdsMeeting = !verb && noun !== null && /\b(?:held|holds|hold|holding|had|has|have|conducted|conducts|conducting|began|begin|opened|started)\s+(?:\w+\s+){0,3}$/i.test(text.slice(0, noun.index));

      // Who was there.
      const participants = new Map<string, Evidence>();
      const denied = new Map<string, Evidence>();
      const reporters = new Map<string, Evidence>();
      for (const m of clause.antecedents) if (typeOf(m.key!) === "Person" || typeOf(m.key!) === "Organization") participants.set(m.key!, span(m));
      for (const m of ms) {
        const type = typeOf(m.key!);
        const before = beforeOf(m);
        const after = afterOf(m);
        if (env.isMedia(m.key!) || (/^\s*(?:reported|reports|revealed|confirm(?:s|ed)?|said|says)\b/.test(after) && type === "Organization" && !DELEGATION_AFTER.test(after))) {
          if (/^\s*(?:reported|reports|revealed|confirm(?:s|ed)?|later reported|first reported)\b/i.test(after) || /\b(?:according to|as)\s+$/i.test(before) || /\btold\s+$/i.test(before)) reporters.set(m.key!, span(m));
          continue;
        }
        if (/\b(?:according to|as)\s+(?:the\s+)?$/i.test(before) || /\btold\s+$/i.test(before)) continue;
        // "according to documents seen by Dagens Industri": a source, not a participant.
        if (/\b(?:seen|reported|obtained|reviewed|cited|quoted|published|revealed|confirmed)\s+by\s+(?:the\s+)?$/i.test(before)) {
          if (type === "Organization") reporters.set(m.key!, span(m));
          continue;
        }
        if (/^\s*(?:reported|revealed|wrote|first reported|later reported)\b/i.test(after)) continue;
        if (type === "Person") {
          if (DESCRIPTOR_BEFORE.test(before) || TIED_TO_BEFORE.test(before)) continue;
          // "Trump allies", "Putin loyalists": the name qualifies a group, the person is not there.
          if (/^\s+(?:allies|associates|officials|loyalists|aides|supporters|critics|camp|team|administration|campaign|family|people|circle)\b/i.test(after)) continue;
          if (m.possessive && POSSESSIVE_ROLE.test(after)) continue;
          if (m.possessive && !TRIGGER_NOUN.test(after.slice(0, 40))) continue;
          if (denial) denied.set(m.key!, ev(s.start, s.end));
          else participants.set(m.key!, span(m));
          continue;
        }
        if (type === "Organization") {
          const isTitleOrg = ms.some((p) => p.title && m.start >= p.title.start && m.end <= p.title.end);
          if (isTitleOrg || DESCRIPTOR_BEFORE.test(before)) continue;
          if (m.possessive && !TRIGGER_NOUN.test(after.slice(0, 30))) continue;
          const asDelegation =
            DELEGATION_AFTER.test(after) ||
            DELEGATION_BEFORE.test(before) ||
            /\bon behalf of\s+(?:the\s+)?$/i.test(before) ||
            /^\s*(?:,\s*|\s+and\s+)(?:\p{Lu}\p{L}+\s+)?(?:delegations?|officials|bosses|chiefs|executives|chief executives|leaders|ministers|representatives)\b/u.test(after);
          // The organization itself acts: "Polavia and Vltavia Airlines signed …", "the Trump administration conducted negotiations".
          const gap = gapToTrigger(m);
          const subject = !m.country && m.end <= triggerAt && !/\b(?:with|of|to|by|for|from|at|whose)\s+(?:the\s+)?$/i.test(before) && gap.length <= 40 && !gap.includes(",");
          const object = !m.country && m.start >= triggerEnd && /\b(?:with|between)\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,2}$/u.test(before);
          if (asDelegation || (subject && (verb !== null || holdsMeeting) && !m.metonymFor) || (object && !m.metonymFor)) participants.set(m.key!, span(m));
        }
      }
      // Lists continue a delegation: "officials from Germany, France, and the UK".
      for (const m of ms) {
        if (participants.has(m.key!) || !m.country) continue;
        const prev = ms.filter((x) => x.end <= m.start && participants.has(x.key!) && x.country).at(-1);
        if (prev && /^\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?$/.test(s.text.slice(prev.end - s.start, m.start - s.start))) participants.set(m.key!, span(m));
      }
      // "At the 24 March meeting …, he stayed …", "His discussions …": the person the previous sentence was about.
      const pronoun = /(?:^|[,;]\s*|\b(?:and|but)\s+)(he|she|his|her)\s+(?:\w+\s+){0,3}?(?:met|stayed|attended|hosted|joined|dined|visited|chaired|left|spoke|conducted|held|discussions|talks|meeting|visit)\b/i.exec(text);
      if (pronoun && ![...participants.keys()].some((k) => typeOf(k) === "Person" && (participants.get(k)?.start ?? 0) < clause.start + (pronoun.index ?? 0))) {
        const antecedent = antecedentPerson(sentences, s.index, bySentence, article, typeOf);
        if (antecedent) {
          const at = clause.start + (pronoun.index ?? 0) + pronoun[0].indexOf(pronoun[1]!);
          participants.set(antecedent, ev(Math.min(at, triggerAt), Math.max(at + pronoun[1]!.length, triggerEnd)));
        }
      }
      // States named by demonyms: "U.S. and Ukrainian delegations", "the Ukrainian side included".
      for (const dm of SIDE_WORD.test(text) ? text.matchAll(/\b((?:\p{Lu}\p{L}+(?:\s*,\s*|\s+and\s+))*\p{Lu}\p{L}+)\s+(?:delegations?|side|officials|negotiators|team)\b/gu) : []) {
        let offset = dm.index ?? 0;
        for (const word of dm[1]!.split(/(\s*,\s*|\s+and\s+)/)) {
          const country = countryOfDemonym(word);
          const key = country ? env.entityLabelled(nameKey(country)) : undefined;
          if (key) participants.set(key, ev(clause.start + offset, clause.start + (dm.index ?? 0) + dm[0].length));
          offset += word.length;
        }
      }
      // Where: a place after a locative, near the meeting word when the clause only refers back.
      const refersBack = nearLast && (definite !== null || (!trigger && hasCue())) && last !== null;
      const places = new Map<string, Evidence>();
      const nearTrigger = (m: Mention) => !refersBack || (m.start >= triggerAt && m.start - triggerEnd <= 30);
      for (const m of ms) {
        if (typeOf(m.key!) !== "Place" || !nearTrigger(m)) continue;
        const before = s.text.slice(Math.max(0, m.start - s.start - 40), m.start - s.start);
        if (!LOCATIVE_BEFORE.test(before) && !/\bconverged (?:on|in)\s+$/.test(before) && !/\bvisit(?:ed|ing|s)?\s+$/.test(before)) continue;
        if (/\b(?:from|flew in from)\s+(?:[\p{L}-]+\s+){0,2}$/u.test(before)) continue;
        places.set(m.key!, span(m));
      }
      // "talks in Cyprus": a state named as the venue right after the meeting word, when no city is.
      if (places.size === 0 && trigger) {
        for (const m of ms) {
          if (!m.country || m.metonymFor || m.start < triggerEnd || m.start - triggerEnd > 30) continue;
          if (/\b(?:in|at)\s+(?:the\s+)?$/.test(s.text.slice(Math.max(0, m.start - s.start - 10), m.start - s.start))) places.set(m.key!, span(m));
        }
      }
      // When.
      const dates = findDates(text, published, future).map((d) => ({ ...d, evidence: ev(clause.start + d.start, clause.start + d.end) }));
      void base;

      const clauseEvidence = ev(clause.start, clause.end);
      if (refersBack && last) {
        // "The meeting ended …", "In attendance were …": the meeting just told of.
        if (verb || hasCue()) for (const [k, e] of participants) if (!last.participants.has(k)) last.participants.set(k, e);
        for (const [k, e] of places) if (!last.places.has(k)) last.places.set(k, e);
        for (const [k, e] of reporters) last.reporters.set(k, e);
        for (const [k, e] of denied) last.denied.set(k, e);
        last.dates.push(...dates);
        last.evidence.push(clauseEvidence);
        if (status !== "held") last.status = status;
        last.sentence = s.index;
        return last;
      }
      // The next sentence goes on about the same talks with some of the same people ("… is engaged in discussions with …").
      // Not when the clause introduces an event of its own ("he also conducted a meeting with …"), a
      // different fate (planned vs held), or a place where the last had none.
      const introducesNew = noun !== null && /\b(?:a|an|another)\s+(?:[\p{L}-]+\s+){0,2}$/iu.test(text.slice(0, noun.index));
      const continues =
        last !== null &&
        last.article === article &&
        s.index - last.sentence <= 2 &&
        !introducesNew &&
        last.status === status &&
        [...participants.keys()].some((k) => last!.participants.has(k)) &&
        (places.size === 0 || (last.places.size > 0 && [...places.keys()].every((k) => last!.places.has(k))));
      if (continues && last && !(verb && !noun && places.size > 0)) {
        for (const [k, e] of participants) if (!last.participants.has(k)) last.participants.set(k, e);
        for (const [k, e] of places) if (!last.places.has(k)) last.places.set(k, e);
        for (const [k, e] of reporters) last.reporters.set(k, e);
        last.dates.push(...dates);
        last.evidence.push(clauseEvidence);
        last.sentence = s.index;
        return last;
      }
      // "The Miami meeting fits a pattern …": a meeting named by its place, told elsewhere.
      if (definite && !verb && /^\s*(?:the|this|that)\s+\p{Lu}/u.test(text.slice(definite.index ?? 0)) && participants.size > 0 && !hasCue()) return null;
      if (participants.size === 0 && places.size === 0) return null;
      if (participants.size + places.size < 2 && !(participants.size >= 1 && verb)) {
        // A single name and a meeting word rarely make a meeting ("the talks, Dmitriev said");
        // a place with a meeting verb or a date does ("The ministers met in Riga last Thursday").
        const placedEvent = places.size === 1 && ((noun && /\b(?:in|at)\s/.test(text.slice(noun.index ?? 0, (noun.index ?? 0) + 40))) || verb !== null || dates.length > 0);
        if (!placedEvent) return null;
      }
      const c: Candidate = {
        article,
        sentence: s.index,
        trigger: (trigger?.[1] ?? trigger?.[0] ?? "meeting").toLowerCase(),
        participants,
        places,
        dates,
        evidence: [clauseEvidence],
        reporters,
        denied,
        status,
      };
      candidates.push(c);
      if (input.report.collect !== false) input.report.entries.push({ article, sentence: s.index, rule: "meeting", what: `meeting (${c.trigger}) with ${[...participants.keys()].join(", ")}${places.size ? ` in ${[...places.keys()].join(", ")}` : ""}`, quote: text });
      return c;
    }
  }
}

interface Cluster {
  /** Position in the order clusters were opened: ties go to the earliest. */
  order: number;
  members: Candidate[];
  participants: Map<string, Evidence[]>;
  places: Map<string, Evidence[]>;
  /** Every distinct date its members state (kept in step with `members`). */
  dates: FoundDate[];
  /** `dates` as numbers, in the same order (what similarity() compares). */
  spans: DateSpan[];
  dateKeys: Set<string>;
  articles: Set<string>;
  statuses: Set<Candidate["status"]>;
  /** The states its participants stand for (kept in step with `participants`). */
  sides: Set<string>;
  /** `sides` as one sorted string: clusters of the same parties share it, so an account tests a set of sides once. */
  sidesKey: string;
}

/**
 * A stated date as similarity() compares it: epoch milliseconds when pinned to the calendar, the
 * month and days when stated without a year. Made once per date instead of once per comparison.
 */
interface DateSpan {
  pinned: boolean;
  from: number;
  to: number;
  monthDays: FoundDate["monthDays"];
}

/** The earliest start and latest end of dates all pinned to the calendar; null when one is not (or there are none). */
function pinnedHull(spans: readonly DateSpan[]): { from: number; to: number } | null {
  if (spans.length === 0) return null;
  let from = Infinity;
  let to = -Infinity;
  for (const span of spans) {
    if (!span.pinned) return null;
    from = Math.min(from, span.from);
    to = Math.max(to, span.to);
  }
  return { from, to };
}

function spanOf(d: FoundDate): DateSpan {
  return d.from ? { pinned: true, from: epochMs(d.from), to: epochMs(d.to ?? d.from), monthDays: d.monthDays } : { pinned: false, from: 0, to: 0, monthDays: d.monthDays };
}

/** statedDatesDisjoint(a, b, 1) for spans (two pinned dates, or two with month and day). */
function spansDisjoint(a: DateSpan, b: DateSpan): boolean {
  if (a.pinned && b.pinned) return a.to + DAY_MS < b.from || b.to + DAY_MS < a.from;
  const x = a.monthDays;
  const y = b.monthDays;
  if (x && y) return x.month !== y.month || x.to + 1 < y.from || y.to + 1 < x.from;
  return false;
}

const dateKey = (d: FoundDate) => `${d.from}|${d.to}|${d.monthDays ? `${d.monthDays.month}-${d.monthDays.from}-${d.monthDays.to}` : ""}`;

/** Adds a candidate's facts to a cluster's running summaries (dates, articles, fates, sides). */
function absorb(cl: Cluster, c: Candidate, affiliations: Map<string, Set<string>>): void {
  for (const d of c.dates) {
    const k = dateKey(d);
    if (!cl.dateKeys.has(k)) {
      cl.dateKeys.add(k);
      cl.dates.push(d);
      cl.spans.push(spanOf(d));
    }
  }
  cl.articles.add(c.article);
  cl.statuses.add(c.status);
  const size = cl.sides.size;
  for (const s of sidesOf(c.participants.keys(), affiliations)) cl.sides.add(s);
  if (cl.sides.size !== size) cl.sidesKey = [...cl.sides].sort().join("\u0000");
}

/** The states each entity stands for: a state itself, or the states a person serves or leads. */
function stateAffiliations(input: ClusterInput): Map<string, Set<string>> {
  const states = new Set<string>();
  for (const m of input.mentions) if (m.key && m.country) states.add(m.key);
  const out = new Map<string, Set<string>>();
  for (const s of states) out.set(s, new Set([s]));
  for (const r of input.relations ?? []) {
    if ((r.type === "MEMBER_OF" || r.type === "HEADS") && states.has(r.target) && !states.has(r.source)) {
      out.set(r.source, (out.get(r.source) ?? new Set()).add(r.target));
    }
  }
  return out;
}

/** Whether `a` has an element `b` lacks. */
function someMissing(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) if (!b.has(x)) return true;
  return false;
}

function sidesOf(keys: Iterable<string>, affiliations: Map<string, Set<string>>): Set<string> {
  const sides = new Set<string>();
  for (const k of keys) for (const s of affiliations.get(k) ?? []) sides.add(s);
  return sides;
}

/**
 * Accounts of one meeting → one meeting node. Exported for tests: `exhaustive` compares every
 * account with every cluster, which the indexed search must match exactly.
 */
export function clusterMeetings(
  candidates: Candidate[],
  input: ClusterInput,
  affiliations: Map<string, Set<string>>,
  options: { exhaustive?: boolean } = {},
): { nodes: MeetingNode[]; relations: RelationCandidate[]; conflicts: Conflict[] } {
  const clusterer = new MeetingClusterer(affiliations, options);
  clusterer.add(candidates, input.progress);
  return clusterer.meetings(input);
}

/**
 * Meeting accounts clustered one after the other, in corpus order. Accounts can be added later on:
 * clustering the accounts a, then b, gives what clustering a + b at once gives, so a corpus whose
 * new accounts all come after the old ones (lib/extract/incremental.ts) clusters only the new ones.
 */
export class MeetingClusterer {
  private readonly clusters: Cluster[] = [];
  private readonly finder = new ClusterFinder();
  /** Meetings made by the last call of meetings(), when asked to keep them. */
  private readonly made: Map<Cluster, MadeMeeting> | undefined;

  /** `keepMeetings`: keep each meeting made for the next call of meetings() (an incremental corpus asks again after every update). */
  constructor(
    private affiliations: Map<string, Set<string>>,
    private readonly options: { exhaustive?: boolean; keepMeetings?: boolean } = {},
  ) {
    this.made = options.keepMeetings ? new Map() : undefined;
  }

  /**
   * The states people serve, as they now stand, for the accounts added from here on. Clustering
   * reads an entity's states only through the accounts it takes part in (their sides, and the
   * sides of the clusters they join), so this gives what clustering every account with `now` gives
   * only when no entity whose states changed is a participant of an account already added: the
   * caller checks that (lib/extract/incremental.ts).
   */
  updateAffiliations(now: Map<string, Set<string>>): void {
    this.affiliations = now;
  }

  /** Clusters these accounts after those already added. */
  add(candidates: readonly Candidate[], progress?: CorpusProgress): void {
    const { clusters, finder, affiliations, options } = this;
    // The accounts are complete: from here on their maps are only read. Most name no reporter, no
    // one denied and often no place; one shared empty map stands for those (69,000 accounts at
    // 10,000 articles held about 200,000 empty maps while meetings were clustered).
    for (const c of candidates) {
      if (c.reporters.size === 0) c.reporters = NO_EVIDENCE;
      if (c.denied.size === 0) c.denied = NO_EVIDENCE;
      if (c.places.size === 0) c.places = NO_EVIDENCE;
    }
    progress?.start("meeting accounts clustered", candidates.length, "accounts");
    for (const c of candidates) {
      progress?.tick();
      let best = null as Cluster | null; // (set inside consider(): no narrowing to null)
      let bestScore = 0;
      const cSides = sidesOf(c.participants.keys(), affiliations);
      const cSpans = c.dates.map(spanOf);
      // Whether a cluster's sides and this account's are each missing one of the other's, per distinct set of sides.
      const sidesDiffer = new Map<string, boolean>();
      // The best score wins; between equals, the cluster opened first. Clusters are visited in the
      // order they were opened, so the first to reach the highest score this account could get ends the search.
      // (The exhaustive comparison, for tests, compares with every cluster to the end.)
      const ceiling = options.exhaustive ? Infinity : scoreCeiling(c);
      /** Compares with one cluster; true when nothing can beat it. */
      const consider = (cl: Cluster): boolean => {
        // US–Ukraine sessions and US–Russia talks in one city are two meetings: the sides differ.
        if (cSides.size && cl.sides.size) {
          let differ = sidesDiffer.get(cl.sidesKey);
          if (differ === undefined) {
            differ = someMissing(cSides, cl.sides) && someMissing(cl.sides, cSides);
            sidesDiffer.set(cl.sidesKey, differ);
          }
          if (differ) return false;
        }
        const score = similarity(cl, c, cSpans);
        if (score > bestScore) {
          best = cl;
          bestScore = score;
          if (score >= ceiling) return true;
        }
        return false;
      };
      if (options.exhaustive) {
        for (const cl of clusters) if (consider(cl)) break;
      } else if (ceiling > 0) {
        // Most of a much-met group's earlier meetings were on other days: their dates are ruled out
        // from the finder's compact summaries, without reading the clusters themselves.
        const hull = pinnedHull(cSpans);
        for (const order of finder.candidatesFor(c)) {
          if (hull && finder.datesNeverMeet(order, hull)) continue;
          if (consider(clusters[order]!)) break;
        }
      }
      if (best && bestScore > 0) {
        // What the cluster gains (for the finder's index): only the candidate's keys can be new.
        const before: ClusterGrowth = { newParticipants: new Set<string>(), newPlaces: new Set<string>(), dates: best.dates.length, statuses: new Set(best.statuses) };
        for (const k of c.participants.keys()) if (!best.participants.has(k)) before.newParticipants.add(k);
        for (const k of c.places.keys()) if (!best.places.has(k)) before.newPlaces.add(k);
        best.members.push(c);
        for (const [k, e] of c.participants) {
          const list = best.participants.get(k);
          if (list) list.push(e);
          else best.participants.set(k, [e]);
        }
        for (const [k, e] of c.places) {
          const list = best.places.get(k);
          if (list) list.push(e);
          else best.places.set(k, [e]);
        }
        absorb(best, c, affiliations);
        finder.add(best, before);
        finder.noteDates(best);
      } else {
        const cl: Cluster = {
          order: clusters.length,
          members: [c],
          participants: new Map([...c.participants].map(([k, e]) => [k, [e]])),
          places: new Map([...c.places].map(([k, e]) => [k, [e]])),
          dates: [],
          spans: [],
          dateKeys: new Set(),
          articles: new Set(),
          statuses: new Set(),
          sides: new Set(),
          sidesKey: "",
        };
        absorb(cl, c, affiliations);
        clusters.push(cl);
        finder.add(cl, null);
        finder.noteDates(cl);
      }
    }
    progress?.finish();
  }

  /**
   * The meetings of the accounts added so far: nodes, relations and conflicts (clustering is left
   * as it is). With `keepMeetings`, each is kept for the next call, and made again only where its
   * cluster or what it read changed.
   */
  meetings(input: ClusterInput): MadeMeetings {
    return meetingsOf(this.clusters, input, this.made);
  }
}

/** How a meeting reads, before its key is numbered among meetings that read alike. */
interface MeetingText {
  label: string;
  placeLabel: string | null;
  names: string[];
  noun: string;
  dates: StatedDate[];
  /** Its key before numbering. */
  base: string;
  status: MeetingNode["status"];
}

/**
 * A meeting made from a cluster, kept by MeetingClusterer for the next call of meetings(): it is
 * made again only when the cluster grew, a label or type it read changed, the PART_OF pairs
 * changed, or its number among meetings that read alike did.
 */
interface MadeMeeting {
  members: number;
  /** Entity label and type of every key it read (participants, places, those denied to be there). */
  reads: Array<{ key: string; label: string | undefined; type: string | undefined }>;
  partOf: string;
  text: MeetingText;
  key: string;
  node: MeetingNode;
  relations: RelationCandidate[];
  conflicts: Conflict[];
}

/** Meetings made from clusters; `relationsByMeeting` holds each meeting's relations, the very array kept when the meeting was. */
interface MadeMeetings {
  nodes: MeetingNode[];
  relations: RelationCandidate[];
  conflicts: Conflict[];
  relationsByMeeting: Array<readonly RelationCandidate[]>;
}

function meetingsOf(clusters: readonly Cluster[], input: ClusterInput, made?: Map<Cluster, MadeMeeting>): MadeMeetings {
  const nodes: MeetingNode[] = [];
  const relations: RelationCandidate[] = [];
  const conflicts: Conflict[] = [];
  const relationsByMeeting: Array<readonly RelationCandidate[]> = [];
  const partOf = partOfPairs(input);
  const partOfText = made ? [...partOf].sort().join("\n") : "";
  const usedKeys = new Set<string>();
  const nextSuffix = new Map<string, number>();
  const labelOf = (key: string) => input.entities.get(key)?.label ?? key;
  const numbered = (base: string): string => {
    let key = base;
    if (usedKeys.has(key)) {
      // Meetings that read alike get -2, -3, …: the next free number is remembered per key, not searched from 2.
      let n = nextSuffix.get(base) ?? 2;
      while (usedKeys.has(`${base}-${n}`)) n++;
      key = `${base}-${n}`;
      nextSuffix.set(base, n + 1);
    }
    usedKeys.add(key);
    return key;
  };
  const stillReads = (m: MadeMeeting) =>
    m.reads.every((r) => {
      const e = input.entities.get(r.key);
      return e?.label === r.label && e?.type === r.type;
    });
  for (const cl of clusters) {
    const before = made?.get(cl);
    const current = before && before.members === cl.members.length && before.partOf === partOfText && stillReads(before) ? before : undefined;
    const text = current?.text ?? meetingText(cl, input, labelOf);
    const key = numbered(text.base);
    if (current && current.key === key) {
      nodes.push(current.node);
      relationsByMeeting.push(current.relations);
      for (const r of current.relations) relations.push(r);
      for (const c of current.conflicts) conflicts.push(c);
      continue;
    }
    const out = meetingOf(cl, text, key, partOf, labelOf);
    nodes.push(out.node);
    relationsByMeeting.push(out.relations);
    for (const r of out.relations) relations.push(r);
    for (const c of out.conflicts) conflicts.push(c);
    if (made) {
      const keys = new Set([...cl.participants.keys(), ...cl.places.keys()]);
      for (const m of cl.members) for (const k of m.denied.keys()) keys.add(k);
      const reads = [...keys].map((k) => ({ key: k, label: input.entities.get(k)?.label, type: input.entities.get(k)?.type }));
      made.set(cl, { members: cl.members.length, reads, partOf: partOfText, text, key, ...out });
    }
  }
  return { nodes, relations, conflicts, relationsByMeeting };
}

function meetingText(cl: Cluster, input: ClusterInput, labelOf: (key: string) => string): MeetingText {
  const placeKeys = [...cl.places.keys()];
  const placeLabel = placeKeys.length ? labelOf(placeKeys[0]!) : null;
  const people = [...cl.participants.keys()].filter((k) => input.entities.get(k)?.type === "Person");
  const names = (people.length ? people : [...cl.participants.keys()]).map((k) => labelOf(k));
  const trigger = mostCommon(cl.members.map((m) => m.trigger));
  const noun = /^(?:was|were) signed/.test(trigger) ? "Signing" : /^(?:met|meet|meets|visited|visits|hosted|convened|converged|gathered|sat down|held talks|attended|joined the ceremony|appeared before)$/.test(trigger) ? "Meeting" : /^(?:dined|dine|dines|entertained)$/.test(trigger) ? "Dinner" : /^spoke/.test(trigger) ? "Call" : capitalize(trigger.replace(/s$/, trigger === "talks" ? "s" : ""));
  const dates: StatedDate[] = flatMapExact(cl.members, (m) => m.dates.map((d) => ({ text: d.text, start: d.from, end: d.to, article: m.article })));
  const firstIso = dates.find((d) => d.start)?.start ?? null;
  const label = `${noun}${placeLabel ? ` in ${placeLabel}` : ""}${names.length ? `: ${names.slice(0, 3).join(", ")}${names.length > 3 ? " …" : ""}` : ""}`;
  const base = nodeKey("Meeting", [placeLabel ?? "", firstIso ?? "", ...names.slice(0, 2).map((n) => n.split(/\s+/).at(-1) ?? n), noun].filter(Boolean).join(" "));
  const status = cl.members.some((m) => m.status === "held") ? "held" : cl.members.some((m) => m.status === "cancelled") ? "cancelled" : "planned";
  return { label, placeLabel, names, noun, dates, base, status };
}

function meetingOf(cl: Cluster, text: MeetingText, key: string, partOf: Set<string>, labelOf: (key: string) => string): { node: MeetingNode; relations: RelationCandidate[]; conflicts: Conflict[] } {
  const { label, placeLabel, names, noun, dates, status } = text;
  const relations: RelationCandidate[] = [];
  const conflicts: Conflict[] = [];
  const node: MeetingNode = {
    key,
    label,
    description: `${noun.toLowerCase()}${placeLabel ? ` in ${placeLabel}` : ""}${names.length ? ` with ${names.join(", ")}` : ""}${status !== "held" ? ` (${status})` : ""}`,
    dates,
    mentions: flatMapExact(cl.members, (m) => m.evidence.map((e) => ({ article: e.article, start: e.start, end: e.end }))),
    status,
  };
  for (const [k, evs] of cl.participants) for (const e of evs) relations.push({ source: k, type: "ATTENDED", target: key, evidence: e, rule: "meeting-participant" });
  for (const [k, evs] of cl.places) for (const e of evs) relations.push({ source: key, type: "HELD_IN", target: k, evidence: e, rule: "meeting-place" });
  for (const m of cl.members) for (const [k, e] of m.reporters) relations.push({ source: k, type: "REPORTED", target: key, evidence: e, rule: "meeting-reported" });

  // Where the articles disagree, say so.
  const datedByArticle = new Map<string, (typeof cl.members)[number]["dates"][number]>();
  for (const m of cl.members) for (const d of m.dates) if (!datedByArticle.has(m.article)) datedByArticle.set(m.article, d);
  const dated = [...datedByArticle.values()];
  if (dated.length >= 2 && datesClash(dated)) {
    conflicts.push({ subject: key, field: "date", claims: dated.map((d) => ({ value: d.text, evidence: d.evidence })) });
  }
  const placeByArticle = new Map<string, Map<string, Evidence>>();
  for (const m of cl.members) for (const [k, e] of m.places) placeByArticle.set(m.article, (placeByArticle.get(m.article) ?? new Map()).set(k, e));
  const allPlaces = new Set([...placeByArticle.values()].flatMap((p) => [...p.keys()]));
  const articlesWithPlace = [...placeByArticle.keys()];
  if (allPlaces.size >= 2 && articlesWithPlace.length >= 2 && !placesAgree([...allPlaces], partOf)) {
    conflicts.push({
      subject: key,
      field: "place",
      claims: [...placeByArticle.entries()].flatMap(([, p]) => [...p.entries()].map(([k, e]) => ({ value: labelOf(k), evidence: e }))),
    });
  }
  const denied = cl.members.flatMap((m) => [...m.denied.entries()]);
  if (denied.length) {
    const claims = denied.map(([k, e]) => ({ value: `${labelOf(k)} was not present`, evidence: e }));
    for (const [k] of denied) for (const e of cl.participants.get(k) ?? []) claims.push({ value: `${labelOf(k)} was present`, evidence: e });
    conflicts.push({ subject: key, field: "participants", claims });
  }
  return { node, relations, conflicts };
}

/**
 * items.flatMap(f) in an array of exactly its length: flatMap's own grows as it goes and keeps room
 * for 17 or more (at 10,000 articles, 14 MB across the 69,000 meetings' mention and date lists
 * until assembly copies them).
 */
function flatMapExact<T, U>(items: readonly T[], f: (item: T) => U[]): U[] {
  return items.length === 1 ? f(items[0]!) : items.flatMap(f).slice();
}

/** What a cluster gained when a candidate joined it: keys it did not have, and its dates and fates before. */
interface ClusterGrowth {
  newParticipants: Set<string>;
  newPlaces: Set<string>;
  /** How many dates it had. */
  dates: number;
  statuses: Set<string>;
}

/**
 * Finds the clusters a candidate could join. similarity() is above 0 only when the two share a
 * pair of participants, a participant and a place, a key on the same (short) day, or a place when
 * one side has no participants or both tell of the same unheld fate. Indexing clusters by exactly
 * those keys keeps the pass linear: a hub ("the United States", "Washington") alone never makes a
 * candidate compare itself with every meeting that hub was at. Every cluster similarity() could
 * score above 0 is returned, so the clustering is the same as comparing with all of them.
 */
class ClusterFinder {
  private readonly keys = new IndexKeys();
  /** Index key → the orders of the clusters that have it. */
  private readonly lists = new OrderLists();
  private searches = 0;
  /** Per cluster order: the last search that found it (dedupes a search's results). */
  private readonly foundBy: number[] = [];
  /** What the last search found (candidatesFor returns a view of it). */
  private found = new Int32Array(256);
  /** Per cluster order: 1 when it states dates and every one is pinned to the calendar. */
  private readonly pinnedOnly: number[] = [];
  /** Per cluster order: the earliest start and latest end of its dates (epoch ms; read only when pinnedOnly). */
  private readonly hullFrom: number[] = [];
  private readonly hullTo: number[] = [];

  /** Records a cluster's dates after it was opened or grew. */
  noteDates(cl: Cluster): void {
    const hull = pinnedHull(cl.spans);
    this.pinnedOnly[cl.order] = hull ? 1 : 0;
    this.hullFrom[cl.order] = hull?.from ?? 0;
    this.hullTo[cl.order] = hull?.to ?? 0;
  }

  /**
   * True when every date of an account (all pinned, spanning `hull`) lies more than a day away
   * from every date of the cluster (all pinned): similarity() would find each pair comparable and
   * disjoint, and score 0.
   */
  datesNeverMeet(order: number, hull: { from: number; to: number }): boolean {
    return this.pinnedOnly[order] === 1 && (hull.to + DAY_MS < this.hullFrom[order]! || this.hullTo[order]! + DAY_MS < hull.from);
  }

  /**
   * The orders of the clusters that share an index key with `c`, each once, in ascending order: a
   * view of the finder's own buffer, valid until the next search.
   */
  candidatesFor(c: Candidate): Int32Array {
    const keys: number[] = [];
    const key = this.keys;
    const people = [...c.participants.keys()];
    const places = [...c.places.keys()];
    for (let i = 0; i < people.length; i++) for (let j = i + 1; j < people.length; j++) keys.push(key.pair(people[i]!, people[j]!));
    for (const p of people) for (const pl of places) keys.push(key.of(KEY_PERSON_AT_PLACE, p, pl));
    const days = shortDays(c.dates);
    if (days.length) for (const k of [...people, ...places]) for (const d of days) keys.push(key.onDay(k, d));
    for (const pl of places) {
      keys.push(key.of(KEY_PLACE_NO_PEOPLE, pl));
      if (people.length === 0) keys.push(key.of(KEY_PLACE, pl));
      if (c.status !== "held") keys.push(key.fate(pl, c.status));
    }
    // Each cluster once: a cluster is marked with the number of the search that found it.
    const search = ++this.searches;
    const foundBy = this.foundBy;
    let found = this.found;
    let count = 0;
    const lists = this.lists;
    for (const k of keys) {
      for (let at = lists.first(k); at !== -1; at = lists.next(at)) {
        const order = lists.order(at);
        if (foundBy[order] === search) continue;
        foundBy[order] = search;
        if (count === found.length) {
          const larger = new Int32Array(found.length * 2);
          larger.set(found);
          this.found = found = larger;
        }
        found[count++] = order;
      }
    }
    // A typed array sorts numbers natively (a comparator per comparison took 0.2 s at 10,000 articles).
    return found.subarray(0, count).sort();
  }

  /** Indexes a new cluster (before = null) or what a cluster gained since `before` was taken. */
  add(cl: Cluster, before: ClusterGrowth | null): void {
    const people = [...cl.participants.keys()];
    const places = [...cl.places.keys()];
    // Work in proportion to what is new, not to the cluster's size: a much-told meeting grows by
    // a few keys at a time.
    const newPeople = before ? [...before.newParticipants] : people;
    const newPlaces = before ? [...before.newPlaces] : places;
    const isNewPerson = (k: string) => !before || before.newParticipants.has(k);
    const isNewPlace = (k: string) => !before || before.newPlaces.has(k);
    const keys: number[] = [];
    const key = this.keys;
    for (const n of newPeople) {
      for (const p of people) if (p !== n && !(isNewPerson(p) && p < n)) keys.push(key.pair(n, p));
      for (const pl of places) keys.push(key.of(KEY_PERSON_AT_PLACE, n, pl));
    }
    for (const pl of newPlaces) for (const p of people) if (!isNewPerson(p)) keys.push(key.of(KEY_PERSON_AT_PLACE, p, pl));
    const allDays = shortDays(cl.dates);
    const newDays = before ? shortDays(cl.dates.slice(before.dates)) : allDays;
    for (const k of newPeople) for (const d of allDays) keys.push(key.onDay(k, d));
    for (const k of newPlaces) for (const d of allDays) keys.push(key.onDay(k, d));
    if (before && newDays.length) {
      for (const k of people) if (!isNewPerson(k)) for (const d of newDays) keys.push(key.onDay(k, d));
      for (const k of places) if (!isNewPlace(k)) for (const d of newDays) keys.push(key.onDay(k, d));
    }
    for (const pl of newPlaces) {
      keys.push(key.of(KEY_PLACE, pl));
      if (people.length === 0) keys.push(key.of(KEY_PLACE_NO_PEOPLE, pl));
    }
    for (const pl of places) for (const st of cl.statuses) if (isNewPlace(pl) || !before!.statuses.has(st)) keys.push(key.fate(pl, st));
    // Only keys the cluster did not have are made (a pair with a new member, a new place, a new
    // day): a list rarely holds a cluster twice, and lookups go through a set anyway.
    for (const k of keys) this.lists.add(k, cl.order);
  }
}

/**
 * The finder's index keys as numbers: a kind, then one or two small numbers (an entity's number in
 * order of first use, a day, a fate), packed into one integer below 2^53. At 10,000 articles the
 * index holds about 600,000 keys; as joined strings they took some 35 MB more of the heap.
 */
const KEY_PAIR = 1;
const KEY_PERSON_AT_PLACE = 2;
const KEY_ON_DAY = 3;
const KEY_PLACE_NO_PEOPLE = 4;
const KEY_PLACE = 5;
const KEY_FATE = 6;
/** Each packed part is below 2^24: kind · 2^48 + a · 2^24 + b stays an exact integer. */
const KEY_PART = 2 ** 24;
/** Day numbers (days since 1970, negative before) are shifted by this to be ≥ 0. */
const DAY_OFFSET = 2 ** 23;
const FATES: Record<Candidate["status"], number> = { held: 0, planned: 1, cancelled: 2 };

class IndexKeys {
  private readonly numbers = new Map<string, number>();

  private numberOf(entity: string): number {
    let n = this.numbers.get(entity);
    if (n === undefined) {
      n = this.numbers.size;
      // The second entity of a key is stored as its number + 1 (0 is "none"): that too must stay below KEY_PART.
      if (n >= KEY_PART - 1) throw new RangeError(`newsgraph/extract: more than ${KEY_PART - 1} entities take part in meetings; the meeting index cannot number entity "${entity}"`);
      this.numbers.set(entity, n);
    }
    return n;
  }

  /** A key of one kind for an entity and, optionally, a second entity. */
  of(kind: number, entity: string, other?: string): number {
    return (kind * KEY_PART + this.numberOf(entity)) * KEY_PART + (other === undefined ? 0 : this.numberOf(other) + 1);
  }

  /** The same key for (a, b) and (b, a). */
  pair(a: string, b: string): number {
    const x = this.numberOf(a);
    const y = this.numberOf(b);
    return (KEY_PAIR * KEY_PART + Math.min(x, y)) * KEY_PART + Math.max(x, y);
  }

  onDay(entity: string, day: number): number {
    const shifted = day + DAY_OFFSET;
    if (!(shifted >= 0 && shifted < KEY_PART)) throw new RangeError(`newsgraph/extract: day ${day} is outside the meeting index's range of days`);
    return (KEY_ON_DAY * KEY_PART + this.numberOf(entity)) * KEY_PART + shifted;
  }

  fate(place: string, status: string): number {
    const code = FATES[status as Candidate["status"]];
    if (code === undefined) throw new TypeError(`newsgraph/extract: unknown meeting status ${JSON.stringify(status)}`);
    return (KEY_FATE * KEY_PART + this.numberOf(place)) * KEY_PART + code;
  }
}

/**
 * Lists of cluster orders by key, as linked entries in two typed arrays (the newest first). A
 * JavaScript array per key took about 150 bytes even for one or two orders, since push() makes room
 * for 17; at 10,000 articles that was some 100 MB of the build's peak.
 */
class OrderLists {
  private readonly heads = new NumberTable();
  private orders = new Int32Array(1024);
  private links = new Int32Array(1024);
  private size = 0;

  add(key: number, order: number): void {
    if (this.size === this.orders.length) {
      const orders = new Int32Array(this.size * 2);
      orders.set(this.orders);
      this.orders = orders;
      const links = new Int32Array(this.size * 2);
      links.set(this.links);
      this.links = links;
    }
    this.orders[this.size] = order;
    this.links[this.size] = this.heads.get(key);
    this.heads.set(key, this.size);
    this.size++;
  }

  /** The newest entry of `key`'s list, or -1. */
  first(key: number): number {
    return this.heads.get(key);
  }

  /** The entry after `at`, or -1. */
  next(at: number): number {
    return this.links[at]!;
  }

  order(at: number): number {
    return this.orders[at]!;
  }
}

/**
 * Index keys (positive integers below 2^53) → list heads (≥ 0), in open addressing over two typed
 * arrays. A Map<number, number> boxed each key above 2^31 as a heap number: at 10,000 articles
 * its 600,000 keys cost more to find than the rest of the finder.
 */
export class NumberTable {
  private keys = new Float64Array(1 << 12);
  private values = new Int32Array(1 << 12);
  private count = 0;

  /** The value of `key`, or -1. */
  get(key: number): number {
    const keys = this.keys;
    const mask = keys.length - 1;
    for (let i = hashOf(key) & mask; ; i = (i + 1) & mask) {
      const k = keys[i]!;
      if (k === key) return this.values[i]!;
      if (k === 0) return -1;
    }
  }

  set(key: number, value: number): void {
    if (!(key > 0 && key <= Number.MAX_SAFE_INTEGER && Number.isInteger(key))) throw new RangeError(`newsgraph/extract: a number table key must be a positive integer below 2^53, got ${key}`);
    if (!(value >= 0 && value <= 0x7fffffff && Number.isInteger(value))) throw new RangeError(`newsgraph/extract: a number table value must be an integer from 0 to 2^31 - 1, got ${value}`);
    // Kept at most 60% full: linear probing slows down past that.
    if ((this.count + 1) * 5 > this.keys.length * 3) this.grow();
    if (this.put(key, value)) this.count++;
  }

  get size(): number {
    return this.count;
  }

  /** Stores `key`; true when it is new. */
  private put(key: number, value: number): boolean {
    const keys = this.keys;
    const mask = keys.length - 1;
    for (let i = hashOf(key) & mask; ; i = (i + 1) & mask) {
      const k = keys[i]!;
      if (k === key || k === 0) {
        keys[i] = key;
        this.values[i] = value;
        return k === 0;
      }
    }
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.values = new Int32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.put(keys[i]!, values[i]!);
  }
}

/** Mixes an integer below 2^53 into 32 bits. */
function hashOf(key: number): number {
  const lo = key % 4294967296 | 0;
  const hi = (key / 4294967296) | 0;
  let h = Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi ^ (hi >>> 16), 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h;
}

const DAY_MS = 86400_000;

/** The days (as day numbers) of the dates stated in full that span at most a week: what "the same day" compares. */
function shortDays(dates: readonly FoundDate[]): number[] {
  const days = new Set<number>();
  for (const d of dates) {
    if (!d.from || !d.to || dayCount(d) > 7) continue;
    const from = Math.floor(Date.parse(d.from) / DAY_MS);
    const to = Math.floor(Date.parse(d.to) / DAY_MS);
    for (let x = from; x <= to; x++) days.add(x);
  }
  return [...days];
}

/**
 * Whether the dates the articles give for one meeting disagree: two that never meet, or two
 * different wordings with no calendar date. Compared per distinct date (a much-told meeting has
 * hundreds of articles and a handful of dates); a date never clashes with itself.
 */
function datesClash(dated: readonly FoundDate[]): boolean {
  const distinct = new Map<string, { date: FoundDate; folded: string }>();
  for (const d of dated) {
    const folded = foldText(d.text);
    const k = `${dateKey(d)}|${folded}`;
    if (!distinct.has(k)) distinct.set(k, { date: d, folded });
  }
  const list = [...distinct.values()];
  for (const { date: a, folded: fa } of list) {
    for (const { date: b, folded: fb } of list) {
      if (a === b) continue;
      if (statedDatesDisjoint(a, b, 0)) return true;
      if (fa !== fb && !a.from && !b.from && !a.monthDays && !b.monthDays) return true;
    }
  }
  return false;
}

/** The highest score similarity() can give this candidate with any cluster (see its returns). */
function scoreCeiling(c: Candidate): number {
  const people = c.participants.size;
  if (c.places.size > 0) return 2 + people;
  if (shortDays(c.dates).length > 0) return 1.5 + people;
  return people;
}

/** How strongly a candidate belongs to a cluster: 0 = a different meeting. */
function similarity(cl: Cluster, c: Candidate, cSpans: readonly DateSpan[]): number {
  let shared = 0;
  for (const k of c.participants.keys()) if (cl.participants.has(k)) shared++;
  let placeShared = false;
  for (const k of c.places.keys()) if (cl.places.has(k)) placeShared = true;
  const placeConflict = cl.places.size > 0 && c.places.size > 0 && !placeShared;
  const clDates = cl.dates;
  // Dates that can be compared (both pinned, or both with month and day) and never meet: two events.
  let comparablePairs = 0;
  let disjointPairs = 0;
  const clSpans = cl.spans;
  for (const d of cSpans) {
    for (const x of clSpans) {
      if (!((d.pinned && x.pinned) || (d.monthDays && x.monthDays))) continue;
      comparablePairs++;
      if (spansDisjoint(d, x)) disjointPairs++;
    }
  }
  if (comparablePairs > 0 && disjointPairs === comparablePairs) return 0;
  // Many people on both sides with few in common: different meetings at one place ("US–Ukraine sessions" vs "US–Russia talks").
  const union = c.participants.size + cl.participants.size - shared;
  if (union >= 6 && shared / union < 0.3) return 0;
  if (cl.articles.has(c.article) && !placeShared && shared < 2) return 0;
  const sameStatus = cl.statuses.has(c.status) || c.status === "cancelled";
  if (!sameStatus && shared < 2) return 0;
  if (placeShared && shared >= 1) return 2 + shared;
  // Same day (stated in full) and the same place or someone in common: one event told twice.
  const sameDay = c.dates.some((d) => d.from && d.to && clDates.some((x) => x.from && x.to && !statedDatesDisjoint(d, x, 0) && dayCount(d) <= 7 && dayCount(x) <= 7));
  if (sameDay && (placeShared || shared >= 1)) return 1.5 + shared;
  if (placeShared && (c.participants.size === 0 || cl.participants.size === 0)) return 1;
  // The same place and the same fate ("called off", "postponed"): one planned meeting told twice.
  if (placeShared && c.status !== "held" && cl.statuses.has(c.status)) return 1;
  // Told at different places: the same meeting only if nearly the same people were there.
  if (placeConflict) return shared >= 3 && shared / union >= 0.6 ? shared : 0;
  if (shared >= 2) return shared;
  return 0;
}

function dayCount(d: FoundDate): number {
  return d.from && d.to ? (epochMs(d.to) - epochMs(d.from)) / 86400_000 + 1 : Infinity;
}

/** "Palais Lindenhof PART_OF Vienna": pairs of places where one lies in the other. */
function partOfPairs(input: ClusterInput): Set<string> {
  const pairs = new Set<string>();
  for (const r of input.relations ?? []) if (r.type === "PART_OF") pairs.add(`${r.source}|${r.target}`);
  return pairs;
}

/** Places that do not contradict each other: a hotel and its city, a city and its country. */
function placesAgree(places: string[], partOf: Set<string>): boolean {
  for (const a of places) for (const b of places) if (a !== b && !partOf.has(`${a}|${b}`) && !partOf.has(`${b}|${a}`)) return false;
  return true;
}

const CLAUSE_BREAK = /;|,\s+(?=(?:while|but|whereas|although|though|even as|as|and (?:he|she|they|it|we))\s)|\s+[—–]\s+(?=\p{Ll})|:\s/gu;

interface Clause {
  sentence: Sentence;
  start: number;
  end: number;
  text: string;
  mentions: Mention[];
  /** For a relative clause ("Sęk and Malý, who first met …"), the people it is about. */
  antecedents: Mention[];
}

/** Splits a sentence into clauses at subordinating breaks; relative clauses keep their antecedents. */
function clausesOf(s: Sentence, mentions: readonly Mention[]): Clause[] {
  const cuts: number[] = [];
  for (const m of s.text.matchAll(CLAUSE_BREAK)) cuts.push((m.index ?? 0) + m[0].length);
  const bounds: Array<[number, number]> = [];
  let from = 0;
  for (const cut of cuts) {
    if (cut > from) bounds.push([from, cut]);
    from = cut;
  }
  bounds.push([from, s.text.length]);
  const out: Clause[] = [];
  for (const [a, b] of bounds) {
    // A relative clause inside: ", who … ," is its own clause about the names before it.
    const rel = /,\s+who\s+[^,]*(?:,|$)/.exec(s.text.slice(a, b));
    const pieces: Array<[number, number, boolean]> = rel
      ? [[a, a + (rel.index ?? 0), false], [a + (rel.index ?? 0) + 1, a + (rel.index ?? 0) + rel[0].length, true], [a + (rel.index ?? 0) + rel[0].length, b, false]]
      : [[a, b, false]];
    for (const [pa, pb, relative] of pieces) {
      if (pb <= pa) continue;
      const start = s.start + pa;
      const end = s.start + pb;
      const inside = mentions.filter((m) => m.start >= start && m.end <= end);
      let antecedents: Mention[] = [];
      if (relative) {
        // The names right before ", who": "Sęk and Malý, who …"; past an apposition, the person it describes
        // ("Rustem Umerov, Secretary of Ukraine’s National Security and Defense Council, who …").
        const before = mentions.filter((m) => m.end <= start).sort((x, y) => y.start - x.start);
        const lastPerson = before.find((m) => m.type === "Person" || /^person:/.test(m.key ?? ""));
        if (lastPerson && before[0] && before[0] !== lastPerson && /^\s*,\s*(?:the\s+|a\s+|an\s+)?(?:[\p{L}’'-]+\s+){0,10}?[\p{L}’'-]+\s*$/u.test(s.text.slice(lastPerson.end - s.start, start - s.start - 1))) {
          out.push({ sentence: s, start, end, text: s.text.slice(pa, pb), mentions: inside, antecedents: [lastPerson] });
          continue;
        }
        let cursor = start - 1;
        for (const m of before) {
          const gap = s.text.slice(m.end - s.start, cursor - s.start);
          if (!/^\s*(?:,|and|&)?\s*(?:,|and)?\s*$/.test(gap)) break;
          antecedents.push(m);
          cursor = m.start;
        }
        antecedents = antecedents.reverse();
      }
      out.push({ sentence: s, start, end, text: s.text.slice(pa, pb), mentions: inside, antecedents });
    }
  }
  return out;
}

/** The person the previous sentence was about: its first-named person. */
function antecedentPerson(
  sentences: readonly Sentence[],
  index: number,
  bySentence: SentenceMentions,
  article: string,
  typeOf: (key: string) => string | undefined,
): string | undefined {
  for (let i = index - 1; i >= Math.max(0, index - 2); i--) {
    const s = sentences[i];
    if (!s) continue;
    const person = bySentence.of(article, s.index).find((x) => typeOf(x.key!) === "Person");
    if (person) return person.key;
  }
  return undefined;
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? "meeting";
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export { slugify };
