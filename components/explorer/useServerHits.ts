// Suggestions of a combobox (the search box, the path's ends) when the view holds part of the graph: the loaded
// graph's hits at once, then the server's hits over the whole graph for the entities not loaded (asked once
// typing pauses; an answer to older text is never shown).
import { useEffect, useMemo, useState } from "react";
import { searchNodes, withServerHits, type SearchEntry, type SearchHit, type ServerSearchHit } from "@/lib/view";

export type ServerSearch = (text: string, limit: number, signal: AbortSignal) => Promise<ServerSearchHit[]>;

/** Typing pauses this long (ms) before the server is asked. */
const SERVER_DELAY = 120;

export function useServerHits(
  index: readonly SearchEntry[],
  text: string,
  limit: number,
  outsideLimit: number,
  serverSearch: ServerSearch | null,
  isLoaded: ((key: string) => boolean) | undefined,
): { hits: SearchHit[]; searching: boolean } {
  const [server, setServer] = useState<{ text: string; hits: ServerSearchHit[] } | null>(null);
  const query = text.trim();
  useEffect(() => {
    if (!serverSearch || !/[\p{L}\p{N}]/u.test(query)) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      serverSearch(query, limit + outsideLimit, controller.signal).then(
        (found) => setServer({ text: query, hits: found }),
        // The loaded hits stay; a failed server search only means fewer suggestions.
        () => {},
      );
    }, SERVER_DELAY);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [serverSearch, query, limit, outsideLimit]);
  const hits = useMemo(() => {
    const local = searchNodes(index, text, limit);
    if (!serverSearch || !server || server.text !== query) return local;
    return withServerHits(local, server.hits, isLoaded ?? (() => false), outsideLimit);
  }, [index, text, limit, outsideLimit, serverSearch, server, query, isLoaded]);
  return { hits, searching: !!serverSearch && query !== "" && server?.text !== query };
}
