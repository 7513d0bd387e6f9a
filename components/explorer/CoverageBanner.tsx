"use client";
// Over a view that holds part of the graph: what it shows of how much, a way to load the whole graph, and
// what is being brought in from the server (or why it could not be).
export interface CoverageBannerProps {
  /** "Showing the 4,000 best-connected of 49,903 entities and meetings" (lib/view's coverageText). */
  text: string;
  /** The whole graph's size, for the button's title. */
  total: { nodes: number; relations: number; coMentions: number };
  status: { kind: "bringing" | "error"; text: string } | null;
  onLoadWhole: () => void;
}

const n = (value: number) => value.toLocaleString("en-US");

export default function CoverageBanner({ text, total, status, onLoadWhole }: CoverageBannerProps) {
  return (
    <div className="coverage-banner" role="status" data-testid="coverage-banner">
      <p className="coverage-banner__text">
        <span data-testid="coverage-text">{text}</span>
        <span className="muted"> · search finds the others</span>
        {status && (
          <span className={status.kind === "error" ? "coverage-banner__error" : "muted"} data-testid="coverage-status">
            {" "}
            · {status.text}
          </span>
        )}
      </p>
      <button
        type="button"
        className="link-button small"
        onClick={onLoadWhole}
        data-testid="load-whole"
        title={`${n(total.nodes)} entities and meetings, ${n(total.relations)} relations and ${n(total.coMentions)} co-mentions: a large graph takes long to load and to draw`}
      >
        Load the whole graph
      </button>
    </div>
  );
}
