"use client";
// Above the graph: what is shown out of what exists, and every active restriction as a removable chip.
import type { Chip, Producer } from "@/lib/view";

export interface FilterBarProps {
  chips: readonly Chip[];
  shown: { nodes: number; relations: number; coMentions: number };
  total: { nodes: number; relations: number; coMentions: number; articles: number };
  showCoMentions: boolean;
  update: (producer: Producer) => void;
  onClearAll: () => void;
  onOpenFilters: () => void;
}

export default function FilterBar({ chips, shown, total, showCoMentions, update, onClearAll, onOpenFilters }: FilterBarProps) {
  const filterCount = chips.filter((c) => c.kind !== "neighbourhood" && c.kind !== "path").length;
  const part = (n: number, of: number, noun: string) => (n === of ? `${of} ${noun}` : `${n} of ${of} ${noun}`);
  return (
    <div className="filter-bar">
      <p className="filter-bar__counts" data-testid="graph-counts" aria-live="polite" title={`from ${total.articles} article${total.articles === 1 ? "" : "s"}`}>
        {part(shown.nodes, total.nodes, "entities")} · {part(shown.relations, total.relations, "relations")}
        {showCoMentions ? ` · ${part(shown.coMentions, total.coMentions, "co-mentions")}` : ""}
      </p>
      <div className="filter-bar__actions">
        {chips.length > 1 && (
          <button type="button" className="link-button small" onClick={onClearAll}>
            Clear all
          </button>
        )}
        <button type="button" className="icon-button" onClick={onOpenFilters} title="All filters">
          Filters{filterCount > 0 ? ` (${filterCount})` : ""}
        </button>
      </div>
      <ul className="chips" aria-label="Active filters" data-testid="filter-chips" hidden={chips.length === 0}>
        {chips.map((chip) => (
          <li key={chip.id} className={`chip chip--${chip.kind}`} data-testid="chip" data-chip={chip.id} title={chip.title}>
            <span className="chip__label">{chip.label}</span>
            <button type="button" className="chip__remove" onClick={() => update(chip.remove)} aria-label={`Remove filter: ${chip.title}`}>
              ✕
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
