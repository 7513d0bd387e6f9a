// URL parameters → typed query arguments, shared by the API routes so every route names a
// bad parameter the same way: BadRequestError(`<param> must be <expectation>, got "<raw>"`,
// param), which the API turns into 400 `{ error, parameter }`.
//
// Filter parameters (GET /api/graph, /api/neighborhood, /api/path):
//   types=Person,Organization   node types (comma-separated and/or repeated; any case)
//   relations=HEADS,ATTENDED    typed relation types
//   articles=id1,id2            source article ids
//   publishers=Reuters,AP       publishers (case/accent-insensitive)
//   minSources=2                minimum distinct articles per edge
//   comentions=1                include the CO_MENTIONED layer (1/0, true/false, yes/no)
//   dateFrom=YYYY-MM-DD, dateTo=YYYY-MM-DD  (also `from`/`to`, except on /api/path where those are the ends)

import { z } from "zod";
import { NODE_TYPES, RELATION_TYPES, type NodeType, type RelationType } from "../contract";
import { BadRequestError } from "./errors";
import { SEARCH_DEFAULT_LIMIT, SEARCH_MAX_LIMIT } from "./search";
import type { GraphFilters } from "./types";
import { MAX_HOPS, isIsoDay, show } from "./utils";

const MAX_PARAM_LENGTH = 1000;

const integerSchemas = new Map<string, z.ZodType<number, string>>();

/** An integer in [min, max] written in decimal digits. Made once per range: building a zod schema costs far more than using it, and every API request checks a few. */
function integer(min: number, max: number): z.ZodType<number, string> {
  const key = `${min}:${max}`;
  let schema = integerSchemas.get(key);
  if (!schema) {
    schema = z
      .string()
      .regex(/^\d{1,9}$/)
      .transform(Number)
      .pipe(z.number().int().min(min).max(max));
    integerSchemas.set(key, schema);
  }
  return schema;
}

const daySchema = z.iso.date().refine(isIsoDay);

const booleanSchema = z
  .string()
  .transform((value) => value.toLowerCase())
  .pipe(z.enum(["1", "0", "true", "false", "yes", "no", "on", "off"]))
  .transform((value) => value === "1" || value === "true" || value === "yes" || value === "on");

// Node keys are `type:slug`; anything else cannot be a key, so it is a bad request rather
// than an unknown node. Control characters are refused outright.
const keySchema = z
  .string()
  .min(1)
  .max(MAX_PARAM_LENGTH)
  .regex(/^[^\s:]+:[^\s]+$/)
  .refine((value) => !/\p{Cc}/u.test(value));

const idSchema = z
  .string()
  .min(1)
  .max(MAX_PARAM_LENGTH)
  .refine((value) => !/\p{Cc}/u.test(value));

function check<T>(name: string, raw: string, schema: z.ZodType<T, string>, expectation: string): T {
  const result = schema.safeParse(raw);
  if (!result.success) throw new BadRequestError(`${name} must be ${expectation}, got ${show(raw)}`, name);
  return result.data;
}

/** The value of a single-valued parameter, or undefined when absent or blank. */
function single(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  return value === null || value.trim() === "" ? undefined : value.trim();
}

function required(params: URLSearchParams, name: string, example: string): string {
  const value = single(params, name);
  if (value === undefined) throw new BadRequestError(`${name} is required, e.g. ${name}=${example}`, name);
  return value;
}

/** Comma-separated and/or repeated values, trimmed, blanks dropped. */
function list(params: URLSearchParams, name: string): string[] | undefined {
  const values = params
    .getAll(name)
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter((value) => value !== "");
  return values.length > 0 ? [...new Set(values)] : undefined;
}

function enumList<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[]): T[] | undefined {
  const values = list(params, name);
  if (!values) return undefined;
  const byLower = new Map(allowed.map((value) => [value.toLowerCase(), value]));
  return values.map((value) => {
    const canonical = byLower.get(value.toLowerCase());
    if (!canonical) throw new BadRequestError(`${name} must be among ${allowed.join(", ")}, got ${show(value)}`, name);
    return canonical;
  });
}

function day(params: URLSearchParams, names: string[]): { value: string; name: string } | undefined {
  for (const name of names) {
    const raw = single(params, name);
    if (raw !== undefined) return { value: check(name, raw, daySchema, "a date written YYYY-MM-DD"), name };
  }
  return undefined;
}

/**
 * GraphFilters from URL parameters (see the header of this file). `dateAliases: false`
 * keeps `from`/`to` free for routes that use them for something else (/api/path).
 */
export function parseGraphFilters(params: URLSearchParams, options: { dateAliases?: boolean } = {}): GraphFilters {
  const aliases = options.dateAliases ?? true;
  const filters: GraphFilters = {};
  const nodeTypes = enumList<NodeType>(params, "types", NODE_TYPES);
  if (nodeTypes) filters.nodeTypes = nodeTypes;
  const relationTypes = enumList<RelationType>(params, "relations", RELATION_TYPES);
  if (relationTypes) filters.relationTypes = relationTypes;
  const articles = list(params, "articles");
  if (articles) filters.articles = articles.map((id) => check("articles", id, idSchema, "article ids"));
  const publishers = list(params, "publishers");
  if (publishers) filters.publishers = publishers;
  const minSources = single(params, "minSources");
  if (minSources !== undefined) filters.minSources = check("minSources", minSources, integer(1, 1_000_000), "an integer of at least 1");
  const comentions = single(params, "comentions");
  if (comentions !== undefined) filters.includeCoMentions = check("comentions", comentions, booleanSchema, "1 or 0");
  const from = day(params, aliases ? ["dateFrom", "from"] : ["dateFrom"]);
  const to = day(params, aliases ? ["dateTo", "to"] : ["dateTo"]);
  if (from) filters.dateFrom = from.value;
  if (to) filters.dateTo = to.value;
  if (from && to && from.value > to.value) {
    throw new BadRequestError(`${to.name} must not be before ${from.name}, got ${show(to.value)} before ${show(from.value)}`, to.name);
  }
  return filters;
}

/** True when the request carries any filter parameter (GET /api/graph then answers a subgraph). */
export function hasFilterParams(params: URLSearchParams, options: { dateAliases?: boolean } = {}): boolean {
  const names = ["types", "relations", "articles", "publishers", "minSources", "comentions", "dateFrom", "dateTo"];
  if (options.dateAliases ?? true) names.push("from", "to");
  return names.some((name) => params.has(name));
}

/** An optional yes/no parameter (1/0, true/false, yes/no, on/off); `fallback` when absent. */
export function parseFlag(params: URLSearchParams, name: string, fallback = false): boolean {
  const raw = single(params, name);
  return raw === undefined ? fallback : check(name, raw, booleanSchema, "1 or 0");
}

/** A required node key parameter (`key`, `from`, `to`, `entity`). */
export function parseNodeKeyParam(params: URLSearchParams, name: string): string {
  const raw = required(params, name, "person:kirill-dmitriev");
  return check(name, raw, keySchema, `a node key such as "person:kirill-dmitriev"`);
}

export function parseHops(params: URLSearchParams): number {
  const raw = single(params, "hops");
  return raw === undefined ? 1 : check("hops", raw, integer(1, MAX_HOPS), `an integer from 1 to ${MAX_HOPS}`);
}

export function parseSearch(params: URLSearchParams): { q: string; limit: number } {
  const q = required(params, "q", "zelensky");
  if (q.length > MAX_PARAM_LENGTH) throw new BadRequestError(`q must be at most ${MAX_PARAM_LENGTH} characters long`, "q");
  if (!/[\p{L}\p{N}]/u.test(q)) throw new BadRequestError(`q must contain a letter or digit, got ${show(q)}`, "q");
  const rawLimit = single(params, "limit");
  const limit =
    rawLimit === undefined
      ? SEARCH_DEFAULT_LIMIT
      : check("limit", rawLimit, integer(1, SEARCH_MAX_LIMIT), `an integer from 1 to ${SEARCH_MAX_LIMIT}`);
  return { q, limit };
}

export function parseFewerThan(params: URLSearchParams): number {
  const raw = required(params, "fewerThan", "2");
  return check("fewerThan", raw, integer(1, 1_000_000), "an integer of at least 1");
}

/**
 * A dynamic path segment ([key], [id], [article]). Next passes it decoded; a value that still
 * looks percent-encoded is decoded once more so that `person%3Ax` and `person:x` both work
 * (node keys and article ids never contain "%" themselves).
 */
export function parseSegment(value: unknown, name: string): string {
  if (typeof value !== "string") throw new BadRequestError(`${name} is required`, name);
  let decoded = value;
  if (/%[0-9a-f]{2}/i.test(value)) {
    try {
      decoded = decodeURIComponent(value);
    } catch {
      throw new BadRequestError(`${name} is not valid percent-encoding, got ${show(value)}`, name);
    }
  }
  return check(name, decoded, idSchema, "a non-empty id without control characters");
}

// ---------------------------------------------------------------------------------------------
// Route-level checks: which parameters a route takes, and result caps.

/** Filter parameters that may be repeated (values are also comma-separated). */
export const FILTER_LIST_PARAMS = ["types", "relations", "articles", "publishers"] as const;
/** Single-valued filter parameters (`from`/`to` are date aliases except on /api/path). */
export const FILTER_SINGLE_PARAMS = ["minSources", "comentions", "dateFrom", "dateTo"] as const;

/** GET /api/neighborhood: at most this many nodes by default (`limit`), and never more than the maximum. */
export const NEIGHBORHOOD_DEFAULT_NODES = 500;
export const NEIGHBORHOOD_MAX_NODES = 5000;
/** …and at most this many edges between them. */
export const NEIGHBORHOOD_MAX_EDGES = 50_000;
/** GET /api/claims: at most this many claims by default (`limit`), and never more than the maximum. */
export const CLAIMS_DEFAULT_LIMIT = 1000;
export const CLAIMS_MAX_LIMIT = 10_000;
/**
 * GET /api/graph?limit=N: the N best connected nodes (no default: without `limit` the whole graph).
 * The explorer's first view asks for FIRST_VIEW_NODES of them (lib/view/coverage.ts).
 */
export const GRAPH_MAX_LIMIT = 1_000_000;

/**
 * Refuses a parameter the route does not take (400 naming it: a typo such as `hop=2` must
 * not silently answer the default) and a single-valued parameter given more than once.
 */
export function allowParams(params: URLSearchParams, spec: { single?: readonly string[]; multi?: readonly string[] }): void {
  const single = new Set(spec.single ?? []);
  const multi = new Set(spec.multi ?? []);
  const seen = new Set<string>();
  for (const name of params.keys()) {
    // "?=" or a stray "&=": nothing a client meant to say.
    if (name === "") continue;
    if (single.has(name)) {
      if (seen.has(name)) throw new BadRequestError(`${name} must be given once, got ${params.getAll(name).length} values`, name);
      seen.add(name);
      continue;
    }
    if (multi.has(name)) continue;
    const known = [...single, ...multi];
    const shown = name.length > 60 ? `${name.slice(0, 60)}…` : name;
    throw new BadRequestError(
      `${show(shown)} is not a parameter of this route${known.length ? ` (it takes ${known.join(", ")})` : " (it takes none)"}`,
      shown,
    );
  }
}

/** The filter parameters' names for allowParams (`dateAliases: false` on /api/path). */
export function filterParamNames(options: { dateAliases?: boolean } = {}): { single: string[]; multi: string[] } {
  const single: string[] = [...FILTER_SINGLE_PARAMS];
  if (options.dateAliases ?? true) single.push("from", "to");
  return { single, multi: [...FILTER_LIST_PARAMS] };
}

/** An optional integer `name` from 1 to `max`; `fallback` when absent. */
export function parseLimit(params: URLSearchParams, name: string, max: number): number | undefined;
export function parseLimit(params: URLSearchParams, name: string, max: number, fallback: number): number;
export function parseLimit(params: URLSearchParams, name: string, max: number, fallback?: number): number | undefined {
  const raw = single(params, name);
  if (raw === undefined) return fallback;
  return check(name, raw, integer(1, max), `an integer from 1 to ${max}`);
}
