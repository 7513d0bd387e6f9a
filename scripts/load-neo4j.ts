// npm run neo4j:load [-- --graph graph-data/graph.json] [--batch-size 500] [--database neo4j]
//
// Loads graph.json into Neo4j so that the database holds exactly that graph (idempotent; what a rebuild
// dropped is removed). Where: NEO4J_URI (+ NEO4J_USER, NEO4J_PASSWORD), else the server that
// `npm run neo4j:start` recorded in .neo4j/server.json.

import path from "node:path";
import { parseGraphDocument, type GraphDocument } from "@/lib/contract";
import { JsonSyntaxError, readJsonFile } from "@/lib/jsonfile";
import { connect, oneLine, resolveConnection } from "@/lib/neo4j/driver";
import { DEFAULT_BATCH_SIZE, loadGraph } from "@/lib/neo4j/load";
import type { GraphCounts } from "@/lib/neo4j/types";

const USAGE =
  "usage: npm run neo4j:load [-- --graph <graph.json>] [--batch-size N (5000)] [--database NAME] [--quiet]\n" +
  "  Neo4j from NEO4J_URI (+ NEO4J_USER, NEO4J_PASSWORD), else from .neo4j/server.json (npm run neo4j:start)";

class UsageError extends Error {}

interface Args {
  graph: string;
  batchSize: number;
  database?: string;
  quiet: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { graph: "graph-data/graph.json", batchSize: DEFAULT_BATCH_SIZE, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === "--graph") args.graph = value();
    else if (a.startsWith("--graph=")) args.graph = a.slice("--graph=".length);
    else if (a === "--batch-size") args.batchSize = Number(value());
    else if (a === "--database") args.database = value();
    else if (a === "--quiet" || a === "-q") args.quiet = true;
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new UsageError(`unknown argument ${a}`);
  }
  if (!Number.isInteger(args.batchSize) || args.batchSize < 1) throw new UsageError("--batch-size must be a positive integer");
  return args;
}

function readDocument(file: string): GraphDocument {
  let json: unknown;
  try {
    // Past V8's longest string (a graph.json of ≈ 15,000 articles) the file is parsed in chunks.
    json = readJsonFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (err instanceof JsonSyntaxError) throw new Error(`graph file ${file} is not valid JSON: ${oneLine(err)}`);
    throw new Error(
      code === "ENOENT" ? `graph file ${file} not found (build it with npm run graph)` : `cannot read ${file}: ${oneLine(err)}`,
    );
  }
  return parseGraphDocument(json, file);
}

function summary(c: GraphCounts): string {
  const by = (r: Record<string, number>) =>
    Object.entries(r)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(", ");
  return [
    `nodes ${c.nodes} (${by(c.nodesByType) || "none"})`,
    `edges ${c.edges} (${by(c.edgesByType) || "none"})`,
    `evidence ${c.evidence}, articles ${c.articles}, mentions ${c.mentions}, conflicts ${c.conflicts} (${c.conflictClaims} claims)`,
  ].join("\n  ");
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`neo4j:load: ${oneLine(err)}\n${USAGE}`);
    return 2;
  }
  const file = path.resolve(args.graph);
  const doc = readDocument(file);
  const conn = resolveConnection();
  if (!conn) throw new Error("no Neo4j to load into: set NEO4J_URI, or start one with npm run neo4j:start");
  const driver = await connect(conn);
  try {
    const log = args.quiet ? () => undefined : (s: string) => process.stderr.write(s);
    log(`neo4j:load: ${path.relative(process.cwd(), file) || file} → ${conn.uri}\n`);
    let lastPhase = "";
    const result = await loadGraph(driver, doc, {
      batchSize: args.batchSize,
      database: args.database,
      onBatch: (p) => {
        if (p.phase !== lastPhase) log(`${lastPhase ? "\n" : ""}  ${p.phase}`);
        lastPhase = p.phase;
        log(".");
      },
    });
    log("\n");
    const w = result.writes;
    console.log(
      `loaded in ${result.ms} ms (${result.mode === "create" ? "created: the database held no newsgraph graph" : "merged with the graph already there"}):\n  ${summary(result.counts)}\n` +
        `  writes: +${w.nodesCreated}/-${w.nodesDeleted} nodes, +${w.relationshipsCreated}/-${w.relationshipsDeleted} relationships, ` +
        `${w.propertiesSet} properties set`,
    );
    return 0;
  } finally {
    await driver.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`neo4j:load: ${oneLine(err)}`);
    process.exit(1);
  },
);
