"use client";
// The Cypher console (Neo4j backend only): a read-only query box over POST /api/cypher. Results show as a table,
// and the nodes and relationships they hold as a list the user can add to the explorer's view (nodes of the
// graph are framed on the canvas; a graph edge opens with its evidence). Writes are refused by the server
// (lexical check + READ transaction); the console shows the refusal as the server words it.

import { useCallback, useMemo, useRef, useState } from "react";
import type { CypherNode, CypherRelationship, CypherResult, CypherValue } from "@/lib/neo4j/cypher";
import styles from "./console.module.css";

export interface CypherConsoleProps {
  /** Adds graph nodes (by key) to the view: the explorer frames them (one node: focus it). */
  onAddToView?: (keys: string[]) => void;
  /** Opens a graph edge (by key) with its evidence. */
  onSelectEdge?: (key: string) => void;
  /** Is this node key in the graph the explorer shows? (Only those can be added.) Default: every key. */
  hasNode?: (key: string) => boolean;
  /** Is this edge key in the graph the explorer shows? Default: every key. */
  hasEdge?: (key: string) => boolean;
  onClose?: () => void;
  /** The query the box starts with. */
  initialQuery?: string;
}

const EXAMPLES: { label: string; query: string }[] = [
  {
    label: "Who heads what",
    query: "MATCH (p:Entity)-[r:HEADS]->(o:Entity)\nRETURN p, r, o\nLIMIT 25",
  },
  {
    label: "Meetings, places, attendees",
    query:
      "MATCH (m:Meeting)\nOPTIONAL MATCH (m)-[:HELD_IN]->(p:Place)\nRETURN m.label AS meeting, m.dateStart AS start, p.label AS place,\n       COUNT { (m)<-[:ATTENDED]-() } AS attendees\nORDER BY start",
  },
  {
    label: "Claims with one source",
    query:
      "MATCH (s:Entity)-[r]->(t:Entity) WHERE type(r) <> 'CO_MENTIONED' AND size(r.articles) < 2\nRETURN s, r, t\nLIMIT 50",
  },
  {
    label: "Quotes of an article",
    query:
      "MATCH (a:Article)<-[:FROM]-(ev:Evidence)-[:SUBJECT]->(s:Entity)\nMATCH (ev)-[:OBJECT]->(o:Entity)\nWITH a, ev, s, o ORDER BY a.id, ev.start\nRETURN a.id AS article, s.label AS subject, ev.edgeType AS relation, o.label AS object, ev.quote AS quote\nLIMIT 50",
  },
  {
    label: "Disputed facts",
    query:
      "MATCH (c:Conflict)-[:ABOUT]->(n:Entity)\nMATCH (c)-[:CLAIM]->(k:ConflictClaim)\nRETURN n, c.field AS field, collect(k.value) AS claims",
  },
  {
    label: "Path between two people",
    query:
      "MATCH (a:Person), (b:Person) WHERE a.key < b.key\nWITH a, b LIMIT 1\nMATCH p = shortestPath((a)-[*..6]-(b))\nRETURN p",
  },
];

const ROW_CAPS = [100, 1000, 10000];

type RunState =
  | { status: "idle" }
  | { status: "running" }
  | { status: "error"; message: string; kind: string }
  | { status: "done"; result: CypherResult };

function entityKey(node: CypherNode): string | null {
  return typeof node.properties.key === "string" && node.labels.includes("Entity") ? node.properties.key : null;
}

function nodeCaption(node: CypherNode): string {
  const label = node.properties.label ?? node.properties.id ?? node.properties.key ?? node.properties.quote;
  const labels = node.labels.filter((l) => l !== "Entity").join(":") || node.labels.join(":");
  return `(:${labels}${typeof label === "string" ? ` ${label.length > 60 ? `${label.slice(0, 57)}…` : label}` : ""})`;
}

function shortText(value: string): string {
  return value.length > 300 ? `${value.slice(0, 297)}…` : value;
}

function Cell({ value }: { value: CypherValue }) {
  if (value === null) return <span className={styles.meta}>null</span>;
  if (typeof value === "string") return <>{shortText(value)}</>;
  if (typeof value === "number" || typeof value === "boolean") return <>{String(value)}</>;
  if (Array.isArray(value)) {
    return (
      <>
        [
        {value.map((item, i) => (
          <span key={i}>
            {i > 0 && ", "}
            <Cell value={item} />
          </span>
        ))}
        ]
      </>
    );
  }
  if ("$node" in value) {
    return (
      <span className={styles.element} title={JSON.stringify(value.$node.properties).slice(0, 2000)}>
        {nodeCaption(value.$node)}
      </span>
    );
  }
  if ("$rel" in value) {
    return (
      <span className={`${styles.element} ${styles.relElement}`} title={JSON.stringify(value.$rel.properties).slice(0, 2000)}>
        -[:{value.$rel.type}]-&gt;
      </span>
    );
  }
  if ("$path" in value) {
    const { nodes, relationships } = value.$path;
    return (
      <>
        {nodes.map((node, i) => (
          <span key={node.id + i}>
            <span className={styles.element}>{nodeCaption(node)}</span>
            {relationships[i] && <span className={`${styles.element} ${styles.relElement}`}>-[:{relationships[i]!.type}]-</span>}
          </span>
        ))}
      </>
    );
  }
  if ("$map" in value) return <>{shortText(JSON.stringify(value.$map))}</>;
  return <>{value.$text}</>;
}

export default function CypherConsole({ onAddToView, onSelectEdge, hasNode, hasEdge, onClose, initialQuery }: CypherConsoleProps) {
  const [query, setQuery] = useState(initialQuery ?? EXAMPLES[0]!.query);
  const [rowCap, setRowCap] = useState(1000);
  const [state, setState] = useState<RunState>({ status: "idle" });
  const abort = useRef<AbortController | null>(null);

  const run = useCallback(async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setState({ status: "running" });
    try {
      const response = await fetch("/api/cypher", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, rowCap }),
        signal: controller.signal,
        cache: "no-store",
      });
      const body = (await response.json().catch(() => null)) as (CypherResult & { error?: string; kind?: string }) | null;
      if (controller.signal.aborted) return;
      if (!response.ok || !body || body.error) {
        setState({ status: "error", message: body?.error ?? `${response.status} ${response.statusText}`, kind: body?.kind ?? "error" });
        return;
      }
      setState({ status: "done", result: body });
    } catch (error) {
      if (controller.signal.aborted) return;
      setState({ status: "error", message: error instanceof Error ? error.message : String(error), kind: "error" });
    }
  }, [query, rowCap]);

  const elements = useMemo(() => {
    if (state.status !== "done") return null;
    const nodes = state.result.graph.nodes.map((node) => {
      const key = entityKey(node);
      return { node, key, addable: !!key && (hasNode ? hasNode(key) : true) };
    });
    const relationships = state.result.graph.relationships.map((rel) => {
      const key = typeof rel.properties.key === "string" ? rel.properties.key : null;
      return { rel, key, openable: !!key && (hasEdge ? hasEdge(key) : true) };
    });
    return { nodes, relationships, addableKeys: nodes.filter((n) => n.addable).map((n) => n.key!) };
  }, [state, hasNode, hasEdge]);

  return (
    <section className={styles.console} aria-label="Cypher console" data-testid="cypher-console">
      <div className={styles.header}>
        <h2>Cypher console</h2>
        {onClose && (
          <button type="button" className={styles.smallButton} onClick={onClose} aria-label="Close the Cypher console">
            Close
          </button>
        )}
      </div>
      <p className={styles.hint}>
        Read-only queries on the Neo4j backend: writes (CREATE, MERGE, SET, DELETE, …) are refused, queries stop after a timeout and at most
        the chosen number of rows come back. <kbd>Ctrl</kbd>+<kbd>Enter</kbd> runs.
      </p>
      <label className="visually-hidden" htmlFor="cypher-query">
        Cypher query
      </label>
      <textarea
        id="cypher-query"
        className={styles.editor}
        value={query}
        spellCheck={false}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void run();
          }
          if (event.key === "Escape") event.stopPropagation();
        }}
      />
      <div className={styles.controls}>
        <button type="button" className={styles.run} onClick={() => void run()} disabled={state.status === "running" || query.trim() === ""}>
          {state.status === "running" ? "Running…" : "Run"}
        </button>
        <label>
          Rows{" "}
          <select value={rowCap} onChange={(event) => setRowCap(Number(event.target.value))}>
            {ROW_CAPS.map((cap) => (
              <option key={cap} value={cap}>
                {cap.toLocaleString("en-US")}
              </option>
            ))}
          </select>
        </label>
        <label>
          Examples{" "}
          <select
            value=""
            onChange={(event) => {
              const example = EXAMPLES[Number(event.target.value)];
              if (example) setQuery(example.query);
            }}
          >
            <option value="">choose…</option>
            {EXAMPLES.map((example, i) => (
              <option key={example.label} value={i}>
                {example.label}
              </option>
            ))}
          </select>
        </label>
        {state.status === "done" && (
          <span className={styles.meta} data-testid="cypher-meta">
            {state.result.rows.length.toLocaleString("en-US")} row{state.result.rows.length === 1 ? "" : "s"} in {state.result.ms} ms
            {state.result.truncated && (
              <span className={styles.truncated}> · cut at {state.result.rowCap.toLocaleString("en-US")} rows</span>
            )}
          </span>
        )}
      </div>

      {state.status === "error" && (
        <p className={styles.error} role="alert" data-testid="cypher-error" data-kind={state.kind}>
          {state.kind === "refused" ? "Refused: " : state.kind === "timeout" ? "Timed out: " : ""}
          {state.message.replace(/^newsgraph\/cypher: /, "")}
        </p>
      )}

      {state.status === "done" && (
        <div className={styles.results}>
          {state.result.columns.length === 0 ? (
            <p className={styles.hint}>The query returned no columns.</p>
          ) : (
            <table className={styles.table} data-testid="cypher-table">
              <thead>
                <tr>
                  <th className={styles.rowNumber}>#</th>
                  {state.result.columns.map((column) => (
                    <th key={column}>{column}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {state.result.rows.map((row, i) => (
                  <tr key={i}>
                    <td className={styles.rowNumber}>{i + 1}</td>
                    {row.map((value, j) => (
                      <td key={j} className={styles.cell}>
                        <Cell value={value} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}

      {elements && (elements.nodes.length > 0 || elements.relationships.length > 0) && (
        <div className={styles.graph} data-testid="cypher-graph">
          <div className={styles.header}>
            <h3>
              Graph elements: {elements.nodes.length} node{elements.nodes.length === 1 ? "" : "s"}, {elements.relationships.length} relationship
              {elements.relationships.length === 1 ? "" : "s"}
            </h3>
            {onAddToView && (
              <button
                type="button"
                className={styles.smallButton}
                disabled={elements.addableKeys.length === 0}
                onClick={() => onAddToView(elements.addableKeys)}
              >
                Add {elements.addableKeys.length} to view
              </button>
            )}
          </div>
          <ul className={styles.elementList}>
            {elements.nodes.map(({ node, key, addable }) => (
              <li key={node.id}>
                <span className={styles.elementLabel} title={key ?? node.labels.join(":")}>
                  {nodeCaption(node)}
                </span>
                {onAddToView && (
                  <button
                    type="button"
                    className={styles.smallButton}
                    disabled={!addable}
                    title={addable ? `Show ${key} in the graph` : "Not a node of the graph shown"}
                    onClick={() => key && onAddToView([key])}
                  >
                    Add to view
                  </button>
                )}
              </li>
            ))}
            {elements.relationships.map(({ rel, key, openable }: { rel: CypherRelationship; key: string | null; openable: boolean }) => (
              <li key={rel.id}>
                <span className={styles.elementLabel} title={key ?? rel.type}>
                  -[:{rel.type}]-&gt; {key ?? ""}
                </span>
                {onSelectEdge && (
                  <button
                    type="button"
                    className={styles.smallButton}
                    disabled={!openable}
                    title={openable ? "Open the edge with its evidence" : "Not an edge of the graph shown"}
                    onClick={() => key && onSelectEdge(key)}
                  >
                    Open
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
