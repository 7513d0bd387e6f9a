"use client";
// The side panel for the selected node: facts, roles, aliases, sources, neighbourhood and path actions, and
// its relations grouped by type with their quotes.
import { useState } from "react";
import {
  MAX_HOPS,
  NODE_COLORS,
  type ConflictView,
  type NeighbourhoodState,
  type NodeDetails,
  type OpenPassage,
  type RelationView,
} from "@/lib/view";
import { Quote, SourceCount, isOpen } from "./Evidence";

export interface NodePanelProps {
  details: NodeDetails;
  openPassage: OpenPassage | null;
  onOpenPassage: (passage: OpenPassage) => void;
  onFocusNode: (key: string) => void;
  onSelectEdge: (key: string) => void;
  onClose: () => void;
  neighbourhood: NeighbourhoodState | null;
  onNeighbourhood: (hops: number | null) => void;
  onPathEnd: (end: "from" | "to") => void;
  conflicts: ConflictView[];
  onShowConflicts: () => void;
}

const EVIDENCE_SHOWN = 3;

function Relation({
  relation,
  openPassage,
  onOpenPassage,
  onFocusNode,
  onSelectEdge,
}: {
  relation: RelationView;
  openPassage: OpenPassage | null;
  onOpenPassage: (p: OpenPassage) => void;
  onFocusNode: (key: string) => void;
  onSelectEdge: (key: string) => void;
}) {
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? relation.evidence : relation.evidence.slice(0, EVIDENCE_SHOWN);
  const more = relation.evidence.length - shown.length;
  return (
    <li className="relation" data-testid="relation" data-edge={relation.edge}>
      <div className="relation__head">
        <button
          type="button"
          className="relation__other"
          onClick={() => onFocusNode(relation.other.key)}
          title={`Show ${relation.other.label} on the graph`}
        >
          <span className="swatch" style={{ background: NODE_COLORS[relation.other.type] }} aria-hidden="true" />
          {relation.other.label}
        </button>
        <span className="relation__tools">
          <SourceCount count={relation.articleCount} publishers={relation.publisherCount} />
          <button
            type="button"
            className="mini-button"
            onClick={() => onSelectEdge(relation.edge)}
            title="Select this relation on the graph and list its evidence"
            aria-label={`Evidence of the relation with ${relation.other.label}`}
          >
            ↗
          </button>
        </span>
      </div>
      {relation.note && <p className="relation__note">as {relation.note}</p>}
      <ul className="evidence-list">
        {shown.map((ev) => (
          <Quote key={`${ev.article}:${ev.start}:${ev.end}`} ev={ev} onOpen={onOpenPassage} active={isOpen(openPassage, ev)} />
        ))}
      </ul>
      {more > 0 && (
        <button type="button" className="link-button small" onClick={() => setExpanded(true)}>
          Show {more} more passage{more === 1 ? "" : "s"}
        </button>
      )}
    </li>
  );
}

export default function NodePanel({
  details,
  openPassage,
  onOpenPassage,
  onFocusNode,
  onSelectEdge,
  onClose,
  neighbourhood,
  onNeighbourhood,
  onPathEnd,
  conflicts,
  onShowConflicts,
}: NodePanelProps) {
  const relationCount = details.groups.reduce((n, g) => n + g.relations.length, 0);
  const activeHops = neighbourhood?.center === details.key ? neighbourhood.hops : null;
  return (
    <article className="node-panel" data-testid="node-panel" data-node={details.key} aria-labelledby="node-panel-title">
      <header className="node-panel__header">
        <div>
          <p className="node-panel__type">
            <span className="swatch" style={{ background: NODE_COLORS[details.type] }} aria-hidden="true" />
            {details.type}
          </p>
          <h2 id="node-panel-title" className="node-panel__title">
            {details.label}
          </h2>
        </div>
        <div className="node-panel__actions">
          <button type="button" className="icon-button" onClick={() => onFocusNode(details.key)} title="Centre the graph on this node">
            Centre
          </button>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close the panel" title="Close (Esc)">
            ✕
          </button>
        </div>
      </header>

      <div className="node-actions">
        <div className="segmented" role="group" aria-label="Neighbourhood">
          <span className="segmented__label">Neighbourhood</span>
          {Array.from({ length: MAX_HOPS }, (_, i) => i + 1).map((hops) => (
            <button
              key={hops}
              type="button"
              className="segmented__button"
              aria-pressed={activeHops === hops}
              onClick={() => onNeighbourhood(activeHops === hops ? null : hops)}
              title={`Show only what is within ${hops} hop${hops === 1 ? "" : "s"} of ${details.label}`}
              data-testid={`hops-${hops}`}
            >
              {hops} hop{hops === 1 ? "" : "s"}
            </button>
          ))}
        </div>
        <div className="segmented" role="group" aria-label="Path">
          <span className="segmented__label">Path</span>
          <button type="button" className="segmented__button" onClick={() => onPathEnd("from")} data-testid="path-from-here">
            from here
          </button>
          <button type="button" className="segmented__button" onClick={() => onPathEnd("to")} data-testid="path-to-here">
            to here
          </button>
        </div>
      </div>

      {conflicts.length > 0 && (
        <div className="notice notice--conflict" data-testid="node-conflicts">
          <span className="badge-dot" aria-hidden="true">!</span> Sources disagree about{" "}
          {conflicts.map((c) => c.field).join(", ")}.{" "}
          <button type="button" className="link-button" onClick={onShowConflicts}>
            See the claims
          </button>
        </div>
      )}

      <dl className="facts">
        {details.description && (
          <>
            <dt>About</dt>
            <dd>{details.description}</dd>
          </>
        )}
        {details.dates.length > 0 && (
          <>
            <dt>Date{details.dates.length > 1 ? "s" : ""}</dt>
            <dd>
              <ul className="plain-list">
                {details.dates.map((d) => (
                  <li key={`${d.text}|${d.start ?? ""}|${d.end ?? ""}`} title={d.articles.map((a) => a.name).join("\n")}>
                    {d.text}
                    {d.start && <span className="muted"> ({!d.end || d.start === d.end ? d.start : `${d.start} – ${d.end}`})</span>}
                    <span className="muted small">
                      {" "}
                      · {d.articles.length} article{d.articles.length === 1 ? "" : "s"}
                    </span>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {details.aliases.length > 0 && (
          <>
            <dt>Also named</dt>
            <dd data-testid="node-aliases">{details.aliases.join(", ")}</dd>
          </>
        )}
        {details.roles.length > 0 && (
          <>
            <dt>Roles</dt>
            <dd>
              <ul className="plain-list">
                {details.roles.map((r) => (
                  <li key={`${r.role}:${r.evidence.article}:${r.evidence.start}`}>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => onOpenPassage({ article: r.evidence.article, start: r.evidence.start, end: r.evidence.end })}
                      title={`“${r.evidence.quote}” — ${r.evidence.articleRef.name}`}
                    >
                      {r.role}
                    </button>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>

      <h3 className="section-title">
        Relations <span className="muted">({relationCount})</span>
      </h3>
      {details.groups.length === 0 && (
        <p className="muted">
          No relation found for this entity
          {details.hiddenCoMentions > 0 ? ` (${details.hiddenCoMentions} co-mentions hidden; switch them on under Filters)` : ""}.
        </p>
      )}
      {details.groups.map((group) => (
        <section key={group.id} className="relation-group" data-testid="relation-group" data-type={group.type}>
          <h4 className="relation-group__title">
            {group.title} <span className="muted">({group.relations.length})</span>
          </h4>
          <ul className="relation-list">
            {group.relations.map((relation) => (
              <Relation
                key={relation.edge}
                relation={relation}
                openPassage={openPassage}
                onOpenPassage={onOpenPassage}
                onFocusNode={onFocusNode}
                onSelectEdge={onSelectEdge}
              />
            ))}
          </ul>
        </section>
      ))}
      {details.groups.length > 0 && details.hiddenCoMentions > 0 && (
        <p className="muted small">{details.hiddenCoMentions} co-mentions hidden (switch them on under Filters).</p>
      )}
      <h3 className="section-title">
        Named in <span className="muted">({details.sources.length})</span>
      </h3>
      {details.sources.length === 0 ? (
        <p className="muted small">No recorded mention.</p>
      ) : (
        <ul className="plain-list source-list" data-testid="node-sources">
          {details.sources.map((s) => (
            <li key={s.article.id}>
              <button
                type="button"
                className="link-button source-link"
                onClick={() => onOpenPassage({ article: s.article.id, start: s.start, end: s.end })}
                title="Open the article at the first mention"
              >
                {s.article.name}
              </button>
              <span className="muted small">
                {[s.article.publisher, s.article.date].filter(Boolean).map((x) => ` · ${x}`)}
                {s.mentions > 1 ? ` · ${s.mentions} mentions` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
