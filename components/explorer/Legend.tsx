"use client";
import { NODE_TYPES, type NodeType } from "@/lib/contract";
import { CO_MENTION_COLOR, EDGE_COLOR, NODE_COLORS, NODE_TYPE_LABELS } from "@/lib/view";

export interface LegendProps {
  counts: Record<NodeType, number>;
  hiddenTypes: readonly NodeType[];
  onToggleType: (type: NodeType) => void;
  showCoMentions: boolean;
  coMentionCount: number;
  onShowCoMentions: (show: boolean) => void;
}

/** Node types (click to hide or show a type), edge styles and the co-mention layer switch. */
export default function Legend({ counts, hiddenTypes, onToggleType, showCoMentions, coMentionCount, onShowCoMentions }: LegendProps) {
  return (
    <section className="legend" aria-label="Legend">
      <ul className="legend__types">
        {NODE_TYPES.map((type) => {
          const hidden = hiddenTypes.includes(type);
          const none = (counts[type] ?? 0) === 0;
          return (
            <li key={type}>
              <button
                type="button"
                className={none ? "legend__type legend__type--none" : "legend__type"}
                aria-pressed={!hidden}
                disabled={none}
                title={hidden ? `Show ${NODE_TYPE_LABELS[type]} nodes` : `Hide ${NODE_TYPE_LABELS[type]} nodes`}
                onClick={() => onToggleType(type)}
              >
                <span className="swatch" style={{ background: hidden ? "transparent" : NODE_COLORS[type], borderColor: NODE_COLORS[type] }} />
                <span className={hidden ? "legend__name legend__name--off" : "legend__name"}>{NODE_TYPE_LABELS[type]}</span>
                <span className="legend__count">{counts[type] ?? 0}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <div className="legend__edges">
        <span className="legend__edge">
          <svg width="28" height="10" aria-hidden="true">
            <line x1="1" y1="5" x2="21" y2="5" stroke={EDGE_COLOR} strokeWidth="2" />
            <path d="M20 1 L27 5 L20 9 Z" fill={EDGE_COLOR} />
          </svg>
          relation
        </span>
        <label className="legend__edge legend__toggle">
          <input
            type="checkbox"
            checked={showCoMentions}
            onChange={(event) => onShowCoMentions(event.target.checked)}
            disabled={coMentionCount === 0}
          />
          <svg width="22" height="10" aria-hidden="true">
            <line x1="1" y1="5" x2="21" y2="5" stroke={CO_MENTION_COLOR} strokeWidth="2" />
          </svg>
          co-mentions ({coMentionCount})
        </label>
      </div>
      <p className="legend__note" title="Node size grows with the number of entities it has a relation with">size = relations</p>
    </section>
  );
}
