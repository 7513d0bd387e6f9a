// Meetings as n-ary events: "talks between X and Y in Z", "X met Y", "a three-hour meeting in
// Moscow with …", "the delegations included …". Each becomes one Meeting node with ATTENDED
// edges, HELD_IN, the date as stated plus a normalized range, and REPORTED edges from the outlets
// that tell of it. The same meeting told by several articles is one node; where the articles
// disagree on date, place or who was there, the node carries a conflict.
import { foldText, nodeKey, slugify, type ArticleMeta, type Conflict, type Evidence, type StatedDate } from "../contract";
import type { MeetingNode } from "./assemble";
import { findDates, statedDatesDisjoint, type FoundDate } from "./dates";
import { countryOfDemonym } from "./gazetteer";
import { nameKey } from "./names";
import type { ExtractionReport, Mention, RelationCandidate, ResolvedEntity, Sentence } from "./types";

export interface MeetingInput {
  sentences: Map<string, Sentence[]>;
  mentions: Mention[];
  entities: Map<string, ResolvedEntity>;
  texts: Map<string, string>;
  metaById: Map<string, ArticleMeta>;
  report: ExtractionReport;
}

const TRIGGER_NOUN =
  /\b(meetings?|talks|summit|dinner|lunch|breakfast|gathering|sessions?|negotiations|discussions|consultations|conference|briefing|visit|hearing|ceremony|signing|phone call|call)\b/i;
const TRIGGER_VERB =
  /\b(met|meet|meets|dined|dine|dines|visited|visits|hosted|entertained|convened|converged|gathered|sat down|held talks|spoke by phone|spoke (?:\w+\s+){1,4}by phone|joined the ceremony|attended|appeared before|(?:was|were) signed (?=(?:\w+\s+){0,4}(?:in|at|on)\s))\b/i;
// "have never met", "did not meet": no meeting. "has met Sęk at least twice": a relation, not one event.
const NEGATED_MEETING = /\b(?:never|not|n't|no longer)\s+(?:\w+\s+)?(?:met|meet|dined|visited)\b/i;
const REPEATED_MEETING = /\b(?:has|have)\s+(?:\w+\s+)?met\b(?=[^.]*\b(?:repeatedly|regularly|several times|many times|often|at least (?:once|twice|\w+ times)|twice|since)\b)/i;
const HABITUAL_MEETS = /\bmeets\b/i;
const REFERENCE_PP = /\b(?:after|before|since|until|following|ahead of|during)\s+(?:the|a|an|this|that|their|its)\s+(?:[\p{L}-]+\s+){0,3}$/iu;
const ATTENDANCE_CUE = /\b(?:in attendance were|were in attendance|attended|included|includes|representing\s+\p{Lu}[\p{L}.]*\s+were|accompanied by|joined (?:them|him|her)|sat in|were present|was present|aboard|were also there)\b/iu;
const DEFINITE_TRIGGER = /\b(?:the|this|that|these|those|their|its)\s+(?:[\p{L}-]+\s+){0,3}?(meetings?|talks|summit|dinner|lunch|gathering|sessions?|negotiations|discussions|consultations|conference|visit|hearing|ceremony|signing|call)\b/iu;
const PLANNED = /\b(?:is|are|was|were)\s+(?:expected|due|set|scheduled|planned)\s+to\b|\bwill\s+(?:meet|travel|hold)\b|\bplanned for\b|\bto meet\b|\bplans to\b/i;
const CANCELLED = /\b(?:cancel(?:l)?ed|called off|postponed|scrapped)\b/i;
const DENIAL = /\b(?:(?:is|are|was|were)\s+(?:wrong|false|untrue|incorrect)|denied (?:he|she|they) (?:was|were)|did not attend|was not there|were not there)\b/i;
const GENERIC_TALKS = /\b(?:peace|trade|ceasefire|future|further|direct|parallel)\s+talks\b(?!\s+(?:in|with|between))/i;
const DESCRIPTOR_BEFORE =
  /\b(?:associate|associates|adviser|advisor|aide|envoy|son-in-law|ally|allies|friend|spokes\w+|deputy|head|chief|member|leader|representative|official|officials|counterpart|nephew|critic|critics|chairman|chair)\s+(?:of|to|for)\s+(?:the\s+)?(?:former\s+)?(?:\p{Lu}[\p{L}.]*\s+){0,2}$/u;
const POSSESSIVE_ROLE = /^['’]s\s+(?:[a-z-]+\s+){0,3}?(?:adviser|advisor|aide|envoy|son-in-law|spokes\w+|deputy|chief|head|boss|lawyers?|officials?|office|counterpart|ministry|minister|nephew|critics?|brand|shareholders?|future|headquarters|position|demands|pilots|slots)\b/i;
const DELEGATION_AFTER = /^\s*(?:[a-z-]+\s+)?(?:delegations?|side|officials|negotiators|team|representatives|envoys|leaders|ministers|bosses|chief executives|executives|lawyers)\b/i;
const DELEGATION_BEFORE = /\b(?:delegations?|officials|representatives|envoys|negotiators|ministers|chief executives|executives|bosses|heads|leaders)\s+(?:from|of)\s+(?:the\s+)?(?:\p{Lu}[\p{L}-]*\s+(?:and\s+)?)*$/iu;
const LOCATIVE_BEFORE = /\b(?:in|at|aboard|on board|near|outside|inside|off|went to|travelled to|traveled to|flew to|arrived in|came to)\s+(?:(?:the|a|an)\s+)?(?:[\p{Ll}-]+\s+){0,3}?$/u;

interface Candidate {
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

export function extractMeetings(input: MeetingInput): { nodes: MeetingNode[]; relations: RelationCandidate[]; conflicts: Conflict[] } {
  const typeOf = (key: string) => input.entities.get(key)?.type;
  const entityByName = new Map<string, string>();
  for (const e of input.entities.values()) entityByName.set(nameKey(e.label), e.key);
  const mediaKeys = new Set(input.mentions.filter((m) => m.key && MEDIA_RULES.has(m.rule)).map((m) => m.key!));
  const bySentence = new Map<string, Mention[]>();
  for (const m of input.mentions) {
    if (!m.key) continue;
    const k = `${m.article}|${m.sentence}`;
    const list = bySentence.get(k) ?? [];
    list.push(m);
    bySentence.set(k, list);
  }

  const candidates: Candidate[] = [];
  const metWithRelations: RelationCandidate[] = [];
  // "Mavridis has met Hrubý repeatedly": people who meet, without one meeting to name.
  const metWith = (s: Sentence, ms: Mention[]) => {
    const at = s.start + (/\bmet\b/i.exec(s.text)?.index ?? 0);
    const people = ms.filter((m) => typeOf(m.key!) === "Person" && !m.possessive);
    const subject = people.filter((m) => m.end <= at).at(-1);
    const object = people.find((m) => m.start > at);
    if (!subject || !object || subject.key === object.key) return;
    const text = input.texts.get(s.article) ?? "";
    metWithRelations.push({ source: subject.key!, type: "MET_WITH", target: object.key!, evidence: { article: s.article, start: subject.start, end: object.end, quote: text.slice(subject.start, object.end) }, rule: "has-met" });
  };
  for (const [article, sentences] of input.sentences) {
    const published = input.metaById.get(article)?.date ?? null;
    const text = input.texts.get(article) ?? "";
    const ev = (start: number, end: number): Evidence => {
      let s = start;
      let e = end;
      while (s < e && /\s/.test(text.charAt(s))) s++;
      while (e > s && /[\s,;:]/.test(text.charAt(e - 1))) e--;
      return { article, start: s, end: e, quote: text.slice(s, e) };
    };
    let last: Candidate | null = null;
    for (const s of sentences) {
      if (s.kind !== "body") continue;
      const ms = (bySentence.get(`${article}|${s.index}`) ?? []).slice().sort((a, b) => a.start - b.start);
      const noun = TRIGGER_NOUN.exec(s.text);
      const verb = TRIGGER_VERB.exec(s.text);
      const definite = DEFINITE_TRIGGER.exec(s.text);
      const cue = ATTENDANCE_CUE.test(s.text);
      const trigger = verb ?? noun;
      const nearLast = last !== null && last.article === article && s.index - last.sentence <= 3;
      if (!trigger && !(cue && nearLast)) continue;
      if (NEGATED_MEETING.test(s.text)) continue;
      if (REPEATED_MEETING.test(s.text)) {
        metWith(s, ms);
        continue;
      }
      if (verb && HABITUAL_MEETS.test(verb[0]) && !/\b(?:on|next|this|will|due)\b/i.test(s.text) && findDates(s.text, null).length === 0) continue;
      // "nine days after the Vienna dinner": a meeting named in passing, not told.
      if (!verb && noun && REFERENCE_PP.test(s.text.slice(0, noun.index))) continue;
      if (!verb && noun && GENERIC_TALKS.test(s.text) && !/\b(?:in|between|with)\b/.test(s.text.slice(noun.index))) continue;
      const future = PLANNED.test(s.text);
      const status: Candidate["status"] = CANCELLED.test(s.text) ? "cancelled" : future ? "planned" : "held";
      const denial = DENIAL.test(s.text);
      const verbSubjectGap = (m: Mention) => s.text.slice(m.end - s.start, triggerAt - s.start);

      // Who was there.
      const participants = new Map<string, Evidence>();
      const denied = new Map<string, Evidence>();
      const reporters = new Map<string, Evidence>();
      const triggerAt = s.start + (trigger?.index ?? 0);
      const triggerEnd = triggerAt + (trigger?.[0].length ?? 0);
      const span = (m: { start: number; end: number }) => ev(Math.min(m.start, triggerAt), Math.max(m.end, trigger ? triggerEnd : m.end));
      // Only the clause of the trigger speaks of the meeting ("X pledged …, while Y visited Miami").
      const definiteAt = definite ? s.start + (definite.index ?? 0) : triggerAt;
      const [clauseStart, clauseEnd] = trigger || definite ? clauseAround(s, trigger ? triggerAt : definiteAt) : [s.start, s.end];
      for (const m of ms) {
        if (m.start < clauseStart || m.end > clauseEnd) continue;
        const type = typeOf(m.key!);
        const before = s.text.slice(Math.max(0, m.start - s.start - 60), m.start - s.start);
        const after = s.text.slice(m.end - s.start, m.end - s.start + 60);
        if (mediaKeys.has(m.key!) || /^\s*(?:reported|reports|revealed|confirm(?:s|ed)?|said|says)\b/.test(after) && type === "Organization" && !DELEGATION_AFTER.test(after)) {
          if (/^\s*(?:reported|reports|revealed|confirm(?:s|ed)?|later reported|first reported)\b/i.test(after) || /\b(?:according to|as)\s+$/i.test(before) || /\btold\s+$/i.test(before)) reporters.set(m.key!, span(m));
          continue;
        }
        if (/\b(?:according to|as)\s+(?:the\s+)?$/i.test(before) || /\btold\s+$/i.test(before)) continue;
        if (/^\s*(?:reported|revealed|wrote|first reported|later reported)\b/i.test(after)) continue;
        if (type === "Person") {
          if (DESCRIPTOR_BEFORE.test(before)) continue;
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
          const asDelegation = DELEGATION_AFTER.test(after) || DELEGATION_BEFORE.test(before) || /^\s*(?:,\s*|\s+and\s+)(?:\p{Lu}\p{L}+\s+)?(?:delegations?|officials)\b/u.test(after);
          // The organization itself acts: "Polavia and Vltavia Airlines signed …" (not "whose Karlin Capital owns …, met").
          const subject = !m.country && m.end <= triggerAt && !/\b(?:with|of|to|by|for|from|at|whose)\s+(?:the\s+)?$/i.test(before) && verbSubjectGap(m).length <= 40 && !verbSubjectGap(m).includes(",");
          const object = !m.country && m.start >= triggerEnd && /\b(?:with|between)\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,2}$/u.test(before);
          if (asDelegation || (subject && verb !== null && !m.metonymFor) || (object && !m.metonymFor)) participants.set(m.key!, span(m));
        }
      }
      // "At the 24 March meeting …, he stayed fifteen minutes": the person the previous sentence was about.
      const pronoun = /(?:^|[,;]\s*|\b(?:and|but)\s+)(he|she)\s+(?:\w+\s+){0,2}?(?:met|stayed|attended|hosted|joined|dined|visited|chaired|left|spoke)\b/i.exec(s.text);
      if (pronoun && ![...participants.keys()].some((k) => typeOf(k) === "Person" && (participants.get(k)?.start ?? 0) < s.start + (pronoun.index ?? 0))) {
        const previous = sentences[s.index - 1];
        const antecedent = previous ? (bySentence.get(`${article}|${previous.index}`) ?? []).filter((x) => typeOf(x.key!) === "Person").sort((a, b) => a.start - b.start)[0] : undefined;
        if (antecedent) {
          const at = s.start + (pronoun.index ?? 0) + pronoun[0].indexOf(pronoun[1]!);
          participants.set(antecedent.key!, ev(Math.min(at, triggerAt), Math.max(at + pronoun[1]!.length, triggerEnd)));
        }
      }
      // States named by demonyms: "U.S. and Ukrainian delegations", "the Ukrainian side included".
      for (const dm of s.text.matchAll(/\b(\p{Lu}\p{L}+)\s+(?:delegations?|side|officials|negotiators|team)\b/gu)) {
        const country = countryOfDemonym(dm[1]!);
        const key = country ? entityByName.get(nameKey(country)) : undefined;
        if (key) participants.set(key, ev(s.start + (dm.index ?? 0), s.start + (dm.index ?? 0) + dm[0].length));
      }
      // Where.
      const places = new Map<string, Evidence>();
      for (const m of ms) {
        const type = typeOf(m.key!);
        if (type !== "Place") continue;
        if (m.start < clauseStart || m.end > clauseEnd) continue;
        const before = s.text.slice(Math.max(0, m.start - s.start - 40), m.start - s.start);
        if (!LOCATIVE_BEFORE.test(before) && !/\bconverged (?:on|in)\s+$/.test(before)) continue;
        if (/\b(?:from|flew in from)\s+(?:[\p{L}-]+\s+){0,2}$/u.test(before)) continue;
        places.set(m.key!, span(m));
      }
      // "in Luxembourg", "in Cyprus": a state named as the venue, when no city is.
      if (places.size === 0) {
        for (const m of ms) {
          if (!m.country || m.metonymFor || m.start < clauseStart || m.end > clauseEnd) continue;
          const before = s.text.slice(Math.max(0, m.start - s.start - 40), m.start - s.start);
          if (/\b(?:in|at)\s+(?:the\s+)?$/.test(before)) places.set(m.key!, span(m));
        }
      }
      // When.
      const dates = findDates(s.text, published, future).map((d) => ({ ...d, evidence: ev(s.start + d.start, s.start + d.end) }));

      const sentenceEvidence = ev(s.start, s.end);
      const refersBack = nearLast && (definite !== null || (!trigger && cue)) && last !== null;
      if (refersBack && last) {
        // "The meeting ended …", "In attendance were …": the meeting just told of.
        if (cue || verb) for (const [k, e] of participants) if (!last.participants.has(k)) last.participants.set(k, e);
        for (const [k, e] of places) if (!last.places.has(k)) last.places.set(k, e);
        for (const [k, e] of reporters) last.reporters.set(k, e);
        for (const [k, e] of denied) last.denied.set(k, e);
        last.dates.push(...dates);
        last.evidence.push(sentenceEvidence);
        if (status !== "held") last.status = status;
        last.sentence = s.index;
        continue;
      }
      if (participants.size === 0 && places.size === 0) continue;
      if (participants.size + places.size < 2 && !(participants.size >= 1 && verb)) {
        // A single name and a meeting word rarely make a meeting ("the talks, Dmitriev said").
        if (!(places.size === 1 && noun && /\b(?:in|at)\s/.test(s.text.slice(noun.index ?? 0, (noun.index ?? 0) + 40)))) continue;
      }
      const c: Candidate = {
        article,
        sentence: s.index,
        trigger: (trigger?.[1] ?? trigger?.[0] ?? "meeting").toLowerCase(),
        participants,
        places,
        dates,
        evidence: [sentenceEvidence],
        reporters,
        denied,
        status,
      };
      candidates.push(c);
      last = c;
      input.report.entries.push({ article, sentence: s.index, rule: "meeting", what: `meeting (${c.trigger}) with ${[...participants.keys()].join(", ")}${places.size ? ` in ${[...places.keys()].join(", ")}` : ""}`, quote: s.text });
    }
  }
  const clustered = clusterMeetings(candidates, input);
  return { ...clustered, relations: [...clustered.relations, ...metWithRelations] };
}

interface Cluster {
  members: Candidate[];
  participants: Map<string, Evidence[]>;
  places: Map<string, Evidence[]>;
}

function clusterMeetings(candidates: Candidate[], input: MeetingInput): { nodes: MeetingNode[]; relations: RelationCandidate[]; conflicts: Conflict[] } {
  const clusters: Cluster[] = [];
  for (const c of candidates) {
    let best: Cluster | null = null;
    let bestScore = 0;
    for (const cl of clusters) {
      const score = similarity(cl, c);
      if (score > bestScore) {
        best = cl;
        bestScore = score;
      }
    }
    if (best && bestScore > 0) {
      best.members.push(c);
      for (const [k, e] of c.participants) best.participants.set(k, [...(best.participants.get(k) ?? []), e]);
      for (const [k, e] of c.places) best.places.set(k, [...(best.places.get(k) ?? []), e]);
    } else {
      clusters.push({
        members: [c],
        participants: new Map([...c.participants].map(([k, e]) => [k, [e]])),
        places: new Map([...c.places].map(([k, e]) => [k, [e]])),
      });
    }
  }

  const nodes: MeetingNode[] = [];
  const relations: RelationCandidate[] = [];
  const conflicts: Conflict[] = [];
  const usedKeys = new Set<string>();
  const labelOf = (key: string) => input.entities.get(key)?.label ?? key;
  for (const cl of clusters) {
    const first = cl.members[0]!;
    const placeKeys = [...cl.places.keys()];
    const placeLabel = placeKeys.length ? labelOf(placeKeys[0]!) : null;
    const people = [...cl.participants.keys()].filter((k) => input.entities.get(k)?.type === "Person");
    const names = (people.length ? people : [...cl.participants.keys()]).map((k) => labelOf(k));
    const trigger = mostCommon(cl.members.map((m) => m.trigger));
    const noun = /^(?:was|were) signed/.test(trigger) ? "Signing" : /^(?:met|meet|meets|visited|visits|hosted|convened|converged|gathered|sat down|held talks|attended|joined the ceremony|appeared before)$/.test(trigger) ? "Meeting" : /^(?:dined|dine|dines|entertained)$/.test(trigger) ? "Dinner" : /^spoke/.test(trigger) ? "Call" : capitalize(trigger.replace(/s$/, trigger === "talks" ? "s" : ""));
    const dates: StatedDate[] = cl.members.flatMap((m) => m.dates.map((d) => ({ text: d.text, start: d.from, end: d.to, article: m.article })));
    const firstIso = dates.find((d) => d.start)?.start ?? null;
    const label = `${noun}${placeLabel ? ` in ${placeLabel}` : ""}${names.length ? `: ${names.slice(0, 3).join(", ")}${names.length > 3 ? " …" : ""}` : ""}`;
    let key = nodeKey("Meeting", [placeLabel ?? "", firstIso ?? "", ...names.slice(0, 2).map((n) => n.split(/\s+/).at(-1) ?? n), noun].filter(Boolean).join(" "));
    for (let n = 2; usedKeys.has(key); n++) key = `${key.replace(/-\d+$/, "")}-${n}`;
    usedKeys.add(key);
    const status = cl.members.some((m) => m.status === "held") ? "held" : cl.members.some((m) => m.status === "cancelled") ? "cancelled" : "planned";
    nodes.push({
      key,
      label,
      description: `${noun.toLowerCase()}${placeLabel ? ` in ${placeLabel}` : ""}${names.length ? ` with ${names.join(", ")}` : ""}${status !== "held" ? ` (${status})` : ""}`,
      dates,
      mentions: cl.members.flatMap((m) => m.evidence.map((e) => ({ article: e.article, start: e.start, end: e.end }))),
      status,
    });
    for (const [k, evs] of cl.participants) for (const e of evs) relations.push({ source: k, type: "ATTENDED", target: key, evidence: e, rule: "meeting-participant" });
    for (const [k, evs] of cl.places) for (const e of evs) relations.push({ source: key, type: "HELD_IN", target: k, evidence: e, rule: "meeting-place" });
    for (const m of cl.members) for (const [k, e] of m.reporters) relations.push({ source: k, type: "REPORTED", target: key, evidence: e, rule: "meeting-reported" });

    // Where the articles disagree, say so.
    const datedByArticle = new Map<string, (typeof cl.members)[number]["dates"][number]>();
    for (const m of cl.members) for (const d of m.dates) if (!datedByArticle.has(m.article)) datedByArticle.set(m.article, d);
    const dated = [...datedByArticle.values()];
    if (dated.length >= 2 && dated.some((a) => dated.some((b) => a !== b && (statedDatesDisjoint(a, b, 0) || foldText(a.text) !== foldText(b.text) && !a.from && !b.from && !a.monthDays && !b.monthDays)))) {
      conflicts.push({ subject: key, field: "date", claims: dated.map((d) => ({ value: d.text, evidence: d.evidence })) });
    }
    const placeByArticle = new Map<string, Map<string, Evidence>>();
    for (const m of cl.members) for (const [k, e] of m.places) placeByArticle.set(m.article, (placeByArticle.get(m.article) ?? new Map()).set(k, e));
    const allPlaces = new Set([...placeByArticle.values()].flatMap((p) => [...p.keys()]));
    const articlesWithPlace = [...placeByArticle.keys()];
    if (allPlaces.size >= 2 && articlesWithPlace.length >= 2 && !nestedPlaces([...allPlaces], relationsPartOf(input))) {
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
  }
  return { nodes, relations, conflicts };
}

/** How strongly a candidate belongs to a cluster: 0 = a different meeting. */
function similarity(cl: Cluster, c: Candidate): number {
  const shared = [...c.participants.keys()].filter((k) => cl.participants.has(k)).length;
  const clPlaces = new Set(cl.places.keys());
  const placeShared = [...c.places.keys()].some((k) => clPlaces.has(k));
  const placeConflict = clPlaces.size > 0 && c.places.size > 0 && !placeShared;
  const clDates = cl.members.flatMap((m) => m.dates);
  if (c.dates.length && clDates.length && c.dates.every((d) => clDates.every((x) => statedDatesDisjoint(d, x, 1)))) return 0;
  if (cl.members.some((m) => m.article === c.article) && !placeShared && shared < 2) return 0;
  const sameStatus = cl.members.some((m) => m.status === c.status) || c.status === "cancelled";
  if (!sameStatus && shared < 2) return 0;
  if (placeShared && shared >= 1) return 2 + shared;
  // Same day (stated in full) and the same place or someone in common: one event told twice.
  const sameDay = c.dates.some((d) => d.from && d.to && clDates.some((x) => x.from && x.to && !statedDatesDisjoint(d, x, 0) && dayCount(d) <= 7 && dayCount(x) <= 7));
  if (sameDay && (placeShared || shared >= 1)) return 1.5 + shared;
  if (placeShared && (c.participants.size === 0 || cl.participants.size === 0)) return 1;
  if (placeConflict) return shared >= 3 ? shared : 0;
  if (shared >= 2) return shared;
  return 0;
}

function dayCount(d: FoundDate): number {
  return d.from && d.to ? (Date.parse(d.to) - Date.parse(d.from)) / 86400_000 + 1 : Infinity;
}

function relationsPartOf(_input: MeetingInput): Set<string> {
  return new Set();
}

function nestedPlaces(places: string[], _partOf: Set<string>): boolean {
  return places.length < 2;
}

const CLAUSE_BREAK = /;|,\s+(?:while|but|whereas|although|though|even as)\s|\s+—\s+|:\s/g;

/** The clause around a position: from the previous clause break to the next. */
function clauseAround(s: Sentence, at: number): [number, number] {
  let start = s.start;
  let end = s.end;
  for (const m of s.text.matchAll(CLAUSE_BREAK)) {
    const pos = s.start + (m.index ?? 0);
    if (pos < at) start = pos + m[0].length;
    else if (pos > at) {
      end = pos;
      break;
    }
  }
  return [start, end];
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
