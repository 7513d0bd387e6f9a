// vitest globalSetup for the Neo4j tests: starts a fresh local Neo4j (scripts/neo4j/start.sh --background,
// building the launcher first when needed), provides its Bolt URI as inject("neo4jUri"), and stops it in
// teardown, whether the tests passed or not. The server also stops by itself if this process dies
// (--watch-pid), and its temporary data folder goes with it.
//
// NEWSGRAPH_TEST_NEO4J_URI=bolt://… runs the tests against a server you started instead (its database is wiped!).

import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jStateDir: string;
  }
}

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SCRIPTS = path.join(ROOT, "scripts/neo4j");

/** The environment for our server: no auth (tests connect without credentials). */
function serverEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NEO4J_USER;
  delete env.NEO4J_PASSWORD;
  delete env.NEO4J_DATA;
  delete env.NEWSGRAPH_NEO4J_STATE;
  return env;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.NEWSGRAPH_TEST_NEO4J_URI;
  if (external) {
    project.provide("neo4jUri", external);
    project.provide("neo4jStateDir", "");
    return async () => undefined;
  }

  removeStaleStateDirs();
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), STATE_PREFIX));
  const started = Date.now();
  let uri: string;
  try {
    const { stdout } = await run(
      "bash",
      [path.join(SCRIPTS, "start.sh"), "--background", "--state-dir", stateDir, "--watch-pid", String(process.pid)],
      { cwd: ROOT, env: serverEnv(), timeout: 15 * 60_000, maxBuffer: 16 * 1024 * 1024 },
    );
    uri = stdout.trim().split("\n").pop() ?? "";
    if (!uri.startsWith("bolt://")) throw new Error(`start.sh printed no Bolt URI: ${stdout}`);
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    await stop(stateDir);
    throw new Error(`could not start the test Neo4j: ${e.stderr?.trim() || e.message}`);
  }
  console.log(`[neo4j] test server ${uri} up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide("neo4jUri", uri);
  project.provide("neo4jStateDir", stateDir);

  return async () => {
    await stop(stateDir);
  };
}

const STATE_PREFIX = "newsgraph-neo4j-test-";

/** State folders of earlier runs that were killed before their teardown (their servers stopped by themselves). */
function removeStaleStateDirs(): void {
  const tmp = os.tmpdir();
  for (const name of fs.readdirSync(tmp)) {
    if (!name.startsWith(STATE_PREFIX)) continue;
    const dir = path.join(tmp, name);
    try {
      const recordFile = path.join(dir, "server.json");
      if (fs.existsSync(recordFile)) {
        const { pid } = JSON.parse(fs.readFileSync(recordFile, "utf8")) as { pid: number };
        if (fs.existsSync(`/proc/${pid}`) && fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("newsgraph.neo4j.Launcher")) continue;
      } else if (Date.now() - fs.statSync(dir).mtimeMs < 60 * 60_000) {
        continue; // another run may be starting its server right now
      }
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // not ours to judge: leave it
    }
  }
}

async function stop(stateDir: string): Promise<void> {
  try {
    await run("bash", [path.join(SCRIPTS, "stop.sh"), "--state-dir", stateDir], { cwd: ROOT, timeout: 60_000 });
  } catch (err) {
    console.error(`[neo4j] stop failed: ${(err as Error).message}`);
  } finally {
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}
