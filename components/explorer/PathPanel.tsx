"use client";
// Path between two entities: pick both ends, get the shortest path over the relations drawn, listed hop by
// hop with the quote and the number of sources of each hop.
import { useState } from "react";
import { NODE_COLORS, relationName, type OpenPassage, type PathHopView, type PathState, type PathView, type SearchEntry } from "@/lib/view";
import EntityPicker from "./EntityPicker";
import type { ServerSearch } from "./useServerHits";
import { Quote, SourceCount, isOpen } from "./Evidence";

export interface PathPanelProps {
  index: readonly SearchEntry[];
  /** The whole graph's search, when the view holds part of it (ends may then be entities not loaded). */
  serverSearch?: ServerSearch | null;
  isLoaded?: (key: string) => boolean;
  path: PathState | null;
  result: PathView | null;
  labelOf: (key: string) => string;
  onEnd: (end: "from" | "to", key: string | null) => void;
  onSwap: () => void;
  onClear: () => void;
  onFocusNode: (key: string) => void;
  onSelectEdge: (key: string) => void;
  openPassage: OpenPassage | null;
  onOpenPassage: (p: OpenPassage) => void;
  /** Filters or hidden layers that may be why no path was found. */
  restricted: boolean;
  onShowCoMentions: (() => void) | null;
  onResetFilters: () => void;
}

function Hop({ hop, index, openPassage, onOpenPassage, onFocusNode, onSelectEdge }: {
  hop: PathHopView;
  index: number;
  openPassage: OpenPassage | null;
  onOpenPassage: (p: OpenPassage) => void;
  onFocusNode: (key: string) => void;
  onSelectEdge: (key: string) => void;
}) {
  const [all, setAll] = useState(false);
  const shown = all ? hop.evidence : hop.evidence.slice(0, 1);
  const arrow = hop.direction === "forward" ? "→" : "←";
  return (
    <li className="hop" data-testid="path-hop" data-edge={hop.edge}>
      <div className="hop__head">
        <span className="hop__index" aria-hidden="true">
          {index + 1}
        </span>
        <span className="hop__text">
          <button type="button" className="link-button hop__node" onClick={() => onFocusNode(hop.from.key)}>
            {hop.from.label}
          </button>{" "}
          <span className="hop__relation" title={hop.direction === "forward" ? "read left to right" : "read right to left"}>
            {arrow} {relationName(hop.type).toLowerCase()} {arrow}
          </span>{" "}
          <button type="button" className="link-button hop__node" onClick={() => onFocusNode(hop.to.key)}>
            {hop.to.label}
          </button>
        </span>
        <span className="relation__tools">
          <SourceCount count={hop.articleCount} />
          <button type="button" className="mini-button" onClick={() => onSelectEdge(hop.edge)} title="Select this relation and list all its evidence" aria-label={`Evidence of hop ${index + 1}`}>
            ↗
          </button>
        </span>
      </div>
      {hop.note && <p className="relation__note">as {hop.note}</p>}
      <ul className="evidence-list">
        {shown.map((ev) => (
          <Quote key={`${ev.article}:${ev.start}:${ev.end}`} ev={ev} active={isOpen(openPassage, ev)} onOpen={onOpenPassage} />
        ))}
      </ul>
      {hop.evidence.length > shown.length && (
        <button type="button" className="link-button small" onClick={() => setAll(true)}>
          {hop.evidence.length - shown.length} more passage{hop.evidence.length - shown.length === 1 ? "" : "s"}
        </button>
      )}
    </li>
  );
}

export default function PathPanel(props: PathPanelProps) {
  const { index, path, result, labelOf, onEnd, onSwap, onClear, restricted, serverSearch = null, isLoaded } = props;
  const from = path?.from ?? null;
  const to = path?.to ?? null;
  return (
    <section className="path-panel" data-testid="path-panel" aria-labelledby="path-title">
      <h2 id="path-title" className="panel-title">
        Path between two entities
      </h2>
      <p className="muted small">The shortest chain of typed relations (either direction) among what the graph shows.</p>
      <div className="path-ends">
        <EntityPicker
          label="From"
          index={index}
          chosen={from ? labelOf(from) : null}
          onChoose={(key) => onEnd("from", key)}
          testId="path-from"
          serverSearch={serverSearch}
          isLoaded={isLoaded}
        />
        <button type="button" className="icon-button path-swap" onClick={onSwap} disabled={!from && !to} aria-label="Swap the ends" title="Swap">
          ⇅
        </button>
        <EntityPicker
          label="To"
          index={index}
          chosen={to ? labelOf(to) : null}
          onChoose={(key) => onEnd("to", key)}
          testId="path-to"
          serverSearch={serverSearch}
          isLoaded={isLoaded}
        />
      </div>
      {(from || to) && (
        <button type="button" className="link-button small" onClick={onClear}>
          Clear the path
        </button>
      )}
      {from && to && result && result.hops.length > 0 && (
        <>
          <h3 className="section-title">
            {result.hops.length} hop{result.hops.length === 1 ? "" : "s"}
          </h3>
          <p className="path-chain small">
            {[result.hops[0]!.from, ...result.hops.map((h) => h.to)].map((node, i) => (
              <span key={node.key} className="path-chain__node">
                {i > 0 && <span className="muted"> → </span>}
                <span className="swatch" style={{ background: NODE_COLORS[node.type] }} aria-hidden="true" /> {node.label}
              </span>
            ))}
          </p>
          <ol className="hop-list" data-testid="path-hops">
            {result.hops.map((hop, i) => (
              <Hop
                key={hop.edge}
                hop={hop}
                index={i}
                openPassage={props.openPassage}
                onOpenPassage={props.onOpenPassage}
                onFocusNode={props.onFocusNode}
                onSelectEdge={props.onSelectEdge}
              />
            ))}
          </ol>
        </>
      )}
      {from && to && from === to && <p className="notice">Both ends are the same entity.</p>}
      {from && to && from !== to && !result && (
        <div className="notice" data-testid="path-none" role="status">
          <p>
            No path between <strong>{labelOf(from)}</strong> and <strong>{labelOf(to)}</strong> over the relations shown.
          </p>
          <p className="small">
            {props.onShowCoMentions && (
              <button type="button" className="link-button" onClick={props.onShowCoMentions}>
                Include co-mentions
              </button>
            )}
            {props.onShowCoMentions && restricted && " · "}
            {restricted && (
              <button type="button" className="link-button" onClick={props.onResetFilters}>
                Clear the filters
              </button>
            )}
          </p>
        </div>
      )}
      {(!from || !to) && (
        <p className="muted small path-hint">
          Pick both ends here, or use <em>Path from here / to here</em> in an entity&apos;s panel.
        </p>
      )}
    </section>
  );
}
