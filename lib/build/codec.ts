// The compact form of an ArticleAnalysis: what the per-article stage sends from a worker to the
// main thread and stores in the cache. Sentences are stored as offsets only: their text is a
// slice of the article and their tokens are tokenize(text, start), which is how the extractor
// makes them (lib/extract/text.ts, makeSentence). On decode, tokens are made when asked for (the
// last few hundred kept): the corpus stage reads the tokens of about one sentence in seven, so a
// build does not hold the token objects of every sentence (the largest share of the analyses'
// memory), and ships ~5× fewer bytes between threads and to the cache.
//
// That reconstruction is checked, never assumed: checkCodec() runs the extractor on a probe
// text and on the corpus's first article before a build (a failure switches the build to
// "full" mode, which stores the tokens as they are), and the workers re-check a sample of the
// articles they analyze (see lib/build/analyze.ts).
import type { ArticleAnalysis } from "../extract";
import type { Gazetteer } from "../extract/gazetteer";
import { analyzeArticle } from "../extract";
import { shapedMention } from "../extract/mention-shape";
import { tokenize } from "../extract/text";
import type { ArticleInput, LineKind, Mention, Sentence, Token } from "../extract/types";

export type CodecMode = "compact" | "full";

/** Bumped when the encoded form changes (part of the cache generation). */
export const CODEC_VERSION = 2;

/**
 * What an encoded mention carries as its key before resolution gives it one. Resolution adds a key
 * to every mention; on an object JSON.parse made without one, V8 stores it outside the object (a
 * 40-byte property array each). With the slot in the JSON it is inside; decoding sets it to
 * undefined, so the mention reads as before. At 10,000 articles (750,000 resolved mentions) the
 * live heap after resolution went from 535 to 510 MB, the slot's own 8 bytes counted.
 */
const NO_KEY_YET = 0;

/** Compact: offsets only. Full: the sentence as the extractor made it. */
type EncodedSentence = [start: number, end: number, kind: LineKind, paragraph: number] | Sentence;

interface EncodedAnalysis {
  id: string;
  s: EncodedSentence[];
  m: ArticleAnalysis["mentions"];
  a: ArticleAnalysis["acronyms"];
}

export class CodecError extends Error {
  override name = "CodecError";
}

/**
 * Tokens made on demand, for the sentences used most recently. The corpus stage reads the tokens
 * of one sentence in seven, mostly a few times in a row (11,711 reads of 6,292 sentences in a
 * 1,000-article build): a short memory serves those repeats without keeping every token made.
 */
const recentTokens = new Map<CompactSentence, Token[]>();
const RECENT_TOKENS = 256;

/**
 * A sentence whose tokens are made from its text when asked for, equal to the tokens the
 * extractor made. Own enumerable fields are those of Sentence except `tokens`.
 */
class CompactSentence implements Sentence {
  /** Tokens set from outside (none of the corpus stage does today), kept. */
  #tokens: Token[] | undefined;

  constructor(
    public article: string,
    public index: number,
    public start: number,
    public end: number,
    public text: string,
    public kind: LineKind,
    public paragraph: number,
  ) {}

  get tokens(): Token[] {
    if (this.#tokens !== undefined) return this.#tokens;
    let tokens = recentTokens.get(this);
    if (tokens) {
      recentTokens.delete(this);
    } else {
      tokens = tokenize(this.text, this.start);
      if (recentTokens.size >= RECENT_TOKENS) recentTokens.delete(recentTokens.keys().next().value!);
    }
    recentTokens.set(this, tokens);
    return tokens;
  }

  set tokens(value: Token[]) {
    this.#tokens = value;
  }
}

function sameTokens(a: readonly Token[], b: readonly Token[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.text !== y.text || x.start !== y.start || x.end !== y.end || x.kind !== y.kind || x.cap !== y.cap || x.upper !== y.upper) return false;
    if (Object.keys(x).length !== Object.keys(y).length) return false;
  }
  return true;
}

/** Throws CodecError when the sentences of `analysis` cannot be rebuilt from offsets (checkTokens: also compare the tokens). */
export function verifyReconstruction(analysis: ArticleAnalysis, text: string, checkTokens: boolean): void {
  analysis.sentences.forEach((s, i) => {
    const where = `article "${analysis.id}", sentence ${i}`;
    if (s.index !== i) throw new CodecError(`${where}: index ${s.index} is not its position`);
    if (s.article !== analysis.id) throw new CodecError(`${where}: names article "${s.article}"`);
    if (s.text !== text.slice(s.start, s.end)) throw new CodecError(`${where}: text is not text.slice(start, end)`);
    if (Object.keys(s).length !== 8) throw new CodecError(`${where}: has fields ${Object.keys(s).join(", ")}`);
    if (checkTokens && !sameTokens(s.tokens, tokenize(s.text, s.start))) throw new CodecError(`${where}: tokens are not tokenize(text, start)`);
  });
}

/** The extractor's own words seen in decoded mentions (rule names, kinds of document), one copy each. */
const vocabulary = new Map<string, string>();
/** A bound on that table, should a rule name ever carry article text: past it, words are kept as they come. */
const VOCABULARY_MAX = 4096;

function vocabularyWord(word: string): string {
  const known = vocabulary.get(word);
  if (known !== undefined) return known;
  if (vocabulary.size < VOCABULARY_MAX) vocabulary.set(word, word);
  return word;
}

/** The JSON text of the compact form (the cache file's content and the worker's message). */
export function encodeAnalysis(analysis: ArticleAnalysis, mode: CodecMode): string {
  const encoded: EncodedAnalysis = {
    id: analysis.id,
    s: analysis.sentences.map((s) => (mode === "full" ? s : [s.start, s.end, s.kind, s.paragraph])),
    m: analysis.mentions.map((m) => ({ ...m, key: m.key ?? NO_KEY_YET })) as ArticleAnalysis["mentions"],
    a: analysis.acronyms,
  };
  return JSON.stringify(encoded);
}

/** Rebuilds the analysis of `article` from encodeAnalysis's JSON. Throws CodecError if it does not fit the article. */
export function decodeAnalysis(json: string, article: ArticleInput): ArticleAnalysis {
  let encoded: EncodedAnalysis;
  try {
    encoded = JSON.parse(json) as EncodedAnalysis;
  } catch (error) {
    throw new CodecError(`cannot parse an encoded analysis: ${(error as Error).message}`);
  }
  if (!encoded || encoded.id !== article.meta.id || !Array.isArray(encoded.s) || !Array.isArray(encoded.m) || !Array.isArray(encoded.a)) {
    throw new CodecError(`the encoded analysis is not the one of article "${article.meta.id}"`);
  }
  // JSON.parse gives every string its own copy, and the corpus stage keeps the 811,779 mentions
  // of 10,000 articles until assembly. A mention's name is its text 96% of the time, and its
  // canonical name often that name again: one string for them held 18 MB less. The rule that
  // found it is one of a few dozen names: one copy of each, 21 MB less.
  // Each mention is made again in the one shape every mention has (lib/extract/mention-shape.ts).
  const mentions: Mention[] = [];
  for (const m of encoded.m) {
    if ((m.key as unknown) === NO_KEY_YET) m.key = undefined;
    if (m.name === m.text) m.name = m.text;
    if (m.canonical === m.name) m.canonical = m.name;
    m.rule = vocabularyWord(m.rule);
    if (m.docKind !== undefined) m.docKind = vocabularyWord(m.docKind);
    mentions.push(shapedMention(m));
  }
  const text = article.text;
  const sentences: Sentence[] = encoded.s.map((s, index) => {
    if (!Array.isArray(s)) return s;
    const [start, end, kind, paragraph] = s;
    if (!(start >= 0 && end >= start && end <= text.length)) throw new CodecError(`article "${article.meta.id}": sentence ${index} is out of range`);
    return new CompactSentence(article.meta.id, index, start, end, text.slice(start, end), kind, paragraph);
  });
  return { id: encoded.id, sentences, mentions, acronyms: encoded.a };
}

/** Shapes of text the probe covers: headlines, bylines, possessives, initials, curly quotes, CRLF, accents, numbers. */
const PROBE_TEXT = [
  "Ministers Meet In Velmora As Grain Talks Resume",
  "",
  "By Anna Kovalenko",
  "",
  "VELMORA, March 4 (Northgate Wire) - Foreign Minister Jan Dvořák met Kirill Ostrov, the chief executive of Norvia Shipping (NS), in Velmora on Tuesday.\r",
  "“We will not accept it,” Ostrov’s aide said. Dr. J. R. Halvorsen of the U.S. Treasury said Putin's envoy, O'Brien-Smith, left at 10.30 a.m.; 3,000 tonnes… were shipped.",
  "",
  "Read more: https://example.org/x",
  "(Reporting by Lena Sørensen; editing by Paul Marsh)",
].join("\n");

/**
 * Whether compact analyses rebuild exactly for this extractor: runs analyzeArticle on a probe
 * text and on `sample` (e.g. the corpus's first article) and checks every sentence and token.
 * Returns "compact" when they do, "full" otherwise (with the reason).
 */
export function checkCodec(gazetteer: Gazetteer, sample?: ArticleInput): { mode: CodecMode; reason?: string } {
  const probe: ArticleInput = {
    meta: { id: "probe", file: "probe.txt", title: null, publisher: null, url: null, date: null, sha256: "", chars: PROBE_TEXT.length },
    text: PROBE_TEXT,
  };
  for (const article of sample ? [probe, sample] : [probe]) {
    try {
      const analysis = analyzeArticle(article, gazetteer);
      verifyReconstruction(analysis, article.text, true);
    } catch (error) {
      if (error instanceof CodecError) return { mode: "full", reason: error.message };
      throw error;
    }
  }
  return { mode: "compact" };
}
