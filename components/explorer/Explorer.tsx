"use client";
// The explorer: loads the graph, holds the view state, and lays out search, canvas, legend and side panel.
import { useCallback, useEffect, useMemo, useState } from "react";
import { NODE_TYPES, type GraphDocument, type NodeType } from "@/lib/contract";
import {
  articleIndex,
  buildDataGraph,
  buildRenderGraph,
  buildSearchIndex,
  closePassage,
  focusNode,
  graphCounts,
  initialViewState,
  nodeDetails,
  NODE_COLORS,
  openPassage,
  pruneMissing,
  selectNode,
  setSearch,
  setShowCoMentions,
  STATE_DATASET_KEY,
  toggleNodeType,
  type OpenPassage,
  type Producer,
  type SearchHit,
  type ViewState,
} from "@/lib/view";
import ArticleReader from "./ArticleReader";
import GraphCanvas from "./GraphCanvas";
import Legend from "./Legend";
import NodePanel from "./NodePanel";
import SearchBox from "./SearchBox";
import { useGraphDocument } from "./useGraphDocument";

function useModel(doc: GraphDocument | null) {
  return useMemo(() => {
    if (!doc) return null;
    const data = buildDataGraph(doc);
    const render = buildRenderGraph(data);
    const search = buildSearchIndex(
      data.mapNodes((key, a) => ({
        key,
        label: a.label,
        aliases: a.aliases,
        type: a.type,
        degree: render.getNodeAttribute(key, "degree"),
      })),
    );
    const typeCounts = Object.fromEntries(NODE_TYPES.map((t) => [t, 0])) as Record<NodeType, number>;
    data.forEachNode((_k, a) => {
      typeCounts[a.type] = (typeCounts[a.type] ?? 0) + 1;
    });
    const hubs = render
      .mapNodes((key, a) => ({ key, label: a.label, type: a.nodeType, degree: a.degree }))
      .sort((x, y) => y.degree - x.degree || x.label.localeCompare(y.label))
      .slice(0, 8);
    return {
      doc,
      data,
      render,
      search,
      articles: articleIndex(doc.articles),
      counts: graphCounts(data),
      typeCounts,
      hubs,
    };
  }, [doc]);
}

export default function Explorer() {
  const { load, retry } = useGraphDocument();
  const doc = load.status === "ready" ? load.doc : null;
  const model = useModel(doc);
  const [view, setView] = useState<ViewState>(initialViewState);
  const update = useCallback((producer: Producer) => setView(producer), []);

  // A (re)loaded graph: forget nodes that are gone.
  useEffect(() => {
    if (model) update(pruneMissing((key) => model.data.hasNode(key)));
  }, [model, update]);

  const status = load.status === "ready" ? (model && model.data.order > 0 ? "ready" : "empty") : load.status;
  useEffect(() => {
    document.body.dataset[STATE_DATASET_KEY] = status;
  }, [status]);

  // Escape: close the article, then the selection (the search box handles its own Escape).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      const target = event.target as HTMLElement | null;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      setView((state) => (state.passage ? closePassage()(state) : selectNode(null)(state)));
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const details = useMemo(
    () => (model && view.selectedNode ? nodeDetails(model.data, model.articles, view.selectedNode, { showCoMentions: view.showCoMentions }) : null),
    [model, view.selectedNode, view.showCoMentions],
  );

  const onChoose = useCallback((hit: SearchHit) => update(focusNode(hit.key, hit.label)), [update]);
  // "Show on graph" from the panel: select and move the camera, leaving the search text alone.
  const onFocusNode = useCallback((key: string) => update(focusNode(key)), [update]);
  const onOpenPassage = useCallback((passage: OpenPassage) => update(openPassage(passage)), [update]);

  return (
    <div className="app">
      <header className="topbar">
        <h1 className="brand">
          news<span>graph</span>
        </h1>
        {model && model.data.order > 0 && (
          <SearchBox index={model.search} value={view.search} onChange={(text) => update(setSearch(text))} onChoose={onChoose} />
        )}
        {model && (
          <p className="topbar__counts" data-testid="graph-counts">
            {model.counts.nodes} entities · {model.counts.relations} relations · {model.doc.articles.length} articles
          </p>
        )}
      </header>

      <main className="workspace">
        <section className="graph-area" aria-label="Graph">
          <div className="graph-stage">
            {status === "loading" && (
              <div className="state" role="status" data-testid="state-loading">
                <div className="spinner" aria-hidden="true" />
                <p>Loading the graph…</p>
              </div>
            )}
            {load.status === "error" && (
              <div className="state state--error" role="alert" data-testid="state-error">
                <h2>The graph could not be loaded</h2>
                <p className="state__detail">{load.message}</p>
                <button type="button" className="button" onClick={retry}>
                  Retry
                </button>
              </div>
            )}
            {status === "empty" && (
              <div className="state" data-testid="state-empty">
                <h2>The graph is empty</h2>
                <p>
                  No entity was found in the articles. Add articles to <code>graph-data/articles</code> and run{" "}
                  <code>npm run graph</code>, then reload.
                </p>
                <button type="button" className="button" onClick={retry}>
                  Reload
                </button>
              </div>
            )}
            {status === "ready" && model && <GraphCanvas graph={model.render} view={view} update={update} />}
          </div>
          {status === "ready" && model && (
            <Legend
              counts={model.typeCounts}
              hiddenTypes={view.hiddenNodeTypes}
              onToggleType={(type) => update(toggleNodeType(type))}
              showCoMentions={view.showCoMentions}
              coMentionCount={model.counts.coMentions}
              onShowCoMentions={(show) => update(setShowCoMentions(show))}
            />
          )}
        </section>

        <aside className="side-panel" aria-label="Details">
          {view.passage ? (
            <ArticleReader
              passage={view.passage}
              onClose={() => update(closePassage())}
              backLabel={details ? `Back to ${details.label}` : "Back"}
            />
          ) : details ? (
            <NodePanel
              details={details}
              openPassage={view.passage}
              onOpenPassage={onOpenPassage}
              onFocusNode={onFocusNode}
              onClose={() => update(selectNode(null))}
            />
          ) : status !== "ready" ? null : (
            <div className="intro">
              <h2>Explore the sources</h2>
              <p>
                Click a node, or search by name or alias, to see its relations and the exact passages that support
                them. Click a passage to read it in its article.
              </p>
              {model && model.hubs.length > 0 && (
                <>
                  <h3 className="section-title">Most connected</h3>
                  <ul className="hub-list">
                    {model.hubs.map((hub) => (
                      <li key={hub.key}>
                        <button type="button" className="relation__other" onClick={() => onFocusNode(hub.key)}>
                          <span className="swatch" style={{ background: NODE_COLORS[hub.type] }} aria-hidden="true" />
                          {hub.label}
                          <span className="muted small"> · {hub.degree}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          )}
        </aside>
      </main>
    </div>
  );
}
