"use client";
// Every meeting with its date(s) as stated, place(s) and participants; meetings the filters hide (e.g. outside
// the time window) are listed dimmed.
import { useState } from "react";
import { NODE_COLORS, formatWindow, type MeetingRef, type MeetingView } from "@/lib/view";

export interface MeetingsPanelProps {
  meetings: readonly MeetingView[];
  visible: (key: string) => boolean;
  windowLabel: string | null;
  onSelect: (key: string) => void;
  onFocusNode: (key: string) => void;
}

const PARTICIPANTS_SHOWN = 6;

function Refs({ refs, onFocusNode, limit }: { refs: readonly MeetingRef[]; onFocusNode: (key: string) => void; limit?: number }) {
  const [all, setAll] = useState(false);
  const shown = all || limit === undefined ? refs : refs.slice(0, limit);
  return (
    <>
      {shown.map((r, i) => (
        <span key={r.key}>
          {i > 0 && ", "}
          <button type="button" className="link-button inline-ref" onClick={() => onFocusNode(r.key)}>
            {r.label}
          </button>
        </span>
      ))}
      {shown.length < refs.length && (
        <>
          {" "}
          <button type="button" className="link-button small" onClick={() => setAll(true)}>
            and {refs.length - shown.length} more
          </button>
        </>
      )}
    </>
  );
}

export default function MeetingsPanel({ meetings, visible, windowLabel, onSelect, onFocusNode }: MeetingsPanelProps) {
  const shown = meetings.filter((m) => visible(m.key)).length;
  return (
    <section className="meetings-panel" data-testid="meetings-panel" aria-labelledby="meetings-title">
      <h2 id="meetings-title" className="panel-title">
        Meetings <span className="muted">({meetings.length})</span>
      </h2>
      {meetings.length === 0 ? (
        <p className="muted">The articles describe no meeting.</p>
      ) : (
        <p className="muted small" data-testid="meetings-summary">
          {shown === meetings.length ? "All shown on the graph" : `${shown} of ${meetings.length} shown on the graph`}
          {windowLabel ? ` · window ${windowLabel}` : ""}. Earliest first; undated last.
        </p>
      )}
      <ol className="meeting-list">
        {meetings.map((m) => {
          const on = visible(m.key);
          return (
            <li key={m.key} className={on ? "meeting" : "meeting meeting--hidden"} data-testid="meeting" data-key={m.key} data-visible={on}>
              <div className="meeting__when">
                {m.range ? formatWindow(m.range.start, m.range.end) : "undated"}
              </div>
              <button type="button" className="meeting__title" onClick={() => onSelect(m.key)}>
                <span className="swatch" style={{ background: NODE_COLORS.Meeting }} aria-hidden="true" />
                {m.label}
              </button>
              {!on && <span className="muted small"> (hidden by the filters)</span>}
              <dl className="facts facts--tight">
                {m.dates.length > 0 && (
                  <>
                    <dt>Stated</dt>
                    <dd>
                      {m.dates.map((d, i) => (
                        <span key={`${d.text}|${d.start ?? ""}`} title={d.articles.map((a) => a.name).join("\n")}>
                          {i > 0 && " · "}“{d.text}”
                          <span className="muted small"> ({d.articles.length})</span>
                        </span>
                      ))}
                    </dd>
                  </>
                )}
                <dt>Place</dt>
                <dd>{m.places.length ? <Refs refs={m.places} onFocusNode={onFocusNode} /> : <span className="muted">not stated</span>}</dd>
                <dt>Who</dt>
                <dd data-testid="meeting-participants">
                  {m.participants.length ? (
                    <Refs refs={m.participants} onFocusNode={onFocusNode} limit={PARTICIPANTS_SHOWN} />
                  ) : (
                    <span className="muted">not stated</span>
                  )}
                </dd>
              </dl>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
