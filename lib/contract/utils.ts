import { z } from "zod";
import { memoized } from "../memo";
import {
  EDGE_TYPES,
  NODE_TYPES,
  type EdgeType,
  type GraphDocument,
  type NodeType,
} from "./types";

const KEY_PREFIX: Record<NodeType, string> = {
  Person: "person",
  Organization: "org",
  Place: "place",
  Document: "doc",
  Meeting: "meeting",
};

/** Lower-case, accent-free, punctuation-free form used for search and matching ("Zelenskyy’s" → "zelenskyy s"). */
export function foldText(text: string): string {
  // Names are folded again and again (every mention, every lookup): short texts are remembered.
  return text.length > FOLD_MEMO_MAX_CHARS ? foldUncached(text) : foldShort(text);
}

const FOLD_MEMO_MAX_CHARS = 80;
const foldShort = memoized(foldUncached, 100_000);

function foldUncached(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ł/g, "l")
    .replace(/Ł/g, "L")
    .replace(/[’‘`´]/g, "'")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** URL- and key-safe slug of a name: "Łukasz Borowiecki" → "lukasz-borowiecki". */
export function slugify(text: string): string {
  const slug = foldText(text).replace(/'/g, "").replace(/\s+/g, "-").slice(0, 80).replace(/-+$/, "");
  return slug || "unnamed";
}

/** Stable node key `type:slug-of-canonical-name` (the contract's rule). */
export function nodeKey(type: NodeType, canonicalName: string): string {
  return `${KEY_PREFIX[type]}:${slugify(canonicalName)}`;
}

/** One edge per (source, type, target): the key says so. */
export function edgeKey(source: string, type: EdgeType, target: string): string {
  // join makes one flat string; a template literal makes a rope, which every comparison of a
  // sort (500,000 edges at 10,000 articles) would have to flatten again.
  return [source, type, target].join("|");
}

const evidenceSchema = z.object({
  article: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  quote: z.string(),
});

const statedDateSchema = z.object({
  text: z.string(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  article: z.string(),
});

const graphDocumentSchema = z.object({
  version: z.literal(1),
  articles: z.array(
    z.object({
      id: z.string(),
      file: z.string(),
      title: z.string().nullable(),
      publisher: z.string().nullable(),
      url: z.string().nullable(),
      date: z.string().nullable(),
      sha256: z.string(),
      chars: z.number(),
    }),
  ),
  graph: z.object({
    options: z.object({ type: z.literal("directed"), multi: z.literal(true), allowSelfLoops: z.literal(false) }),
    attributes: z.record(z.string(), z.unknown()),
    nodes: z.array(
      z.object({
        key: z.string(),
        attributes: z
          .object({
            type: z.enum(NODE_TYPES),
            label: z.string(),
            aliases: z.array(z.string()),
            mentions: z.array(z.object({ article: z.string(), start: z.number(), end: z.number() })),
            date: statedDateSchema.nullable().optional(),
            dates: z.array(statedDateSchema).optional(),
            x: z.number().optional(),
            y: z.number().optional(),
          })
          .passthrough(),
      }),
    ),
    edges: z.array(
      z.object({
        key: z.string(),
        source: z.string(),
        target: z.string(),
        attributes: z
          .object({ type: z.enum(EDGE_TYPES), evidence: z.array(evidenceSchema).min(1), note: z.string().optional() })
          .passthrough(),
      }),
    ),
  }),
  conflicts: z.array(
    z.object({
      subject: z.string(),
      field: z.string(),
      claims: z.array(z.object({ value: z.string(), evidence: evidenceSchema })),
    }),
  ),
});

/**
 * Checks that `value` follows the graph.json contract and returns it typed.
 * Throws `newsgraph/contract: <source>: <path>: <problem>` on the first violation.
 */
export function parseGraphDocument(value: unknown, source = "graph.json"): GraphDocument {
  const result = graphDocumentSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? issue.path.join(".") || "(root)" : "(root)";
    throw new Error(`newsgraph/contract: ${source}: ${where}: ${issue?.message ?? "invalid"}`);
  }
  const doc = result.data as unknown as GraphDocument;
  const keys = new Set<string>();
  for (const node of doc.graph.nodes) {
    if (keys.has(node.key)) throw new Error(`newsgraph/contract: ${source}: duplicate node key "${node.key}"`);
    keys.add(node.key);
  }
  for (const edge of doc.graph.edges) {
    for (const end of [edge.source, edge.target]) {
      if (!keys.has(end)) throw new Error(`newsgraph/contract: ${source}: edge "${edge.key}" points to unknown node "${end}"`);
    }
  }
  return doc;
}

/** An absolute http(s) URL (what an article's `url` may be: never a file:, javascript: or data: link). */
export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

export function isEdgeType(value: string): value is EdgeType {
  return (EDGE_TYPES as readonly string[]).includes(value);
}

export function isNodeType(value: string): value is NodeType {
  return (NODE_TYPES as readonly string[]).includes(value);
}
