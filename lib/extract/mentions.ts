// Sentences → mentions: names of people, organizations, places and documents with exact spans.
// Capitalized sequences are split into title + name, typed by generic cues (organization and
// place head words, compromise's lexicon of first names and places, the gazetteer), and lone
// capitalized words are left "Unknown" for resolution to decide (a surname, an acronym, a city).
import { foldText, type EntityType } from "../contract";
import { countryOfDemonym, type Gazetteer } from "./gazetteer";
import {
  EVENT_HEAD_WORDS,
  LEGAL_SUFFIXES,
  NON_ORG_ACRONYMS,
  NON_ENTITY_PHRASES,
  NON_NAME_WORDS,
  ORG_HEAD_WORDS,
  PLACE_HEAD_WORDS,
  ROLE_WORDS,
  SUB_UNIT_HEADS,
} from "./knowledge";
import { isCommonWord, isKnownFirstName, isKnownOrganization, isKnownPlace, lexiconTags, lowerCase } from "./lexicon";
import type { Mention, Sentence, Token } from "./types";

const CONNECTORS = new Set(["of", "for", "and", "&", "de", "du", "des", "van", "von", "der", "den", "del", "della", "la", "le", "da", "di", "al", "el", "bin", "ibn", "y", "on", "upon"]);
const NAME_PARTICLES = new Set(["van", "von", "de", "der", "den", "del", "della", "da", "di", "du", "la", "le", "al", "el", "bin", "ibn", "ter", "ten"]);
const LOWER_LEGAL = new Set(["a.s.", "s.r.o.", "a.s", "sp.", "s.a.", "plc", "gmbh"]);
// Roles held in a state's service: after a demonym they tie the person to that state.
const STATE_ROLE_RE = /^(?:president|minister|ministers|secretary|ambassador|envoy|diplomat|diplomats|official|officials|spokesman|spokeswoman|spokesperson|negotiator|negotiators|senator|lawmaker|lawmakers|general|commander|premier|chancellor|prime|chief|intelligence|security)$/i;
// "Mossad chief David Barnea", "Gazprom spokesman Sergei Kupriyanov": a lone name before a role and a person is an organization.
const ORG_ROLE_RE = /^(?:chief|head|boss|spokesman|spokeswoman|spokesperson|director|chairman|chairwoman|founder|president|ceo|official|officials|executive|lawyer|lawyers|analyst|economist|adviser|advisor)$/i;
const CLAUSE_AUXILIARIES = new Set(["will", "can", "may", "could", "should", "would", "did", "does", "do", "is", "are", "was", "were", "has", "have", "had", "must", "might", "shall", "how", "why", "what", "when", "where", "who", "whether", "if", "as", "but", "and", "so", "yet", "while", "after", "before", "since", "although", "though"]);
const TITLE_ABBREVIATIONS = new Set(["capt", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "maj", "adm", "dr", "prof", "mr", "mrs", "ms", "st", "cpt", "cmdr", "supt", "insp", "amb", "pres"]);
// Prepositions after which an unknown two-word name is more likely a place than a person.
const PLACE_PREPOSITIONS = new Set(["in", "near", "outside", "inside"]);
const REPORTING_VERBS = /^(?:reported|reports|report|said|says|told|revealed|published|wrote|confirmed|noted)$/i;

export interface MentionContext {
  gazetteer: Gazetteer;
}

const lower = lowerCase;
const isWord = (t: Token | undefined): t is Token => Boolean(t && (t.kind === "word" || t.kind === "number"));
// "Ukrainian-held", "Prague-based", "European-mediated": adjectives, not names.
// Asked of every capitalized word: the expression runs only on the few with a hyphen.
const isHyphenAdjective = (t: Token) => (t.text.includes("-") || t.text.includes("‑")) && /^\p{Lu}[\p{L}\p{M}]*[-‑]\p{Ll}+$/u.test(t.text);
const isCapWord = (t: Token | undefined): boolean => Boolean(t && t.kind === "word" && (t.cap || t.upper) && !isHyphenAdjective(t));

function isRoleWord(t: Token): boolean {
  return ROLE_WORDS.has(lower(t.text)) || countryOfDemonym(t.text) !== null;
}

function isOrgHead(t: Token): boolean {
  const w = lower(t.text);
  // "Inc." as "inc": the word without its closing period.
  return ORG_HEAD_WORDS.has(w.endsWith(".") ? w.slice(0, -1) : w) || ORG_HEAD_WORDS.has(w) || LEGAL_SUFFIXES.includes(w);
}

function isPlaceHead(t: Token): boolean {
  return PLACE_HEAD_WORDS.has(lower(t.text));
}

/** A token that can be part of a person's name. */
function isNameToken(t: Token): boolean {
  if (t.kind !== "word" || !(t.cap || t.upper)) return false;
  const w = lower(t.text);
  if (NON_NAME_WORDS.has(w) || ROLE_WORDS.has(w) || ORG_HEAD_WORDS.has(w) || PLACE_HEAD_WORDS.has(w)) return false;
  if (countryOfDemonym(t.text) !== null) return false;
  if (t.upper && t.text.length <= 5 && !/^(?:[A-Z]\.)+$/.test(t.text)) return false; // acronyms
  if (/^\p{N}/u.test(t.text)) return false;
  return true;
}

function sentenceFirstWordIndex(tokens: Token[]): number {
  return tokens.findIndex((t) => t.kind === "word" || t.kind === "number");
}

/** Whether position i starts a clause, where capitals carry no information. */
function isClauseInitial(tokens: Token[], i: number): boolean {
  if (i === sentenceFirstWordIndex(tokens)) return true;
  const prev = tokens[i - 1];
  if (!prev) return true;
  return prev.kind === "punct" && /^[:•\-–—"“‘(]$/.test(prev.text) && (i < 2 || tokens[i - 2]?.kind !== "word" || /^[:•]$/.test(prev.text) || i - 1 === 0);
}

interface Span {
  from: number; // token index
  to: number; // exclusive
}

/** Finds every mention in one sentence. */
export function findMentions(sentence: Sentence, ctx: MentionContext): Mention[] {
  if (sentence.kind === "boilerplate" || sentence.kind === "blank") return [];
  const tokens = sentence.tokens;
  const out: Mention[] = [];
  const weak = sentence.kind === "headline";
  const byline = sentence.kind === "byline";
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    // Hyphenated compounds made of places or states: "Prague-based", "US-Russia", "Russia-Ukraine".
    if (t.kind === "word" && t.cap && /[-‑]/.test(t.text) && (isHyphenAdjective(t) || !isCapWord(tokens[i + 1]))) {
      const parts = splitCompound(t, ctx);
      if (parts.length > 0) {
        for (const p of parts) out.push({ ...p, article: sentence.article, sentence: sentence.index, weak });
        i++;
        continue;
      }
    }
    const entry = ctx.gazetteer.match(tokens, i);
    if (entry && acceptGazetteer(tokens, i, entry.tokens.length, entry.ambiguous === true, entry.source)) {
      const last = tokens[i + entry.tokens.length - 1]!;
      const possessive = tokens[i + entry.tokens.length]?.kind === "possessive";
      out.push({
        article: sentence.article,
        sentence: sentence.index,
        start: t.start,
        end: last.end,
        text: sentence.text.slice(t.start - sentence.start, last.end - sentence.start),
        type: entry.type,
        name: entry.canonical,
        canonical: entry.canonical,
        metonymFor: entry.metonymFor,
        country: entry.country,
        possessive,
        rule: `gazetteer:${entry.source}`,
        weak: weak && entry.source === "publisher" ? false : false,
      });
      i += entry.tokens.length;
      continue;
    }
    // "Swedish trade minister Johan Forssell", "a Russian envoy": a demonym before a role names the state served.
    const demonymCountry = t.kind === "word" && t.cap ? countryOfDemonym(t.text) : null;
    if (demonymCountry && !isCapWord(tokens[i + 1])) {
      let k = i + 1;
      while (k < tokens.length && k - i <= 3 && tokens[k]!.kind === "word" && !tokens[k]!.cap) {
        if (STATE_ROLE_RE.test(tokens[k]!.text)) {
          const d = draft(sentence, tokens, i, i + 1, "Organization", "demonym-role");
          out.push({ ...d, article: sentence.article, sentence: sentence.index, name: demonymCountry, canonical: demonymCountry, country: true, aliasExcluded: true, weak });
          break;
        }
        k++;
      }
    }
    if (isCapWord(t)) {
      const span = collectSequence(tokens, i, ctx);
      // "the Trump administration", "the Tusk government": a leader's name + government noun.
      const after = tokens[span.to];
      if (after && after.kind === "word" && /^(?:administration|government|cabinet)$/.test(after.text) && span.to - span.from <= 3 && !countryOfDemonym(t.text)) {
        const m = draft(sentence, tokens, span.from, span.to + 1, "Organization", "leader-administration");
        out.push({ ...m, article: sentence.article, sentence: sentence.index, weak });
        i = span.to + 1;
        continue;
      }
      for (const m of analyzeSequence(sentence, span, ctx)) out.push({ ...m, article: sentence.article, sentence: sentence.index, weak: weak || m.weak, byline });
      i = Math.max(span.to, i + 1);
      continue;
    }
    i++;
  }
  propagateListTypes(sentence, out);
  return out;
}

/**
 * In a coordination ("Crimea, Donetsk, and Luhansk", "in Kherson and Zaporizhzhia"), a lone
 * unknown word takes the type of its place neighbours.
 */
function propagateListTypes(sentence: Sentence, mentions: Mention[]): void {
  // Only an unknown word among other mentions can take a type.
  if (mentions.length < 2 || !mentions.some((m) => m.type === "Unknown")) return;
  const sorted = mentions.slice().sort((a, b) => a.start - b.start);
  const joiner = /^\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)\s*$/;
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k < sorted.length; k++) {
      const m = sorted[k]!;
      if (m.type !== "Unknown" || m.rule === "acronym" || lexiconTags(m.text.replace(/s$/, "")).includes("Demonym")) continue;
      for (const n of [sorted[k - 1], sorted[k + 1]]) {
        if (!n || n.rule === "gazetteer:demonym-plural" || (n.type !== "Place" && !(n.country && !n.metonymFor))) continue;
        const [a, b] = n.start < m.start ? [n, m] : [m, n];
        const between = sentence.text.slice(a.end - sentence.start, b.start - sentence.start);
        if (joiner.test(" " + between) || joiner.test(between)) {
          m.type = "Place";
          m.rule = "list-of-places";
          break;
        }
      }
    }
  }
}

function acceptGazetteer(tokens: Token[], i: number, length: number, ambiguous: boolean, source: string): boolean {
  const next: Token | undefined = tokens[i + length];
  // "Moscow State University", "Washington Post": a longer capitalized name wins over the entry.
  if (isCapWord(next) && source !== "country" && source !== "international-body") {
    let j = i + length;
    while (isCapWord(tokens[j])) j++;
    const last = tokens[j - 1]!;
    if (isOrgHead(last) || isPlaceHead(last)) return false;
  }
  if (!ambiguous) return true;
  // Outlets named like common words ("Time", "X") need a cue: not clause-initial, and a
  // reporting verb after or a platform/outlet word before.
  if (isClauseInitial(tokens, i)) return false;
  const prev = tokens[i - 1];
  const prevWord = prev ? lower(prev.text) : "";
  return (
    (isWord(next) && REPORTING_VERBS.test(next.text)) ||
    ["platform", "magazine", "outlet", "newspaper", "broadcaster", "network", "agency", "told"].includes(prevWord)
  );
}

function splitCompound(t: Token, ctx: MentionContext): Array<Omit<Mention, "article" | "sentence">> {
  const parts = t.text.split(/([-‑])/);
  const out: Array<Omit<Mention, "article" | "sentence">> = [];
  let offset = t.start;
  for (const part of parts) {
    if (part !== "-" && part !== "‑" && part) {
      const entry = ctx.gazetteer.match([{ text: part }], 0);
      if (entry && entry.tokens.length === 1 && !entry.ambiguous) {
        out.push({
          start: offset,
          end: offset + part.length,
          text: part,
          type: entry.type,
          name: entry.canonical,
          canonical: entry.canonical,
          metonymFor: entry.metonymFor,
          country: entry.country,
          possessive: false,
          rule: `gazetteer-compound:${entry.source}`,
        });
      }
    }
    offset += part.length;
  }
  return out;
}

/** Extends a capitalized run through name connectors ("Office of Foreign Assets Control"). */
function collectSequence(tokens: Token[], i: number, ctx: MentionContext): Span {
  let j = i + 1;
  while (j < tokens.length) {
    const t = tokens[j]!;
    if (isCapWord(t)) {
      // A country or body after a connector starts a new name: "Minister of Transport of the Czech Republic".
      const prev = tokens[j - 1]!;
      if (prev.kind === "word" && !prev.cap && ctx.gazetteer.match(tokens, j)?.country) break;
      j++;
      continue;
    }
    if (t.kind === "word" && LOWER_LEGAL.has(lower(t.text))) {
      j++;
      break;
    }
    // "Polavia Pilots’ Union": a plural possessive inside a name.
    if ((t.text === "’" || t.text === "'") && /s$/.test(tokens[j - 1]!.text) && tokens[j - 1]!.end === t.start && isCapWord(tokens[j + 1])) {
      j++;
      continue;
    }
    // "Capt. Renata Gajewska", "Gen. Smith": an abbreviated title and its period.
    if (t.text === "." && TITLE_ABBREVIATIONS.has(lower(tokens[j - 1]!.text)) && j - 1 === i && isCapWord(tokens[j + 1])) {
      j++;
      continue;
    }
    const w = lower(t.text);
    // "von der Leyen", "de la Cruz", "van den Berg": a chain of name particles before a surname.
    if (t.kind === "word" && NAME_PARTICLES.has(w) && NAME_PARTICLES.has(lower(tokens[j + 1]?.text ?? "")) && isCapWord(tokens[j + 2])) {
      j += 2;
      continue;
    }
    if ((t.kind === "word" && CONNECTORS.has(w)) || t.text === "&") {
      // "of"/"for" joins only after a title or an institution word ("Ministry of …", "Secretary of …"),
      // not after a person's name ("Oliver Tremayne of Harwick Lane").
      if ((w === "of" || w === "for") && !tokens.slice(i, j).some((x) => isOrgHead(x) || ROLE_WORDS.has(lower(x.text)) || /^(?:directorate|ministry|department|office)-/i.test(x.text))) break;
      let k = j + 1;
      if ((w === "of" || w === "for" || w === "on") && lower(tokens[k]?.text ?? "") === "the") k++;
      if (isCapWord(tokens[k]) && !(w === "of" && ctx.gazetteer.match(tokens, k)?.country)) {
        j = k;
        continue;
      }
    }
    break;
  }
  return { from: i, to: j };
}

type Draft = Omit<Mention, "article" | "sentence"> & { weak?: boolean };

function draft(sentence: Sentence, tokens: Token[], from: number, to: number, type: Mention["type"], rule: string): Draft {
  const start = tokens[from]!.start;
  const end = tokens[to - 1]!.end;
  const text = sentence.text.slice(start - sentence.start, end - sentence.start);
  return { start, end, text, type, name: text, possessive: tokens[to]?.kind === "possessive", rule };
}

/** Splits a capitalized run into title, organization, place and person parts and types each. */
function analyzeSequence(sentence: Sentence, span: Span, ctx: MentionContext): Draft[] {
  const tokens = sentence.tokens;
  let { from, to } = span;
  // Clause-initial ordinary words and page words carry no name: "Published", "Secret Meetings".
  while (from < to) {
    const t = tokens[from]!;
    const w = lower(t.text);
    if (NON_NAME_WORDS.has(w) || CONNECTORS.has(w)) {
      from++;
      continue;
    }
    // "Will Congress receive …?", "Can Europe …": a question's auxiliary, even where it is also a given name.
    if (isClauseInitial(tokens, from) && CLAUSE_AUXILIARIES.has(w) && to - from > 1) {
      from++;
      continue;
    }
    const runEndsAsOrg = to - from >= 2 && isOrgHead(tokens[to - 1]!);
    // In body text a clause-initial noun or adjective followed by more capitals starts a name
    // ("Amnesty International", "Max Schrems"); function words and verbs never do ("Many Republicans").
    const startsName = sentence.kind === "body" && to - from >= 2 && !isFunctionWord(t.text);
    // A lone institution word ("Commission spokesperson …") stays, to be resolved to its body.
    const loneInstitution = to - from === 1 && isOrgHead(t);
    if (isClauseInitial(tokens, from) && !t.upper && !runEndsAsOrg && !startsName && !loneInstitution && isCommonWord(t.text) && !isKnownFirstName(t.text) && !ROLE_WORDS.has(w)) {
      from++;
      continue;
    }
    break;
  }
  while (to > from && (NON_NAME_WORDS.has(lower(tokens[to - 1]!.text)) || CONNECTORS.has(lower(tokens[to - 1]!.text)))) to--;
  if (from >= to) return [];
  const phrase = sentence.text.slice(tokens[from]!.start - sentence.start, tokens[to - 1]!.end - sentence.start);
  if (NON_ENTITY_PHRASES.has(lower(phrase))) return [];
  // "Representing Washington", "The U.S.": once the leading word is gone, a name the gazetteer knows.
  if (from > span.from) {
    const entry = ctx.gazetteer.match(tokens, from);
    if (entry && entry.tokens.length === to - from && !entry.ambiguous) {
      return [{ ...draft(sentence, tokens, from, to, entry.type, `gazetteer:${entry.source}`), name: entry.canonical, canonical: entry.canonical, metonymFor: entry.metonymFor, country: entry.country }];
    }
  }

  // A list of two names joined by "and"/"&" unless the whole is one organization name.
  const andAt = findIndexIn(tokens, from, to, (t) => lower(t.text) === "and" || t.text === "&");
  if (andAt !== -1) {
    const whole = isOrgHead(tokens[to - 1]!);
    const leftEndsOrg = isOrgHead(tokens[andAt - 1]!);
    // "Procter & Gamble", "Harwick Lane & Co.": one firm; "Ana Lima & Jon Dahl": two people.
    const ampersandFirm = tokens[andAt]!.text === "&" && (andAt - from === 1 || to - andAt - 1 === 1 || /^(?:co|sons|partners|associates|company)\.?$/i.test(tokens[to - 1]!.text));
    // "Polavia and Vltavia Airlines": one name on the left, a longer name on the right — a list.
    const listOfNames =
      (andAt - from === 1 && to - andAt - 1 >= 2 && tokens[andAt]!.text !== "&" && !isCommonWord(tokens[from]!.text)) ||
      // "Dmitry Peskov and White House …": a person's name is never the first half of an organization's.
      (andAt - from >= 2 && isKnownFirstName(tokens[from]!.text) && isPersonLike(tokens.slice(from, andAt)));
    if ((!(whole && !leftEndsOrg) && !ampersandFirm) || listOfNames) {
      return [...analyzeSequence(sentence, { from, to: andAt }, ctx), ...analyzeSequence(sentence, { from: andAt + 1, to }, ctx)];
    }
  }

  // Gazetteer names inside the run ("EU High Representative …" was caught earlier; here
  // "Minister of Transport of the Czech Republic" style splits were already made).
  // Person tail: the longest run of name tokens at the end, after an optional title.
  let r = to;
  while (r > from && (isNameToken(tokens[r - 1]!) || (NAME_PARTICLES.has(lower(tokens[r - 1]!.text)) && r - 1 > from))) r--;
  // "Minister of State Assets Witold Sęk": ordinary words at the head of the tail belong to the title.
  while (to - r > 2 && isCommonWord(tokens[r]!.text) && !isKnownFirstName(tokens[r]!.text) && !NAME_PARTICLES.has(lower(tokens[r]!.text))) r++;
  const tailLength = to - r;
  const prefixLength = r - from;
  const out: Draft[] = [];

  if (prefixLength > 0 && tailLength > 0) {
    const prefixTokens = tokens.slice(from, r);
    const prefixHasRole = prefixTokens.some((t) => ROLE_WORDS.has(lower(t.text)));
    const beforeTail = tokens[r - 1]!;
    const roleRightBefore =
      isRoleWord(beforeTail) ||
      (beforeTail.upper && beforeTail.text.length <= 4) ||
      (ROLE_WORDS.has(lower(tokens[from]!.text)) && isOrgHead(beforeTail) && prefixTokens.some((t) => lower(t.text) === "of"));
    // "Office of Foreign Assets Control" is a name, not "Office of Foreign" + a person; "Commission President X" is a title.
    const prefixStartsWithOrg = isOrgHead(tokens[from]!) && !ROLE_WORDS.has(lower(tokens[from]!.text)) && /^(?:of|for)$/i.test(tokens[from + 1]?.text ?? "");
    if (prefixHasRole && roleRightBefore && !prefixStartsWithOrg && isPersonLike(tokens.slice(r, to))) {
      // Title + person: "Secretary of State Marco Rubio", "Ukrainian President Volodymyr Zelenskiy".
      const person = draft(sentence, tokens, r, to, tailLength >= 2 ? "Person" : "Unknown", tailLength >= 2 ? "title+name" : "title+surname");
      const titleStart = tokens[from]!.start;
      const titleEnd = tokens[r - 1]!.end;
      person.title = { text: sentence.text.slice(titleStart - sentence.start, titleEnd - sentence.start), start: titleStart, end: titleEnd };
      if (tailLength === 1) person.type = "Person";
      out.push(...analyzeTitle(sentence, from, r, ctx));
      out.push(person);
      return out;
    }
  }

  const first = tokens[from]!;
  const last = tokens[to - 1]!;
  const count = to - from;
  // "Miami Summit", "The Energy Factor": events and headings, not people or places.
  if (EVENT_HEAD_WORDS.has(lower(last.text)) && !isOrgHead(last)) return [];
  // "Václav Havel Airport Prague": a place name followed by its city.
  const placeHeadAt = findIndexIn(tokens, from, to - 1, (t) => isPlaceHead(t));
  if (placeHeadAt > from && ctx.gazetteer.match(tokens, placeHeadAt + 1) && placeHeadAt + 1 + (ctx.gazetteer.match(tokens, placeHeadAt + 1)?.tokens.length ?? 0) === to) {
    return [draft(sentence, tokens, from, to, "Place", "place-head+city")];
  }
  // "International Organization for Migration", "National Institute of Health": an institution word before of/for.
  const ofAt = findIndexIn(tokens, from + 1, to - 1, (t) => /^(?:of|for)$/i.test(t.text));
  if (ofAt > from && isOrgHead(tokens[ofAt - 1]!) && !ROLE_WORDS.has(lower(tokens[from]!.text))) return [draft(sentence, tokens, from, to, "Organization", "org-head-of")];
  // "Ministry of State Assets", "Directorate-General for Competition", "Office of Foreign Assets Control".
  if (isOrgHead(first) || /^(?:directorate|ministry|department|office|bank|council|court|university|institute|agency|commission)-/i.test(first.text)) {
    const connector = tokens[from + 1];
    if (connector && /^(?:of|for)$/i.test(connector.text) && count >= 3) return [draft(sentence, tokens, from, to, "Organization", "org-head-of")];
  }
  // Title + organization: "Chief of the General Staff" → role "Chief of the", org "General Staff".
  if (ROLE_WORDS.has(lower(first.text))) {
    const ofAt = findIndexIn(tokens, from, to, (t) => lower(t.text) === "of" || lower(t.text) === "for");
    if (ofAt !== -1) {
      let k = ofAt + 1;
      if (lower(tokens[k]?.text ?? "") === "the") k++;
      if (k < to && isOrgHead(last)) {
        if (SUB_UNIT_HEADS.has(lower(last.text)) && tokens.slice(k, to).every((t) => isCommonWord(t.text))) return [];
        return [draft(sentence, tokens, k, to, "Organization", "title-of-org")];
      }
    }
  }
  // "Supervisory Board", "Corporate Communications": an internal body, named only by ordinary words.
  if (SUB_UNIT_HEADS.has(lower(last.text)) && tokens.slice(from, to).every((t) => isCommonWord(t.text))) return [];
  if (count === 1 && isOrgHead(last)) return [draft(sentence, tokens, from, to, "Unknown", "capitalized-word")];
  if (count <= 2 && !first.upper && tokens[to]?.kind === "word" && !tokens[to]!.cap && ORG_ROLE_RE.test(tokens[to]!.text) && isCapWord(tokens[to + 1]) && !isKnownFirstName(first.text) && !countryOfDemonym(first.text) && !isCommonWord(first.text)) {
    return [draft(sentence, tokens, from, to, "Organization", "org-before-role")];
  }
  if (isOrgHead(last) || (count >= 2 && LOWER_LEGAL.has(lower(last.text)))) {
    // Leading demonyms belong to the name ("Russian Direct Investment Fund"), titles do not.
    let s = from;
    while (s < to - 1 && ROLE_WORDS.has(lower(tokens[s]!.text)) && !countryOfDemonym(tokens[s]!.text) && !/^(?:national|state|foreign|special|high|senior)$/i.test(tokens[s]!.text)) s++;
    return [draft(sentence, tokens, s, to, "Organization", "org-head-word")];
  }
  if (isPlaceHead(last) && count >= 2) return [draft(sentence, tokens, from, to, "Place", "place-head-word")];
  if (isKnownPlace(phrase)) return [draft(sentence, tokens, from, to, "Place", "lexicon-place")];
  if (isKnownOrganization(phrase) && count >= 1 && phrase.length > 2) return [draft(sentence, tokens, from, to, "Organization", "lexicon-organization")];
  if (count === 1) {
    if (NON_ORG_ACRONYMS.has(first.text)) return [];
    if (first.upper && first.text.replace(/[^A-Z]/g, "").length >= 2 && first.text.length <= 8) return [draft(sentence, tokens, from, to, "Unknown", "acronym")];
    if (ROLE_WORDS.has(lower(first.text)) || countryOfDemonym(first.text)) return [];
    if (/^\p{N}/u.test(first.text)) return [];
    return [draft(sentence, tokens, from, to, "Unknown", "capitalized-word")];
  }
  if (tokens.slice(from, to).every((t) => t.upper)) {
    if (tokens.slice(from, to).some((t) => NON_ORG_ACRONYMS.has(t.text))) return [];
    return [draft(sentence, tokens, from, to, "Unknown", "acronym")];
  }
  // Two to four name tokens: a person if the first is a known given name or no token is an
  // ordinary English word (foreign names are absent from the lexicon).
  const all = tokens.slice(from, to);
  if (count <= 4 && all.every((t) => isNameToken(t) || NAME_PARTICLES.has(lower(t.text)))) {
    const firstIsGiven = isKnownFirstName(first.text) || isKnownFirstName(foldText(first.text));
    const commonCount = all.filter((t) => !NAME_PARTICLES.has(lower(t.text)) && isCommonWord(t.text) && !isKnownFirstName(t.text)).length;
    // "Max Schrems", "Mark Rutte": a given name that is also a word, then an unmistakable surname.
    const lastIsSurname = sentence.kind === "body" && count <= 3 && !isCommonWord(last.text) && !last.upper && commonCount === 1 && isCommonWord(all.at(-2)!.text);
    if (firstIsGiven || commonCount === 0 || lastIsSurname) {
      const person = draft(sentence, tokens, from, to, "Person", firstIsGiven ? "given-name+surname" : "name-like");
      // A person's name right after "in"/"at" is more likely a place ("in Santa Clara").
      const prev = tokens[from - 1];
      if (!firstIsGiven && prev && PLACE_PREPOSITIONS.has(lower(prev.text))) person.type = "Place";
      // People rarely take an article: "the Palais Lindenhof", "the Tygodnik Kompas".
      if (!firstIsGiven && prev && /^(?:the|a|an)$/i.test(prev.text)) {
        person.type = "Unknown";
        person.rule = "determiner+name";
      }
      return [person];
    }
  }
  // "(Civic Forward)" right after a name: an affiliation, an organization.
  if (tokens[from - 1]?.text === "(" && tokens[to]?.text === ")" && count >= 2) return [draft(sentence, tokens, from, to, "Organization", "parenthesized-affiliation")];
  // Otherwise the run mixes ordinary words: keep only its named parts, if any.
  if (prefixLength > 0 && tailLength >= 2 && isPersonLike(tokens.slice(r, to))) return [draft(sentence, tokens, r, to, "Person", "name-after-phrase")];
  return [{ ...draft(sentence, tokens, from, to, "Unknown", "title-case-phrase"), weak: true }];
}

/** The organization or country named inside a title ("Polavia Chief Executive", "Chief of the General Staff"). */
function analyzeTitle(sentence: Sentence, from: number, to: number, ctx: MentionContext): Draft[] {
  const tokens = sentence.tokens;
  const out: Draft[] = [];
  // "German Chancellor", "Italian Prime Minister": the demonym names the state the title belongs to.
  for (let i = from; i < to; i++) {
    const country = countryOfDemonym(tokens[i]!.text);
    if (!country) continue;
    const d = draft(sentence, tokens, i, i + 1, "Organization", "demonym-title");
    out.push({ ...d, name: country, canonical: country, country: true, aliasExcluded: true });
  }
  // Leading non-role capitalized words: an organization acting as the employer ("Polavia Chief Executive").
  let k = from;
  while (k < to && !isRoleWord(tokens[k]!)) k++;
  if (k > from) {
    const entry = ctx.gazetteer.match(tokens, from);
    if (!entry) out.push(draft(sentence, tokens, from, k, k - from === 1 ? "Unknown" : "Organization", "title-employer"));
  }
  // "of (the) X Y Council" inside the title.
  const ofAt = findIndexIn(tokens, k, to, (t) => lower(t.text) === "of" || lower(t.text) === "for");
  if (ofAt !== -1) {
    let s = ofAt + 1;
    if (lower(tokens[s]?.text ?? "") === "the") s++;
    const sub = SUB_UNIT_HEADS.has(lower(tokens[to - 1]!.text)) && tokens.slice(s, to).every((t) => isCommonWord(t.text));
    if (s < to && isOrgHead(tokens[to - 1]!) && !sub) out.push(draft(sentence, tokens, s, to, "Organization", "title-of-org"));
  }
  return out;
}

const FUNCTION_TAGS = /^(?:Determiner|Adverb|Preposition|Conjunction|Pronoun|Possessive|QuestionWord|Modal|Copula|PastTense|PresentTense|Infinitive|Gerund|PhrasalVerb|Verb|Cardinal|Ordinal|TextValue|Negative)$/;
const QUANTIFIERS = new Set(["many", "some", "most", "several", "both", "all", "other", "others", "such", "few", "every", "each", "no", "any", "more", "less", "much", "another", "either", "neither", "only", "even", "also", "then", "now", "here", "there", "today", "yesterday", "meanwhile", "still", "yet", "however", "thus", "so", "while", "after", "before", "since", "when", "if", "unlike", "like", "despite", "although", "though", "because", "under", "over", "among", "with", "without", "for", "from", "in", "on", "at", "by", "as", "to", "of"]);

/** A determiner, adverb, verb or other word that cannot begin a name. */
function isFunctionWord(word: string): boolean {
  const w = lower(word);
  if (QUANTIFIERS.has(w) || CLAUSE_AUXILIARIES.has(w)) return true;
  return lexiconTags(w).some((tag) => FUNCTION_TAGS.test(tag));
}

/** Tokens that read as a person's name: given name known, or no ordinary English word. */
function isPersonLike(tokens: Token[]): boolean {
  if (tokens.length === 0) return false;
  if (tokens.length === 1) {
    const t = tokens[0]!;
    return !t.upper && (!isCommonWord(t.text) || isKnownFirstName(t.text));
  }
  if (isKnownFirstName(tokens[0]!.text) || isKnownFirstName(foldText(tokens[0]!.text))) return true;
  // "Pal Jonson", "Mark Rutte": a given name that is also a word, before an unmistakable surname.
  const last = tokens[tokens.length - 1]!;
  const common = tokens.filter((t) => !NAME_PARTICLES.has(lower(t.text)) && isCommonWord(t.text) && !isKnownFirstName(t.text));
  if (tokens.length <= 3 && common.length === 1 && common[0] === tokens[0] && !isCommonWord(last.text) && !last.upper) return true;
  return common.length === 0;
}

function findIndexIn(tokens: Token[], from: number, to: number, test: (t: Token) => boolean): number {
  for (let i = from; i < to; i++) if (test(tokens[i]!)) return i;
  return -1;
}

/** Whether a mention of a capital or place is used as a location ("in Moscow") rather than as an actor. */
const PLACE_PREPOSITIONS_FOR_METONYMS = new Set(["in", "at", "near", "outside", "inside", "from", "to", "into", "aboard", "off", "towards", "toward", "visited", "visiting", "visits", "toured", "reached", "leaving", "left"]);

/** Whether a name follows a locative preposition ("in Moscow", "in central Moscow"). */
export function isLocativeUse(sentence: Sentence, start: number): boolean {
  const tokens = sentence.tokens;
  const idx = tokens.findIndex((t) => t.start === start);
  if (idx <= 0) return false;
  let p = idx - 1;
  while (p >= 0 && tokens[p]!.kind === "word" && !tokens[p]!.cap && !PLACE_PREPOSITIONS_FOR_METONYMS.has(lower(tokens[p]!.text)) && idx - p <= 2) p--;
  const prev = tokens[p];
  return Boolean(prev && PLACE_PREPOSITIONS_FOR_METONYMS.has(lower(prev.text)));
}

/**
 * Whether a capital is named as a place rather than standing for its state: after a locative
 * preposition, in a dateline ("WARSAW/PRAGUE"), or as an attribute ("the Vienna dinner").
 */
export function isPlaceUse(sentence: Sentence, start: number): boolean {
  const tokens = sentence.tokens;
  const idx = tokens.findIndex((t) => t.start === start);
  if (idx < 0) return false;
  if (tokens[idx]!.upper && tokens[idx]!.text.length > 3) return true;
  const next = tokens[idx + 1];
  const prevWord = tokens[idx - 1];
  if (next && next.kind === "word" && !next.cap && prevWord && /^(?:the|a|an)$/i.test(prevWord.text)) return true;
  return isLocativeUse(sentence, start);
}

export type { EntityType };
