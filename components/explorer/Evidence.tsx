"use client";
// A supporting passage: the quote (as text), its article title, publisher and date. Clicking it opens the
// article beside the graph with the passage highlighted.
import type { EvidenceView, OpenPassage } from "@/lib/view";

function sourceLine(ev: EvidenceView): string {
  return [ev.articleRef.publisher, ev.articleRef.date].filter(Boolean).join(" · ");
}

export interface QuoteProps {
  ev: EvidenceView;
  active: boolean;
  onOpen: (p: OpenPassage) => void;
  /** Drawn dimmed: the article is outside the current source filters. */
  outside?: boolean;
}

export function Quote({ ev, active, onOpen, outside = false }: QuoteProps) {
  const meta = sourceLine(ev);
  const className = ["evidence", active ? "evidence--active" : "", outside ? "evidence--outside" : ""].filter(Boolean).join(" ");
  return (
    <li className={className}>
      <button
        type="button"
        className="evidence__button"
        onClick={() => onOpen({ article: ev.article, start: ev.start, end: ev.end })}
        title={outside ? "Outside the current source filters. Open the article at this passage" : "Open the article at this passage"}
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

export function isOpen(open: OpenPassage | null, ev: { article: string; start: number; end: number }): boolean {
  return open !== null && open.article === ev.article && open.start === ev.start && open.end === ev.end;
}

/** "1 source" (dashed badge: a single article says so) or "3 sources". */
export function SourceCount({ count, publishers }: { count: number; publishers?: number }) {
  const title =
    count <= 1
      ? "Supported by one article only"
      : `Supported by ${count} articles${publishers !== undefined ? ` from ${publishers} publisher${publishers === 1 ? "" : "s"} (unknown publishers count per article)` : ""}`;
  return (
    <span className={count > 1 ? "relation__count" : "relation__count relation__count--single"} title={title} data-testid="source-count">
      {count} source{count === 1 ? "" : "s"}
    </span>
  );
}
