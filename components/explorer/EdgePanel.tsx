"use client";
// The side panel for a selected edge: source —relation→ target, the role as stated, corroboration, and every
// supporting passage (quote, article title, publisher, date).
import { NODE_COLORS, type EdgeDetails, type OpenPassage } from "@/lib/view";
import { Quote, SourceCount, isOpen } from "./Evidence";

export interface EdgePanelProps {
  details: EdgeDetails;
  openPassage: OpenPassage | null;
  onOpenPassage: (passage: OpenPassage) => void;
  onFocusNode: (key: string) => void;
  onClose: () => void;
  /** Does an article pass the source filters (passages from others are dimmed)? */
  articlePasses: (id: string) => boolean;
}

function End({ node, onFocusNode }: { node: EdgeDetails["source"]; onFocusNode: (key: string) => void }) {
  return (
    <button type="button" className="relation__other" onClick={() => onFocusNode(node.key)} title={`Select ${node.label}`}>
      <span className="swatch" style={{ background: NODE_COLORS[node.type] }} aria-hidden="true" />
      {node.label}
    </button>
  );
}

export default function EdgePanel({ details, openPassage, onOpenPassage, onFocusNode, onClose, articlePasses }: EdgePanelProps) {
  const single = details.articleCount <= 1;
  return (
    <article className="node-panel" data-testid="edge-panel" data-edge={details.key} aria-labelledby="edge-panel-title">
      <header className="node-panel__header">
        <div>
          <p className="node-panel__type">{details.type === "CO_MENTIONED" ? "Co-mention" : "Relation"}</p>
          <h2 id="edge-panel-title" className="node-panel__title edge-title">
            <End node={details.source} onFocusNode={onFocusNode} />
            <span className="edge-title__phrase">{details.phrase.toLowerCase()}</span>
            <End node={details.target} onFocusNode={onFocusNode} />
          </h2>
        </div>
        <div className="node-panel__actions">
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close the panel" title="Close (Esc)">
            ✕
          </button>
        </div>
      </header>
      {details.note && <p className="relation__note">as {details.note}</p>}
      <p className="edge-sources">
        <SourceCount count={details.articleCount} publishers={details.publisherCount} />
        <span className="muted small">
          {single ? " One article only: drawn paler on the graph." : ` ${details.publisherCount} publisher${details.publisherCount === 1 ? "" : "s"}.`}
        </span>
      </p>
      <h3 className="section-title">
        Evidence <span className="muted">({details.evidence.length})</span>
      </h3>
      <ul className="evidence-list" data-testid="edge-evidence">
        {details.evidence.map((ev) => (
          <Quote
            key={`${ev.article}:${ev.start}:${ev.end}`}
            ev={ev}
            active={isOpen(openPassage, ev)}
            onOpen={onOpenPassage}
            outside={!articlePasses(ev.article)}
          />
        ))}
      </ul>
    </article>
  );
}
