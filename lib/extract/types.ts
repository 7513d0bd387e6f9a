import type { ArticleMeta, EntityType, Evidence, RelationType, StatedDate } from "../contract";

/** An article as the extractor receives it: metadata plus the raw decoded text. */
export interface ArticleInput {
  meta: ArticleMeta;
  text: string;
}

export type LineKind = "blank" | "body" | "headline" | "byline" | "boilerplate";

export interface Token {
  text: string;
  start: number;
  end: number;
  kind: "word" | "number" | "punct" | "possessive";
  /** Starts with a capital letter. */
  cap: boolean;
  /** All capitals, two letters or more (an acronym or a shouted word). */
  upper: boolean;
}

export interface Sentence {
  article: string;
  index: number;
  start: number;
  end: number;
  text: string;
  kind: LineKind;
  paragraph: number;
  tokens: Token[];
}

/** A name found in a sentence, before resolution to an entity. */
export interface Mention {
  article: string;
  sentence: number;
  start: number;
  end: number;
  text: string;
  /** "Unknown" until resolution decides (a lone capitalized word: a surname, an org, a place). */
  type: EntityType | "Unknown";
  /** Found in a headline or other title-case line: kept only if the name is confirmed elsewhere. */
  weak?: boolean;
  /** A byline or credit line (author, translator, editor). */
  byline?: boolean;
  /** A capital or institution standing for a state or body ("Moscow said …"). */
  metonymFor?: string;
  /**
   * Set with metonymFor: whether the sentence names the capital as a place ("in Moscow", "the
   * Vienna dinner") rather than for its state (isPlaceUse). Found with the sentence's tokens at
   * hand, so resolution need not tokenize the sentence again.
   */
  placeUse?: boolean;
  /** Country entry from the gazetteer. */
  country?: boolean;
  /** Name to resolve: the mention text without possessive, legal suffix noise or title. */
  name: string;
  /** Canonical name known from generic knowledge (country, international body, outlet). */
  canonical?: string;
  /** Followed by ’s. */
  possessive: boolean;
  /** Title or role stated right before the name ("Secretary of State"), with its span. */
  title?: { text: string; start: number; end: number };
  /** Refers back to an entity named elsewhere ("the plan"): not an alias of it. */
  coreference?: boolean;
  /** Names the node without being one of its names ("German" for Germany): a mention, not an alias. */
  aliasExcluded?: boolean;
  /** A document introduced with "a"/"an": kept only if the corpus names it again. */
  indefinite?: boolean;
  /** Kind of document (plan, agreement, report, …), documents only. */
  docKind?: string;
  /** Which rule found it (for --explain). */
  rule: string;
  /** Entity key after resolution. */
  key?: string;
}

export interface ResolvedEntity {
  key: string;
  type: EntityType;
  label: string;
  /** alias → articles that used it */
  aliases: Map<string, Set<string>>;
  mentions: Mention[];
}

export interface RelationCandidate {
  source: string;
  type: RelationType | "CO_MENTIONED";
  target: string;
  evidence: Evidence;
  note?: string;
  rule: string;
}

/**
 * The entities named together in one body sentence: every pair of them is co-mentioned, with the
 * sentence as evidence. One record per sentence rather than a RelationCandidate per pair: pairs
 * were 86% of the relation candidates, held from the relations phase until assembly.
 */
export interface CoMentionSentence {
  /** The entity keys, distinct and sorted (2 to 8 of them). */
  keys: string[];
  evidence: Evidence;
}

export interface MeetingCandidate {
  article: string;
  sentence: number;
  /** Participants with the passage that names each as present. */
  participants: Map<string, Evidence>;
  places: Map<string, Evidence>;
  dates: StatedDate[];
  dateEvidence: Evidence[];
  evidence: Evidence;
  trigger: string;
  /** Stated as planned, expected or cancelled rather than held. */
  status: "held" | "planned" | "cancelled";
  rule: string;
}

/** One line of the --explain report: why something is in the graph. */
export interface ExplainEntry {
  article: string;
  sentence: number;
  rule: string;
  what: string;
  quote: string;
}

export interface ExtractionReport {
  /** False when nobody will read the report (a build without --explain): entries are not kept. */
  collect?: boolean;
  entries: ExplainEntry[];
  /** Capitalized names that stayed unlinked, by article. */
  unlinked: Array<{ article: string; text: string; start: number; reason: string }>;
}

/**
 * A long corpus stage's progress (the build draws it as a bar): its passes over articles or
 * meeting accounts, each counted as it goes.
 */
export interface CorpusProgress {
  /** A pass over `total` items begins: what is counted ("articles read for relations") and the unit of its speed ("articles"). */
  start(label: string, total: number, unit: string): void;
  /** One more item done. */
  tick(): void;
  /** The pass is over. */
  finish(): void;
}
