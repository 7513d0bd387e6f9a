// Round trips: GEXF and GraphML parsed back with graphology's parsers give the same nodes, edges
// and attributes; the CSV files parsed back give the same rows; the JSON is a GraphDocument.

import { beforeAll, describe, expect, it } from "vitest";
import { parseGraphDocument, type GraphDocument } from "@/lib/contract";
import { createMemoryQueries } from "@/lib/graph";
import {
  EDGE_COLUMNS,
  GEXF_EDGE_COLUMNS,
  GEXF_NODE_COLUMNS,
  GRAPHML_EDGE_COLUMNS,
  GRAPHML_NODE_COLUMNS,
  LIST_SEPARATOR,
  NODE_COLUMNS,
  csvField,
  csvTable,
  selectScopeFromDocument,
  toCsvFiles,
  toCsvTables,
  toCsvZip,
  toGexf,
  toGraphml,
  toJson,
  type CsvCell,
  type FlatRecord,
} from "@/lib/export";
import { documentFacts, edgeThickness, flattenEdge, flattenNode, hexToRgb, nodeColor, nodeSize, edgeColor } from "@/lib/export/utils";
import { buildFixtureDocument } from "../fixtures/graph/fixture";
import { buildExportFixture, HEADS_QUOTE, DRAFTED_QUOTE, XK } from "../fixtures/export/fixture";
import { csvObjects, loadSeedDocument, seedHub, parseCsv, parseGexf, parseGexfWithXmldom, parseGraphml, strictXml, unzip } from "./helpers";

let docs: [string, GraphDocument][];

beforeAll(async () => {
  const seed = loadSeedDocument();
  const hub = seedHub(seed);
  docs = [
    ["tricky fixture", buildExportFixture()],
    ["graph fixture", buildFixtureDocument()],
    ["seed whole", seed],
    ["seed 2-hop", await selectScopeFromDocument(seed, { kind: "neighborhood", key: hub, hops: 2 })],
  ];
});

function pick(record: FlatRecord, names: readonly { name: string }[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { name } of names) if (record[name] !== undefined) out[name] = record[name];
  return out;
}

const rgb = (hex: string) => {
  const { r, g, b } = hexToRgb(hex);
  return `rgb(${r},${g},${b})`;
};

/** Attributes graphology should read back, per node and edge. */
function expectedGexf(doc: GraphDocument) {
  const facts = documentFacts(doc);
  const nodes = new Map<string, Record<string, unknown>>();
  for (const node of doc.graph.nodes) {
    const p = facts.position.get(node.key)!;
    nodes.set(node.key, {
      label: node.attributes.label,
      ...pick(flattenNode(node, facts), GEXF_NODE_COLUMNS),
      color: rgb(nodeColor(node.attributes.type)),
      size: nodeSize(facts.degree.get(node.key) ?? 0),
      x: p.x,
      y: p.y,
    });
  }
  const edges = new Map<string, Record<string, unknown>>();
  for (const edge of doc.graph.edges) {
    const record = flattenEdge(edge, facts);
    edges.set(edge.key, {
      label: edge.attributes.type,
      kind: edge.attributes.type,
      weight: record.article_count,
      ...pick(record, GEXF_EDGE_COLUMNS),
      color: rgb(edgeColor(edge.attributes.type)),
      thickness: edgeThickness(edge.attributes),
    });
  }
  return { nodes, edges };
}

type Parsed = ReturnType<typeof parseGexf>;

function expectSameGraph(graph: Parsed, doc: GraphDocument, expected: ReturnType<typeof expectedGexf>) {
  expect(graph.order).toBe(doc.graph.nodes.length);
  expect(graph.size).toBe(doc.graph.edges.length);
  expect(graph.nodes()).toEqual(doc.graph.nodes.map((n) => n.key));
  for (const [key, attributes] of expected.nodes) expect(graph.getNodeAttributes(key), key).toEqual(attributes);
  for (const edge of doc.graph.edges) {
    expect(graph.hasEdge(edge.key), edge.key).toBe(true);
    expect(graph.source(edge.key)).toBe(edge.source);
    expect(graph.target(edge.key)).toBe(edge.target);
    expect(graph.isDirected(edge.key)).toBe(true);
    expect(graph.getEdgeAttributes(edge.key), edge.key).toEqual(expected.edges.get(edge.key));
  }
}

/** The flattened columns read back still say what the document says. */
function expectFaithful(graph: Parsed, doc: GraphDocument) {
  for (const node of doc.graph.nodes) {
    const a = graph.getNodeAttributes(node.key);
    expect(a.label).toBe(node.attributes.label);
    expect(a.node_type).toBe(node.attributes.type);
    expect(a.type).toBeUndefined();
    expect(JSON.parse(a.json as string)).toEqual(node.attributes);
    expect(a.aliases).toBe(node.attributes.aliases.join(LIST_SEPARATOR));
    if (typeof node.attributes.x === "number") expect([a.x, a.y]).toEqual([node.attributes.x, node.attributes.y]);
  }
  for (const edge of doc.graph.edges) {
    const a = graph.getEdgeAttributes(edge.key);
    const evidence = edge.attributes.evidence;
    expect(a.relation).toBe(edge.attributes.type);
    expect(a.type).toBeUndefined();
    expect(JSON.parse(a.evidence as string)).toEqual(evidence);
    expect(a.evidence_count).toBe(evidence.length);
    expect(a.quotes).toBe(evidence.map((e) => e.quote).join(LIST_SEPARATOR));
    expect(a.articles).toBe(evidence.map((e) => e.article).join(LIST_SEPARATOR));
    expect(a.starts).toBe(evidence.map((e) => e.start).join(LIST_SEPARATOR));
    expect(a.ends).toBe(evidence.map((e) => e.end).join(LIST_SEPARATOR));
    if (edge.attributes.note !== undefined) expect(a.note).toBe(edge.attributes.note);
    else expect(a.note).toBeUndefined();
  }
}

describe("export/gexf", () => {
  it("should parse back with graphology-gexf to the same nodes, edges and attributes", () => {
    for (const [name, doc] of docs) {
      const text = toGexf(doc);
      const graph = parseGexf(text);
      expectSameGraph(graph, doc, expectedGexf(doc));
      expectFaithful(graph, doc);
      expect(name).toBeTruthy();
    }
  });

  it("should parse back the same with the parser running on @xmldom/xmldom 0.9", () => {
    for (const [, doc] of docs) {
      expect(parseGexfWithXmldom(toGexf(doc)).export()).toEqual(parseGexf(toGexf(doc)).export());
    }
  });

  it("should be well-formed GEXF 1.3 with every attribute declared with its type", () => {
    const text = toGexf(buildExportFixture());
    const xml = strictXml(text);
    const root = xml.documentElement!;
    expect(root.getAttribute("xmlns")).toBe("http://gexf.net/1.3");
    expect(root.getAttribute("version")).toBe("1.3");
    expect(xml.getElementsByTagName("graph")[0]!.getAttribute("defaultedgetype")).toBe("directed");
    const declared = (cls: string) => {
      const block = Array.from(xml.getElementsByTagName("attributes")).find((el) => el.getAttribute("class") === cls)!;
      return Array.from(block.getElementsByTagName("attribute")).map((el) => [el.getAttribute("id"), el.getAttribute("type")]);
    };
    expect(declared("node")).toEqual(GEXF_NODE_COLUMNS.map((c) => [c.name, c.type]));
    expect(declared("edge")).toEqual(GEXF_EDGE_COLUMNS.map((c) => [c.name, c.type]));
    expect(declared("node")).toContainEqual(["article_count", "integer"]);
    expect(declared("edge")).toContainEqual(["evidence", "string"]);
  });

  it("should give positions, type colours and degree sizes, placing unpositioned nodes itself", () => {
    const doc = buildExportFixture();
    const graph = parseGexf(toGexf(doc));
    expect(graph.getNodeAttributes(XK.ZOE)).toMatchObject({ x: 0, y: 0, color: "rgb(37,99,235)" });
    // The meeting has no position in the document: it gets one on a circle around the drawing.
    const talks = graph.getNodeAttributes(XK.TALKS);
    expect(Number.isFinite(talks.x) && Number.isFinite(talks.y)).toBe(true);
    // Degree over typed relations: Zoë heads the fund and attended the talks (the co-mention does not count).
    expect(graph.getNodeAttribute(XK.ZOE, "degree")).toBe(2);
    expect(graph.getNodeAttribute(XK.ZOE, "size")).toBe(nodeSize(2));
    expect(graph.getEdgeAttributes(`${XK.ZOE}|HEADS|${XK.FUND}`)).toMatchObject({ kind: "HEADS", label: "HEADS", weight: 1 });
  });

  it("should keep the tricky quotes exactly: commas, quotes, <, &, line breaks, tabs, non-ASCII", () => {
    const graph = parseGexf(toGexf(buildExportFixture()));
    expect(graph.getEdgeAttribute(`${XK.ZOE}|HEADS|${XK.FUND}`, "quotes")).toBe(HEADS_QUOTE);
    expect(graph.getEdgeAttribute(`${XK.ZOE}|HEADS|${XK.FUND}`, "note")).toBe('head, "chief" & <boss>');
    expect(graph.getEdgeAttribute(`${XK.JOSE}|DRAFTED|${XK.PLAN}`, "quotes")).toBe(DRAFTED_QUOTE);
    expect(graph.getNodeAttribute(XK.FUND, "label")).toBe("Żabka Fund <Co> & Partners");
  });

  it("should write a carriage return, which XML parsers would turn into a line feed, as a reference", () => {
    const doc = buildExportFixture();
    doc.graph.edges[0]!.attributes.evidence[0]!.quote = "one\r\ntwo\rthree\tfour";
    const graph = parseGexf(toGexf(doc));
    expect(graph.getEdgeAttribute(doc.graph.edges[0]!.key, "quotes")).toBe("one\r\ntwo\rthree\tfour");
  });

  it("should replace characters XML cannot carry, keeping them in the JSON columns", () => {
    const doc = buildExportFixture();
    doc.graph.edges[0]!.attributes.evidence[0]!.quote = "bell\u0007 nul\u0000 lone\ud800 pair😀";
    const text = toGexf(doc);
    expect(() => strictXml(text)).not.toThrow();
    const graph = parseGexf(text);
    const key = doc.graph.edges[0]!.key;
    expect(graph.getEdgeAttribute(key, "quotes")).toBe("bell\ufffd nul\ufffd lone\ufffd pair😀");
    expect(JSON.parse(graph.getEdgeAttribute(key, "evidence") as string)[0].quote).toBe("bell\u0007 nul\u0000 lone\ud800 pair😀");
  });

  it("should export an empty graph and a graph without edges", () => {
    const empty = buildExportFixture();
    empty.graph.edges = [];
    expect(parseGexf(toGexf(empty)).size).toBe(0);
    empty.graph.nodes = [];
    expect(() => strictXml(toGexf(empty))).not.toThrow();
  });
});

describe("export/graphml", () => {
  /** What graphology-graphml reads back: every typed key, plus color and size. */
  function expectedGraphml(doc: GraphDocument) {
    const facts = documentFacts(doc);
    const nodes = new Map<string, Record<string, unknown>>();
    for (const node of doc.graph.nodes) {
      nodes.set(node.key, {
        ...pick(flattenNode(node, facts), NODE_COLUMNS),
        color: nodeColor(node.attributes.type),
        size: nodeSize(facts.degree.get(node.key) ?? 0),
      });
    }
    const edges = new Map<string, Record<string, unknown>>();
    for (const edge of doc.graph.edges) {
      edges.set(edge.key, { ...pick(flattenEdge(edge, facts), EDGE_COLUMNS), color: edgeColor(edge.attributes.type) });
    }
    return { nodes, edges };
  }

  it("should parse back with graphology-graphml to the same nodes, edges and attributes", () => {
    for (const [, doc] of docs) {
      const graph = parseGraphml(toGraphml(doc));
      expectSameGraph(graph, doc, expectedGraphml(doc));
      expectFaithful(graph, doc);
    }
  });

  it("should carry the articles and conflicts as graph data", () => {
    for (const [, doc] of docs) {
      const graph = parseGraphml(toGraphml(doc));
      expect(JSON.parse(graph.getAttribute("articles") as string)).toEqual(doc.articles);
      expect(JSON.parse(graph.getAttribute("conflicts") as string)).toEqual(doc.conflicts);
    }
  });

  it("should declare typed keys for nodes, edges and the graph", () => {
    const xml = strictXml(toGraphml(buildExportFixture()));
    const keys = Array.from(xml.getElementsByTagName("key")).map((k) => [k.getAttribute("for"), k.getAttribute("attr.name"), k.getAttribute("attr.type")]);
    expect(keys).toContainEqual(["node", "article_count", "int"]);
    expect(keys).toContainEqual(["node", "x", "double"]);
    expect(keys).toContainEqual(["edge", "evidence_count", "int"]);
    expect(keys).toContainEqual(["edge", "quotes", "string"]);
    expect(keys).toContainEqual(["graph", "articles", "string"]);
    expect(keys).toHaveLength(GRAPHML_NODE_COLUMNS.length + GRAPHML_EDGE_COLUMNS.length + 2);
    for (const [, , type] of keys) expect(["string", "int", "double"]).toContain(type);
  });

  it("should keep the tricky quotes exactly, carriage returns included", () => {
    const doc = buildExportFixture();
    doc.graph.edges[1]!.attributes.evidence[0]!.quote = "a\r\nb\rc";
    const graph = parseGraphml(toGraphml(doc));
    expect(graph.getEdgeAttribute(`${XK.ZOE}|HEADS|${XK.FUND}`, "quotes")).toBe(HEADS_QUOTE);
    expect(graph.getEdgeAttribute(`${XK.JOSE}|DRAFTED|${XK.PLAN}`, "quotes")).toBe(DRAFTED_QUOTE);
    expect(graph.getEdgeAttribute(doc.graph.edges[1]!.key, "quotes")).toMatch(/^a\r\nb\rc/);
  });

  it("should add yFiles graphics for yEd on request, still well-formed and readable", () => {
    const doc = buildExportFixture();
    const text = toGraphml(doc, { yed: true });
    const xml = strictXml(text);
    expect(xml.getElementsByTagName("y:ShapeNode")).toHaveLength(doc.graph.nodes.length);
    expect(Array.from(xml.getElementsByTagName("y:NodeLabel")).map((el) => el.textContent)).toContain("Żabka Fund <Co> & Partners");
    const graph = parseGraphml(text);
    expect(graph.getNodeAttribute(XK.FUND, "label")).toBe("Żabka Fund <Co> & Partners");
    expect(graph.getEdgeAttribute(`${XK.ZOE}|HEADS|${XK.FUND}`, "quotes")).toBe(HEADS_QUOTE);
  });
});

describe("export/json", () => {
  it("should be exactly a GraphDocument that parseGraphDocument accepts and the explorer can load", async () => {
    for (const [, doc] of docs) {
      const text = toJson(doc);
      const parsed = parseGraphDocument(JSON.parse(text), "export.json");
      expect(parsed).toEqual(doc);
      const queries = createMemoryQueries(parsed);
      expect((await queries.document()).graph.edges).toHaveLength(doc.graph.edges.length);
    }
  });

  it("should keep the tricky quotes exactly", () => {
    const parsed = parseGraphDocument(JSON.parse(toJson(buildExportFixture())));
    const quotes = parsed.graph.edges.flatMap((e) => e.attributes.evidence.map((x) => x.quote));
    expect(quotes).toContain(HEADS_QUOTE);
    expect(quotes).toContain(DRAFTED_QUOTE);
  });
});

describe("export/csv", () => {
  /** A cell as it reads back: numbers in their shortest form, absent values empty. */
  const asText = (cell: CsvCell) => (cell === null || cell === undefined ? "" : String(cell));

  it("should quote by RFC 4180 only where needed", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
    expect(csvField(1.5)).toBe("1.5");
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(" spaced ")).toBe(" spaced ");
    expect(csvTable(["a", "b"], [["1", 'x"y']], { bom: false })).toBe('a,b\r\n1,"x""y"\r\n');
  });

  it("should parse back to the same rows in every file", () => {
    for (const [, doc] of docs) {
      const tables = toCsvTables(doc);
      const files = unzip(toCsvZip(doc));
      expect(Object.keys(files).sort()).toEqual(["articles.csv", "conflicts.csv", "edges.csv", "evidence.csv", "nodes.csv"]);
      for (const [name, table] of Object.entries(tables)) {
        expect(parseCsv(files[name]!), name).toEqual([[...table.header], ...table.rows.map((row) => row.map(asText))]);
      }
    }
  });

  it("should write one evidence row per quote with its article and offsets", () => {
    for (const [, doc] of docs) {
      const { rows } = csvObjects(unzip(toCsvZip(doc))["evidence.csv"]!);
      const expected = doc.graph.edges.flatMap((e) =>
        e.attributes.evidence.map((x) => {
          const article = doc.articles.find((a) => a.id === x.article)!;
          return {
            edge_key: e.key,
            source: e.source,
            relation: e.attributes.type,
            target: e.target,
            article: x.article,
            article_title: article.title ?? x.article,
            publisher: article.publisher ?? "",
            start: String(x.start),
            end: String(x.end),
            quote: x.quote,
          };
        }),
      );
      expect(rows.map((r) => ({ ...r, source_label: undefined, target_label: undefined, article_date: undefined }))).toEqual(
        expected.map((r) => ({ ...r, source_label: undefined, target_label: undefined, article_date: undefined })),
      );
    }
  });

  it("should keep the tricky quotes and labels exactly", () => {
    const files = unzip(toCsvZip(buildExportFixture()));
    const evidence = csvObjects(files["evidence.csv"]!).rows;
    expect(evidence.map((r) => r.quote)).toContain(HEADS_QUOTE);
    expect(evidence.map((r) => r.quote)).toContain(DRAFTED_QUOTE);
    expect(evidence.find((r) => r.quote === HEADS_QUOTE)!.article_title).toBe('Łódź & <Kraków>: "Deals", quotes and \'more\'');
    const nodes = csvObjects(files["nodes.csv"]!).rows;
    expect(nodes.map((r) => r.label)).toContain('Plan "B", v2');
    expect(nodes.find((r) => r.key === XK.ZOE)!.aliases).toBe('Ångström | Zoe "Z" Angstrom');
    const conflicts = csvObjects(files["conflicts.csv"]!).rows;
    expect(conflicts.map((r) => r.value)).toEqual(["3 March", "4 March"]);
  });

  it("should start every file with a UTF-8 BOM by default and without one on request", () => {
    const doc = buildExportFixture();
    for (const text of Object.values(toCsvFiles(doc))) expect(text.startsWith("\ufeff")).toBe(true);
    for (const text of Object.values(toCsvFiles(doc, { bom: false }))) expect(text.startsWith("\ufeff")).toBe(false);
    const bytes = unzip(toCsvZip(doc))["nodes.csv"]!;
    expect(bytes.charCodeAt(0)).toBe(0xfeff);
  });

  it("should defuse formula-looking cells on request", () => {
    const doc = buildExportFixture();
    doc.graph.edges[0]!.attributes.evidence[0]!.quote = "=HYPERLINK(\"http://x\")";
    const guarded = csvObjects(toCsvFiles(doc, { guardFormulas: true })["evidence.csv"]!).rows;
    expect(guarded.map((r) => r.quote)).toContain("'=HYPERLINK(\"http://x\")");
    const plain = csvObjects(toCsvFiles(doc)["evidence.csv"]!).rows;
    expect(plain.map((r) => r.quote)).toContain("=HYPERLINK(\"http://x\")");
    // Numbers (negative coordinates) are never prefixed.
    expect(csvObjects(toCsvFiles(doc, { guardFormulas: true })["nodes.csv"]!).rows.find((r) => r.key === XK.JOSE)!.y).toBe("-4.25");
  });

  it("should make the same zip from the same graph", () => {
    const doc = buildExportFixture();
    expect(toCsvZip(doc)).toEqual(toCsvZip(buildExportFixture()));
  });
});
