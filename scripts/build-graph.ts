// npm run graph -- --articles <dir> --out <file> [--explain] [--quiet]
// Reads a corpus folder, extracts the sourced graph, lays it out and writes graph.json
// atomically (temp file + rename): on any error the previous graph.json stays untouched.
import fs from "node:fs";
import path from "node:path";
import { CorpusError, readCorpus } from "../lib/corpus";
import { extractCorpus } from "../lib/extract";
import { layoutDocument } from "../lib/layout";
import { writeFileAtomic } from "../lib/fsutil";
import { formatExplainReport } from "../lib/extract/explain";

interface Args {
  articles: string;
  out: string;
  explain: boolean;
  quiet: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { articles: "graph-data/articles", out: "graph-data/graph.json", explain: false, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new CorpusError(`newsgraph/build: ${a} needs a value`);
      return v;
    };
    if (a === "--articles") args.articles = value();
    else if (a === "--out") args.out = value();
    else if (a === "--explain") args.explain = true;
    else if (a === "--quiet") args.quiet = true;
    else if (a === "--help" || a === "-h") {
      console.log("usage: npm run graph -- [--articles graph-data/articles] [--out graph-data/graph.json] [--explain] [--quiet]");
      process.exit(0);
    } else throw new CorpusError(`newsgraph/build: unknown option "${a}" (try --help)`);
  }
  return args;
}

function main(): void {
  const started = process.hrtime.bigint();
  const args = parseArgs(process.argv.slice(2));
  const { articles, warnings } = readCorpus(args.articles);
  for (const w of warnings) console.warn(`warning: ${w}`);
  const { document, report } = extractCorpus(articles);
  const laidOut = layoutDocument(document, { seed: 42 });
  const json = JSON.stringify(laidOut, null, 1) + "\n";
  const outDir = path.dirname(path.resolve(args.out));
  if (!fs.existsSync(outDir)) fs.mkdirSync(outDir, { recursive: true });
  writeFileAtomic(args.out, json);
  const explainFile = args.out.replace(/\.json$/, "") + ".explain.txt";
  if (args.explain) {
    writeFileAtomic(explainFile, formatExplainReport(report, articles));
  }
  if (!args.quiet) {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const chars = articles.reduce((n, a) => n + a.text.length, 0);
    const typed = laidOut.graph.edges.filter((e) => e.attributes.type !== "CO_MENTIONED").length;
    console.log(
      `newsgraph: ${articles.length} articles (${(chars / 1024).toFixed(1)} KB) → ${laidOut.graph.nodes.length} nodes, ` +
        `${typed} relations, ${laidOut.graph.edges.length - typed} co-mentions, ${laidOut.conflicts.length} conflicts → ${args.out} in ${ms.toFixed(0)} ms` +
        (args.explain ? ` (explained in ${explainFile})` : ""),
    );
  }
}

try {
  main();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(message.startsWith("newsgraph/") ? message : `newsgraph/build: ${message}`);
  if (!(error instanceof CorpusError) && process.env.NEWSGRAPH_DEBUG) console.error(error);
  process.exit(1);
}
