"use client";
// Loads the GraphDocument from the API, with a retry. Errors keep the API's own `{ error }` message.
import { useCallback, useEffect, useState } from "react";
import { parseGraphDocument, type GraphDocument } from "@/lib/contract";

export type GraphLoad =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; doc: GraphDocument; /** Where the graph came from: the API, or a file the user opened. */ source: string };

export async function readApiError(response: Response): Promise<string> {
  let detail = "";
  try {
    const body: unknown = await response.json();
    if (body && typeof body === "object" && "error" in body && typeof body.error === "string") detail = body.error;
  } catch {
    // not JSON: keep the status line
  }
  return `${response.status} ${response.statusText}${detail ? `: ${detail}` : ""}`.trim();
}

export function useGraphDocument(url = "/api/graph"): { load: GraphLoad; retry: () => void; openDocument: (doc: GraphDocument, source: string) => void } {
  const [attempt, setAttempt] = useState(0);
  const [load, setLoad] = useState<GraphLoad>({ status: "loading" });

  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      try {
        const response = await fetch(url, { signal: controller.signal, cache: "no-store" });
        if (!response.ok) throw new Error(await readApiError(response));
        const doc = parseGraphDocument(await response.json(), url);
        if (!controller.signal.aborted) setLoad({ status: "ready", doc, source: "server" });
      } catch (error) {
        if (controller.signal.aborted) return;
        setLoad({ status: "error", message: error instanceof Error ? error.message : String(error) });
      }
    })();
    return () => controller.abort();
  }, [url, attempt]);

  const retry = useCallback(() => {
    setLoad({ status: "loading" });
    setAttempt((n) => n + 1);
  }, []);

  /** Show a graph the user opened (already checked with parseGraphDocument). */
  const openDocument = useCallback((doc: GraphDocument, source: string) => setLoad({ status: "ready", doc, source }), []);

  return { load, retry, openDocument };
}
