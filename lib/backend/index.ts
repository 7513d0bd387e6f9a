// Which backend answers the API: the in-memory graph (lib/graph/store.ts, the default) or Neo4j (lib/neo4j).
// Server-only (node:fs, neo4j-driver).
//
// Selection, from the environment at each call (so a test or a restarted dev server can switch):
//   NEWSGRAPH_BACKEND=memory          the in-memory graph, even when NEO4J_URI is set
//   NEWSGRAPH_BACKEND=neo4j           Neo4j from NEO4J_URI, else the server `npm run neo4j:start` recorded
//   (unset)                           Neo4j when NEO4J_URI is set, else the in-memory graph
//   NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE   where Neo4j is (the loader reads the same)
//   NEWSGRAPH_NEO4J_TIMEOUT_MS        timeout of each query's read transaction (default 30000)
//
// Neo4j: one driver per process (kept on globalThis so that a dev server's module reloads reuse it), verified
// when it is opened (verifyConnectivity); a changed URI or credentials close it and open another. A failed
// connection is not kept: the next request tries again (after a short pause, so a dead server is not hammered).
//
// When Neo4j is configured but unavailable (unreachable, or it holds no graph), the data routes answer 503 with
// an error naming the URI (Neo4jUnavailableError), while withFallback() — used by GET /api/graph and the
// article route, which the explorer needs to draw anything — answers from the in-memory graph and says so.
// Article texts always come from the articles folder (NEWSGRAPH_ARTICLES).

import { createHash } from "node:crypto";
import type { Driver } from "neo4j-driver";
import { NotFoundError } from "@/lib/graph/errors";
import path from "node:path";
import { articlesDirPath, getGraphStore, graphFilePath } from "@/lib/graph/store";
import type { ArticleText, GraphQueries } from "@/lib/graph/types";
import { show } from "@/lib/graph/utils";
import { connect, Neo4jUnavailableError, oneLine, resolveConnection } from "@/lib/neo4j/driver";
import { createNeo4jQueries, type Neo4jQueries } from "@/lib/neo4j/queries";
import type { Neo4jConnection } from "@/lib/neo4j/types";
import { readArticleText } from "./articles";

export type BackendName = "memory" | "neo4j";

export interface Backend {
  readonly name: BackendName;
  readonly queries: GraphQueries;
  /** An article's metadata and raw text (NotFoundError for an id the graph does not list). */
  readArticle(id: string): Promise<ArticleText>;
}

/** What the environment asks for. `error` when it asks for Neo4j but names none, or names a value we do not know. */
export interface BackendChoice {
  name: BackendName;
  connection: Neo4jConnection | null;
  database: string | undefined;
  error: Neo4jUnavailableError | null;
}

export function chooseBackend(env: Readonly<Record<string, string | undefined>> = process.env): BackendChoice {
  const asked = (env.NEWSGRAPH_BACKEND ?? "").trim().toLowerCase();
  const database = env.NEO4J_DATABASE || undefined;
  if (asked === "memory") return { name: "memory", connection: null, database, error: null };
  if (asked !== "" && asked !== "neo4j") {
    return {
      name: "neo4j",
      connection: null,
      database,
      error: new Neo4jUnavailableError(`NEWSGRAPH_BACKEND must be "memory" or "neo4j", got ${show(env.NEWSGRAPH_BACKEND)}`),
    };
  }
  if (asked === "" && !env.NEO4J_URI) return { name: "memory", connection: null, database, error: null };
  try {
    const connection = resolveConnection({ env: env as NodeJS.ProcessEnv });
    if (!connection) {
      return {
        name: "neo4j",
        connection: null,
        database,
        error: new Neo4jUnavailableError("NEWSGRAPH_BACKEND=neo4j but no Neo4j is configured: set NEO4J_URI or start one with npm run neo4j:start"),
      };
    }
    return { name: "neo4j", connection, database, error: null };
  } catch (err) {
    const error = err instanceof Neo4jUnavailableError ? err : new Neo4jUnavailableError(oneLine(err), { cause: err });
    return { name: "neo4j", connection: null, database, error };
  }
}

export interface Neo4jHandle {
  driver: Driver;
  queries: Neo4jQueries;
  connection: Neo4jConnection;
  database: string | undefined;
}

interface Neo4jEntry {
  id: string;
  ready: Promise<Neo4jHandle>;
}

interface BackendGlobal {
  entry: Neo4jEntry | null;
}

const GLOBAL_KEY = Symbol.for("newsgraph.backend");
const state: BackendGlobal = ((globalThis as Record<symbol, unknown>)[GLOBAL_KEY] as BackendGlobal | undefined) ?? { entry: null };
(globalThis as Record<symbol, unknown>)[GLOBAL_KEY] = state;

/** How long a failed connection attempt is remembered before the next request tries again. */
const RETRY_AFTER_MS = 2_000;

function connectionId(conn: Neo4jConnection, database: string | undefined): string {
  const secret = conn.password === undefined ? "" : createHash("sha256").update(conn.password).digest("hex");
  return JSON.stringify([conn.uri, conn.user ?? "", secret, database ?? ""]);
}

function queryTimeout(env: Readonly<Record<string, string | undefined>> = process.env): number | undefined {
  const value = Number(env.NEWSGRAPH_NEO4J_TIMEOUT_MS);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

async function closeEntry(entry: Neo4jEntry | null): Promise<void> {
  if (!entry) return;
  const handle = await entry.ready.catch(() => null);
  await handle?.driver.close().catch(() => undefined);
}

/** The Neo4j driver and queries of this process (Neo4jUnavailableError naming the URI when it cannot be reached). */
export async function getNeo4j(choice: BackendChoice = chooseBackend()): Promise<Neo4jHandle> {
  if (choice.error) throw choice.error;
  const conn = choice.connection;
  if (choice.name !== "neo4j" || !conn) {
    throw new Neo4jUnavailableError("the Neo4j backend is not configured: set NEO4J_URI (+ NEO4J_USER, NEO4J_PASSWORD)");
  }
  const id = connectionId(conn, choice.database);
  if (state.entry && state.entry.id !== id) {
    const old = state.entry;
    state.entry = null;
    void closeEntry(old);
  }
  if (!state.entry) {
    const entry: Neo4jEntry = {
      id,
      ready: (async () => {
        // A lost server is reported after a few seconds of retries, not the driver's default 30.
        const driver = await connect(conn, { maxTransactionRetryTimeMs: 3_000 });
        const queries = createNeo4jQueries(driver, { uri: conn.uri, database: choice.database, timeoutMs: queryTimeout() });
        return { driver, queries, connection: conn, database: choice.database };
      })(),
    };
    state.entry = entry;
    entry.ready.catch(() => {
      setTimeout(() => {
        if (state.entry === entry) state.entry = null;
      }, RETRY_AFTER_MS).unref?.();
    });
  }
  return state.entry.ready;
}

/**
 * The in-memory backend. graph.json is loaded (or found cached) when a query runs, not before, so a route
 * checks its parameters first (400) and only then finds the graph missing (503), as it did before backends.
 */
function memoryBackend(): Backend {
  const queries = async () => (await getGraphStore()).queries;
  return {
    name: "memory",
    queries: {
      backend: "memory",
      document: async () => (await queries()).document(),
      subgraph: async (filters) => (await queries()).subgraph(filters),
      node: async (key) => (await queries()).node(key),
      neighborhood: async (key, hops, filters, limits) => (await queries()).neighborhood(key, hops, filters, limits),
      shortestPath: async (from, to, filters) => (await queries()).shortestPath(from, to, filters),
      meetingsOf: async (entity) => (await queries()).meetingsOf(entity),
      coAttendees: async (entity) => (await queries()).coAttendees(entity),
      entitiesBySource: async (article) => (await queries()).entitiesBySource(article),
      claimsWithFewerThan: async (n) => (await queries()).claimsWithFewerThan(n),
      search: async (text, limit) => (await queries()).search(text, limit),
    },
    readArticle: async (id) => (await getGraphStore()).readArticle(id),
  };
}

function neo4jBackend(handle: Neo4jHandle): Backend {
  return {
    name: "neo4j",
    queries: handle.queries,
    async readArticle(id) {
      const meta = await handle.queries.article(id);
      if (!meta) throw new NotFoundError(`unknown article ${show(id)}`);
      return readArticleText(articlesDirPath(), meta);
    },
  };
}

/** The configured backend (errors: GraphUnavailableError for the memory path, Neo4jUnavailableError for Neo4j). */
export async function getBackend(): Promise<Backend> {
  const choice = chooseBackend();
  if (choice.name === "memory") return memoryBackend();
  return neo4jBackend(await getNeo4j(choice));
}

/** The configured backend's queries: what the API routes use. */
export async function getQueries(): Promise<GraphQueries> {
  return (await getBackend()).queries;
}

/** Neo4j was asked for but cannot answer (unreachable, no graph, not configured properly). */
export function isNeo4jUnavailable(error: unknown): error is Neo4jUnavailableError {
  if (error instanceof Neo4jUnavailableError) return true;
  const e = error as { code?: unknown; backend?: unknown } | null;
  return !!e && typeof e === "object" && e.code === "unavailable" && e.backend === "neo4j";
}

export interface Fallback {
  /** One line for the page. */
  notice: string;
  /** The Neo4j error that caused it. */
  error: string;
  uri: string | undefined;
}

export interface Answer<T> {
  value: T;
  backend: BackendName;
  fallback: Fallback | null;
}

function fallbackOf(error: Neo4jUnavailableError): Fallback {
  const reason = error.message.replace(/^newsgraph\/neo4j: /, "");
  const file = graphFilePath();
  return {
    notice: `Neo4j is unavailable (${reason}); showing the in-memory graph from ${file} instead.`,
    error: error.message,
    uri: error.uri,
  };
}

/**
 * Runs `work` on the configured backend; when that is Neo4j and it is unavailable, runs it on the in-memory
 * graph instead and says so in `fallback`. If the in-memory graph is unavailable too, the Neo4j error is thrown.
 */
export async function withFallback<T>(work: (backend: Backend) => Promise<T>): Promise<Answer<T>> {
  const choice = chooseBackend();
  if (choice.name === "memory") return { value: await work(memoryBackend()), backend: "memory", fallback: null };
  try {
    return { value: await work(neo4jBackend(await getNeo4j(choice))), backend: "neo4j", fallback: null };
  } catch (error) {
    if (!isNeo4jUnavailable(error)) throw error;
    try {
      await getGraphStore();
    } catch {
      throw error; // nothing to fall back to: the Neo4j error names the URI
    }
    return { value: await work(memoryBackend()), backend: "memory", fallback: fallbackOf(error) };
  }
}

export interface BackendStatus {
  /** Who answers the explorer's graph now; null when neither backend can. */
  backend: BackendName | null;
  /** What the environment asks for. */
  configured: BackendName;
  /** Neo4j is configured but unavailable, and the in-memory graph answers the explorer instead. */
  fallback: boolean;
  /** One line for the page when something is off (fallback, or nothing to show). */
  notice?: string;
  /** The Cypher console is available (the Neo4j backend answers). */
  console: boolean;
  neo4j?: {
    uri: string | null;
    database: string | null;
    ok: boolean;
    error?: string;
    graph?: { nodes: number; edges: number; model: number; stamp: string | null };
  };
  memory?: { graphFile: string; ok: boolean; error?: string };
}

/** GET /api/backend: which backend answers, and why not the configured one when it does not. */
export async function backendStatus(): Promise<BackendStatus> {
  const choice = chooseBackend();
  const memoryStatus = async (): Promise<NonNullable<BackendStatus["memory"]>> => {
    // Relative to the server's folder: the status is public, the machine's layout is not.
    const graphFile = path.relative(process.cwd(), graphFilePath()) || path.basename(graphFilePath());
    try {
      await getGraphStore();
      return { graphFile, ok: true };
    } catch (error) {
      return { graphFile, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
  if (choice.name === "memory") {
    const memory = await memoryStatus();
    return {
      backend: memory.ok ? "memory" : null,
      configured: "memory",
      fallback: false,
      ...(memory.ok ? {} : { notice: memory.error }),
      console: false,
      memory,
    };
  }
  const uri = choice.connection?.uri ?? choice.error?.uri ?? null;
  try {
    const handle = await getNeo4j(choice);
    const graph = await handle.queries.verify();
    return {
      backend: "neo4j",
      configured: "neo4j",
      fallback: false,
      console: true,
      neo4j: { uri, database: choice.database ?? null, ok: true, graph },
    };
  } catch (error) {
    if (!isNeo4jUnavailable(error)) throw error;
    const memory = await memoryStatus();
    const neo4j = { uri, database: choice.database ?? null, ok: false, error: error.message };
    if (!memory.ok) {
      return {
        backend: null,
        configured: "neo4j",
        fallback: false,
        notice: `${error.message}; the in-memory graph is unavailable too: ${memory.error}`,
        console: false,
        neo4j,
        memory,
      };
    }
    return { backend: "memory", configured: "neo4j", fallback: true, notice: fallbackOf(error).notice, console: false, neo4j, memory };
  }
}

/** Closes the Neo4j driver and forgets it (tests; a server shutting down). */
export async function resetBackend(): Promise<void> {
  const entry = state.entry;
  state.entry = null;
  await closeEntry(entry);
}
