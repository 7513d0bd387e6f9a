import neo4j, { type Driver } from "neo4j-driver";
import type { GraphDocument } from "@/lib/contract";

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
