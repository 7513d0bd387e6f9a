"use client";
// The side panel for the selected node: facts, roles, aliases, and relations grouped by type with their quotes.
import { useState } from "react";
import {
  NODE_COLORS,
  type EvidenceView,
  type NodeDetails,
  type OpenPassage,
  type RelationView,
} from "@/lib/view";

export interface NodePanelProps {
  details: NodeDetails;
  openPassage: OpenPassage | null;
  onOpenPassage: (passage: OpenPassage) => void;
  onFocusNode: (key: string) => void;
  onClose: () => void;
}

const EVIDENCE_SHOWN = 3;

function sourceLine(ev: EvidenceView): string {
  return [ev.articleRef.publisher, ev.articleRef.date].filter(Boolean).join(" · ");
}

function Quote({ ev, active, onOpen }: { ev: EvidenceView; active: boolean; onOpen: (p: OpenPassage) => void }) {
  const meta = sourceLine(ev);
  return (
    <li className={active ? "evidence evidence--active" : "evidence"}>
      <button
        type="button"
        className="evidence__button"
        onClick={() => onOpen({ article: ev.article, start: ev.start, end: ev.end })}
        title="Open the article at this passage"
      >
        <q className="evidence__quote" data-testid="evidence-quote" data-article={ev.article} data-start={ev.start} data-end={ev.end}>
          {ev.quote}
        </q>
        <span className="evidence__source">
          <span className="evidence__article">{ev.articleRef.name}</span>
          {meta && <span className="evidence__meta"> · {meta}</span>}
        </span>
      </button>
    </li>
  );
}

function Relation({
  relation,
  openPassage,
  onOpenPassage,
  onFocusNode,
}: {
  relation: RelationView;
  openPassage: OpenPassage | null;
  onOpenPassage: (p: OpenPassage) => void;
  onFocusNode: (key: string) => void;
}) {
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? relation.evidence : relation.evidence.slice(0, EVIDENCE_SHOWN);
  const more = relation.evidence.length - shown.length;
  const sources = `${relation.articleCount} article${relation.articleCount === 1 ? "" : "s"}`;
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
        <span className={relation.articleCount > 1 ? "relation__count" : "relation__count relation__count--single"}>{sources}</span>
      </div>
      {relation.note && <p className="relation__note">as {relation.note}</p>}
      <ul className="evidence-list">
        {shown.map((ev) => (
          <Quote
            key={`${ev.article}:${ev.start}:${ev.end}`}
            ev={ev}
            onOpen={onOpenPassage}
            active={openPassage?.article === ev.article && openPassage.start === ev.start && openPassage.end === ev.end}
          />
        ))}
      </ul>
      {more > 0 && (
        <button type="button" className="link-button" onClick={() => setExpanded(true)}>
          Show {more} more passage{more === 1 ? "" : "s"}
        </button>
      )}
    </li>
  );
}

export default function NodePanel({ details, openPassage, onOpenPassage, onFocusNode, onClose }: NodePanelProps) {
  const relationCount = details.groups.reduce((n, g) => n + g.relations.length, 0);
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
        <dt>Sources</dt>
        <dd>
          Named in {details.articles.length} article{details.articles.length === 1 ? "" : "s"}
        </dd>
      </dl>

      <h3 className="section-title">
        Relations <span className="muted">({relationCount})</span>
      </h3>
      {details.groups.length === 0 && (
        <p className="muted">
          No relation found for this entity
          {details.hiddenCoMentions > 0 ? ` (${details.hiddenCoMentions} co-mentions hidden; switch them on in the legend)` : ""}.
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
              />
            ))}
          </ul>
        </section>
      ))}
      {details.groups.length > 0 && details.hiddenCoMentions > 0 && (
        <p className="muted small">{details.hiddenCoMentions} co-mentions hidden (switch them on in the legend).</p>
      )}
    </article>
  );
}
