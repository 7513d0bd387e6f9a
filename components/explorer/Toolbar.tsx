"use client";
// Top-right tools: copy a link to this view, download (scope × format, and a PNG of the canvas), and open an
// exported graph file. lib/export is loaded only when a download is asked for.
import { useEffect, useRef, useState } from "react";
import { parseGraphDocument, type GraphDocument } from "@/lib/contract";
import type { ExportFormat } from "@/lib/export/types";
import { downloadName, scopeChoices, scopeSets, subDocument, type Derived, type DownloadScope, type ExplorerModel, type ViewState } from "@/lib/view";
import type { GraphExporter } from "./SigmaGraph";

export interface ToolbarProps {
  model: ExplorerModel | null;
  view: ViewState;
  derived: Derived;
  /** "server", or the name of the file the graph was opened from; null while loading. */
  source: string | null;
  onOpenDocument: (doc: GraphDocument, name: string) => void;
  onReloadServer: () => void;
  exporter: React.RefObject<GraphExporter | null>;
  /** The whole graph's node count when the view holds part of it (downloads then say "the loaded graph"). */
  wholeNodes?: number | null;
}

// The formats offered, in menu order (labels from lib/export's FORMAT_INFO are longer; these fit the menu).
const FORMATS: { format: ExportFormat; label: string; hint: string }[] = [
  { format: "gexf", label: "GEXF", hint: "Gephi" },
  { format: "graphml", label: "GraphML", hint: "yEd, Cytoscape" },
  { format: "json", label: "JSON", hint: "newsgraph, graphology" },
  { format: "csv", label: "CSV", hint: "zip: nodes, edges, evidence" },
  { format: "cypher", label: "Cypher", hint: "Neo4j script" },
  { format: "markdown", label: "Markdown", hint: "evidence appendix" },
  { format: "html", label: "HTML", hint: "evidence appendix" },
  { format: "svg", label: "SVG", hint: "vector drawing" },
];

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

function useDismiss(open: boolean, close: () => void, ref: React.RefObject<HTMLElement | null>) {
  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) close();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    };
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open, close, ref]);
}

export default function Toolbar({ model, view, derived, source, onOpenDocument, onReloadServer, exporter, wholeNodes = null }: ToolbarProps) {
  const [menu, setMenu] = useState(false);
  const [scope, setScope] = useState<DownloadScope>("view");
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  useDismiss(menu, () => {
    setMenu(false);
    menuButton.current?.focus();
  }, menuRef);

  useEffect(() => {
    if (!message || message.kind === "error") return;
    const timer = setTimeout(() => setMessage(null), 2500);
    return () => clearTimeout(timer);
  }, [message]);

  const visibility = derived.visibility ?? null;
  const labelOf = (key: string) => (model?.data.hasNode(key) ? model.data.getNodeAttribute(key, "label") : key);
  // The choices count the nodes and edges of each scope (sets as large as the graph): worked out while the menu
  // is open only, not on every render of the explorer (a hover re-renders it).
  const choices = menu && model && visibility ? scopeChoices(model.data, view, visibility, derived.neighbourhood ?? null, derived.path ?? null, labelOf, wholeNodes) : [];
  const current = choices.find((c) => c.scope === scope);
  const effective = current && !current.disabled ? scope : "whole";

  const subject = () => {
    if (effective === "selection") return view.selectedNode ?? view.selectedEdge?.split("|")[0] ?? null;
    if (effective === "focus") return derived.path ? `${derived.path.from}-to-${derived.path.to}` : (derived.neighbourhood?.center ?? null);
    return null;
  };

  const download = async (format: ExportFormat) => {
    if (!model || !visibility) return;
    setBusy(format);
    setMessage(null);
    try {
      const lib = await import("@/lib/export");
      const sets = scopeSets(effective, model.data, view, visibility, derived.neighbourhood ?? null, derived.path ?? null);
      if (!sets) throw new Error("nothing to download in this scope");
      const doc =
        effective === "whole"
          ? await lib.selectScopeFromDocument(model.doc, { kind: "whole" })
          : await lib.selectScopeFromDocument(subDocument(model.doc, sets, visibility.articlePasses), {
              kind: "selection",
              keys: [...sets.nodes],
              filters: { includeCoMentions: true },
            });
      const file = lib.exportDocument(doc, format);
      const name = downloadName(effective, file.extension, subject());
      const data = typeof file.data === "string" ? file.data : new Uint8Array(file.data);
      save(new Blob([data], { type: file.mimeType }), name);
      setMessage({ kind: "ok", text: `Saved ${name}` });
    } catch (error) {
      setMessage({ kind: "error", text: `Download failed: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setBusy(null);
    }
  };

  const downloadPng = async () => {
    setBusy("png");
    try {
      const blob = await exporter.current?.png();
      if (!blob) throw new Error("the canvas is not ready");
      save(blob, "newsgraph-view.png");
      setMessage({ kind: "ok", text: "Saved newsgraph-view.png" });
    } catch (error) {
      setMessage({ kind: "error", text: `PNG failed: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setBusy(null);
    }
  };

  const share = async () => {
    const url = window.location.href;
    try {
      await navigator.clipboard.writeText(url);
      setMessage({ kind: "ok", text: "Link to this view copied" });
    } catch {
      // No clipboard permission (plain http, headless): show the link to copy by hand.
      setMessage({ kind: "ok", text: url });
    }
  };

  const openFile = async (file: File) => {
    try {
      const text = await file.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new Error(`not JSON (${error instanceof Error ? error.message : String(error)})`);
      }
      const doc = parseGraphDocument(json, file.name);
      onOpenDocument(doc, file.name);
      setMessage({ kind: "ok", text: `Opened ${file.name}` });
    } catch (error) {
      setMessage({ kind: "error", text: `Could not open ${file.name}: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  const ready = !!model && !!visibility;
  return (
    <div className="toolbar">
      {source && source !== "server" && (
        <span className="toolbar__file" title={`Showing ${source}, not the server's graph`} data-testid="opened-file">
          {source}
          <button type="button" className="link-button" onClick={onReloadServer}>
            back to the server graph
          </button>
        </span>
      )}
      <button type="button" className="toolbar__button" onClick={share} disabled={!ready || source !== "server"} title="Copy a link that reopens this view" data-testid="share">
        Share
      </button>
      <div className="menu" ref={menuRef}>
        <button
          ref={menuButton}
          type="button"
          className="toolbar__button"
          aria-haspopup="dialog"
          aria-expanded={menu}
          onClick={() => setMenu((m) => !m)}
          disabled={!ready}
          data-testid="download-button"
        >
          Download ▾
        </button>
        {menu && ready && (
          <div className="menu__panel" role="dialog" aria-label="Download" data-testid="download-menu">
            <fieldset className="menu__scopes">
              <legend>What</legend>
              {choices.map((c) => (
                <label key={c.scope} className={c.disabled ? "check check--disabled" : "check"} title={c.disabled ?? undefined}>
                  <input
                    type="radio"
                    name="download-scope"
                    value={c.scope}
                    checked={effective === c.scope}
                    disabled={!!c.disabled}
                    onChange={() => setScope(c.scope)}
                    data-testid={`scope-${c.scope}`}
                  />
                  <span>
                    {c.label}
                    <span className="muted small"> {c.disabled ? `— ${c.disabled}` : `· ${c.nodes} nodes, ${c.edges} edges`}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            <div className="menu__formats" role="group" aria-label="Format">
              {FORMATS.map((f) => (
                <button key={f.format} type="button" className="format-button" onClick={() => void download(f.format)} disabled={busy !== null} data-testid={`format-${f.format}`}>
                  <strong>{f.label}</strong>
                  <span className="muted small">{f.hint}</span>
                </button>
              ))}
              <button type="button" className="format-button" onClick={() => void downloadPng()} disabled={busy !== null} data-testid="format-png" title="The canvas as drawn now">
                <strong>PNG</strong>
                <span className="muted small">image of the canvas</span>
              </button>
            </div>
            <p className="muted small menu__note">Every file keeps the quotes, article ids and offsets, and the articles they cite.</p>
          </div>
        )}
      </div>
      <button type="button" className="toolbar__button" onClick={() => fileRef.current?.click()} title="Open a graph exported as JSON" data-testid="open-file">
        Open…
      </button>
      <input
        ref={fileRef}
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Open a graph file (JSON)"
        data-testid="open-file-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (file) void openFile(file);
        }}
      />
      {message && (
        <p className={message.kind === "error" ? "toolbar__message toolbar__message--error" : "toolbar__message"} role={message.kind === "error" ? "alert" : "status"} data-testid="toolbar-message">
          <span className="toolbar__message-text">{message.text}</span>
          <button type="button" className="toolbar__message-close" onClick={() => setMessage(null)} aria-label="Dismiss">
            ✕
          </button>
        </p>
      )}
    </div>
  );
}
