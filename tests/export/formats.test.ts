// Every format on the seed graph (whole and a 2-hop neighbourhood) and on the tricky fixture,
// plus what is specific to the SVG renderer and the provenance appendix.

import { beforeAll, describe, expect, it } from "vitest";
import { parseGraphDocument, type GraphDocument } from "@/lib/contract";
import { createMemoryQueries, type GraphQueries } from "@/lib/graph";
import {
  EXPORT_FORMATS,
  FORMAT_INFO,
  escapeMarkdown,
  exportDocument,
  exportScope,
  splitCypherScript,
  toAppendixHtml,
  toAppendixMarkdown,
  toSvg,
  type ExportFile,
  type ExportFormat,
  type ExportScope,
} from "@/lib/export";
import { buildExportFixture, DRAFTED_QUOTE, HEADS_QUOTE, XK } from "../fixtures/export/fixture";
import { csvObjects, loadSeedDocument, parseGexf, parseGraphml, seedHub, strictXml, unescapeCypherString, unzip } from "./helpers";

let seed: GraphDocument;
let queries: GraphQueries;
let hub: string;

beforeAll(() => {
  seed = loadSeedDocument();
  queries = createMemoryQueries(loadSeedDocument());
  hub = seedHub(seed);
});

const text = (file: ExportFile) => {
  expect(typeof file.data).toBe("string");
  return file.data as string;
};

/** Reads an export back in its own terms and returns the edge keys and passages it carries. */
function readBack(file: ExportFile): { edges: string[]; quotes: string[] } {
  switch (file.format) {
    case "gexf": {
      const g = parseGexf(text(file));
      return { edges: g.edges(), quotes: g.mapEdges((_k, a) => JSON.parse(a.evidence as string).map((x: { quote: string }) => x.quote)).flat() };
    }
    case "graphml": {
      const g = parseGraphml(text(file));
      return { edges: g.edges(), quotes: g.mapEdges((_k, a) => JSON.parse(a.evidence as string).map((x: { quote: string }) => x.quote)).flat() };
    }
    case "json": {
      const doc = parseGraphDocument(JSON.parse(text(file)));
      return { edges: doc.graph.edges.map((e) => e.key), quotes: doc.graph.edges.flatMap((e) => e.attributes.evidence.map((x) => x.quote)) };
    }
    case "csv": {
      const files = unzip(file.data as Uint8Array);
      const edges = csvObjects(files["edges.csv"]!).rows.map((r) => r.key!);
      return { edges, quotes: csvObjects(files["evidence.csv"]!).rows.map((r) => r.quote!) };
    }
    case "cypher": {
      const statements = splitCypherScript(text(file));
      const evidence = statements.filter((s) => s.includes("MERGE (ev:Evidence"));
      const edges = new Set<string>();
      const quotes: string[] = [];
      for (const s of evidence) {
        for (const m of s.matchAll(/edgeKey: ('(?:[^'\\]|\\.)*')/g)) edges.add(unescapeCypherString(m[1]!));
        for (const m of s.matchAll(/quote: ('(?:[^'\\]|\\.)*')/g)) quotes.push(unescapeCypherString(m[1]!));
      }
      return { edges: [...edges], quotes };
    }
    case "svg": {
      const xml = strictXml(text(file), "image/svg+xml");
      return { edges: Array.from(xml.getElementsByTagName("line")).map((_l, i) => String(i)), quotes: [] };
    }
    case "markdown": {
      const md = text(file);
      return { edges: [...md.matchAll(/^\[\^(\d+)\]: /gm)].map((m) => m[1]!), quotes: [] };
    }
    case "html": {
      const xml = strictXml(text(file), "application/xhtml+xml");
      const items = Array.from(xml.getElementsByTagName("li")).filter((li) => /^fn-/.test(li.getAttribute("id") ?? ""));
      return {
        edges: items.map((li) => li.getAttribute("id")!),
        quotes: Array.from(xml.getElementsByTagName("blockquote")).map((b) => b.textContent ?? ""),
      };
    }
  }
}

describe("export/formats on the seed graph", () => {
  const scopes = (): [string, ExportScope][] => [
    ["whole", { kind: "whole" }],
    ["2-hop neighbourhood", { kind: "neighborhood", key: hub, hops: 2 }],
  ];

  it.each(EXPORT_FORMATS.map((f) => [f]))("should export the whole graph and a 2-hop neighbourhood as %s", async (format: ExportFormat) => {
    for (const [name, scope] of scopes()) {
      const file = await exportScope(queries, scope, format);
      expect(file.format).toBe(format);
      expect(file.mimeType).toBe(FORMAT_INFO[format].mimeType);
      expect(file.data.length, name).toBeGreaterThan(200);
      const doc = await (await import("@/lib/export")).selectScope(queries, scope);
      const back = readBack(file);
      const edgeKeys = doc.graph.edges.map((e) => e.key);
      const quotes = doc.graph.edges.flatMap((e) => e.attributes.evidence.map((x) => x.quote));
      if (format === "svg" || format === "markdown" || format === "html") {
        expect(back.edges, `${format} ${name}`).toHaveLength(edgeKeys.length);
      } else {
        expect([...back.edges].sort(), `${format} ${name}`).toEqual([...edgeKeys].sort());
      }
      if (format === "html" || !["svg", "markdown"].includes(format)) {
        expect([...back.quotes].sort(), `${format} ${name}`).toEqual(
          [...quotes].map((q) => (format === "html" ? q.replace(/\r\n?/g, "\n") : q)).sort(),
        );
      }
    }
  });

  it("should export the neighbourhood as a strict part of the whole", async () => {
    const whole = await exportScope(queries, { kind: "whole" }, "json");
    const part = await exportScope(queries, { kind: "neighborhood", key: hub, hops: 2 }, "json");
    const w = parseGraphDocument(JSON.parse(whole.data as string));
    const p = parseGraphDocument(JSON.parse(part.data as string));
    expect(p.graph.nodes.length).toBeLessThan(w.graph.nodes.length);
    const wholeEdges = new Map(w.graph.edges.map((e) => [e.key, e]));
    for (const e of p.graph.edges) expect(e).toEqual(wholeEdges.get(e.key));
  });
});

describe("export/formats on the tricky fixture", () => {
  const doc = () => buildExportFixture();

  it.each(EXPORT_FORMATS.map((f) => [f]))("should keep commas, quotes, <, &, line breaks and non-ASCII letters in %s", (format: ExportFormat) => {
    const file = exportDocument(doc(), format);
    const back = readBack(file);
    if (back.quotes.length > 0) {
      expect(back.quotes).toContain(HEADS_QUOTE);
      expect(back.quotes).toContain(DRAFTED_QUOTE);
    }
    if (typeof file.data === "string") {
      // Text formats are valid UTF-16 (so valid UTF-8 when written) and never hold a raw "<Co>" outside JSON/CSV-like text.
      expect(file.data).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      if (["gexf", "graphml", "svg", "html"].includes(format)) expect(file.data).not.toContain("<Co>");
    }
  });

  it("should draw labels, types and passages as escaped SVG text", () => {
    const svg = toSvg(doc(), { width: 640, height: 480 });
    const xml = strictXml(svg, "image/svg+xml");
    const root = xml.documentElement!;
    expect([root.getAttribute("width"), root.getAttribute("height")]).toEqual(["640", "480"]);
    const labels = Array.from(xml.getElementsByTagName("g"))
      .find((g) => g.getAttribute("class") === "labels")!
      .getElementsByTagName("text");
    expect(Array.from(labels).map((t) => t.textContent)).toEqual(doc().graph.nodes.map((n) => n.attributes.label));
    const circles = Array.from(xml.getElementsByTagName("g")).find((g) => g.getAttribute("class") === "nodes")!.getElementsByTagName("circle");
    expect(circles).toHaveLength(doc().graph.nodes.length);
    expect(Array.from(circles).map((c) => c.getAttribute("fill"))).toContain("#2563eb");
    for (const c of Array.from(circles)) {
      const cx = Number(c.getAttribute("cx"));
      const cy = Number(c.getAttribute("cy"));
      expect(cx >= 0 && cx <= 640 && cy >= 0 && cy <= 480).toBe(true);
    }
    // Typed relations get arrows, the co-mention does not.
    const lines = Array.from(xml.getElementsByTagName("line"));
    expect(lines.filter((l) => l.getAttribute("marker-end"))).toHaveLength(doc().graph.edges.length - 1);
    expect(toSvg(doc(), { labels: "none", legend: false })).not.toContain("<text");
    expect(() => toSvg(doc(), { width: 0 })).toThrow(/svg width must be a number from 1 to 100000/);
  });

  it("should write one Markdown footnote per edge with its quotes as blockquotes and the article named", () => {
    const md = toAppendixMarkdown(doc());
    const footnotes = [...md.matchAll(/^\[\^(\d+)\]: /gm)].map((m) => Number(m[1]));
    expect(footnotes).toEqual([1, 2, 3, 4, 5, 6]);
    for (const n of footnotes) expect(md).toMatch(new RegExp(`\\S\\[\\^${n}\\]$`, "m"));
    // The HEADS quote, line by line, escaped, as an indented blockquote.
    expect(md).toContain(
      "    > Zoë Ångström, who heads the Żabka Fund \\<Co\\> \\& Partners, said: \"We'll pay,\n" +
        '    > and then — "maybe" — we\'ll see."',
    );
    expect(md).toContain("    > Müller-Øster drafted the Plan \"B\", v2 \\| a C:\\\\temp\\\\plan.txt file 😀\twith a tab; then \\\\u0027quoted\\\\u0027 text.");
    expect(md).toContain("— *Łódź \\& \\<Kraków\\>: \"Deals\", quotes and 'more'*, Gazeta – Łódź \\& Co, 2025-03-04 <https://example.org/łódź?x=1&y=2>");
    // Untitled article: named by id; a javascript: URL is never a link.
    expect(md).toContain("— article second (second, characters");
    expect(md).not.toContain("javascript:");
    expect(md).toMatch(/^## Conflicting claims$/m);
    expect(md).toContain("“3 March”");
  });

  it("should read back every quote from the Markdown blockquotes", () => {
    const md = toAppendixMarkdown(doc());
    // Reference reading: collect each blockquote, drop "    > ", undo backslash escapes of ASCII punctuation.
    const quotes: string[] = [];
    let current: string[] | null = null;
    for (const line of md.split("\n")) {
      if (line.startsWith("    >")) {
        (current ??= []).push(line.replace(/^ {4}> ?/, "").replace(/\\([!-/:-@[-`{-~])/g, "$1"));
      } else if (current) {
        quotes.push(current.join("\n"));
        current = null;
      }
    }
    const expected = doc().graph.edges.flatMap((e) => e.attributes.evidence.map((x) => x.quote));
    expect(quotes.sort()).toEqual(expected.sort());
  });

  it("should escape Markdown that would change the text", () => {
    expect(escapeMarkdown("*bold* _it_ `code` [link](x) <b> & a|b ~s~ \\")).toBe(
      "\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](x) \\<b\\> \\& a\\|b \\~s\\~ \\\\",
    );
    expect(escapeMarkdown("# not a heading")).toBe("\\# not a heading");
    expect(escapeMarkdown("- not a list")).toBe("\\- not a list");
    expect(escapeMarkdown("1. not a list")).toBe("1\\. not a list");
  });

  it("should write an escaped, well-formed HTML page with footnote links", () => {
    const html = toAppendixHtml(doc(), { title: "Sources <for> \"story\" & more" });
    const xml = strictXml(html, "application/xhtml+xml");
    expect(xml.getElementsByTagName("title")[0]!.textContent).toBe('Sources <for> "story" & more');
    expect(html).not.toContain("<Co>");
    expect(html).not.toContain("javascript:");
    const quotes = Array.from(xml.getElementsByTagName("blockquote")).map((b) => b.textContent);
    expect(quotes).toContain(HEADS_QUOTE);
    const sup = Array.from(xml.getElementsByTagName("a")).filter((a) => a.getAttribute("href")?.startsWith("#fn-"));
    expect(sup).toHaveLength(doc().graph.edges.length);
    const links = Array.from(xml.getElementsByTagName("a")).map((a) => a.getAttribute("href"));
    expect(links).toContain("https://example.org/łódź?x=1&y=2");
    expect(xml.getElementsByTagName("cite")[0]!.textContent).toBe('Łódź & <Kraków>: "Deals", quotes and \'more\'');
  });

  it("should list relations before co-mentions and number them to match the footnotes", () => {
    const md = toAppendixMarkdown(doc());
    const relations = md.slice(md.indexOf("## Relations"), md.indexOf("## Named in the same sentence"));
    expect(relations).toContain("1. Zoë Ångström — **heads** → Żabka Fund \\<Co\\> \\& Partners (head, \"chief\" \\& \\<boss\\>)[^1]");
    expect(md).toMatch(/^6\. Zoë Ångström — José Müller-Øster\[\^6\]$/m);
    expect(md).toContain(`[^1]: **Zoë Ångström heads Żabka Fund \\<Co\\> \\& Partners** — 1 passage from 1 article.`);
    expect(XK.ZOE).toBe("person:zoe-angstrom");
  });
});
