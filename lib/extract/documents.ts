// Documents named in text: "Executive Order 14024", "the 28-point peace plan", "Mueller’s
// reports", "the Kessler Lund report", "a framework agreement", "an open letter". Generic
// mentions ("the plan", "the report") are kept for relations and fold into the specific
// document of the same kind in the article when there is one.
import { isVocabularyWord, lexiconTags, lowerCase } from "./lexicon";
import type { Mention, Sentence } from "./types";

/** Nouns that name a document. Grouped by kind so "the plan" can refer back to "the 28-point framework". */
const DOC_KIND_LIST: Record<string, string> = {
  plan: "plan",
  plans: "plan",
  framework: "plan",
  outline: "plan",
  proposal: "proposal",
  proposals: "proposal",
  agreement: "agreement",
  treaty: "agreement",
  accord: "agreement",
  pact: "agreement",
  contract: "agreement",
  arrangement: "agreement",
  memorandum: "agreement",
  report: "report",
  reports: "report",
  audit: "report",
  dossier: "report",
  study: "report",
  letter: "letter",
  waiver: "waiver",
  order: "order",
  decree: "order",
  notice: "notice",
  resolution: "resolution",
  declaration: "declaration",
  bill: "bill",
  memo: "report",
  paper: "proposal",
};

const FIXED_COMPOUNDS = /^(?:open letter|special waiver|white paper|executive order|notice of default|peace deal|peace plan|peace framework|peace proposal|ceasefire agreement|framework agreement|joint statement)$/i;
const NON_MODIFIERS = new Set(
  `the a an this that these those its his her their our your my new old final draft proposed leaked secret confidential internal
  independent formal informal official first second third last latest previous original revised full whole entire same such
  any every each no other another vague detailed reported alleged so-called us u.s. which whose what`.split(/\s+/),
);

export interface DocumentMention extends Mention {
  /** Kind of document (plan, agreement, report, …) for coreference. */
  docKind: string;
  /** Only a head noun and determiners: "the plan". */
  generic: boolean;
}

// A Map, not the object: "constructor" or "toString" in a sentence must not look like a kind of document.
const DOC_KIND = new Map(Object.entries(DOC_KIND_LIST));

const DOC_KIND_MIN_LENGTH = Math.min(...[...DOC_KIND.keys()].map((k) => k.length));
const DOC_KIND_MAX_LENGTH = Math.max(...[...DOC_KIND.keys()].map((k) => k.length));
/** The first two letters of the kinds (all lower-case ASCII letters), as pairs of character codes. */
const DOC_KIND_STARTS = new Set([...DOC_KIND.keys()].map((k) => (k.charCodeAt(0) << 8) | k.charCodeAt(1)));

/** An ASCII capital's lower case; any other character code as it is. */
const asciiLower = (code: number) => (code >= 65 && code <= 90 ? code + 32 : code);

/** The words that name a kind of document, in lower case. */
export function documentKindWords(): string[] {
  return [...DOC_KIND.keys()];
}

/** The kind of document `word` names in any case ("Report" → "report"), if any. */
export function documentKind(word: string): string | undefined {
  // Every token is asked, and most are no kind of document: the length and the first two letters
  // rule them out before the word is lower-cased and looked up. Lower-casing never shortens a
  // word, and where it lengthens one ("İ" → "i̇") it adds a letter no kind has, so the lengths
  // decide alone; the first two characters decide when both are ASCII, whose lower case is one
  // character each.
  if (word.length < DOC_KIND_MIN_LENGTH || word.length > DOC_KIND_MAX_LENGTH) return undefined;
  const first = word.charCodeAt(0);
  const second = word.charCodeAt(1);
  if (first < 128 && second < 128 && !DOC_KIND_STARTS.has((asciiLower(first) << 8) | asciiLower(second))) return undefined;
  return DOC_KIND.get(lowerCase(word));
}

function isNounModifier(word: string): boolean {
  const w = lowerCase(word);
  if (NON_MODIFIERS.has(w)) return false;
  if (/^\d+-(?:point|page|year|day)$/.test(w)) return true;
  if (/-/.test(w)) return true;
  const tags = lexiconTags(w);
  if (tags.some((t) => /^(?:Infinitive|PresentTense|PastTense|Gerund|Adjective|Adverb|Preposition|Determiner|Pronoun|Conjunction|Modal|Copula)$/.test(t))) return false;
  return tags.includes("Singular") || tags.includes("Uncountable") || tags.includes("Noun") || (tags.length === 0 && isVocabularyWord(w) && !/(?:ed|ly|ing)$/.test(w));
}

export function findDocuments(sentence: Sentence, names: Mention[]): DocumentMention[] {
  const out: DocumentMention[] = [];
  const tokens = sentence.tokens;
  const slice = (from: number, to: number) => sentence.text.slice(tokens[from]!.start - sentence.start, tokens[to - 1]!.end - sentence.start);
  const base = (from: number, to: number, rule: string, name: string, docKind: string, generic: boolean): DocumentMention => ({
    article: sentence.article,
    sentence: sentence.index,
    start: tokens[from]!.start,
    end: tokens[to - 1]!.end,
    text: slice(from, to),
    type: "Document",
    name,
    possessive: tokens[to]?.kind === "possessive",
    rule,
    docKind,
    generic,
    weak: sentence.kind === "headline" && generic,
  });
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // "Executive Order 14024"
    if (t.text === "Executive" && tokens[i + 1]?.text === "Order" && tokens[i + 2]?.kind === "number") {
      out.push(base(i, i + 3, "doc:executive-order", slice(i, i + 3), "order", false));
      i += 2;
      continue;
    }
    if (t.kind !== "word") continue;
    const kind = documentKind(t.text);
    if (!kind) continue;
    // "framework agreement": the rightmost noun heads the compound.
    if (documentKind(tokens[i + 1]?.text ?? "") && tokens[i + 1]!.kind === "word" && !tokens[i + 1]!.cap) continue;
    // Walk back over noun modifiers: "28-point peace", "framework", "slot remedy", "due-diligence".
    let s = i;
    const prevTwo = i > 0 ? `${tokens[i - 1]!.text} ${t.text}` : "";
    if (FIXED_COMPOUNDS.test(prevTwo)) s = i - 1;
    while (s > 0 && (tokens[s - 1]!.kind === "word" || tokens[s - 1]!.kind === "number") && !tokens[s - 1]!.cap && isNounModifier(tokens[s - 1]!.text) && i - s < 3) s--;
    if (kind === "order" && !/^(?:executive|presidential|court|restraining|gag)$/i.test(tokens[i - 1]?.text ?? "")) continue; // "the rules-based order", "in order to"
    // A capitalized name right before ("the Kessler Lund report", "20-Point Peace Plan").
    const nameBefore = names.find(
      (m) =>
        m.sentence === sentence.index &&
        m.end === tokens[s - 1]?.end &&
        !m.possessive &&
        !m.weak &&
        m.type !== "Place" &&
        /^(?:the|a|an|its|their|this|leaked|latest|new|confidential|secret)$/i.test(tokens[tokens.findIndex((x) => x.start === m.start) - 1]?.text ?? ""),
    );
    const possessor = names.find((m) => m.sentence === sentence.index && m.possessive && tokens[s - 1]?.kind === "possessive" && m.end === tokens[s - 2]?.end);
    const capitalizedPhrase = t.cap && s === i ? capitalizedRun(tokens, i) : null;
    if (capitalizedPhrase !== null && capitalizedPhrase < i) {
      const phrase = slice(capitalizedPhrase, i + 1);
      const named = tokens.slice(capitalizedPhrase, i).some((x) => /^\d/.test(x.text) || (x.cap && !lexiconTags(x.text).some((tag) => tag !== "ProperNoun")));
      if (/\d+-point/i.test(phrase) || (named && /\b(?:plan|agreement|treaty|accord|report)$/i.test(phrase))) {
        out.push(base(capitalizedPhrase, i + 1, "doc:title-case", phrase, kind, false));
        continue;
      }
    }
    if (nameBefore && (nameBefore.type === "Organization" || nameBefore.type === "Person" || nameBefore.type === "Unknown") && ["report", "letter", "plan", "agreement", "proposal"].includes(kind) && i - s === 0) {
      const from = tokens.findIndex((x) => x.start === nameBefore.start);
      // "the U.S. plan" is a plan of a state: it refers to the plan the article names, if any.
      out.push(base(from, i + 1, nameBefore.country ? "doc:compound" : "doc:name+noun", `${nameBefore.text} ${t.text}`, kind, false));
      continue;
    }
    if (possessor && i - s <= 1 && ["report", "letter", "plan", "proposal", "order"].includes(kind)) {
      // A person's reports are named by surname: "Mueller’s reports" → "Mueller reports".
      const from = possessor.type === "Person" ? tokens.findIndex((x) => x.end === possessor.end) : tokens.findIndex((x) => x.start === possessor.start);
      const possessorName = possessor.type === "Person" ? tokens[from]!.text : possessor.text;
      const modifiers = s < i ? ` ${slice(s, i)}` : "";
      out.push(base(from, i + 1, "doc:possessive", `${possessorName}${modifiers} ${t.text}`, kind, false));
      continue;
    }
    // "a due-diligence report by consultancy Kessler Lund Advisory": named after its author.
    const author = ["report", "letter", "proposal"].includes(kind)
      ? names.find((m) => m.sentence === sentence.index && m.start > t.end && /^\s+by\s+(?:(?:the\s+)?[a-z]+\s+){0,2}$/.test(sentence.text.slice(t.end - sentence.start, m.start - sentence.start)) && (m.type === "Organization" || m.type === "Unknown"))
      : undefined;
    if (author && s <= i) {
      const brand = author.name.replace(/\s+(?:Advisory|Consulting|Group|Partners|LLP|Ltd|Inc\.?)$/i, "");
      out.push({ ...base(s, i + 1, "doc:authored", `${brand} ${t.text}`, kind, false), text: slice(s, i + 1) });
      continue;
    }
    if (s < i) {
      const phrase = slice(s, i + 1);
      // "a peace agreement" that nothing refers back to is hypothetical: keep definite ones.
      const determiner = tokens[s - 1]?.text.toLowerCase() ?? "";
      const indefinite = determiner === "a" || determiner === "an" || determiner === "any";
      const specific = /\d+-point/i.test(phrase) || FIXED_COMPOUNDS.test(phrase) || i - s >= 1;
      const normalized = phrase.replace(/^(?:\d+-point)\s+/i, (m) => m.toLowerCase());
      out.push({ ...base(s, i + 1, "doc:compound", normalized, kind, !specific), ...(indefinite && !/\d+-point/i.test(phrase) ? { indefinite: true } : {}) });
      continue;
    }
    // "notice of default"
    if (t.text.toLowerCase() === "notice" && tokens[i + 1]?.text === "of" && tokens[i + 2]?.kind === "word" && !tokens[i + 2]!.cap) {
      out.push(base(i, i + 3, "doc:notice-of", slice(i, i + 3), kind, false));
      i += 2;
      continue;
    }
    // Bare "the plan", "the agreement": generic, for coreference only.
    if (["the", "this", "that", "its", "their"].includes(tokens[i - 1]?.text.toLowerCase() ?? "")) {
      out.push(base(i, i + 1, "doc:generic", t.text, kind, true));
    }
  }
  return out;
}

function capitalizedRun(tokens: Sentence["tokens"], end: number): number {
  let s = end;
  while (s > 0 && (tokens[s - 1]!.cap || /^\d+-point$/i.test(tokens[s - 1]!.text))) s--;
  return s;
}

/**
 * Within one article, "the plan" and "a peace plan" refer to the specific plan the article names
 * ("the 28-point peace framework"); without one, a bare "the plan" names nothing.
 */
export function resolveDocumentReferences(docs: DocumentMention[]): Mention[] {
  const specific = docs.filter((d) => !d.generic && (d.rule !== "doc:compound" || /\d+-point/i.test(d.name) || d.rule === "doc:compound"));
  const anchors = docs.filter((d) => (d.rule !== "doc:compound" && d.rule !== "doc:generic") || /\d+-point/i.test(d.text));
  const out: Mention[] = [];
  for (const d of docs) {
    if (/\d+-point/i.test(d.name)) {
      const n = /(\d+)-point/i.exec(d.name)![1];
      out.push({ ...d, name: `${n}-point ${d.docKind === "plan" ? "plan" : d.docKind}` });
      continue;
    }
    if (d.rule !== "doc:compound" && d.rule !== "doc:generic") {
      out.push(d);
      continue;
    }
    const pool = anchors.filter((a) => a.docKind === d.docKind && a !== d);
    const anchor = nearest(pool, d) ?? (d.generic ? nearest(specific.filter((a) => a.docKind === d.docKind && a !== d), d) : null);
    if (anchor) {
      const name = /\d+-point/i.test(anchor.name) ? `${/(\d+)-point/i.exec(anchor.name)![1]}-point ${anchor.docKind === "plan" ? "plan" : anchor.docKind}` : anchor.name;
      out.push({ ...d, name, coreference: d.generic || d.rule === "doc:compound" && !/\d/.test(d.text) ? d.generic : false });
      continue;
    }
    if (!d.generic) out.push(d);
  }
  return out;
}

function nearest(pool: DocumentMention[], d: DocumentMention): DocumentMention | null {
  if (pool.length === 0) return null;
  const before = pool.filter((a) => a.start < d.start).sort((a, b) => b.start - a.start)[0];
  return before ?? pool.sort((a, b) => a.start - b.start)[0] ?? null;
}
