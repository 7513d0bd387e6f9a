// Where Neo4j is and how to open one verified driver to it.
//
// Connection: NEO4J_URI (+ NEO4J_USER, NEO4J_PASSWORD) when set; otherwise the server that
// `npm run neo4j:start` recorded in .neo4j/server.json (or $NEWSGRAPH_NEO4J_STATE/server.json).

import fs from "node:fs";
import path from "node:path";
import neo4j, { type Driver } from "neo4j-driver";
import type { Neo4jConnection } from "./types";

/**
 * Neo4j is not configured or not reachable; `message` is one line meant for the user, naming the URI when there is one.
 * `code` is "unavailable" like lib/graph's GraphUnavailableError, so the API answers it with 503 (server/http/respond.ts).
 */
export class Neo4jUnavailableError extends Error {
  readonly code = "unavailable";
  readonly backend = "neo4j";
  readonly uri: string | undefined;
  constructor(message: string, options?: { cause?: unknown; uri?: string }) {
    super(message, options);
    this.name = "Neo4jUnavailableError";
    this.uri = options?.uri;
  }
}

export interface ServerRecord {
  pid: number;
  uri: string;
  port: number;
  dataDir: string;
  logFile: string;
  temporary?: boolean;
  startedAt?: string;
  startupMs?: number;
}

/** The record written by scripts/neo4j/start.sh, or null when there is none. */
export function readServerRecord(stateDir: string): ServerRecord | null {
  const file = path.join(stateDir, "server.json");
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
  try {
    const rec = JSON.parse(text) as ServerRecord;
    return typeof rec.uri === "string" ? rec : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD from `env`, else the recorded local server.
 * Returns null when neither exists; throws Neo4jUnavailableError when the record names a server that is gone.
 */
export function resolveConnection(
  options: { env?: NodeJS.ProcessEnv; root?: string } = {},
): Neo4jConnection | null {
  const env = options.env ?? process.env;
  const user = env.NEO4J_USER || undefined;
  const password = env.NEO4J_PASSWORD || undefined;
  if (env.NEO4J_URI) return { uri: env.NEO4J_URI, user, password, from: "NEO4J_URI" };
  const stateDir = env.NEWSGRAPH_NEO4J_STATE || path.join(options.root ?? process.cwd(), ".neo4j");
  const rec = readServerRecord(stateDir);
  if (!rec) return null;
  const from = path.join(stateDir, "server.json");
  if (Number.isInteger(rec.pid) && !isAlive(rec.pid)) {
    throw new Neo4jUnavailableError(
      `the Neo4j server recorded in ${from} (pid ${rec.pid}) is not running: start one with npm run neo4j:start`,
      { uri: rec.uri },
    );
  }
  return { uri: rec.uri, user, password, from };
}

/** A driver for `conn` (not yet verified). Integers come back as JS numbers. */
export interface DriverOptions {
  /**
   * How long managed transactions (executeRead/executeWrite) retry transient failures, a lost server
   * included (default 30 s, the driver's). The app uses a few seconds so a dead server is reported quickly.
   */
  maxTransactionRetryTimeMs?: number;
}

export function createDriver(conn: Neo4jConnection, options: DriverOptions = {}): Driver {
  const auth =
    conn.password !== undefined ? neo4j.auth.basic(conn.user ?? "neo4j", conn.password) : undefined;
  return neo4j.driver(conn.uri, auth, {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 20,
    connectionTimeout: 10_000,
    connectionAcquisitionTimeout: 30_000,
    maxTransactionRetryTime: options.maxTransactionRetryTimeMs ?? 30_000,
    userAgent: "newsgraph",
  });
}

/** A driver for `conn`, verified (one round trip to the server); throws Neo4jUnavailableError with a one-line reason. */
export async function connect(conn: Neo4jConnection, options: DriverOptions = {}): Promise<Driver> {
  let driver: Driver;
  try {
    driver = createDriver(conn, options);
  } catch (err) {
    throw new Neo4jUnavailableError(`bad Neo4j URI ${conn.uri}: ${oneLine(err)}`, { cause: err, uri: conn.uri });
  }
  try {
    await driver.verifyConnectivity();
  } catch (err) {
    await driver.close().catch(() => undefined);
    throw new Neo4jUnavailableError(`cannot reach Neo4j at ${conn.uri}: ${connectionReason(err)}`, { cause: err, uri: conn.uri });
  }
  return driver;
}

let shared: Promise<Driver> | null = null;

/** One verified driver per process, from NEO4J_URI or the recorded local server. */
export function getDriver(): Promise<Driver> {
  if (!shared) {
    shared = (async () => {
      const conn = resolveConnection();
      if (!conn) {
        throw new Neo4jUnavailableError("no Neo4j configured: set NEO4J_URI or start one with npm run neo4j:start");
      }
      return connect(conn);
    })();
    shared.catch(() => {
      shared = null; // let a later call retry
    });
  }
  return shared;
}

/** Closes the shared driver, if one was opened. */
export async function closeDriver(): Promise<void> {
  const pending = shared;
  shared = null;
  if (pending) await (await pending.catch(() => null))?.close();
}

/**
 * Why a connection failed, in one short line: the driver's "Failed to connect to server. Please ensure … Caused by:
 * connect ECONNREFUSED 127.0.0.1:9" becomes "connect ECONNREFUSED 127.0.0.1:9".
 */
export function connectionReason(err: unknown): string {
  const line = oneLine(err);
  const cause = /Caused by: (.+)$/.exec(line);
  return cause ? cause[1]!.trim() : line;
}

export function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split("\n").map((s) => s.trim()).filter(Boolean).join(" ");
}
