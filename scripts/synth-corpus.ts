// npm run synth -- --articles <N> --out <dir> [--seed <S>] [--force]
// Writes a seeded synthetic corpus of wire-style news articles (2–8 KB each, a recurring cast
// of generated people, organizations and places) plus articles.json, for benchmarks.
// The same seed gives the same corpus; the first N articles of a larger corpus are the N-article
// corpus. Articles are generated and written one at a time (constant memory).
import fs from "node:fs";
import path from "node:path";
import { writeSynthCorpus } from "./bench/corpus";

interface Args {
  articles: number;
  out: string;
  seed: number;
  force: boolean;
  quiet: boolean;
}

const USAGE = "usage: npm run synth -- --articles <N> --out <dir> [--seed 1] [--force] [--quiet]";

function fail(message: string): never {
  console.error(`newsgraph/synth: ${message}`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const args: Partial<Args> = { seed: 1, force: false, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) fail(`${a} needs a value`);
      return v;
    };
    const integer = (min: number) => {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) < min) fail(`${a} must be an integer ≥ ${min}, got "${v}"`);
      return Number(v);
    };
    if (a === "--articles") args.articles = integer(1);
    else if (a === "--out") args.out = value();
    else if (a === "--seed") args.seed = integer(0);
    else if (a === "--force") args.force = true;
    else if (a === "--quiet") args.quiet = true;
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown option "${a}" (try --help)`);
  }
  if (args.articles === undefined) fail(`--articles is required (${USAGE})`);
  if (!args.out) fail(`--out is required (${USAGE})`);
  return args as Args;
}

const args = parseArgs(process.argv.slice(2));
const out = path.resolve(args.out);
if (fs.existsSync(out) && fs.readdirSync(out).length > 0 && !args.force) {
  fail(`"${args.out}" is not empty; pass --force to replace the corpus in it`);
}
const started = Date.now();
const stats = writeSynthCorpus(out, { articles: args.articles, seed: args.seed, replace: args.force });
if (!args.quiet) {
  console.log(
    `newsgraph/synth: ${stats.articles} articles, ${(stats.bytes / 1e6).toFixed(1)} MB (seed ${args.seed}) → ${args.out} in ${Date.now() - started} ms`,
  );
}
