// Size limits of the extractor, opt-in (minutes of CPU): NEWSGRAPH_SLOW_TESTS=1 npx vitest run tests/hostile/limits.test.ts
// They guard against two past failures: argument spreads over an article's mentions overflowed
// the call stack past ~125,000 mentions, and meeting clustering was quadratic in the number of
// meetings. Both are fixed (loops instead of spreads, clusters indexed by participant and place).
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ArticleMeta } from "@/lib/contract";
import { extractCorpus } from "@/lib/extract";
import { cleanup, corpus, newsSentences, runBuild, tempDir } from "./support";

afterAll(cleanup);

const SLOW = process.env.NEWSGRAPH_SLOW_TESTS === "1";
const meta = (id: string, chars: number): ArticleMeta => ({ id, file: `${id}.txt`, title: null, publisher: null, url: null, date: null, sha256: "0".repeat(64), chars });

describe.runIf(SLOW)("extractor size limits (NEWSGRAPH_SLOW_TESTS=1)", () => {
  it("an article naming 140,000 people (2.3 MB) is extracted", () => {
    const text = "Kirill Dmitriev, Steve Witkoff, Marta Kowalczyk and Daniel Okafor.\n".repeat(35_000);
    const { document } = extractCorpus([{ meta: meta("dense", text.length), text }]);
    expect(document.graph.nodes.length).toBeGreaterThan(0);
  }, 1_200_000);

  it("a 20 MB article builds when NEWSGRAPH_MAX_ARTICLE_MB allows it", async () => {
    const paragraph = `${newsSentences(600).join(" ")}\n\n`;
    const dir = corpus({ "huge.txt": paragraph.repeat(Math.ceil((20 * 1024 * 1024) / paragraph.length)) });
    const out = path.join(tempDir(), "graph.json");
    const r = await runBuild(["--articles", dir, "--out", out], { NEWSGRAPH_MAX_ARTICLE_MB: "32" }, 1_800_000);
    console.log(`[hostile] 20 MB build: exit ${r.status} in ${r.ms} ms: ${r.stderr.trim() || r.stdout.trim()}`);
    expect(r.status).toBe(0);
    expect(fs.existsSync(out)).toBe(true);
  }, 1_900_000);
});
