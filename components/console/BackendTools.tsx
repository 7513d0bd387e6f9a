"use client";
// The explorer's backend corner: a badge saying which backend answers (GET /api/backend: in-memory graph or
// Neo4j), a visible notice when Neo4j is configured but unavailable and the in-memory graph is shown instead,
// and — on the Neo4j backend only — the button that opens the Cypher console.

import { useCallback, useEffect, useState } from "react";
import type { BackendStatus } from "@/lib/backend";
import CypherConsole, { type CypherConsoleProps } from "./CypherConsole";
import styles from "./console.module.css";

export interface BackendToolsProps extends Omit<CypherConsoleProps, "onClose" | "initialQuery"> {
  /** Reload the explorer's graph (called when a re-check finds another backend answering). */
  onReloadGraph?: () => void;
}

type Load = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; backend: BackendStatus };

async function fetchStatus(signal?: AbortSignal): Promise<BackendStatus> {
  const response = await fetch("/api/backend", { cache: "no-store", signal });
  const body = (await response.json().catch(() => null)) as (BackendStatus & { error?: string }) | null;
  if (!response.ok || !body || body.error) throw new Error(body?.error ?? `${response.status} ${response.statusText}`);
  return body;
}

function describe(status: BackendStatus): { text: string; title: string; dot: string } {
  const graph = status.neo4j?.graph;
  if (status.backend === "neo4j") {
    return {
      text: "Neo4j",
      title: `Answering from Neo4j at ${status.neo4j?.uri ?? "?"}${graph ? ` (${graph.nodes} nodes, ${graph.edges} edges)` : ""}`,
      dot: styles.dotNeo4j!,
    };
  }
  if (status.backend === "memory") {
    return {
      text: status.fallback ? "In-memory (fallback)" : "In-memory",
      title: `Answering from the in-memory graph ${status.memory?.graphFile ?? ""}${status.fallback ? ` — Neo4j at ${status.neo4j?.uri ?? "?"} is unavailable` : ""}`,
      dot: status.fallback ? styles.dotWarn! : styles.dotMemory!,
    };
  }
  return { text: "No backend", title: status.notice ?? "Neither backend can answer", dot: styles.dotWarn! };
}

export default function BackendTools({ onReloadGraph, ...consoleProps }: BackendToolsProps) {
  const [load, setLoad] = useState<Load>({ status: "loading" });
  const [dismissed, setDismissed] = useState(false);
  const [open, setOpen] = useState(false);
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    fetchStatus(controller.signal).then(
      (backend) => setLoad({ status: "ready", backend }),
      (error: unknown) => {
        if (!controller.signal.aborted) setLoad({ status: "error", message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
  }, []);

  const recheck = useCallback(async () => {
    setChecking(true);
    try {
      const backend = await fetchStatus();
      const before = load.status === "ready" ? load.backend.backend : null;
      setLoad({ status: "ready", backend });
      setDismissed(false);
      if (backend.backend !== before) onReloadGraph?.();
    } catch (error) {
      setLoad({ status: "error", message: error instanceof Error ? error.message : String(error) });
    } finally {
      setChecking(false);
    }
  }, [load, onReloadGraph]);

  if (load.status === "loading") return null;
  if (load.status === "error") {
    return (
      <div className={styles.tools}>
        <span className={styles.badge} title={load.message} data-testid="backend-badge" data-backend="unknown">
          <span className={`${styles.dot} ${styles.dotWarn}`} aria-hidden="true" />
          Backend unknown
        </span>
      </div>
    );
  }
  const status = load.backend;
  const badge = describe(status);
  const showNotice = !dismissed && !!status.notice && (status.fallback || status.backend === null);
  return (
    <div className={styles.tools}>
      <span className={styles.badge} title={badge.title} data-testid="backend-badge" data-backend={status.backend ?? "none"} data-fallback={status.fallback ? "1" : "0"}>
        <span className={`${styles.dot} ${badge.dot}`} aria-hidden="true" />
        {badge.text}
      </span>
      {status.console && (
        <button
          type="button"
          className={styles.smallButton}
          aria-expanded={open}
          aria-controls="cypher-console-dialog"
          onClick={() => setOpen((o) => !o)}
          data-testid="cypher-open"
        >
          Cypher
        </button>
      )}
      {showNotice && (
        <div className={styles.notice} role="alert" data-testid="backend-notice">
          <p>{status.notice}</p>
          <button type="button" className={styles.smallButton} onClick={() => void recheck()} disabled={checking}>
            {checking ? "Checking…" : "Check again"}
          </button>
          <button type="button" className={styles.smallButton} onClick={() => setDismissed(true)} aria-label="Dismiss the notice">
            ×
          </button>
        </div>
      )}
      {open && status.console && (
        <div className={styles.dialog} id="cypher-console-dialog" role="dialog" aria-label="Cypher console">
          <CypherConsole {...consoleProps} onClose={() => setOpen(false)} />
        </div>
      )}
    </div>
  );
}
