"use client";
import { NODE_TYPES, type NodeType } from "@/lib/contract";
import { CO_MENTION_COLOR, EDGE_COLOR, NODE_COLORS, NODE_TYPE_LABELS, PATH_COLOR, SINGLE_SOURCE_EDGE_COLOR } from "@/lib/view";

export interface LegendProps {
  counts: Record<NodeType, number>;
  /** Nodes of each type drawn now (shown as "n/total" when it differs). */
  shownCounts: Record<NodeType, number>;
  hiddenTypes: readonly NodeType[];
  onToggleType: (type: NodeType) => void;
  showCoMentions: boolean;
  coMentionCount: number;
  /**
   * Co-mentions in the whole graph, when the view holds part of it: the first view of a large graph has none
   * (they come with the neighbourhoods and paths asked of the server).
   */
  coMentionTotal?: number;
  onShowCoMentions: (show: boolean) => void;
  pathShown: boolean;
  conflictCount: number;
}

function Arrow({ color, width = 2 }: { color: string; width?: number }) {
  return (
    <svg width="28" height="10" aria-hidden="true">
      <line x1="1" y1="5" x2="21" y2="5" stroke={color} strokeWidth={width} />
      <path d="M20 1 L27 5 L20 9 Z" fill={color} />
    </svg>
  );
}

/** Node types (click to hide or show a type), edge styles (corroboration, co-mentions, path) and the conflict badge. */
export default function Legend(props: LegendProps) {
  const { counts, shownCounts, hiddenTypes, onToggleType, showCoMentions, coMentionCount, onShowCoMentions, pathShown, conflictCount } = props;
  const coMentionTotal = props.coMentionTotal ?? coMentionCount;
  const partial = coMentionTotal !== coMentionCount;
  return (
    <section className="legend" aria-label="Legend" data-testid="legend">
      <ul className="legend__types">
        {NODE_TYPES.map((type) => {
          const hidden = hiddenTypes.includes(type);
          const none = (counts[type] ?? 0) === 0;
          const shown = shownCounts[type] ?? 0;
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
                <span className="legend__count">{hidden || shown === counts[type] ? counts[type] : `${shown}/${counts[type]}`}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <div className="legend__edges">
        <span className="legend__edge" title="A relation supported by two or more articles">
          <Arrow color={EDGE_COLOR} />
          2+ sources
        </span>
        <span className="legend__edge" title="A relation supported by one article only" data-testid="legend-single-source">
          <Arrow color={SINGLE_SOURCE_EDGE_COLOR} />
          1 source (paler)
        </span>
        <label
          className="legend__edge legend__toggle"
          title={
            partial
              ? "Named in the same sentence: not a relation. The view holds part of the graph: co-mentions come with the neighbourhoods, paths and search results brought in."
              : "Named in the same sentence: not a relation"
          }
        >
          <input type="checkbox" checked={showCoMentions} onChange={(event) => onShowCoMentions(event.target.checked)} disabled={coMentionTotal === 0} />
          <svg width="22" height="10" aria-hidden="true">
            <line x1="1" y1="5" x2="21" y2="5" stroke={CO_MENTION_COLOR} strokeWidth="2" />
          </svg>
          co-mentions ({partial ? `${coMentionCount.toLocaleString("en-US")} of ${coMentionTotal.toLocaleString("en-US")} loaded` : coMentionCount})
        </label>
        {pathShown && (
          <span className="legend__edge">
            <Arrow color={PATH_COLOR} width={3} />
            path
          </span>
        )}
        {conflictCount > 0 && (
          <span className="legend__edge" title="The sources disagree about this node (see Conflicts)">
            <span className="badge-dot" aria-hidden="true">
              !
            </span>
            disputed
          </span>
        )}
        <span className="legend__edge legend__size muted" title="Node size grows with the number of entities it has a relation with">
          size = relations
        </span>
      </div>
    </section>
  );
}
