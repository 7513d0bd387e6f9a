// GraphFilters → predicates over contract attributes. Kept apart from the graphology backend
// so any backend (lib/neo4j fetches candidates, then filters the same way) applies exactly
// the same rules; the rules themselves are documented on GraphFilters in types.ts.

import {
  NODE_TYPES,
  RELATION_TYPES,
  foldText,
  type ArticleMeta,
  type EdgeAttributes,
  type Evidence,
  type Mention,
  type NodeAttributes,
  type NodeType,
  type RelationType,
} from "../contract";
import { BadRequestError } from "./errors";
import type { GraphFilters } from "./types";
import { distinctArticles, isIsoDay, requireInteger, show, statedDates, statedRange } from "./utils";

export interface NormalizedFilters {
  nodeTypes: ReadonlySet<NodeType> | null;
  relationTypes: ReadonlySet<RelationType> | null;
  articles: ReadonlySet<string> | null;
  /** Folded publisher names. */
  publishers: ReadonlySet<string> | null;
  minSources: number;
  includeCoMentions: boolean;
  dateFrom: string | null;
  dateTo: string | null;
}

const FILTER_KEYS = new Set<string>([
  "nodeTypes",
  "relationTypes",
  "articles",
  "publishers",
  "minSources",
  "includeCoMentions",
  "dateFrom",
  "dateTo",
]);

function stringList(value: unknown, name: string): string[] | null {
  if (value === undefined) return null;
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    throw new BadRequestError(`${name} must be a list of strings, got ${show(value)}`, name);
  }
  return value.length === 0 ? null : (value as string[]);
}

function enumList<T extends string>(value: unknown, name: string, allowed: readonly T[]): Set<T> | null {
  const list = stringList(value, name);
  if (!list) return null;
  for (const item of list) {
    if (!(allowed as readonly string[]).includes(item)) {
      throw new BadRequestError(`${name} must be among ${allowed.join(", ")}, got ${show(item)}`, name);
    }
  }
  return new Set(list as T[]);
}

function day(value: unknown, name: string): string | null {
  if (value === undefined) return null;
  if (typeof value !== "string" || !isIsoDay(value)) {
    throw new BadRequestError(`${name} must be a date written YYYY-MM-DD, got ${show(value)}`, name);
  }
  return value;
}

/**
 * Checks a GraphFilters object and returns it in a form quick to test against.
 * `knownArticles` lets an unknown article id fail loudly instead of silently matching nothing.
 */
export function normalizeFilters(filters: GraphFilters | undefined, knownArticles: ReadonlySet<string>): NormalizedFilters {
  if (filters === undefined || filters === null) filters = {};
  if (typeof filters !== "object" || Array.isArray(filters)) {
    throw new BadRequestError(`filters must be an object, got ${show(filters)}`, "filters");
  }
  for (const name of Object.keys(filters)) {
    if (!FILTER_KEYS.has(name)) throw new BadRequestError(`unknown filter ${show(name)}`, name);
  }
  const articles = stringList(filters.articles, "articles");
  for (const id of articles ?? []) {
    if (!knownArticles.has(id)) throw new BadRequestError(`articles lists an unknown article ${show(id)}`, "articles");
  }
  const publishers = stringList(filters.publishers, "publishers");
  const includeCoMentions = filters.includeCoMentions ?? false;
  if (typeof includeCoMentions !== "boolean") {
    throw new BadRequestError(`includeCoMentions must be true or false, got ${show(includeCoMentions)}`, "includeCoMentions");
  }
  const dateFrom = day(filters.dateFrom, "dateFrom");
  const dateTo = day(filters.dateTo, "dateTo");
  if (dateFrom && dateTo && dateFrom > dateTo) {
    throw new BadRequestError(`dateTo must not be before dateFrom, got ${show(dateFrom)} to ${show(dateTo)}`, "dateTo");
  }
  return {
    nodeTypes: enumList(filters.nodeTypes, "nodeTypes", NODE_TYPES),
    relationTypes: enumList(filters.relationTypes, "relationTypes", RELATION_TYPES),
    articles: articles ? new Set(articles) : null,
    publishers: publishers ? new Set(publishers.map(foldText)) : null,
    minSources:
      filters.minSources === undefined ? 1 : requireInteger(filters.minSources, "minSources", 1, Number.POSITIVE_INFINITY),
    includeCoMentions,
    dateFrom,
    dateTo,
  };
}

export function hasSourceFilter(filters: NormalizedFilters): boolean {
  return filters.articles !== null || filters.publishers !== null || filters.dateFrom !== null || filters.dateTo !== null;
}

function isArticleMap(articles: readonly ArticleMeta[] | ReadonlyMap<string, ArticleMeta>): articles is ReadonlyMap<string, ArticleMeta> {
  return !Array.isArray(articles);
}

/** The filters applied to attributes; one view per query call. */
export interface FilterView {
  readonly filters: NormalizedFilters;
  readonly sourceFiltered: boolean;
  /** Does an article pass the source filters? */
  articlePasses(id: string): boolean;
  /** Node type and meeting-date filters (not the source filters, which depend on edges too). */
  nodePasses(attributes: NodeAttributes): boolean;
  /** Node attributes with mentions restricted to kept articles (the same object when nothing was removed). */
  nodeAttributes(attributes: NodeAttributes): NodeAttributes;
  /** Does the node have a mention in a kept article? */
  nodeMentioned(attributes: NodeAttributes): boolean;
  /** Edge attributes with evidence restricted to kept articles, or null when the edge is filtered out. */
  edgeAttributes(attributes: EdgeAttributes): EdgeAttributes | null;
}

/**
 * `articles` may be given as a map by id: a backend that keeps one (lib/graph/memory.ts) then
 * does not rebuild it on every query.
 */
export function createFilterView(
  filters: NormalizedFilters,
  articles: readonly ArticleMeta[] | ReadonlyMap<string, ArticleMeta>,
): FilterView {
  const sourceFiltered = hasSourceFilter(filters);
  const byId: ReadonlyMap<string, ArticleMeta> = isArticleMap(articles) ? articles : new Map(articles.map((article) => [article.id, article]));
  const passCache = new Map<string, boolean>();

  function articlePasses(id: string): boolean {
    if (!sourceFiltered) return true;
    const cached = passCache.get(id);
    if (cached !== undefined) return cached;
    const meta = byId.get(id);
    let pass = true;
    if (filters.articles && !filters.articles.has(id)) pass = false;
    if (pass && filters.publishers) pass = !!meta?.publisher && filters.publishers.has(foldText(meta.publisher));
    // Undated articles pass a date range (see GraphFilters).
    const date = meta?.date?.slice(0, 10);
    if (pass && date && filters.dateFrom && date < filters.dateFrom) pass = false;
    if (pass && date && filters.dateTo && date > filters.dateTo) pass = false;
    passCache.set(id, pass);
    return pass;
  }

  function keepSources<T extends Evidence | Mention>(items: readonly T[]): readonly T[] {
    return sourceFiltered ? items.filter((item) => articlePasses(item.article)) : items;
  }

  function publisherCount(evidence: readonly Evidence[]): number {
    // Same rule as the contract: an unknown publisher counts as its own article.
    return new Set(evidence.map((item) => byId.get(item.article)?.publisher ?? `article:${item.article}`)).size;
  }

  function meetingInRange(attributes: NodeAttributes): boolean {
    if (attributes.type !== "Meeting" || (!filters.dateFrom && !filters.dateTo)) return true;
    const ranges = statedDates(attributes)
      .map(statedRange)
      .filter((range): range is { start: string; end: string } => range !== null);
    if (ranges.length === 0) return true;
    return ranges.some(
      (range) => (!filters.dateTo || range.start <= filters.dateTo) && (!filters.dateFrom || range.end >= filters.dateFrom),
    );
  }

  return {
    filters,
    sourceFiltered,
    articlePasses,
    nodePasses(attributes) {
      if (filters.nodeTypes && !filters.nodeTypes.has(attributes.type)) return false;
      return meetingInRange(attributes);
    },
    nodeAttributes(attributes) {
      if (!sourceFiltered) return attributes;
      const mentions = keepSources(attributes.mentions);
      if (mentions.length === attributes.mentions.length) return attributes;
      const next: NodeAttributes = { ...attributes, mentions: [...mentions] };
      if (attributes.articleCount !== undefined) next.articleCount = distinctArticles(mentions);
      return next;
    },
    nodeMentioned(attributes) {
      return attributes.mentions.some((mention) => articlePasses(mention.article));
    },
    edgeAttributes(attributes) {
      if (attributes.type === "CO_MENTIONED") {
        if (!filters.includeCoMentions) return null;
      } else if (filters.relationTypes && !filters.relationTypes.has(attributes.type)) {
        return null;
      }
      const evidence = keepSources(attributes.evidence);
      if (evidence.length === 0) return null;
      if (filters.minSources > 1 && distinctArticles(evidence) < filters.minSources) return null;
      if (evidence.length === attributes.evidence.length) return attributes;
      // Corroboration counts describe the evidence shown, so they follow the restriction.
      const next: EdgeAttributes = { ...attributes, evidence: [...evidence] };
      if (attributes.articleCount !== undefined) next.articleCount = distinctArticles(evidence);
      if (attributes.publisherCount !== undefined) next.publisherCount = publisherCount(evidence);
      return next;
    },
  };
}
