"use client";
// The article beside the graph, with the passage highlighted and scrolled into view.
// The text is rendered as React text nodes (never as HTML).
import { useEffect, useRef, useState } from "react";
import type { ArticleMeta } from "@/lib/contract";
import { splitPassage, type OpenPassage } from "@/lib/view";
import { readApiError } from "./useGraphDocument";

type ArticleLoad =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; article: ArticleMeta; text: string };

export interface ArticleReaderProps {
  passage: OpenPassage;
  onClose: () => void;
  backLabel: string;
}

function useArticle(id: string): { load: ArticleLoad; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ key: string; load: ArticleLoad }>({ key: "", load: { status: "loading" } });
  const key = `${id}#${attempt}`;
  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      try {
        const response = await fetch(`/api/articles/${encodeURIComponent(id)}`, { signal: controller.signal });
        if (!response.ok) throw new Error(await readApiError(response));
        const body = (await response.json()) as { article?: ArticleMeta; text?: unknown };
        if (!body.article || typeof body.text !== "string") throw new Error("the API answered without the article text");
        if (!controller.signal.aborted) setState({ key, load: { status: "ready", article: body.article, text: body.text } });
      } catch (error) {
        if (controller.signal.aborted) return;
        setState({ key, load: { status: "error", message: error instanceof Error ? error.message : String(error) } });
      }
    })();
    return () => controller.abort();
  }, [id, key]);
  // A stale answer (another article, or before a retry) reads as loading.
  return { load: state.key === key ? state.load : { status: "loading" }, retry: () => setAttempt((n) => n + 1) };
}

export default function ArticleReader({ passage, onClose, backLabel }: ArticleReaderProps) {
  const { load, retry } = useArticle(passage.article);
  const markRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const parts = load.status === "ready" ? splitPassage(load.text, passage.start, passage.end) : null;

  useEffect(() => {
    if (parts?.found) markRef.current?.scrollIntoView({ block: "center" });
  }, [parts?.found, passage.article, passage.start, passage.end]);

  useEffect(() => {
    headingRef.current?.focus();
  }, [passage.article]);

  const title = load.status === "ready" ? load.article.title?.trim() || load.article.id : passage.article;
  const meta = load.status === "ready" ? [load.article.publisher, load.article.date].filter(Boolean).join(" · ") : "";

  return (
    <article className="reader" data-testid="article-reader" data-article={passage.article} aria-labelledby="reader-title">
      <header className="reader__header">
        <button type="button" className="link-button" onClick={onClose}>
          ← {backLabel}
        </button>
        <h2 id="reader-title" className="reader__title" tabIndex={-1} ref={headingRef}>
          {title}
        </h2>
        <p className="reader__meta muted">
          {meta || "Publisher not stated"}
          {load.status === "ready" && load.article.url && (
            <>
              {" · "}
              <a href={load.article.url} target="_blank" rel="noreferrer noopener">
                original
              </a>
            </>
          )}
        </p>
      </header>
      {load.status === "loading" && (
        <p className="muted" role="status">
          Loading the article…
        </p>
      )}
      {load.status === "error" && (
        <div className="notice notice--error" role="alert">
          <p>Could not load the article: {load.message}</p>
          <button type="button" className="button" onClick={retry}>
            Retry
          </button>
        </div>
      )}
      {parts && (
        <>
          {!parts.found && <p className="notice">The passage could not be located in this article.</p>}
          <div className="reader__text" data-testid="article-text">
            {parts.before}
            {parts.found && (
              <mark ref={markRef} className="reader__mark" data-testid="highlighted-passage">
                {parts.passage}
              </mark>
            )}
            {parts.after}
          </div>
        </>
      )}
    </article>
  );
}
