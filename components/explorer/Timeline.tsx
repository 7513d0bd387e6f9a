"use client";
// The timeline under the graph: dated meetings (or articles, by publication date) on a day axis, and a
// window with two handles (keyboard: arrows move a handle by a day, Page Up/Down by ten) that filters the graph.
import { dayNumber, formatDay, formatWindow, isoDay, setDateField, setDateWindow, type DateField, type Producer, type TimelineModel } from "@/lib/view";

export interface TimelineProps {
  model: TimelineModel;
  dateFrom: string | null;
  dateTo: string | null;
  field: DateField;
  /** Is the event drawn on the graph (meetings) / does the article pass the filters? */
  isShown: (key: string) => boolean;
  update: (producer: Producer) => void;
  onSelect: (key: string) => void;
}

export default function Timeline({ model, dateFrom, dateTo, field, isShown, update, onSelect }: TimelineProps) {
  const domain = model.domain;
  const windowSet = dateFrom !== null || dateTo !== null;
  const fieldSwitch = (
    <select className="timeline__field" value={field} onChange={(e) => update(setDateField(e.target.value as DateField))} aria-label="Which date the timeline filters" data-testid="timeline-field">
      <option value="event">Event date</option>
      <option value="publication">Publication date</option>
    </select>
  );
  if (!domain) {
    return (
      <div className="timeline timeline--empty" data-testid="timeline">
        {fieldSwitch}
        <p className="muted small">
          No {field === "event" ? "meeting has a date" : "article has a publication date"} to place on a timeline
          {model.undated > 0 ? ` (${model.undated} undated)` : ""}.
        </p>
      </div>
    );
  }
  const span = Math.max(1, domain.end - domain.start);
  const from = dateFrom ? Math.min(Math.max(dayNumber(dateFrom), domain.start), domain.end) : domain.start;
  const to = dateTo ? Math.min(Math.max(dayNumber(dateTo), domain.start), domain.end) : domain.end;
  const pct = (day: number) => `${((day - domain.start) / span) * 100}%`;
  const set = (a: number, b: number) => {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    update(setDateWindow(lo <= domain.start ? null : isoDay(lo), hi >= domain.end ? null : isoDay(hi)));
  };
  return (
    <div className="timeline" data-testid="timeline">
      {fieldSwitch}
      <div className="timeline__track-wrap">
        <div className="timeline__axis">
          <span>{formatDay(isoDay(domain.start))}</span>
          <span>{formatDay(isoDay(domain.end))}</span>
        </div>
        <div className="timeline__track">
          <div className="timeline__window" style={{ left: pct(from), width: `calc(${pct(to)} - ${pct(from)})` }} aria-hidden="true" />
          {model.events.map((e) => {
            const a = dayNumber(e.start);
            const b = dayNumber(e.end);
            const inWindow = b >= from && a <= to;
            return (
              <button
                key={e.key}
                type="button"
                tabIndex={-1}
                className={`timeline__event timeline__event--${e.kind}${inWindow ? "" : " timeline__event--out"}${isShown(e.key) ? "" : " timeline__event--hidden"}`}
                style={{ left: pct(a), width: b > a ? `max(4px, calc(${pct(b)} - ${pct(a)}))` : undefined }}
                title={`${e.label} — ${formatWindow(e.start, e.end)}`}
                onClick={() => (e.kind === "meeting" ? onSelect(e.key) : set(a, b))}
                data-testid="timeline-event"
                data-key={e.key}
              />
            );
          })}
          <input
            className="timeline__range"
            type="range"
            min={domain.start}
            max={domain.end}
            step={1}
            value={from}
            aria-label="Window start"
            aria-valuetext={from <= domain.start ? "open" : formatDay(isoDay(from))}
            onChange={(e) => set(Math.min(Number(e.target.value), to), to)}
            data-testid="timeline-start"
          />
          <input
            className="timeline__range"
            type="range"
            min={domain.start}
            max={domain.end}
            step={1}
            value={to}
            aria-label="Window end"
            aria-valuetext={to >= domain.end ? "open" : formatDay(isoDay(to))}
            onChange={(e) => set(from, Math.max(Number(e.target.value), from))}
            data-testid="timeline-end"
          />
        </div>
      </div>
      <div className="timeline__status">
        <span className="small" data-testid="timeline-window">
          {windowSet ? formatWindow(dateFrom, dateTo) : "All dates"}
        </span>
        {windowSet && (
          <button type="button" className="link-button small" onClick={() => update(setDateWindow(null, null))}>
            Clear
          </button>
        )}
        {model.undated > 0 && <span className="muted small"> · {model.undated} undated</span>}
      </div>
    </div>
  );
}
