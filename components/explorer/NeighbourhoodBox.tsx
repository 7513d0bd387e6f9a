"use client";
// The neighbourhood in view: its centre and depth, the hub cap, and "and N more" for every capped hub.
import { MAX_HOPS, clearNeighbourhood, expandHub, setHubCap, setNeighbourhood, type NeighbourhoodState, type NeighbourhoodView, type Producer } from "@/lib/view";

export interface NeighbourhoodBoxProps {
  state: NeighbourhoodState;
  view: NeighbourhoodView | null;
  labelOf: (key: string) => string;
  update: (producer: Producer) => void;
  onFocusNode: (key: string) => void;
}

const CAPS = [5, 10, 25, 50];

export default function NeighbourhoodBox({ state, view, labelOf, update, onFocusNode }: NeighbourhoodBoxProps) {
  const count = view ? view.nodes.size - 1 : 0;
  return (
    <section className="nb-box" data-testid="neighbourhood-box" aria-label="Neighbourhood">
      <div className="nb-box__head">
        <p className="nb-box__title">
          Neighbourhood · <span data-testid="neighbourhood-count">{count}</span> entit{count === 1 ? "y" : "ies"} within {state.hops} hop
          {state.hops === 1 ? "" : "s"} of
        </p>
        <button type="button" className="icon-button" onClick={() => update(clearNeighbourhood())} title="Back to the whole graph">
          Whole graph
        </button>
      </div>
      <button type="button" className="link-button nb-box__center" onClick={() => onFocusNode(state.center)} title={labelOf(state.center)}>
        {labelOf(state.center)}
      </button>
      <div className="nb-box__controls">
        <div className="segmented" role="group" aria-label="Hops">
          {Array.from({ length: MAX_HOPS }, (_, i) => i + 1).map((hops) => (
            <button key={hops} type="button" className="segmented__button" aria-pressed={state.hops === hops} onClick={() => update(setNeighbourhood(state.center, hops))}>
              {hops} hop{hops === 1 ? "" : "s"}
            </button>
          ))}
        </div>
        <label className="inline-field small">
          hubs show
          <select value={state.cap} onChange={(e) => update(setHubCap(Number(e.target.value)))} data-testid="hub-cap">
            {[...new Set([...CAPS, state.cap])].sort((a, b) => a - b).map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          first
        </label>
      </div>
      {view && view.capped.length > 0 && (
        <ul className="nb-box__capped" data-testid="capped-hubs">
          {view.capped.map((hub) => (
            <li key={hub.hub}>
              <button type="button" className="link-button nb-box__hub" onClick={() => onFocusNode(hub.hub)} title={labelOf(hub.hub)}>
                {labelOf(hub.hub)}
              </button>
              <span className="muted small">shows {hub.shown}</span>
              <button type="button" className="pill-button" onClick={() => update(expandHub(hub.hub))} data-testid="hub-more" data-hub={hub.hub}>
                and {hub.more} more
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
