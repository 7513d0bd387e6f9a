// The launcher itself: a second server with auth and a named data folder, stopped and restarted.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, it } from "vitest";
import { connect, readServerRecord } from "@/lib/neo4j/driver";

const ROOT = path.resolve(__dirname, "../..");
const run = promisify(execFile);

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const e = { ...process.env };
  for (const k of ["NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATA", "NEWSGRAPH_NEO4J_STATE"]) delete e[k];
  return { ...e, ...extra };
}

/** Running (a zombie waiting to be reaped by init counts as gone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

// Runs only under vitest.neo4j.config.ts (whose global setup provides neo4jUri), like the other Neo4j tests.
describe.skipIf(!inject("neo4jUri"))("neo4j/launcher (scripts/neo4j/start.sh, stop.sh)", () => {
  const dir = path.join(os.tmpdir(), `newsgraph-launcher-test-${process.pid}`);
  const stateDir = path.join(dir, "state");
  const dataDir = path.join(dir, "data");
  const auth = { NEO4J_USER: "newsgraph", NEO4J_PASSWORD: "s3cret-pass" };
  const start = () =>
    run("bash", ["scripts/neo4j/start.sh", "--background", "--data", dataDir, "--state-dir", stateDir, "--watch-pid", String(process.pid)], {
      cwd: ROOT,
      env: env(auth),
      timeout: 600_000,
    });
  const stop = () => run("bash", ["scripts/neo4j/stop.sh", "--state-dir", stateDir], { cwd: ROOT, env: env({}), timeout: 60_000 });

  afterAll(async () => {
    await stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("should start with auth on a free loopback port, keep a named data folder, and stop by its recorded PID", async () => {
    const { stdout } = await start();
    const uri = stdout.trim();
    expect(uri).toMatch(/^bolt:\/\/127\.0\.0\.1:\d+$/);
    const rec = readServerRecord(stateDir)!;
    expect(rec).toMatchObject({ uri, dataDir: dataDir, temporary: false });
    expect(rec.port).toBe(Number(uri.split(":").pop()));
    expect(alive(rec.pid)).toBe(true);
    expect(fs.existsSync(rec.logFile)).toBe(true);

    await expect(connect({ uri, user: "newsgraph", password: "wrong-password" })).rejects.toThrow(/cannot reach Neo4j at .*unauthorized|authentication failure/i);
    await expect(connect({ uri, user: "neo4j", password: "neo4j" })).rejects.toThrow(/cannot reach Neo4j/);
    let driver = await connect({ uri, user: auth.NEO4J_USER, password: auth.NEO4J_PASSWORD });
    await driver.executeQuery("CREATE (:LauncherProbe {at: $at})", { at: "first run" });
    await driver.close();

    // a second start on the same state dir reports the running server instead of starting another
    const again = await start();
    expect(again.stdout.trim()).toBe(uri);

    await stop();
    expect(readServerRecord(stateDir)).toBeNull();
    expect(alive(rec.pid)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, "data"))).toBe(true);
    const twice = await stop(); // nothing running: still fine
    expect(twice.stderr).toMatch(/not running/);

    // the named data folder survives a restart
    const restarted = (await start()).stdout.trim();
    driver = await connectWithRetry({ uri: restarted, user: auth.NEO4J_USER, password: auth.NEO4J_PASSWORD }, stateDir);
    const res = await driver.executeQuery("MATCH (p:LauncherProbe) RETURN p.at AS at");
    expect(res.records.map((r) => r.get("at"))).toEqual(["first run"]);
    await driver.close();
    await stop();
  });
});

/**
 * On a loaded machine the restarted server can take a moment to open its database after Bolt
 * answers: retry for a while, then fail with the server's log so the cause is visible.
 */
async function connectWithRetry(conn: { uri: string; user: string; password: string }, stateDir: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await connect(conn);
    } catch (error) {
      if (Date.now() > deadline) {
        const record = readServerRecord(stateDir);
        const log = record?.logFile && fs.existsSync(record.logFile) ? fs.readFileSync(record.logFile, "utf8").split("\n").slice(-30).join("\n") : "(no log)";
        throw new Error(`${(error as Error).message}\n--- server log ---\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
