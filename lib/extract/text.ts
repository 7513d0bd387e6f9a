// Splitting an article into lines, sentences and tokens, keeping exact offsets into the raw
// text (UTF-16 indices, before any cleaning): every quote the graph carries is a slice of it.
import { isKnownFirstName, isVocabularyWord } from "./lexicon";
import type { LineKind, Sentence, Token } from "./types";

// A token: an initialism with dots (U.S., S.A., a.s.), a word with inner hyphens/apostrophes
// (son-in-law, O'Brien, Sroka-Kępińska), a number, or one punctuation mark. TokenScanner finds
// exactly what this expression matches, one character code at a time (the expression allocated a
// match per token and was the largest single cost of the per-article stage); the tests hold the
// two to each other.
export const TOKEN_EXPRESSION =
  /(?:\p{L}\.){2,}|[\p{L}\p{M}\p{N}]+(?:[-'’‑][\p{L}\p{M}\p{N}]+)*|([^\s\p{L}\p{M}\p{N}])/gu;

// A character's class, as bits: what the token expression's \p{L}, \p{M}\p{N} and \s say of it.
const LETTER = 1;
const MARK_OR_NUMBER = 2;
const SPACE = 4;
/** Set on a class once it is known (the table starts at 0: not asked yet). */
const KNOWN = 0x80;
/** Classes of the BMP's characters past ASCII, each found once by expression when first met. */
const bmpClasses = new Uint8Array(0x10000);
const astralClasses = new Map<number, number>();

function classifyCodePoint(cp: number): number {
  const c = String.fromCodePoint(cp);
  return (/\p{L}/u.test(c) ? LETTER : 0) | (/[\p{M}\p{N}]/u.test(c) ? MARK_OR_NUMBER : 0) | (/\s/u.test(c) ? SPACE : 0);
}

const asciiClasses = Uint8Array.from({ length: 128 }, (_, cp) =>
  (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) ? LETTER : cp >= 48 && cp <= 57 ? MARK_OR_NUMBER : cp === 32 || (cp >= 9 && cp <= 13) ? SPACE : 0,
);

function classOf(cp: number): number {
  if (cp < 128) return asciiClasses[cp]!;
  if (cp < 0x10000) {
    let cls = bmpClasses[cp]!;
    if (cls === 0) bmpClasses[cp] = cls = classifyCodePoint(cp) | KNOWN;
    return cls & ~KNOWN;
  }
  let known = astralClasses.get(cp);
  if (known === undefined) astralClasses.set(cp, (known = classifyCodePoint(cp)));
  return known;
}

/** The code point at `i` (a lone surrogate stands for itself, as in a /u expression). */
function codePointAt(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  if (unit < 0xd800 || unit > 0xdbff || i + 1 >= text.length) return unit;
  const next = text.charCodeAt(i + 1);
  return next >= 0xdc00 && next <= 0xdfff ? (unit - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000 : unit;
}

const isWordClass = (cls: number) => (cls & (LETTER | MARK_OR_NUMBER)) !== 0;
/** "-", "'", "’", "‑": what joins the parts of a word. */
const isJoiner = (unit: number) => unit === 0x2d || unit === 0x27 || unit === 0x2019 || unit === 0x2011;

/** The tokens of a text in order, as TOKEN_EXPRESSION would match them: `start`, `end` and whether it is one punctuation mark. */
export class TokenScanner {
  start = 0;
  end = 0;
  punct = false;
  #at = 0;

  constructor(private readonly text: string) {}

  /** Moves to the next token; false at the end of the text. */
  next(): boolean {
    const text = this.text;
    const n = text.length;
    let i = this.#at;
    let cp = 0;
    let cls = 0;
    for (; i < n; i += cp > 0xffff ? 2 : 1) {
      cp = codePointAt(text, i);
      cls = classOf(cp);
      if (!(cls & SPACE)) break;
    }
    if (i >= n) {
      this.#at = n;
      return false;
    }
    this.start = i;
    this.punct = false;
    // An initialism: two or more letters each followed by a period, as many as there are.
    if (cls & LETTER) {
      let j = i;
      let pairs = 0;
      while (j < n) {
        const c = codePointAt(text, j);
        const width = c > 0xffff ? 2 : 1;
        if (!(classOf(c) & LETTER) || text.charCodeAt(j + width) !== 0x2e) break;
        j += width + 1;
        pairs++;
      }
      if (pairs >= 2) return this.#found(j);
    }
    if (isWordClass(cls)) {
      let j = this.#wordEnd(i);
      // Joined parts: a joiner counts only when a word character follows it.
      while (j < n && isJoiner(text.charCodeAt(j)) && j + 1 < n && isWordClass(classOf(codePointAt(text, j + 1)))) j = this.#wordEnd(j + 1);
      return this.#found(j);
    }
    this.punct = true;
    return this.#found(i + (cp > 0xffff ? 2 : 1));
  }

  /** The end of the run of word characters starting at `i` (which is one). */
  #wordEnd(i: number): number {
    const text = this.text;
    const n = text.length;
    let j = i;
    while (j < n) {
      const unit = text.charCodeAt(j);
      // Most of a text is ASCII: its class is one table read.
      if (unit < 128) {
        if (!(asciiClasses[unit]! & (LETTER | MARK_OR_NUMBER))) break;
        j++;
        continue;
      }
      const c = codePointAt(text, j);
      if (!isWordClass(classOf(c))) break;
      j += c > 0xffff ? 2 : 1;
    }
    return j;
  }

  #found(end: number): true {
    this.end = end;
    this.#at = end;
    return true;
  }
}

// "ās" is how some sites mangle "’s" (a UTF-8 apostrophe decoded as another charset).
const POSSESSIVE_RE = /^(.+?)(['’]s|s['’]|(?<=\p{L}{3})ās)$/u;
const NOT_POSSESSOR = /^(?:it|let|that|what|there|here|he|she)$/i;
const PARTICLE_RE = /^(?:al|el|ad|ar|as|at|az|an|bin|ibn|ben|abu|da|de|di|du|van|von|ter)-\p{Lu}/u;

// Tokenizing is most of the per-article stage: every test below is a cheap character check first,
// with the Unicode-aware expression only for the few tokens that need it.
export function tokenize(text: string, offset: number): Token[] {
  const tokens: Token[] = [];
  const scanner = new TokenScanner(text);
  while (scanner.next()) {
    const raw = text.slice(scanner.start, scanner.end);
    const start = offset + scanner.start;
    if (scanner.punct) {
      tokens.push({ text: raw, start, end: start + raw.length, kind: "punct", cap: false, upper: false });
      continue;
    }
    // Split the possessive off a word: "Putin’s" → "Putin" + "’s", "Ukraine's" → "Ukraine" + "'s".
    const possessive = mayBePossessive(raw) ? POSSESSIVE_RE.exec(raw) : null;
    if (possessive && possessive[1]!.length > 0 && !NOT_POSSESSOR.test(possessive[1]!)) {
      const base = possessive[2]!.startsWith("s") && possessive[2] !== "ās" ? raw.slice(0, -1) : possessive[1]!;
      const tail = raw.slice(base.length);
      tokens.push(wordToken(base, start));
      tokens.push({ text: tail, start: start + base.length, end: start + raw.length, kind: "possessive", cap: false, upper: false });
      continue;
    }
    tokens.push(wordToken(raw, start));
  }
  return tokens;
}

/** Ends as a possessive can ("'s", "’s", "s'", "s’", "ās"): only then is the expression run. */
function mayBePossessive(raw: string): boolean {
  if (raw.length < 3) return false;
  const last = raw.charCodeAt(raw.length - 1);
  const before = raw.charCodeAt(raw.length - 2);
  const APOSTROPHE = 0x27;
  const RIGHT_QUOTE = 0x2019;
  const S = 0x73;
  const A_MACRON = 0x101;
  return (last === S && (before === APOSTROPHE || before === RIGHT_QUOTE || before === A_MACRON)) || ((last === APOSTROPHE || last === RIGHT_QUOTE) && before === S);
}

/** The number of whitespace-separated words of a trimmed line, counting no further than `limit`. */
function countWords(trimmed: string, limit: number): number {
  const re = /\s+/g;
  let count = 1;
  while (count < limit && re.exec(trimmed) !== null) count++;
  return count;
}

function hasAsciiLower(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) return true;
  }
  return false;
}

/** A word or number token (the text starts with a letter, a mark or a digit). */
function wordToken(text: string, start: number): Token {
  const first = text.charAt(0);
  const code = text.charCodeAt(0);
  // "el-Sisi", "al-Thani", "bin-Salman": an Arabic or other particle joined to a capitalized name.
  const dash = text.indexOf("-");
  const cap = (first !== first.toLowerCase() && first === first.toUpperCase()) || (dash >= 2 && dash <= 3 && PARTICLE_RE.test(text));
  // All capitals (its letters, two at least). A word with a lower-case ASCII letter is never one: the cheap test.
  let upper = false;
  if (!hasAsciiLower(text)) {
    const letters = text.replace(/[^\p{L}]/gu, "");
    upper = letters.length >= 2 && letters === letters.toUpperCase();
  }
  const isNumber = code < 128 ? code >= 48 && code <= 57 : /^\p{N}/u.test(text);
  return { text, start, end: start + text.length, kind: isNumber ? "number" : "word", cap, upper };
}

const BOILERPLATE_RE =
  /^(?:published\b|updated\b|skip to content|logo$|read more\b|related posts|related:|share\b|subscribe\b|sign up\b|advertisement$|comments?\b|post a comment|contribute$|see all$|img of\b|image:|photo:|ai generated illustration|there are no\b|media contacts|###|more in\b|become a member\b|members are reading|cta image|follow us|get breaking news|our standards|\[\d+\]|https?:\/\/|[-–•]\s*\d+\s*min read|\d+\s*min read|key events$|more on this story|forward-looking statements$|this announcement contains|for immediate release$|press release$|support our work$|source transparency$|how this analysis was produced$|exclusive analysis continues|leave a reply$|translated from\b.*\bby\b)/i;

const BYLINE_RE =
  /^(?:by|translated by|editing by|reporting by|additional reporting by|live coverage by|written by|words by|more from|compiled by|edited by)\s+\S/i;

/** How a line of the article should be read (page furniture, a byline, a headline or body text). */
export function classifyLine(line: string, indexInArticle: number): LineKind {
  const trimmed = line.trim();
  if (!trimmed) return "blank";
  if (BYLINE_RE.test(trimmed) || /^\(?(?:reporting|writing) by\b/i.test(trimmed)) return "byline";
  if (/translated (?:from .* )?by\s+\p{Lu}/iu.test(trimmed) && trimmed.length < 200) return "byline";
  if (BOILERPLATE_RE.test(trimmed)) return "boilerplate";
  // A line that is only a person's name near the top is the author's byline ("Jacek Olszowy").
  const nameOnly = /^(\p{Lu}[\p{L}\p{M}'’-]+)(?:\s+\p{Lu}[\p{L}\p{M}'’-]+){1,2}$/u.exec(trimmed);
  if (nameOnly && isKnownFirstName(nameOnly[1]!)) return "byline";
  // Body paragraphs are long: words are counted only as far as the tests below look (26).
  const wordCount = countWords(trimmed, 26);
  const endsLikeSentence = /[.!?:;"”’)…]$/.test(trimmed);
  if (/:$/.test(trimmed) && wordCount <= 10 && isTitleCase(trimmed)) return "headline";
  if (!endsLikeSentence && wordCount <= 25) {
    if (isTitleCase(trimmed) && wordCount >= 2) return "headline";
    if (indexInArticle === 0 && wordCount >= 3) return "headline";
  }
  // A line in capitals is a kicker or section label ("SECRET DINNER", "VISTULA HERALD · OPINION").
  if (endsLikeSentence || hasAsciiLower(trimmed)) return "body";
  const letters = trimmed.replace(/[^\p{L}]/gu, "");
  if (letters.length >= 4 && letters === letters.toUpperCase()) return "headline";
  return "body";
}

const ABBREVIATIONS = new Set(
  `mr mrs ms dr prof st sen rep gov gen lt col capt cpt sgt maj adm no nos vs etc e.g i.e approx est dept univ inc ltd co corp jr sr
  jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun fig p pp vol ed eds ft mt`.split(/\s+/),
);

/** Splits the text into sentences (never across lines), with line kinds and paragraph numbers. */
export function splitSentences(text: string, article: string): Sentence[] {
  const sentences: Sentence[] = [];
  let lineStart = 0;
  let paragraph = 0;
  let lineIndex = 0;
  let previousBlank = true;
  // Lines end at LF, CRLF, a lone CR (old Mac files), or a Unicode line/paragraph separator.
  const breakRe = /\r\n|[\n\r\u0085\u2028\u2029]/g;
  while (lineStart <= text.length) {
    breakRe.lastIndex = lineStart;
    const lineBreak = breakRe.exec(text);
    const lineEnd = lineBreak ? lineBreak.index : text.length;
    const breakLength = lineBreak ? lineBreak[0].length : 0;
    const line = text.slice(lineStart, lineEnd);
    const kind = classifyLine(line, lineIndex);
    if (kind === "blank") {
      previousBlank = true;
    } else {
      if (previousBlank) paragraph++;
      previousBlank = false;
      // A title-case label before a colon ("- The Odesa Strikes: Russia has …") is a heading.
      const label = kind === "body" && line.includes(":") ? /^([-•*]?\s*)([^:.!?]{3,70}):\s+\S/u.exec(line) : null;
      let bodyFrom = 0;
      if (label && isTitleCase(label[2]!)) {
        const s = label[1]!.length;
        const e = s + label[2]!.length;
        sentences.push(makeSentence(text, article, sentences.length, lineStart + s, lineStart + e, "headline", paragraph));
        bodyFrom = label[0].length - 1;
      }
      for (const [s, e] of sentenceBounds(line.slice(bodyFrom))) {
        sentences.push(makeSentence(text, article, sentences.length, lineStart + bodyFrom + s, lineStart + bodyFrom + e, kind, paragraph));
      }
      lineIndex++;
    }
    if (!lineBreak) break;
    lineStart = lineEnd + breakLength;
  }
  return sentences;
}

function makeSentence(text: string, article: string, index: number, start: number, end: number, kind: LineKind, paragraph: number): Sentence {
  const sentenceText = text.slice(start, end);
  return { article, index, start, end, text: sentenceText, kind, paragraph, tokens: tokenize(sentenceText, start) };
}

/**
 * Title Case: most ordinary words of four letters or more are capitalized. Names are left out of
 * the count ("Liška and Mavridis meet in Limassol" is a sentence: its verb is lower-case).
 */
export function isTitleCase(phrase: string): boolean {
  const words = phrase.trim().split(/\s+/).map((w) => w.replace(/^["“‘(•*-]+|["”’),.:;!?]+$/gu, ""));
  const long = words.filter((w) => /^[\p{L}]{4,}/u.test(w));
  if (long.length === 0) return /^\p{Lu}/u.test(phrase.trim());
  const ordinary = long.filter((w) => isVocabularyWord(w));
  const pool = ordinary.length > 0 ? ordinary : long;
  const capitalized = pool.filter((w) => /^\p{Lu}/u.test(w));
  return capitalized.length / pool.length >= 0.6;
}

/** The run of letters and dots that ends line[from, to) (what /([\p{L}.]+)$/u finds), scanning back from the end. */
function trailingWord(line: string, from: number, to: number): string {
  let i = to;
  while (i > from) {
    const c = line.charCodeAt(i - 1);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46) {
      i--;
      continue;
    }
    if (c < 128) break;
    // A letter outside ASCII, possibly astral (a surrogate pair): one code point at a time.
    const pair = c >= 0xdc00 && c <= 0xdfff && i - 2 >= from && line.charCodeAt(i - 2) >= 0xd800 && line.charCodeAt(i - 2) <= 0xdbff;
    const width = pair ? 2 : 1;
    if (!LETTER_RE.test(line.slice(i - width, i))) break;
    i -= width;
  }
  return line.slice(i, to);
}

const LETTER_RE = /^\p{L}$/u;

/** Sentence boundaries within one line, as [start, end) pairs trimmed of surrounding spaces. */
function sentenceBounds(line: string): Array<[number, number]> {
  const bounds: Array<[number, number]> = [];
  let start = 0;
  const re = /[.!?…]+["”’)\]]*(?=\s+["“‘([]?[\p{Lu}\p{N}])/gu;
  for (const match of line.matchAll(re)) {
    const end = (match.index ?? 0) + match[0].length;
    if (match[0] === ".") {
      const lastWord = trailingWord(line, start, match.index ?? 0);
      // "U.S." or "Mr." or an initial "J." does not end a sentence…
      if (ABBREVIATIONS.has(lastWord.toLowerCase().replace(/\.$/, ""))) continue;
      if (/^\p{Lu}$/u.test(lastWord)) continue;
      // …but an initialism at the end of a sentence does when a new sentence clearly starts.
      if (/^(?:\p{L}\.)+\p{L}$/u.test(lastWord) && !/^\s+(?:The|A|An|In|On|It|He|She|They|But|And|This|That|Its|His|Her)\b/u.test(line.slice(end))) continue;
    }
    pushTrimmed(bounds, line, start, end);
    start = end;
  }
  pushTrimmed(bounds, line, start, line.length);
  return bounds;
}

function pushTrimmed(bounds: Array<[number, number]>, line: string, start: number, end: number): void {
  while (start < end && /\s/.test(line.charAt(start))) start++;
  while (end > start && /\s/.test(line.charAt(end - 1))) end--;
  if (end > start) bounds.push([start, end]);
}
