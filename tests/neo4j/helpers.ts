import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import neo4j, { type Driver } from "neo4j-driver";
import { parseGraphDocument, type GraphDocument } from "@/lib/contract";

/** Deletes every node and relationship (constraints and indexes stay). */
export async function wipe(driver: Driver): Promise<void> {
  const session = driver.session();
  try {
    await session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS");
  } finally {
    await session.close();
  }
}

/** A document in readGraph()'s order: articles by id, nodes and edges by key (conflicts keep theirs). */
export function normalize(doc: GraphDocument): GraphDocument {
  const byKey = <T extends { key: string }>(a: T, b: T) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const copy = structuredClone(doc);
  copy.articles.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  copy.graph.nodes.sort(byKey);
  copy.graph.edges.sort(byKey);
  copy.graph.attributes = {};
  return copy;
}

export async function query(driver: Driver, cypher: string, params: Record<string, unknown> = {}) {
  const res = await driver.executeQuery(cypher, params, { routing: neo4j.routing.READ });
  return res.records.map((r) => r.toObject());
}

const ROOT = path.resolve(__dirname, "../..");
/** The dev corpus next to the project (../shared); absent on a clone without it. */
export const DEV_ARTICLES = path.resolve(ROOT, "../shared/corpus/dev/articles");
export const SEED_GRAPH = path.join(ROOT, "graph-data/graph.json");

export function readDocument(file: string): GraphDocument {
  return parseGraphDocument(JSON.parse(fs.readFileSync(file, "utf8")), file);
}

/** Builds a corpus with the README's command (`tsx scripts/build-graph.ts --articles <dir> --out <file>`). */
export async function buildGraph(articles: string, out: string): Promise<GraphDocument> {
  await promisify(execFile)(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/build-graph.ts", "--articles", articles, "--out", out, "--quiet"], {
    cwd: ROOT,
    timeout: 300_000,
  });
  return readDocument(out);
}
