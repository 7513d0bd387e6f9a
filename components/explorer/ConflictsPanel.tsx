"use client";
// The conflicts lens: every conflict (subject, field, competing values), each claim with its article and
// quote; and the "show only disputed facts" filter.
import { NODE_COLORS, type ConflictView, type OpenPassage } from "@/lib/view";
import { Quote, isOpen } from "./Evidence";

export interface ConflictsPanelProps {
  conflicts: readonly ConflictView[];
  disputedOnly: boolean;
  onDisputedOnly: (only: boolean) => void;
  onSelect: (key: string) => void;
  openPassage: OpenPassage | null;
  onOpenPassage: (p: OpenPassage) => void;
}

export default function ConflictsPanel({ conflicts, disputedOnly, onDisputedOnly, onSelect, openPassage, onOpenPassage }: ConflictsPanelProps) {
  return (
    <section className="conflicts-panel" data-testid="conflicts-panel" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title" className="panel-title">
        Where sources disagree <span className="muted">({conflicts.length})</span>
      </h2>
      <label className="check">
        <input type="checkbox" checked={disputedOnly} onChange={(event) => onDisputedOnly(event.target.checked)} data-testid="disputed-only" />
        Show only disputed facts on the graph
      </label>
      {conflicts.length === 0 && <p className="muted">No conflict: the articles agree on every date, place, participant and title they state.</p>}
      <ul className="conflict-list">
        {conflicts.map((c) => (
          <li key={c.id} className="conflict" data-testid="conflict" data-subject={c.subjectKey} data-field={c.field}>
            <div className="conflict__head">
              <button type="button" className="relation__other" onClick={() => onSelect(c.subjectKey)} title="Select on the graph">
                <span className="swatch" style={{ background: c.subject ? NODE_COLORS[c.subject.type] : "#94a3b8" }} aria-hidden="true" />
                {c.subject?.label ?? c.subjectKey}
              </button>
              <span className="conflict__field">{c.field}</span>
            </div>
            <ul className="claim-list">
              {c.values.map((v) => (
                <li key={v.value} className="claim" data-testid="claim">
                  <p className="claim__value">
                    <strong>{v.value}</strong>
                    <span className="muted small">
                      {" "}
                      · {v.articleCount} article{v.articleCount === 1 ? "" : "s"}
                    </span>
                  </p>
                  <ul className="evidence-list">
                    {v.claims.map((ev) => (
                      <Quote key={`${ev.article}:${ev.start}:${ev.end}`} ev={ev} active={isOpen(openPassage, ev)} onOpen={onOpenPassage} />
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
