"use client";
// The side panel's tabs (WAI-ARIA tabs: arrow keys move between them, Home/End to the ends).
import { useRef } from "react";
import { PANELS, type Panel } from "@/lib/view";

const LABELS: Record<Panel, string> = {
  details: "Details",
  filters: "Filters",
  path: "Path",
  meetings: "Meetings",
  conflicts: "Conflicts",
};

export interface PanelTabsProps {
  panel: Panel;
  onChange: (panel: Panel) => void;
  /** A number shown after the label (filters active, meetings, conflicts). */
  badges: Partial<Record<Panel, number>>;
}

export function panelId(panel: Panel): string {
  return `panel-${panel}`;
}

export function tabId(panel: Panel): string {
  return `tab-${panel}`;
}

export default function PanelTabs({ panel, onChange, badges }: PanelTabsProps) {
  const refs = useRef<Partial<Record<Panel, HTMLButtonElement | null>>>({});
  const move = (to: Panel) => {
    onChange(to);
    refs.current[to]?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label="Side panel">
      {PANELS.map((p, i) => {
        const badge = badges[p];
        return (
          <button
            key={p}
            ref={(el) => {
              refs.current[p] = el;
            }}
            id={tabId(p)}
            type="button"
            role="tab"
            className="tab"
            aria-selected={panel === p}
            aria-controls={panelId(p)}
            tabIndex={panel === p ? 0 : -1}
            data-testid={`tab-${p}`}
            onClick={() => onChange(p)}
            onKeyDown={(event) => {
              const last = PANELS.length - 1;
              let to: number | null = null;
              if (event.key === "ArrowRight") to = i === last ? 0 : i + 1;
              else if (event.key === "ArrowLeft") to = i === 0 ? last : i - 1;
              else if (event.key === "Home") to = 0;
              else if (event.key === "End") to = last;
              if (to === null) return;
              event.preventDefault();
              move(PANELS[to]!);
            }}
          >
            {LABELS[p]}
            {badge ? <span className={p === "meetings" ? "tab__badge tab__badge--minor" : "tab__badge"}>{badge}</span> : null}
          </button>
        );
      })}
    </div>
  );
}
