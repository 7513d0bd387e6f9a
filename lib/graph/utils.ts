// Small pure helpers shared by the query backends: argument checks that throw the module's
// errors, and the comparators that give every result list its documented order. They are
// exported so lib/neo4j can reshape driver records into exactly the same order.

import { EDGE_TYPES, type Evidence, type Mention, type NodeAttributes, type StatedDate } from "../contract";
import { BadRequestError } from "./errors";
import type { NodeRef, RelationGroup } from "./types";

/** neighborhood() explores at most this many hops: beyond 3 a news graph is mostly everything. */
export const MAX_HOPS = 3;

/** Code-unit comparison: locale-independent, so both backends and every machine agree. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareEvidence(a: Evidence | Mention, b: Evidence | Mention): number {
  return compareStrings(a.article, b.article) || a.start - b.start || a.end - b.end;
}

/** A copy sorted by article, start, end (evidence arrays in results are always in this order). */
export function sortEvidence<T extends Evidence | Mention>(items: readonly T[]): T[] {
  return items.map((item) => ({ ...item })).sort(compareEvidence);
}

export function distinctArticles(items: readonly { article: string }[]): number {
  return new Set(items.map((item) => item.article)).size;
}

export function nodeRef(key: string, attributes: NodeAttributes): NodeRef {
  return { key, type: attributes.type, label: attributes.label };
}

/** How a value is shown in an error message: strings quoted, everything else as JSON. */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "undefined";
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Throws `newsgraph/graph: <name> must be an integer from <min> to <max>, got <value>`. */
export function requireInteger(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const range = Number.isFinite(max) ? `from ${min} to ${max}` : `of at least ${min}`;
    throw new BadRequestError(`${name} must be an integer ${range}, got ${show(value)}`, name);
  }
  return value;
}

export function requireString(value: unknown, name: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new BadRequestError(`${name} must be a non-empty string, got ${show(value)}`, name);
  }
  return value;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar day written YYYY-MM-DD. */
export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

// Stated dates may be partial ("2025", "2025-10"); widen them to the days they cover so
// they compare correctly with a YYYY-MM-DD range.
function widenStart(value: string): string {
  return value.length === 4 ? `${value}-01-01` : value.length === 7 ? `${value}-01` : value.slice(0, 10);
}

function widenEnd(value: string): string {
  return value.length === 4 ? `${value}-12-31` : value.length === 7 ? `${value}-31` : value.slice(0, 10);
}

/** The ISO day range a stated date covers, or null when the text gave no normalized date. */
export function statedRange(date: StatedDate): { start: string; end: string } | null {
  const start = date.start ?? date.end;
  const end = date.end ?? date.start;
  if (!start || !end) return null;
  return { start: widenStart(start), end: widenEnd(end) };
}

/** Every stated date of a meeting node (`dates`, falling back to `date`). */
export function statedDates(attributes: NodeAttributes): StatedDate[] {
  if (attributes.dates && attributes.dates.length > 0) return attributes.dates;
  return attributes.date ? [attributes.date] : [];
}

/** Sort key for meetings: first stated ISO start, undated meetings last. */
export function meetingSortDate(attributes: NodeAttributes): string {
  const starts = statedDates(attributes)
    .map((date) => statedRange(date)?.start)
    .filter((start): start is string => typeof start === "string")
    .sort(compareStrings);
  return starts[0] ?? "\uffff";
}

const EDGE_TYPE_ORDER = new Map<string, number>(EDGE_TYPES.map((type, index) => [type, index]));

/**
 * A node's relation groups in the order both backends answer with: by relation type as the
 * contract lists them, outgoing before incoming, then by corroboration and edge key.
 */
export function sortRelationGroups(groups: Iterable<RelationGroup>): RelationGroup[] {
  return [...groups]
    .sort(
      (a, b) =>
        (EDGE_TYPE_ORDER.get(a.type) ?? 99) - (EDGE_TYPE_ORDER.get(b.type) ?? 99) ||
        (a.direction === b.direction ? 0 : a.direction === "out" ? -1 : 1),
    )
    .map((group) => ({
      ...group,
      relations: group.relations.sort((a, b) => b.articleCount - a.articleCount || compareStrings(a.key, b.key)),
    }));
}
