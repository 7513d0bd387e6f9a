// The Cypher export: the string-literal escaper (fuzzed against a reference unescaper), literals,
// and the script's statements (model of lib/neo4j, allow-listed labels, batches, splitting).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EDGE_TYPES, NODE_TYPES, type GraphDocument } from "@/lib/contract";
import {
  CypherFloat,
  ExportError,
  conflictKeys,
  cypherLiteral,
  cypherName,
  cypherSections,
  cypherStatements,
  cypherString,
  evidenceKey,
  splitCypherScript,
  toCypher,
} from "@/lib/export";
import { conflictKeys as loaderConflictKeys, evidenceKey as loaderEvidenceKey } from "@/lib/neo4j/load";
import { EDGE_REL_TYPE, MODEL, NODE_LABEL } from "@/lib/neo4j/types";
import { buildExportFixture, DRAFTED_QUOTE, HEADS_QUOTE } from "../fixtures/export/fixture";
import { buildFixtureDocument } from "../fixtures/graph/fixture";
import { fixtureDocument as neo4jFixtureDocument } from "../neo4j/fixture";
import { unescapeCypherString } from "./helpers";

const TRICKY = [
  "",
  "'",
  "\\",
  "\\'",
  "'\\",
  "\\\\'",
  "\\u0027",
  "\\\\u0027 RETURN 1 //",
  "\\U00000027",
  "a\nb\r\nc\td\be\ff",
  "\u0000\u0001\u001f\u007f\u0085",
  "\u2028\u2029",
  "\u202e evil \u202c \u2066x\u2069",
  "\ufeffBOM",
  "😀 naïve Łódź 東京 مرحبا",
  "\ud800",
  "\udc00x",
  "x\ud83d",
  "\ud83d\ude00\ud83d",
  "'; MATCH (n) DETACH DELETE n //",
  "'}) DETACH DELETE n WITH 1 AS x MATCH (m {k: '",
  "`backtick` $param {map} [list] /* c */ // c",
  '"double" \\"escaped\\"',
  ";\n",
  "x;\nCREATE (n)",
  HEADS_QUOTE,
  DRAFTED_QUOTE,
];

/** Every string literal of a Cypher text and the text outside them (a tiny tokenizer: '…' with backslash escapes). */
function tokenize(text: string): { literals: string[]; code: string } {
  const literals: string[] = [];
  let code = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== "'") {
      code += c;
      continue;
    }
    let j = i + 1;
    while (j < text.length && text[j] !== "'") j += text[j] === "\\" ? 2 : 1;
    if (j >= text.length) throw new Error(`unterminated literal at ${i}`);
    literals.push(unescapeCypherString(text.slice(i, j + 1)));
    code += "'?'";
    i = j;
  }
  return { literals, code };
}

describe("export/cypher escaper", () => {
  it("should write literals that read back to the input, for tricky strings", () => {
    for (const s of TRICKY) {
      for (const ascii of [false, true]) {
        const literal = cypherString(s, ascii);
        expect(unescapeCypherString(literal), JSON.stringify(s)).toBe(s);
        expect(literal).not.toMatch(/[\n\r\u2028\u2029]/);
      }
    }
  });

  it("should write literals that read back to the input, fuzzed", () => {
    const unit = fc.oneof(
      fc.constantFrom("\\", "'", '"', "u", "U", "0", "2", "7", "\n", "\r", "\t", ";", "`", "$", "/", "\u202e", "\ud800", "\udc00"),
      fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), fc.boolean(), (s, ascii) => {
        const literal = cypherString(s, ascii);
        expect(unescapeCypherString(literal)).toBe(s);
        expect(literal).not.toMatch(/[\n\r]/);
        if (ascii) expect(literal).toMatch(/^[\x20-\x7e]*$/);
      }),
      { numRuns: 2000, seed: 4180 },
    );
  });

  it("should never leave a quote or backslash unescaped", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("\\", "'", "a"), maxLength: 30 }), (s) => {
        const body = cypherString(s).slice(1, -1);
        // Walking escapes two characters at a time must never meet a bare quote.
        for (let i = 0; i < body.length; i += body[i] === "\\" ? 2 : 1) expect(body[i]).not.toBe("'");
        expect(body.endsWith("\\") && !body.endsWith("\\\\")).toBe(false);
      }),
      { numRuns: 1000, seed: 7 },
    );
  });

  it("should keep readable text readable and escape what hides or breaks lines", () => {
    expect(cypherString("Łódź 😀")).toBe("'Łódź 😀'");
    expect(cypherString("Łódź 😀", true)).toBe("'\\u0141\\u00F3d\\u017A \\uD83D\\uDE00'");
    expect(cypherString("it's a \\ path\n")).toBe("'it\\'s a \\\\ path\\n'");
    expect(cypherString("\u202etxt.exe")).toBe("'\\u202Etxt.exe'");
    expect(cypherString("lone \ud800")).toBe("'lone \\uD800'");
  });

  it("should write numbers, lists, maps and names as Cypher literals", () => {
    expect(cypherLiteral(42)).toBe("42");
    expect(cypherLiteral(-7)).toBe("-7");
    expect(cypherLiteral(1.5)).toBe("1.5");
    expect(cypherLiteral(new CypherFloat(3))).toBe("3.0");
    expect(cypherLiteral(new CypherFloat(-0.25))).toBe("-0.25");
    expect(cypherLiteral(new CypherFloat(1e21))).toBe("1e21");
    expect(cypherLiteral(new CypherFloat(1e-7))).toBe("1e-7");
    // Beyond 2^53 a JavaScript number is a float to the driver too: written as one.
    expect(cypherLiteral(2 ** 60)).toBe("1152921504606847000.0");
    expect(cypherLiteral([1, "a", null, true])).toBe("[1, 'a', null, true]");
    expect(cypherLiteral({ key: "k", "odd key": 1, "back`tick": 2 })).toBe("{key: 'k', `odd key`: 1, `back``tick`: 2}");
    expect(cypherName("MET_WITH")).toBe("MET_WITH");
    expect(() => cypherLiteral(Number.NaN)).toThrow(ExportError);
    expect(() => cypherLiteral(new CypherFloat(Number.POSITIVE_INFINITY))).toThrow(/non-finite/);
  });
});

describe("export/cypher script", () => {
  const docs: [string, GraphDocument][] = [
    ["tricky fixture", buildExportFixture()],
    ["graph fixture", buildFixtureDocument()],
    ["neo4j fixture", neo4jFixtureDocument()],
  ];

  it("should return the statements as an array that the script splits back into", () => {
    for (const [name, doc] of docs) {
      const statements = cypherStatements(doc);
      expect(splitCypherScript(toCypher(doc)), name).toEqual(statements);
      for (const s of statements) expect(s).not.toMatch(/;\s*$/);
    }
  });

  it("should hold every value inside string literals: the code around them is the fixed templates", () => {
    for (const [name, doc] of docs) {
      for (const statement of cypherStatements(doc, { batchSize: 3 })) {
        const { code } = tokenize(statement);
        // Data never reaches the code: no non-ASCII, no comment, nothing but the templates' vocabulary.
        expect(code, name).toMatch(/^[\x20-\x7e\n]*$/);
        expect(code).not.toContain("//");
        expect(code).not.toContain(";");
        const labels = [...code.matchAll(/[([]\s*\w*\s*:\s*([A-Za-z_]+)/g)].map((m) => m[1]!);
        const allowed = new Set<string>([
          ...Object.values(NODE_LABEL),
          ...Object.values(EDGE_REL_TYPE),
          ...Object.values(MODEL),
        ]);
        // Map keys ({key: …}) also match the pattern; every label or type must be allowed or a property name.
        for (const label of labels) expect(allowed.has(label) || /^[a-z]/.test(label), label).toBe(true);
      }
    }
  });

  it("should carry every passage, label and article title in its literals", () => {
    const doc = buildExportFixture();
    const { literals } = tokenize(cypherStatements(doc).join("\n"));
    const values = new Set(literals);
    for (const e of doc.graph.edges) for (const x of e.attributes.evidence) expect(values.has(x.quote), x.quote).toBe(true);
    for (const n of doc.graph.nodes) {
      expect(values.has(n.attributes.label)).toBe(true);
      for (const alias of n.attributes.aliases) expect(values.has(alias)).toBe(true);
    }
    for (const a of doc.articles) if (a.title) expect(values.has(a.title)).toBe(true);
    expect(values.has(HEADS_QUOTE) && values.has(DRAFTED_QUOTE)).toBe(true);
  });

  it("should use lib/neo4j's model: keys, labels and relationship types", () => {
    const doc = buildFixtureDocument();
    expect(conflictKeys(doc.conflicts)).toEqual(loaderConflictKeys(doc.conflicts));
    const twice = [...doc.conflicts, ...doc.conflicts];
    expect(conflictKeys(twice)).toEqual(loaderConflictKeys(twice));
    expect(evidenceKey("a|HEADS|b", 3)).toBe(loaderEvidenceKey("a|HEADS|b", 3));
    const script = toCypher(doc);
    expect(script).toContain("MERGE (n:Entity {key: row.key}) SET n = row.props SET n:Person");
    expect(script).toContain("MERGE (s)-[r:HEADS {key: row.key}]->(t) SET r = row.props");
    expect(script).toContain("MERGE (ev)-[:FROM]->(a) MERGE (ev)-[:SUBJECT]->(s) MERGE (ev)-[:OBJECT]->(t)");
    expect(script).toContain("MERGE (n)-[m:MENTIONED_IN]->(a) SET m = row.props");
    expect(script).toContain("MERGE (c)-[:CLAIM]->(k) MERGE (k)-[:FROM]->(a)");
    expect(script).toContain("CREATE CONSTRAINT newsgraph_entity_key IF NOT EXISTS FOR (n:Entity) REQUIRE n.key IS UNIQUE");
    // Evidence nodes: {key: "<edge>#<n>", edgeKey, edgeType, source, target, ordinal, article, start, end, quote}.
    const edge = doc.graph.edges.find((e) => e.attributes.type === "HELD_IN")!;
    const x = edge.attributes.evidence[1]!;
    expect(script).toContain(
      `props: {key: ${cypherString(`${edge.key}#1`)}, edgeKey: ${cypherString(edge.key)}, edgeType: 'HELD_IN', ` +
        `source: ${cypherString(edge.source)}, target: ${cypherString(edge.target)}, ordinal: 1, ` +
        `article: ${cypherString(x.article)}, start: ${x.start}, end: ${x.end}, quote: ${cypherString(x.quote)}}`,
    );
    // Layout coordinates are floats, counts integers (as the loader sends them through the driver).
    expect(script).toMatch(/x: 0\.0, y: -15\.0, articleCount: \d+\}/);
  });

  it("should batch rows by the batch size and group statements by section", () => {
    const doc = buildFixtureDocument();
    const evidence = doc.graph.edges.reduce((n, e) => n + e.attributes.evidence.length, 0);
    const sections = cypherSections(doc, { batchSize: 4 });
    const evidenceSection = sections.find((s) => s.title.startsWith("evidence"))!;
    expect(evidenceSection.statements).toHaveLength(Math.ceil(evidence / 4));
    expect(sections[0]!.title).toMatch(/constraints/);
    expect(cypherSections(doc, { schema: false })[0]!.title).toMatch(/^articles/);
    // Nodes by type, edges by type: one section per type present.
    expect(sections.filter((s) => s.title.includes("entities")).map((s) => s.title.split(" ")[0])).toEqual(
      NODE_TYPES.filter((t) => doc.graph.nodes.some((n) => n.attributes.type === t)),
    );
    expect(sections.filter((s) => s.title.includes("relationships")).map((s) => s.title.split(" ")[0])).toEqual(
      EDGE_TYPES.filter((t) => doc.graph.edges.some((e) => e.attributes.type === t)),
    );
  });

  it("should refuse types outside the allow-lists and references it could not load", () => {
    const badNode = buildFixtureDocument();
    (badNode.graph.nodes[0]!.attributes as { type: string }).type = "Person:Admin) DETACH DELETE (n";
    expect(() => toCypher(badNode)).toThrow(/node "[^"]+" has unknown type/);
    const badEdge = buildFixtureDocument();
    (badEdge.graph.edges[0]!.attributes as { type: string }).type = "HEADS]->() DELETE x //";
    expect(() => cypherStatements(badEdge)).toThrow(ExportError);
    const noArticle = buildFixtureDocument();
    noArticle.articles = noArticle.articles.filter((a) => a.id !== "gamma");
    expect(() => toCypher(noArticle)).toThrow(/cites article "gamma", which is not in articles/);
    const dangling = buildFixtureDocument();
    dangling.graph.nodes = dangling.graph.nodes.filter((n) => n.key !== "place:miami");
    expect(() => toCypher(dangling)).toThrow(/points to unknown node "place:miami"/);
  });

  it("should write a script with a header and one statement per ';\\n'", () => {
    const script = toCypher(buildExportFixture(), { batchSize: 2 });
    expect(script.startsWith("// newsgraph export: 6 nodes, 6 relationships, 9 evidence passages, 2 articles, 1 conflicts.")).toBe(true);
    expect(script.endsWith(";\n")).toBe(true);
    expect(script.split(";\n").length - 1).toBe(cypherStatements(buildExportFixture(), { batchSize: 2 }).length);
  });
});
