// Typed relations from the forms news uses: titles ("Secretary of State Marco Rubio"),
// appositions ("Dmitriev, who heads the RDIF", "Kirill Dmitriev, head of …"), organization +
// role + name ("RDIF head Kirill Dmitriev"), possessives ("Putin's senior aide Yuri Ushakov"),
// family, sanctions, drafting, reporting, stated support and opposition, part-of. Co-mention in
// one sentence is a separate CO_MENTIONED layer, never a relation.
import type { EntityType, Evidence, RelationType, RoleClaim } from "../contract";
import { memoized } from "../memo";
import { countryOfDemonym } from "./gazetteer";
import { SentenceMentions } from "./sentence-mentions";
import { ADVISER_ROLES, FAMILY_ROLES, HEAD_ROLES, TITLE_BODIES } from "./knowledge";
import { nameKey } from "./names";
import { lexiconTags } from "./lexicon";
import type { CoMentionSentence, CorpusProgress, ExtractionReport, Mention, RelationCandidate, ResolvedEntity, Sentence } from "./types";

export interface RelationInput {
  sentences: Map<string, Sentence[]>;
  mentions: Mention[];
  entities: Map<string, ResolvedEntity>;
  texts: Map<string, string>;
  report: ExtractionReport;
  /** The keyed mentions per sentence (made from `mentions` when not given). */
  sentenceMentions?: SentenceMentions;
  /** Counts the articles read (a long build's progress bar). */
  progress?: CorpusProgress;
}

export type RoleClass = "head" | "adviser" | "family" | "member";

/** What a role phrase says about the holder's tie: "former senior advisor" → adviser. */
export function classifyRole(role: string): { kind: RoleClass; role: string } | null {
  // A copy: the remembered answer is shared.
  const known = roleClass(role);
  return known && { ...known };
}

// Pure in `role`, and a corpus states the same few hundred titles over and over.
const roleClass = memoized((role) => classifyRoleText(role), 50_000);
// Compiled once: the lists are generic knowledge, fixed at load.
const FAMILY_ROLE_RES = FAMILY_ROLES.map((f) => ({ role: f, re: new RegExp(`\\b${f}\\b`) }));
const ADVISER_ROLE_RES = ADVISER_ROLES.map((a) => new RegExp(`\\b${a}s?\\b`));
const HEAD_ROLE_RES = HEAD_ROLES.map((h) => new RegExp(`(?:^|\\b)${h.replace(/[-]/g, "[- ]")}(?:\\b|$)`));

function classifyRoleText(role: string): { kind: RoleClass; role: string } | null {
  const r = role
    .toLowerCase()
    .replace(/[“”"]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (!r) return null;
  for (const f of FAMILY_ROLE_RES) if (f.re.test(r)) return { kind: "family", role: f.role };
  if (/\b(?:deputy|vice|assistant|under|co-)\b/.test(r) && !/\bvice[- ]chair/.test(r)) return { kind: "member", role: r };
  // "commercial director", "head of corporate communications": a function inside, not the head.
  if (/\b(?:commercial|financial|technical|marketing|sales|communications|regional|legal|operations|creative|editorial|programme|program|research|medical|art|press|news|sports|political|policy|security|risk|compliance|investment|strategy|digital|human resources|hr)\s+(?:director|head|chief|officer|manager|boss)\b/.test(r)) return { kind: "member", role: r };
  if (/^head of (?!the\b)/.test(r)) return { kind: "member", role: r };
  for (const re of ADVISER_ROLE_RES) if (re.test(r)) return { kind: "adviser", role: r };
  for (const re of HEAD_ROLE_RES) if (re.test(r)) return { kind: "head", role: r };
  return { kind: "member", role: r };
}

const HEAD_OF_STATE_RE = /\b(?:president|prime minister|premier|chancellor|king|queen|emir|monarch|sultan|supreme leader|head of state|head of government)\b/i;

const ROLE_NOUN_RE =
  /\b(?:president|prime minister|minister|secretary|senator|representative|chairman|chairwoman|chairperson|chair|head|chief|boss|leader|director|director-general|executive|officer|ceo|founder|partner|spokesman|spokeswoman|spokesperson|adviser|advisor|aide|envoy|counsel|member|official|lawyer|manager|captain|commander|governor|mayor|ambassador|mp|lawmaker|deputy|columnist|correspondent|editor|analyst|economist|negotiator|representative|son-in-law|daughter-in-law|nephew|niece|son|daughter|wife|husband|brother|sister|father|mother|cousin|uncle|aunt)s?\b/i;

/**
 * What relations read of the corpus beyond the article at hand. Everything else they read is the
 * article's own: its sentences, text and keyed mentions. An update of the corpus can keep an
 * article's relations when its mentions resolve as before and these answer as before
 * (RecordingRelationEnv, lib/extract/incremental.ts).
 */
export interface RelationEnv {
  /** An entity's type; the type is part of the key (contract nodeKey), so the answer never changes for a key. */
  typeOf(key: string): EntityType | undefined;
  /** Whether the entity is a state (a country mention resolves to it somewhere in the corpus). */
  isState(key: string): boolean;
  /** The entity whose label or alias has this nameKey (labels first), for TITLE_BODIES and ministries. */
  entityNamed(nameKey: string): string | undefined;
  /** The first person (in entity order) with a mention in `article` ending at `end`. */
  personEndingAt(article: string, end: number): string | undefined;
}

/** The corpus-wide lookups of relations, made from the resolved entities and mentions. */
export function relationEnv(entities: ReadonlyMap<string, ResolvedEntity>, mentions: readonly Mention[]): RelationEnv {
  const byName = new Map<string, string>();
  for (const e of entities.values()) {
    byName.set(nameKey(e.label), e.key);
    for (const alias of e.aliases.keys()) if (!byName.has(nameKey(alias))) byName.set(nameKey(alias), e.key);
  }
  const states = new Set<string>();
  for (const m of mentions) if (m.key && m.country) states.add(m.key);
  return {
    typeOf: (key) => entities.get(key)?.type,
    isState: (key) => states.has(key),
    entityNamed: (k) => byName.get(k),
    personEndingAt: (article, end) => {
      for (const e of entities.values()) if (e.type === "Person" && e.mentions.some((x) => x.article === article && x.end === end)) return e.key;
      return undefined;
    },
  };
}

interface Ctx {
  input: RelationInput;
  /** The sentence being read (for the explain report). */
  sentence?: Sentence;
  out: RelationCandidate[];
  coMentions: CoMentionSentence[];
  roles: Map<string, RoleClaim[]>;
  /** `key \0 article \0 role` of every claim in `roles`: one claim per article and wording. */
  roleSeen: Set<string>;
  typeOf: (key: string) => EntityType | undefined;
  isState: (key: string) => boolean;
  env: RelationEnv;
}

function evidence(ctx: Ctx, article: string, start: number, end: number): Evidence {
  const text = ctx.input.texts.get(article) ?? "";
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text.charAt(s))) s++;
  while (e > s && /[\s,;:]/.test(text.charAt(e - 1))) e--;
  return { article, start: s, end: e, quote: text.slice(s, e) };
}

function emit(ctx: Ctx, source: string | undefined, type: RelationType, target: string | undefined, ev: Evidence, rule: string, note?: string): void {
  if (!source || !target || source === target) return;
  ctx.out.push({ source, type, target, evidence: ev, rule, ...(note ? { note } : {}) });
  if (ctx.input.report.collect !== false) ctx.input.report.entries.push({ article: ev.article, sentence: ctx.sentence?.index ?? -1, rule, what: `${source} ${type} ${target}${note ? ` (${note})` : ""}`, quote: ev.quote });
}

function addRole(ctx: Ctx, key: string, role: string, ev: Evidence): void {
  const list = ctx.roles.get(key) ?? [];
  const seen = `${key}\u0000${ev.article}\u0000${role}`;
  if (!ctx.roleSeen.has(seen)) {
    ctx.roleSeen.add(seen);
    list.push({ role, evidence: ev });
  }
  ctx.roles.set(key, list);
}

/** The relation a role implies between a person and an organization, state or person. */
function relateByRole(ctx: Ctx, person: string, other: string, role: string, ev: Evidence, rule: string): void {
  const cls = classifyRole(role);
  if (!cls) return;
  const otherType = ctx.typeOf(other);
  if (otherType === "Person") {
    if (cls.kind === "adviser") emit(ctx, person, "ADVISES", other, ev, rule, cls.role);
    else if (cls.kind === "family") emit(ctx, person, "RELATIVE_OF", other, ev, rule, cls.role);
    return;
  }
  // People serve organizations and states, not places ("the Dublin-based lessor").
  if (otherType !== "Organization") return;
  if (cls.kind === "family") return;
  // A state is headed by its president, premier or monarch; its "intelligence chief" serves it.
  const isState = ctx.isState(other);
  if (cls.kind === "head" && (!isState || HEAD_OF_STATE_RE.test(cls.role))) emit(ctx, person, "HEADS", other, ev, rule, cls.role);
  else emit(ctx, person, "MEMBER_OF", other, ev, rule, cls.role);
}

/** Typed relations (RelationCandidate), co-mentions (one record per sentence) and the roles people are given. */
export interface RelationsFound {
  relations: RelationCandidate[];
  coMentions: CoMentionSentence[];
  roles: Map<string, RoleClaim[]>;
}

export function extractRelations(input: RelationInput): RelationsFound {
  const ctx = newCtx(input, relationEnv(input.entities, input.mentions));
  const bySentence = input.sentenceMentions ?? new SentenceMentions(input.mentions);
  input.progress?.start("articles read for relations", input.sentences.size, "articles");
  for (const [article, sentences] of input.sentences) {
    input.progress?.tick();
    readArticle(ctx, article, sentences, bySentence);
  }
  input.progress?.finish();
  return { relations: ctx.out, coMentions: ctx.coMentions, roles: ctx.roles };
}

/**
 * The relations of one article alone: what extractRelations finds in it, given what `env`
 * answers of the rest of the corpus. combineRelations puts articles' results back together.
 */
export function articleRelations(
  input: Pick<RelationInput, "texts" | "report"> & { article: string; sentences: readonly Sentence[]; sentenceMentions: SentenceMentions },
  env: RelationEnv,
): RelationsFound {
  const ctx = newCtx({ ...input, sentences: new Map(), mentions: [], entities: new Map() }, env);
  readArticle(ctx, input.article, input.sentences, input.sentenceMentions);
  return { relations: ctx.out, coMentions: ctx.coMentions, roles: ctx.roles };
}

/** Articles' relations (articleRelations) in corpus order → what extractRelations gives for them together. */
export function combineRelations(parts: Iterable<RelationsFound>): RelationsFound {
  const out: RelationsFound = { relations: [], coMentions: [], roles: new Map() };
  for (const part of parts) {
    for (const r of part.relations) out.relations.push(r);
    for (const c of part.coMentions) out.coMentions.push(c);
    // A role claim is unique per article: the articles' lists only need joining, in order.
    for (const [key, claims] of part.roles) {
      const list = out.roles.get(key);
      if (list) for (const c of claims) list.push(c);
      else out.roles.set(key, [...claims]);
    }
  }
  return out;
}

function newCtx(input: RelationInput, env: RelationEnv): Ctx {
  return { input, out: [], coMentions: [], roles: new Map(), roleSeen: new Set(), typeOf: (key) => env.typeOf(key), isState: (key) => env.isState(key), env };
}

function readArticle(ctx: Ctx, article: string, sentences: readonly Sentence[], bySentence: SentenceMentions): void {
  for (const sentence of sentences) {
    if (sentence.kind !== "body" && sentence.kind !== "byline") continue;
    const ms = bySentence.longestFirst(article, sentence.index);
    if (ms.length === 0) continue;
    ctx.sentence = sentence;
    titleRelations(ctx, sentence, ms);
    appositionRelations(ctx, sentence, ms);
    orgRoleNameRelations(ctx, sentence, ms);
    clauseRelations(ctx, sentence, ms);
    partOfRelations(ctx, sentence, ms);
    actionRelations(ctx, sentence, ms);
    coMentions(ctx, sentence, ms);
  }
}

const textBetween = (s: Sentence, a: { end: number }, b: { start: number }) => s.text.slice(a.end - s.start, b.start - s.start);

/** "Ukrainian President Volodymyr Zelenskiy", "Chief of the General Staff Andriy Khentov", "EU High Representative Kaja Kallas". */
function titleRelations(ctx: Ctx, s: Sentence, ms: readonly Mention[]): void {
  for (const p of ms) {
    if (!p.title || ctx.typeOf(p.key!) !== "Person") continue;
    const title = p.title;
    // An organization or state right before the title belongs to it ("EU High Representative").
    // "EU High Representative …", "Qatar's Prime Minister …": the body or state right before the title.
    const before = ms.find((m) => m !== p && m.end <= title.start && /^(?:['’]s)?\s*$/.test(s.text.slice(m.end - s.start, title.start - s.start)) && m.key);
    const start = before ? before.start : title.start;
    const ev = evidence(ctx, s.article, start, p.end);
    const roleText = title.text;
    addRole(ctx, p.key!, before ? `${before.text} ${roleText}` : roleText, ev);
    // Generic bodies of titles: "Secretary of State" heads the State Department.
    const bodyRule = TITLE_BODIES.find((b) => b.title.test(roleText.replace(/^(?:former|then|us|u\.s\.)\s+/i, "")));
    if (bodyRule) {
      const body = ctx.env.entityNamed(nameKey(bodyRule.body));
      if (body) emit(ctx, p.key, bodyRule.relation, body, ev, "title-body", roleText);
      continue;
    }
    // Organizations named inside the title ("Chief of the General Staff", "Polavia Chief Executive").
    const inside = ms.filter((m) => m !== p && m.start >= title.start && m.end <= title.end && m.key);
    for (const org of inside) {
      const role = (s.text.slice(title.start - s.start, org.start - s.start) + " " + s.text.slice(org.end - s.start, title.end - s.start)).replace(/\b(?:of|the|for)\b/gi, " ").trim() || roleText;
      relateByRole(ctx, p.key!, org.key!, role, ev, "title-org");
    }
    // "Minister of State Assets" / "State Assets Minister" → the Ministry of State Assets, when the corpus names it.
    const ministry = /\bminister(?:\s+(?:of|for)\s+([A-Z][\w\s]+))?$/i.exec(roleText);
    const topic = ministry?.[1] ?? /([A-Z][\w]+(?:\s+[A-Z][\w]+)*)\s+Minister$/.exec(roleText.replace(/^(?:\p{Lu}\p{Ll}+ian|Polish|Czech|British|French|German|Dutch|Swiss|Irish|Danish|Swedish|Finnish|Spanish|Turkish|Greek|Chinese|Japanese)\s+/u, ""))?.[1];
    if (topic) {
      const min = ctx.env.entityNamed(nameKey(`Ministry of ${topic.trim()}`)) ?? ctx.env.entityNamed(nameKey(`${topic.trim()} Ministry`));
      if (min) emit(ctx, p.key, "HEADS", min, ev, "title-ministry", roleText);
    }
    // A demonym or state in the title: the state the person serves or leads.
    const demonymWord = /^(?:former\s+)?(\p{Lu}[\p{L}]+)\b/u.exec(roleText)?.[1];
    const country = demonymWord ? countryOfDemonym(demonymWord) : null;
    const stateKey = country ? ctx.env.entityNamed(nameKey(country)) : before && ctx.typeOf(before.key!) === "Organization" ? before.key : undefined;
    if (stateKey && !inside.length) {
      const role = country ? roleText.replace(new RegExp(`^(?:former\\s+)?${demonymWord}\\s+`), "") : roleText;
      relateByRole(ctx, p.key!, stateKey, /^(?:president|prime minister|king|queen|chancellor)$/i.test(role.replace(/^former\s+/i, "")) ? role : role.replace(/^(?:president|prime minister)$/i, "$&"), ev, country ? "title-demonym" : "title-preceding-org");
    }
  }
}

/** "Kirill Dmitriev, head of …", "Steve Witkoff, Trump’s special envoy", "Dmitriev, who heads the RDIF". */
function appositionRelations(ctx: Ctx, s: Sentence, ms: readonly Mention[]): void {
  for (const p of ms) {
    if (ctx.typeOf(p.key!) !== "Person" || p.possessive) continue;
    let pe = p.end - s.start;
    // "Oliver Tremayne of Harwick Lane": the employer attached to the name.
    const attached = ms.find((x) => x.start - s.start > pe && /^\s+(?:of|from)\s+(?:the\s+)?$/.test(s.text.slice(pe, x.start - s.start)) && ctx.typeOf(x.key!) === "Organization" && !x.possessive);
    if (attached) {
      emit(ctx, p.key, "MEMBER_OF", attached.key, evidence(ctx, s.article, p.start, attached.end), "person-of-org");
      pe = attached.end - s.start;
    }
    // "Tomasz Wrona (Civic Forward)": an affiliation in parentheses.
    const paren = ms.find((x) => x.start - s.start > pe && /^\s*\(\s*$/.test(s.text.slice(pe, x.start - s.start)) && ctx.typeOf(x.key!) === "Organization" && s.text.charAt(x.end - s.start) === ")");
    if (paren) emit(ctx, p.key, "MEMBER_OF", paren.key, evidence(ctx, s.article, p.start, paren.end + 1), "parenthesized-affiliation");
    // Up to three appositive segments: "Marek Zawada – Polavia's commercial director and, as it happens, Sęk's son-in-law".
    let cursor = pe;
    for (let segment = 0; segment < 3; segment++) {
      const rest = s.text.slice(cursor);
      const opener = segment === 0 ? /^\s*(?:,|—|–|\(|\s(?:is|was|has been|became)\s(?=(?:a|an|the|now|also|former)\s))\s*(?:as it happens,\s*)?((?:the|a|an|his|her|now|then)\s+)?/u : /^\s*,\s*(?:as it happens,\s*|and\s+)?((?:the|a|an|his|her|now|then)\s+)?/u;
      const m = opener.exec(rest);
      if (!m) break;
      const phraseStart = cursor + m[0].length;
      const endMatch = /(?:,|;|—|–|\)|\.(?:\s|$)|$)/u.exec(s.text.slice(phraseStart));
      const phraseEnd = phraseStart + (endMatch?.index ?? 0);
      const phrase = s.text.slice(phraseStart, phraseEnd);
      if (!phrase.trim() || phrase.length > 140) break;
      if (segment > 0 && !/^(?:who\s|\p{Lu}[\p{L}-]*['’]s\s)/u.test(phrase) && !ROLE_NOUN_RE.test(phrase.split(/\s+/).slice(0, 4).join(" "))) break;
      if (!appositionSegment(ctx, s, p, ms, phraseStart, phraseEnd)) break;
      cursor = phraseEnd;
    }
  }
}

/** One appositive phrase about a person. Returns false when the phrase is not an apposition. */
function appositionSegment(ctx: Ctx, s: Sentence, p: Mention, ms: readonly Mention[], phraseStart: number, phraseEndIn: number): boolean {
  let phraseEnd = phraseEndIn;
  const phrase = s.text.slice(phraseStart, phraseEnd);
  // "who heads the DPC", and "the commissioner who heads the DPC".
  const who = /^(?:(?:the|a|an)\s+)?(?:[\p{L}-]+\s+){0,3}?who\s+(?:also\s+|now\s+|still\s+)?(heads|leads|runs|chairs|directs|founded|co-founded|owns|advises|works for|works at|represents|is|was|has been|became)\s+/iu.exec(phrase);
  const inPhrase = ms.filter((x) => x !== p && x.start >= s.start + phraseStart && x.end <= s.start + phraseEnd && x.key);
  // "Zdeněk Hrubý, Polavia's chief Łukasz Borowiecki and …": a list of people, not an apposition.
  if (inPhrase.some((x) => ctx.typeOf(x.key!) === "Person" && !x.possessive && !(who && x.start > s.start + phraseStart + who[0].length))) return false;
  if (inPhrase.length === 0) {
    // "Katarzyna Wilk, Head of Corporate Communications, Polavia S.A.": the employer in the next segment.
    const next = ms.find((x) => x.start - s.start > phraseEnd && /^\s*,\s*$/.test(s.text.slice(phraseEnd, x.start - s.start)) && ctx.typeOf(x.key!) === "Organization");
    if (next && ROLE_NOUN_RE.test(phrase) && /^\s*(?:[.;]|$)/.test(s.text.slice(next.end - s.start)) && phrase.split(/\s+/).length <= 6) {
      const ev = evidence(ctx, s.article, p.start, next.end);
      addRole(ctx, p.key!, phrase.trim(), ev);
      relateByRole(ctx, p.key!, next.key!, /^head of\b/i.test(phrase) ? "member" : phrase, ev, "contact-line");
      return true;
    }
    // "Kirill Dmitriev, a sanctioned Russian envoy": a demonym ties the person to a state.
    const dem = /^(?:(?:a|an|the)\s+)?(?:[a-z-]+\s+){0,3}?(\p{Lu}\p{L}+)\s+((?:[a-z-]+\s+){0,2}[a-z-]+)$/u.exec(phrase);
    const country = dem ? countryOfDemonym(dem[1]!) : null;
    if (dem && country && ROLE_NOUN_RE.test(dem[2]!)) {
      const key = ctx.env.entityNamed(nameKey(country));
      const ev = evidence(ctx, s.article, p.start, s.start + phraseEnd);
      addRole(ctx, p.key!, phrase.trim(), ev);
      if (key) relateByRole(ctx, p.key!, key, dem[2]!, ev, "apposition-demonym");
      return true;
    }
    if (ROLE_NOUN_RE.test(phrase) && phrase.split(/\s+/).length <= 8 && !startsWithVerb(phrase)) {
      addRole(ctx, p.key!, phrase.trim(), evidence(ctx, s.article, p.start, s.start + phraseEnd));
      return true;
    }
    return false;
  }
  // Stretch the evidence to the end of the last mention the phrase names.
  phraseEnd = Math.max(phraseEnd, ...inPhrase.map((x) => x.end - s.start));
  const ev = evidence(ctx, s.article, p.start, s.start + phraseEnd);
  if (who) {
    const verb = who[1]!.toLowerCase();
    const target = inPhrase[0]!;
    const objText = phrase.slice(who[0].length);
    if (/^(?:heads|leads|runs|directs|founded|co-founded|owns)$/.test(verb) || (verb === "chairs" && !target.possessive)) {
      if (target.possessive) {
        // "who chairs Polavia’s supervisory board": a seat in the organization, not its head.
        emit(ctx, p.key, "MEMBER_OF", target.key, ev, "apposition-who", `${verb} ${objText.replace(/^.*?['’]s\s+/, "")}`.trim());
      } else emit(ctx, p.key, "HEADS", target.key, ev, "apposition-who", verb === "chairs" ? "chair" : undefined);
    } else if (verb === "chairs") relateByRole(ctx, p.key!, target.key!, "member", ev, "apposition-who");
    else if (verb === "advises") emit(ctx, p.key, "ADVISES", target.key, ev, "apposition-who");
    else if (/^(?:works for|works at|represents)$/.test(verb)) emit(ctx, p.key, "MEMBER_OF", target.key, ev, "apposition-who");
    else roleFromPhrase(ctx, s, p, objText, inPhrase, ev, "apposition-who-is");
    if ((/^(?:heads|leads|runs|chairs|directs|founded|co-founded|is|was|has been|became)$/.test(verb) && ROLE_NOUN_RE.test(phrase)) || /^(?:heads|leads|runs|chairs)$/.test(verb)) addRole(ctx, p.key!, phrase.trim(), ev);
    return true;
  }
  if (!ROLE_NOUN_RE.test(phrase) || startsWithVerb(phrase)) return false;
  addRole(ctx, p.key!, phrase.trim(), ev);
  roleFromPhrase(ctx, s, p, phrase, inPhrase, ev, "apposition");
  // "… is a former Polavia captain and writes a fortnightly column for the Vistula Herald".
  const column = /\b(?:writes|wrote|edits|edited|presents|hosts)\s+(?:a|the)\s+(?:[\p{L}-]+\s+){0,2}?(?:column|blog|newsletter|show|programme|program)\s+(?:for|at|on)\s+(?:the\s+)?$/u;
  for (const x of ms) if (x.start > p.end && column.test(s.text.slice(Math.max(0, x.start - s.start - 60), x.start - s.start)) && ctx.typeOf(x.key!) === "Organization") emit(ctx, p.key, "MEMBER_OF", x.key, evidence(ctx, s.article, p.start, x.end), "writes-for");
  return true;
}

/** "meet European Commission officials", "has announced …": a verb phrase, not an apposition. */
function startsWithVerb(phrase: string): boolean {
  const first = phrase.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
  if (/^(?:has|have|had|is|are|was|were|will|would|said|says|told|added|meet|meets|met|who|which)$/.test(first)) return first !== "who";
  return lexiconTags(first).some((t) => /^(?:PastTense|PresentTense|Infinitive|Gerund|Modal|Copula|Adverb)$/.test(t));
}

/** A role phrase naming its organization or principal: "Trump’s adviser and son-in-law", "head of the X", "chair of the Y". */
function roleFromPhrase(ctx: Ctx, s: Sentence, p: Mention, phrase: string, inPhraseAll: Mention[], ev: Evidence, rule: string): void {
  // "the Dublin-based lessor Thalassa …": a place inside an adjective is not the employer.
  const inPhrase = inPhraseAll.filter((x) => !x.rule.startsWith("gazetteer-compound"));
  if (inPhrase.length === 0) return;
  const first = inPhrase[0]!;
  const offsetInPhrase = first.start - (s.start + s.text.indexOf(phrase, p.end - s.start));
  const lead = phrase.slice(0, Math.max(0, offsetInPhrase)).trim();
  if (first.possessive && /^(?:(?:the|a|an)\s+)?(?:former\s+)?$/i.test(lead)) {
    // "Trump’s adviser and son-in-law": each role noun relates the person to the possessor.
    const after = phrase.slice(Math.max(0, offsetInPhrase) + first.text.length).replace(/^['’]s\s*/, "");
    const principal = inPhrase[1] && /\b(?:of|at|for)\s+(?:the\s+)?$/.test(s.text.slice(first.end - s.start, inPhrase[1].start - s.start)) ? inPhrase[1] : first;
    for (const part of after.split(/\s+and\s+/)) relateByRole(ctx, p.key!, principal.key!, part, ev, rule);
    return;
  }
  // "head of the Russian Direct Investment Fund", "Chief Executive Officer of Vltavia Airlines"
  const ofMatch = /\b(?:of|at|for|to|with)(?:\s+the)?\s*$/i.exec(lead);
  if (ofMatch) {
    const role = lead.slice(0, ofMatch.index).trim();
    // "head of Russia's sovereign wealth fund": heads an unnamed body of Russia, serves Russia.
    if (role && first.possessive && /^['’]s\s+\p{Ll}/u.test(s.text.slice(first.end - s.start))) relateByRole(ctx, p.key!, first.key!, "member", ev, rule);
    else if (role) relateByRole(ctx, p.key!, first.key!, role, ev, rule);
    return;
  }
  // "a former Polavia captain", "the Kremlin spokesman": the organization named inside the role.
  if (/^(?:(?:a|an|the)\s+)?(?:former\s+|senior\s+|long-time\s+)*$/i.test(lead) && !first.possessive) {
    const after = phrase.slice(Math.max(0, offsetInPhrase) + first.text.length).trim();
    if (ROLE_NOUN_RE.test(after.split(/\s+/).slice(0, 3).join(" "))) relateByRole(ctx, p.key!, first.key!, after.split(/\s+(?:and|who|which)\s+/)[0]!, ev, rule);
  }
}

/** "RDIF head Kirill Dmitriev", "White House spokeswoman Karoline Leavitt", "Putin’s senior aide Yuri Ushakov". */
function orgRoleNameRelations(ctx: Ctx, s: Sentence, ms: readonly Mention[]): void {
  for (let i = 0; i < ms.length; i++) {
    const a = ms[i]!;
    for (let j = i + 1; j < ms.length && j <= i + 2; j++) {
      const p = ms[j]!;
      if (ctx.typeOf(p.key!) !== "Person" || p.title) continue;
      const between = textBetween(s, a, p);
      // "RDIF head Kirill Dmitriev", "Finland's Minister of Economic Affairs, Wille Rydman".
      const m = /^(?:['’]s)?\s+((?:(?:the|then|former|new)\s+)?(?:[\p{L}][\p{L}-]*\s+){0,4}?[\p{L}][\p{L}-]*)\s*,?\s*$/u.exec(between);
      if (!m || !ROLE_NOUN_RE.test(m[1]!)) continue;
      if (/\p{Lu}/u.test(m[1]!) && !/^(?:(?:the|then|former|new)\s+)?(?:\p{Lu}[\p{L}-]*\s+(?:(?:of|for|and|the)\s+)*){0,5}\p{Lu}?[\p{L}-]*$/u.test(m[1]!)) continue;
      const role = m[1]!;
      if (/\b(?:and|or|with|by|to|from|in|on|at|that|said|told)\b/.test(role)) continue;
      const ev = evidence(ctx, s.article, a.start, p.end);
      addRole(ctx, p.key!, `${a.text}${between.startsWith("'") || between.startsWith("’") ? between.slice(0, 2) : ""} ${role}`.trim(), ev);
      relateByRole(ctx, p.key!, a.key!, role, ev, "org-role-name");
    }
  }
}

/** Relative clauses and passives: "Thalassa, run by … Mavridis", "Vltavia’s Supervisory Board, chaired by Ivana Kolářová". */
function clauseRelations(ctx: Ctx, s: Sentence, ms: readonly Mention[]): void {
  for (let i = 0; i < ms.length; i++) {
    const org = ms[i]!;
    const orgType = ctx.typeOf(org.key!);
    if (orgType !== "Organization") continue;
    for (let j = i + 1; j < ms.length && j <= i + 3; j++) {
      const p = ms[j]!;
      if (ctx.typeOf(p.key!) !== "Person") continue;
      const between = textBetween(s, org, p);
      const m = /^(?:['’]s\s+[\p{L}\s]{0,40}?)?\s*,?\s*(?:which is\s+|who is\s+)?(run|led|headed|chaired|founded|owned|directed|managed)\s+by\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,4}?$/iu.exec(between);
      if (!m) continue;
      const ev = evidence(ctx, s.article, org.start, p.end);
      const viaPart = /^['’]s\s+\p{L}/u.test(between) || /\b(?:board|committee|council|management|unit|department)\s+of\s+(?:the\s+)?$/i.test(s.text.slice(Math.max(0, org.start - s.start - 40), org.start - s.start));
      // "Vltavia’s Supervisory Board, chaired by …": a seat in Vltavia; "Vltavia's cabin crew union, led by …" is another body.
      if (viaPart && !/\b(?:board|management|committee)\b/i.test(between)) break;
      if (viaPart) relateByRole(ctx, p.key!, org.key!, `${m[1]} ${between.replace(/^['’]s\s+/, "").split(",")[0]!.trim()}`, ev, "passive-role-part");
      else emit(ctx, p.key, "HEADS", org.key, ev, "passive-role", m[1]!.toLowerCase() === "chaired" ? "chair" : undefined);
      break;
    }
  }
}

/** "The Treasury's Office of Foreign Assets Control", "U.S. Treasury", "Miami, Florida", "X is a wholly owned subsidiary". */
function partOfRelations(ctx: Ctx, s: Sentence, ms: readonly Mention[]): void {
  for (let i = 0; i + 1 < ms.length; i++) {
    const a = ms[i]!;
    const b = ms[i + 1]!;
    const ta = ctx.typeOf(a.key!);
    const tb = ctx.typeOf(b.key!);
    const between = textBetween(s, a, b);
    // ORG1’s ORG2: the second belongs to the first.
    if (a.possessive && /^['’]s\s+$/.test(between) && tb === "Organization" && (ta === "Organization" || a.country)) {
      emit(ctx, b.key, "PART_OF", a.key, evidence(ctx, s.article, a.start, b.end), "possessive-part");
      continue;
    }
    // A state named right before its institution: "U.S. Treasury".
    if (a.country && !a.metonymFor && /^\s$/.test(between) && tb === "Organization" && !b.country && b.rule !== "gazetteer:media-outlet") {
      emit(ctx, b.key, "PART_OF", a.key, evidence(ctx, s.article, a.start, b.end), "state-institution");
      continue;
    }
    // "Miami, Florida", "Limassol, Cyprus": a place and the larger place after a comma.
    if ((ta === "Place" || ta === "Organization") && /^,\s+$/.test(between) && (tb === "Place" || b.country) && ta === "Place" && a.key !== b.key) {
      const next = s.text.slice(b.end - s.start).trimStart();
      if (!/^(?:and|or)\b/.test(next) && !ms.some((x) => x !== b && x.start > b.end && /^(?:,\s*)?(?:and|or)\s/.test(textBetween(s, b, x)) && x.start - b.end < 8)) {
        emit(ctx, a.key, "PART_OF", b.key, evidence(ctx, s.article, a.start, b.end), "place-comma-place");
      }
    }
    // "Prague’s Václav Havel Airport": a place in a place.
    if (a.possessive && /^['’]s\s+$/.test(between) && ta === "Place" && tb === "Place") {
      emit(ctx, b.key, "PART_OF", a.key, evidence(ctx, s.article, a.start, b.end), "possessive-place");
    }
  }
  // "X is a wholly owned subsidiary (of Y)"
  const sub = /\b(?:is|was|as)\s+(?:a|an)\s+(?:wholly[- ]owned\s+|majority[- ]owned\s+)?(?:subsidiary|unit|division|arm|affiliate)\b(?:\s+of\s+)?/i.exec(s.text);
  if (sub) {
    const child = ms.filter((m) => m.end - s.start <= (sub.index ?? 0) && ctx.typeOf(m.key!) === "Organization").at(-1);
    const parent = ms.find((m) => m.start - s.start >= (sub.index ?? 0) + sub[0].length && ctx.typeOf(m.key!) === "Organization");
    if (child && parent) emit(ctx, child.key, "PART_OF", parent.key, evidence(ctx, s.article, child.start, parent.end), "subsidiary");
    else if (child) {
      // "Polavia Cargo is a wholly owned subsidiary." — of the brand its name starts with.
      const brand = ms.find((m) => m !== child && ctx.typeOf(m.key!) === "Organization" && child.text.startsWith(m.text + " "));
      const key = brand?.key ?? ctx.env.entityNamed(nameKey(child.text.split(/\s+/)[0]!));
      if (key && key !== child.key) emit(ctx, child.key, "PART_OF", key, evidence(ctx, s.article, child.start, s.start + (sub.index ?? 0) + sub[0].length), "subsidiary-brand");
    }
  }
}

const SANCTION_VERB = /\b(?:sanctioned|sanctions|sanctioning|fined|blacklisted|designated|imposed sanctions on|froze the assets of)\b/i;
const DRAFT_VERB = /\b(?:drafted|draft|drafting|drew up|drawn up|wrote|written|authored|co-authored|prepared|signed|sign|signing|agreed|negotiated|proposed|issued|sent)\b/i;
const REPORT_VERB = /\b(?:reported|reports|revealed|reveals|published|publishes|made public|detailed|broke the story)\b/i;
const SUPPORT_VERB = /\b(?:supports?|supported|backs?|backed|endorses?|endorsed|welcomed?|welcomes|praised?|praises|favou?rs?|in favou?r of|champions?|will back|has been won over|calls? the deal|secures?)\b/i;
const OPPOSE_VERB = /\b(?:opposes?|opposed|rejects?|rejected|criticized|criticised|condemned|denounced|against|tear up|torn up|pull the plug|to stop|insufficient|would not be enough|has real problems|dismissed|disputes?|called the report|threaten(?:s|ed)? (?:a )?strike)\b/i;

/** Verbs between an actor and a document or target: sanctions, drafting, reporting, support, opposition. */
function actionRelations(ctx: Ctx, s: Sentence, ms: readonly Mention[]): void {
  const docs = ms.filter((m) => ctx.typeOf(m.key!) === "Document");
  // A demonym ("a Russian envoy") names the state served, not an actor of the sentence.
  const actors = ms.filter((m) => {
    const t = ctx.typeOf(m.key!);
    return (t === "Person" || t === "Organization") && !m.aliasExcluded;
  });
  // Passive with "by": "DOC, drafted/prepared/drawn up/made public/detailed by X (and Y)".
  for (const d of docs) {
    // Every passive the document is the subject of: "…, drafted by X and Y, was made public by Z."
    const after = s.text.slice(d.end - s.start);
    const nextDoc = docs.find((x) => x.start > d.end);
    const limit = nextDoc ? nextDoc.start - d.end : after.length;
    const passiveRe = /(?:^|[\s,]+)(?:(?:which|that)\s+)?(?:(?:was|were|is|has been|had been)\s+)?(?:\w+\s+){0,2}?(drafted|prepared|drawn up|written|authored|signed|made public|detailed|published|revealed|reported|issued|sent)\s+(?:[\w’']+\s+){0,6}?by\s+/gi;
    for (const passive of after.slice(0, limit).matchAll(passiveRe)) {
      // Only the document's own verbs: right after it, or after an appositive (", drafted by …, was made public by").
      const lead = after.slice(0, passive.index ?? 0);
      if (!/^\s*,?\s*$/.test(lead) && !(/^\s*,[^.;]*$/.test(lead) && /^\s*,/.test(passive[0]))) continue;
      const from = d.end + (passive.index ?? 0) + passive[0].length;
      const agents = listAfter(ms, s, from).filter((m) => ctx.typeOf(m.key!) !== "Document");
      const verb = passive[1]!.toLowerCase();
      const type: RelationType = /made public|detailed|published|revealed|reported/.test(verb) ? "REPORTED" : "DRAFTED";
      for (const agent of agents) {
        const agentType = ctx.typeOf(agent.key!);
        if (agentType === "Place") continue;
        if (type === "REPORTED" && agentType !== "Organization") continue;
        emit(ctx, agent.key, type, d.key, evidence(ctx, s.article, d.start, agent.end), `passive-${type.toLowerCase()}`);
      }
    }
    // "DOC by X": "a report by consultancy Kessler Lund Advisory"
    const by = /^\s+by\s+(?:(?:the\s+)?[a-z]+\s+){0,2}$/;
    const agent = ms.find((m) => m.start > d.end && by.test(textBetween(s, d, m)) && ctx.typeOf(m.key!) !== "Document");
    if (agent) emit(ctx, agent.key, "DRAFTED", d.key, evidence(ctx, s.article, d.start, agent.end), "doc-by");
    // "X’s DOC" for authored kinds: "Mueller’s reports", "the ZZPP’s open letter".
    const owner = ms.find((m) => m.possessive && m.end <= d.start && d.start - m.end <= 16 && /^['’]s\s+(?:[a-z-]+\s+){0,2}$/.test(textBetween(s, m, d)));
    if (owner && d.docKind && ["report", "letter", "proposal"].includes(d.docKind) && ctx.typeOf(owner.key!) !== "Place" && !owner.country) {
      emit(ctx, owner.key, "DRAFTED", d.key, evidence(ctx, s.article, owner.start, d.end), "possessive-author");
    }
    if (d.rule === "doc:possessive" && /[’']s/.test(d.text) && d.docKind && ["report", "letter"].includes(d.docKind)) {
      const lastName = d.text.split(/[’']s/)[0]!;
      const authorKey = ctx.env.personEndingAt(d.article, d.start + lastName.length);
      if (authorKey) emit(ctx, authorKey, "DRAFTED", d.key, evidence(ctx, s.article, d.start, d.end), "possessive-author");
    }
  }
  // Active voice: ACTOR … VERB … TARGET within one clause.
  for (const actor of actors) {
    // "Thalassa, run by … Kostas Mavridis, sent …": the man inside the by-phrase is not the one who sent.
    if (/\b(?:by|of|to|with|for|from|whose)\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,3}$/u.test(s.text.slice(Math.max(0, actor.start - s.start - 40), actor.start - s.start))) continue;
    if (actor.possessive && !/^['’]s\s+(?:own\s+)?(?:supervisory board|board|government|ministry|lawyers|officials)/i.test(s.text.slice(actor.end - s.start, actor.end - s.start + 40))) continue;
    const clauseEnd = nextClauseBoundary(s, actor.end);
    for (const target of ms) {
      if (target.start <= actor.end || target.start - s.start > clauseEnd) continue;
      const between = textBetween(s, actor, target);
      if (between.length > 90) continue;
      // Do not reach across another actor acting on its own ("X said Y sanctioned Z").
      if (/\b(?:said|says|told|according to)\b/i.test(between)) continue;
      const targetType = ctx.typeOf(target.key!);
      const ev = evidence(ctx, s.article, actor.start, target.end);
      if ((targetType === "Person" || targetType === "Organization") && /^(?:\s*(?:has|have|had|was|were|also|then|later|already)\s+)*\s*(?:sanctioned|fined|blacklisted)\s+(?:\w+\s+){0,1}$/i.test(between)) {
        emit(ctx, actor.key, "SANCTIONED", target.key, ev, "active-sanction");
        for (const more of listAfter(ms, s, target.start).slice(1)) if (ctx.typeOf(more.key!) !== "Place") emit(ctx, actor.key, "SANCTIONED", more.key, evidence(ctx, s.article, actor.start, more.end), "active-sanction");
        continue;
      }
      if (targetType !== "Document") continue;
      if (/\b(?:not|never|no)\b/i.test(between) && !OPPOSE_VERB.test(between)) continue;
      if (new RegExp(`^[^.;]{0,70}?${DRAFT_VERB.source}[^.;]{0,40}$`, "i").test(between) && !/\bby\s*$/.test(between)) {
        const verb = DRAFT_VERB.exec(between)![0].toLowerCase();
        emit(ctx, actor.key, "DRAFTED", target.key, ev, "active-draft", /sign/.test(verb) ? "signed" : verb === "commissioned" ? "commissioned" : undefined);
      } else if (REPORT_VERB.test(between) && ctx.typeOf(actor.key!) === "Organization") {
        emit(ctx, actor.key, "REPORTED", target.key, ev, "active-report");
      } else if (OPPOSE_VERB.test(between)) {
        emit(ctx, actor.key, "OPPOSES", target.key, ev, "active-oppose");
      } else if (SUPPORT_VERB.test(between)) {
        emit(ctx, actor.key, "SUPPORTS", target.key, ev, "active-support");
      }
    }
  }
  // "under US sanctions", "despite U.S. Treasury sanctions": the sanctioning state or body, on the sentence's subject.
  const under = /\b(?:under|despite|faces?|facing|subject to|hit with)\s+((?:[\p{Lu}][\p{L}.]*\s+){1,3})sanctions\b/u.exec(s.text);
  if (under) {
    const at = s.start + (under.index ?? 0);
    const sanctioners = ms.filter((m) => m.start >= at && m.end <= at + under[0].length && ctx.typeOf(m.key!) === "Organization");
    // "has been under US sanctions": the subject; "… Dmitriev's entry despite U.S. Treasury sanctions": the person just named.
    const subject = /^despite\b/i.test(under[0])
      ? ms.filter((m) => m.end <= at && at - m.end <= 80 && ctx.typeOf(m.key!) === "Person").at(-1)
      : subjectOf(ctx, s, ms, at);
    if (subject) for (const org of sanctioners) emit(ctx, org.key, "SANCTIONED", subject.key, evidence(ctx, s.article, Math.min(subject.start, org.start), at + under[0].length), "under-sanctions");
  }
  void SANCTION_VERB;
}

/** The people and organizations listed from a position: "X, Y and Z". */
function listAfter(ms: readonly Mention[], s: Sentence, from: number): Mention[] {
  const out: Mention[] = [];
  let cursor = from;
  for (const m of ms) {
    if (m.start < cursor) continue;
    const gap = s.text.slice(cursor - s.start, m.start - s.start);
    // The first agent may follow unnamed ones: "by Norwegian diplomats and Kari Lund".
    const firstOk = /^[\s\w-]{0,40}$/.test(gap) && (!/\b(?:and|or|in|on|at)\b/.test(gap) || /^(?:\s*[\p{L}-]+){1,3}\s+and\s+$/u.test(gap));
    if (out.length === 0 ? firstOk : /^\s*(?:,\s*(?:and\s+)?|\s+and\s+|&\s*)\s*$/.test(gap)) {
      out.push(m);
      cursor = m.end;
    } else break;
  }
  return out;
}

function nextClauseBoundary(s: Sentence, from: number): number {
  const rest = s.text.slice(from - s.start);
  const m = /[;:]|\.\s|,\s+(?:while|but|whereas|although|though)\b/.exec(rest);
  return m ? from - s.start + (m.index ?? 0) : s.text.length;
}

/** The grammatical subject before a position: the last person or organization not inside a prepositional phrase. */
function subjectOf(ctx: Ctx, s: Sentence, ms: readonly Mention[], before: number): Mention | undefined {
  const candidates = ms.filter((m) => m.end <= before && (ctx.typeOf(m.key!) === "Person" || ctx.typeOf(m.key!) === "Organization") && !m.possessive);
  for (const m of candidates) {
    const prev = s.text.slice(Math.max(0, m.start - s.start - 12), m.start - s.start);
    if (/\b(?:of|to|with|from|by|for)\s+(?:the\s+)?$/.test(prev)) continue;
    return m;
  }
  return candidates[0];
}

/** Entities named in one sentence: the lower CO_MENTIONED layer (never counted as a relation). */
function coMentions(ctx: Ctx, s: Sentence, ms: readonly Mention[]): void {
  if (s.kind !== "body") return;
  const keys = [...new Set(ms.filter((m) => !m.weak && ctx.typeOf(m.key!) !== "Document" || ctx.typeOf(m.key!) === "Document").map((m) => m.key!))].sort();
  if (keys.length < 2 || keys.length > 8) return;
  ctx.coMentions.push({ keys, evidence: evidence(ctx, s.article, s.start, s.end) });
}
