// npm run export -- --format <gexf|graphml|json|csv|cypher|svg|markdown|html> --scope <scope> --out <file>
//                   [--graph graph-data/graph.json] [--filters <query>] [format options]
//
// Exports a piece of graph.json with its sources (lib/export). The file is written atomically
// (temp file + rename): on any error an existing file at --out stays untouched. Errors are one
// line naming the bad argument, with a non-zero exit code (2: bad usage, 1: anything else).

import fs from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../lib/fsutil";
import { isBadRequestError, isNotFoundError } from "../lib/graph/errors";
import { createMemoryQueries } from "../lib/graph/memory";
import { graphFilePath, loadGraphDocument } from "../lib/graph/store";
import {
  EXPORT_FORMATS,
  ExportError,
  exportDocument,
  formatScope,
  isExportFormat,
  parseScope,
  selectScope,
  type ExportFormat,
  type ExportOptions,
  type ExportScope,
} from "../lib/export";

const USAGE = `usage: npm run export -- --format <${EXPORT_FORMATS.join("|")}> --scope <scope> --out <file|-> [options]

  --scope    whole (default) | filtered[:<filters>] | selection:<key>,<key>… | neighborhood:<key>:<hops>
             | path:<from>:<to> | meetings:<entity>
  --graph    graph.json to read (default: $NEWSGRAPH_GRAPH or graph-data/graph.json)
  --filters  the API's filter parameters for filtered/selection/neighborhood/path scopes,
             e.g. "types=Person,Organization&relations=HEADS&minSources=2&comentions=1"
  --out -    writes to standard output

  csv:       --no-bom (no UTF-8 byte-order mark), --guard-formulas (prefix =,+,-,@ cells with ')
  graphml:   --yed (yFiles graphics: positions, colours, labels in yEd)
  cypher:    --batch-size N (rows per UNWIND, default 500), --ascii (escape all non-ASCII)
  svg:       --width N, --height N (default 1200 × 800), --labels all|none|auto
  markdown, html: --title <text>
  --quiet    no summary line`;

class UsageError extends ExportError {}

interface Args {
  format: ExportFormat;
  scope: ExportScope;
  scopeText: string;
  out: string;
  graph: string;
  options: ExportOptions;
  quiet: boolean;
}

function positiveInteger(raw: string, name: string, max: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw new UsageError(`${name} must be an integer from 1 to ${max}, got ${JSON.stringify(raw)}`, name);
  }
  return Number(raw);
}

function parseArgs(argv: string[]): Args {
  let format: string | undefined;
  let scopeText = "whole";
  let filters: string | undefined;
  let out: string | undefined;
  let graph: string | undefined;
  let quiet = false;
  const options: Required<Pick<ExportOptions, "csv" | "graphml" | "cypher" | "svg" | "appendix">> = {
    csv: {},
    graphml: {},
    cypher: {},
    svg: {},
    appendix: {},
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!;
    let inline: string | undefined;
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined || (v.startsWith("--") && v.length > 2)) throw new UsageError(`${arg} needs a value`, arg);
      return v;
    };
    switch (arg) {
      case "--format":
        format = value();
        break;
      case "--scope":
        scopeText = value();
        break;
      case "--filters":
        filters = value();
        break;
      case "--out":
        out = value();
        break;
      case "--graph":
        graph = value();
        break;
      case "--no-bom":
        options.csv.bom = false;
        break;
      case "--guard-formulas":
        options.csv.guardFormulas = true;
        break;
      case "--yed":
        options.graphml.yed = true;
        break;
      case "--batch-size":
        options.cypher.batchSize = positiveInteger(value(), "--batch-size", 100_000);
        break;
      case "--ascii":
        options.cypher.asciiOnly = true;
        break;
      case "--width":
        options.svg.width = positiveInteger(value(), "--width", 100_000);
        break;
      case "--height":
        options.svg.height = positiveInteger(value(), "--height", 100_000);
        break;
      case "--labels": {
        const labels = value();
        if (labels !== "all" && labels !== "none" && labels !== "auto") {
          throw new UsageError(`--labels must be all, none or auto, got ${JSON.stringify(labels)}`, "--labels");
        }
        options.svg.labels = labels;
        break;
      }
      case "--title":
        options.appendix.title = value();
        break;
      case "--quiet":
      case "-q":
        quiet = true;
        break;
      case "--help":
      case "-h":
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new UsageError(`unknown option ${JSON.stringify(argv[i])} (try --help)`, argv[i]);
    }
  }
  if (format === undefined) throw new UsageError(`--format is required: one of ${EXPORT_FORMATS.join(", ")}`, "--format");
  if (!isExportFormat(format)) {
    throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(", ")}, got ${JSON.stringify(format)}`, "--format");
  }
  if (out === undefined || out.trim() === "") throw new UsageError("--out is required: the file to write (or - for standard output)", "--out");
  let scope: ExportScope;
  try {
    scope = parseScope(scopeText, filters);
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^newsgraph\/export: /, "") : String(error);
    const parameter = error instanceof ExportError && error.parameter === "filters" ? "--filters" : "--scope";
    throw new UsageError(`${parameter}: ${message}`, parameter);
  }
  return { format, scope, scopeText, out, graph: graph ?? graphFilePath(), options, quiet };
}

/** Bytes written atomically like lib/fsutil's writeFileAtomic (which takes text only). */
function writeBytesAtomic(file: string, content: Uint8Array): void {
  const target = path.resolve(file);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.tmp-${process.pid}-${Date.now()}`);
  try {
    const fd = fs.openSync(temp, "w");
    try {
      fs.writeSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const args = parseArgs(process.argv.slice(2));
  const doc = await loadGraphDocument(args.graph);
  let sub;
  try {
    sub = await selectScope(createMemoryQueries(doc), args.scope);
  } catch (error) {
    // An unknown node or a bad filter is a bad --scope / --filters: say which.
    if (isNotFoundError(error) || isBadRequestError(error) || error instanceof ExportError) {
      const parameter = error instanceof ExportError && error.parameter === "filters" ? "--filters" : "--scope";
      throw new UsageError(`${parameter}: ${error.message.replace(/^newsgraph\/\w+: /, "")}`, parameter);
    }
    throw error;
  }
  const file = exportDocument(sub, args.format, args.options);
  let bytes: number;
  if (args.out === "-") {
    await new Promise<void>((resolve, reject) => process.stdout.write(file.data, (error) => (error ? reject(error) : resolve())));
    bytes = typeof file.data === "string" ? Buffer.byteLength(file.data) : file.data.byteLength;
  } else {
    const dir = path.dirname(path.resolve(args.out));
    if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true });
    if (fs.existsSync(args.out) && fs.statSync(args.out).isDirectory()) {
      throw new UsageError(`--out must be a file, got the folder ${JSON.stringify(args.out)}`, "--out");
    }
    if (typeof file.data === "string") {
      writeFileAtomic(args.out, file.data);
      bytes = Buffer.byteLength(file.data);
    } else {
      writeBytesAtomic(args.out, file.data);
      bytes = file.data.byteLength;
    }
  }
  if (!args.quiet) {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const passages = sub.graph.edges.reduce((n, e) => n + e.attributes.evidence.length, 0);
    const line =
      `newsgraph/export: ${formatScope(args.scope)} → ${sub.graph.nodes.length} nodes, ${sub.graph.edges.length} edges, ` +
      `${passages} passages, ${sub.articles.length} articles → ${args.out === "-" ? "stdout" : args.out} ` +
      `(${args.format}, ${size(bytes)}) in ${ms.toFixed(0)} ms`;
    // Keep standard output for the data when it goes there.
    if (args.out === "-") console.error(line);
    else console.log(line);
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const line = (message.startsWith("newsgraph/") ? message : `newsgraph/export: ${message}`).replace(/\s*\n\s*/g, " ");
  console.error(line);
  if (process.env.NEWSGRAPH_DEBUG) console.error(error);
  process.exit(error instanceof UsageError ? 2 : 1);
});
