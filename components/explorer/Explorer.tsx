"use client";
// The explorer: loads the graph, holds the view state (restored from and written to the URL), derives what
// the filters, the neighbourhood and the path show, and lays out search, chips, canvas, timeline, legend and
// the tabbed side panel.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  NODE_COLORS,
  closePassage,
  computeVisibility,
  drawnCounts,
  edgeDetails,
  escape,
  filterChips,
  filtersActive,
  findPath,
  enterStep,
  focusNode,
  formatWindow,
  initialLoadProgress,
  frameNodes,
  neighbourhoodView,
  nodeDetails,
  openPassage,
  pruneMissing,
  resetFilters,
  selectEdge,
  selectNode,
  setCamera,
  setDisputedOnly,
  setNeighbourhood,
  clearNeighbourhood,
  clearPath,
  setPanel,
  setPathEnd,
  setSearch,
  setShowCoMentions,
  swapPath,
  timelineModel,
  toggleNodeType,
  applyAll,
  combinePieces,
  completenessNote,
  coverageText,
  linkedNodes,
  FIRST_VIEW_NODES,
  initialViewState,
  STATE_DATASET_KEY,
  viewFromQuery,
  viewToQuery,
  type CameraView,
  type OpenPassage,
  type Panel,
  type Producer,
  type SearchHit,
  type ViewState,
} from "@/lib/view";
import ArticleReader from "./ArticleReader";
import ConflictsPanel from "./ConflictsPanel";
import CoverageBanner from "./CoverageBanner";
import EdgePanel from "./EdgePanel";
import FilterBar from "./FilterBar";
import FilterPanel from "./FilterPanel";
import GraphCanvas, { preloadGraphCanvas } from "./GraphCanvas";
import Legend from "./Legend";
import LoadProgress from "./LoadProgress";
import MeetingsPanel from "./MeetingsPanel";
import NeighbourhoodBox from "./NeighbourhoodBox";
import NodePanel from "./NodePanel";
import PanelTabs, { panelId, tabId } from "./PanelTabs";
import PathPanel from "./PathPanel";
import SearchBox from "./SearchBox";
import Timeline from "./Timeline";
import type { GraphExporter } from "./SigmaGraph";
import Toolbar from "./Toolbar";
import { fetchNeighbourhood } from "./remote";
import { useBeyondView } from "./useBeyondView";
import { useGraphDocument } from "./useGraphDocument";
import BackendTools from "@/components/console/BackendTools";

export interface ExplorerProps {
  /** The page's query string: the view a shared link describes. */
  initialQuery?: string;
  /** The first view's size (best connected nodes); a larger graph is loaded in part (lib/view/coverage.ts). */
  firstViewNodes?: number;
}

/** Writes the view to the address bar (replaceState, debounced: no history entry per click). */
function useUrlSync(view: ViewState, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const timer = setTimeout(() => {
      const query = viewToQuery(view);
      const next = `${window.location.pathname}${query ? `?${query}` : ""}${window.location.hash}`;
      const current = `${window.location.pathname}${window.location.search}${window.location.hash}`;
      if (next !== current) window.history.replaceState(window.history.state, "", next);
    }, 150);
    return () => clearTimeout(timer);
  }, [view, enabled]);
}

export default function Explorer({ initialQuery = "", firstViewNodes = FIRST_VIEW_NODES }: ExplorerProps) {
  const { load, retry, openDocument, loadWhole, merge } = useGraphDocument(firstViewNodes);
  // Every loaded graph gets its own id, and its own sigma (the canvas is keyed by it): no reducer made for
  // one graph ever meets the other.
  const model = load.status === "ready" ? load.model : null;
  const coverage = load.status === "ready" ? load.coverage : null;
  const modelId = load.status === "ready" ? load.id : 0;
  // The graph whose first frame is drawn: until then the progress indicator stays over the canvas.
  const [drawnId, setDrawnId] = useState(0);
  const onDrawn = useCallback(() => setDrawnId(modelId), [modelId]);
  const [initial] = useState(() => viewFromQuery(initialQuery));
  const [view, setView] = useState<ViewState>(initial);
  const update = useCallback((producer: Producer) => setView(producer), []);
  const beyond = useBeyondView(model, coverage, view.filters, view.neighbourhood, view.path, view.selectedNode, merge);
  const exporter = useRef<GraphExporter | null>(null);

  useEffect(preloadGraphCanvas, []);

  // A (re)loaded graph: forget nodes, edges and articles that are gone. In a view that holds part of the graph,
  // the nodes the view names (a shared link's selection, neighbourhood, path) are brought in first, once each:
  // they are not gone, only not loaded yet.
  const viewRef = useRef(view);
  useEffect(() => {
    viewRef.current = view;
  }, [view]);
  const askedRef = useRef(new Set<string>());
  useEffect(() => {
    if (!model) return;
    const missing = coverage?.truncated ? linkedNodes(viewRef.current).filter((key) => !model.data.hasNode(key) && !askedRef.current.has(key)) : [];
    if (missing.length === 0) {
      update(pruneMissing((key) => model.data.hasNode(key), (key) => model.data.hasEdge(key), (id) => model.articles.has(id)));
      return;
    }
    for (const key of missing) askedRef.current.add(key);
    // One merge grows the model, which runs this again: a node the server does not know is pruned then (and when
    // nothing could be brought in, at once).
    void Promise.allSettled(missing.map((key) => fetchNeighbourhood(key, 1, ""))).then((results) => {
      const pieces = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.piece] : []));
      if (pieces.length === 0) update(pruneMissing((key) => model.data.hasNode(key), (key) => model.data.hasEdge(key), (id) => model.articles.has(id)));
      else merge(combinePieces(pieces));
    });
  }, [model, coverage, update, merge]);

  const status = load.status === "ready" ? (model && model.data.order > 0 ? "ready" : "empty") : load.status;
  useEffect(() => {
    document.body.dataset[STATE_DATASET_KEY] = status;
  }, [status]);
  useUrlSync(view, status === "ready" && load.status === "ready" && load.source === "server");

  // Escape: close the article, then the selection (text fields handle their own Escape).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      setView(escape());
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // ---------- what the view shows ----------
  const visibility = useMemo(() => (model ? computeVisibility(model.filterContext, view.filters) : null), [model, view.filters]);
  const neighbourhood = useMemo(
    () =>
      model && visibility && view.neighbourhood
        ? neighbourhoodView(model.render, view.neighbourhood, { edgeVisible: (e) => visibility.edges.has(e), nodeVisible: (n) => visibility.nodes.has(n) })
        : null,
    [model, visibility, view.neighbourhood],
  );
  const pathFrom = view.path?.from ?? null;
  const pathTo = view.path?.to ?? null;
  const path = useMemo(
    () =>
      model && visibility && pathFrom && pathTo
        ? findPath(model.data, model.articles, pathFrom, pathTo, (e) => visibility.edges.has(e), (n) => visibility.nodes.has(n))
        : null,
    [model, visibility, pathFrom, pathTo],
  );
  const derived = useMemo(() => ({ visibility, neighbourhood, path }), [visibility, neighbourhood, path]);
  // Counting a neighbourhood's edges walks every visible edge: once per change, not on every hover.
  const shown = useMemo(() => (model && visibility ? drawnCounts(model.data, visibility, neighbourhood?.nodes ?? null) : null), [model, visibility, neighbourhood]);

  // Frame the neighbourhood or the path when it changes (not over a camera restored from the link).
  const framedRef = useRef<string | null>(null);
  const frameKey = `${neighbourhood ? [...neighbourhood.nodes.keys()].join(",") : ""}#${path ? path.nodes.join(",") : ""}`;
  useEffect(() => {
    if (!model) return;
    const first = framedRef.current === null;
    if (framedRef.current === frameKey) return;
    framedRef.current = frameKey;
    if (first && initial.camera) return;
    const keys = neighbourhood ? [...neighbourhood.nodes.keys()] : path ? path.nodes : [];
    if (keys.length > 0) update(frameNodes(keys));
  }, [model, frameKey, neighbourhood, path, initial.camera, update]);

  const labelOf = useCallback((key: string) => (model?.data.hasNode(key) ? model.data.getNodeAttribute(key, "label") : key), [model]);
  // Chips depend on the restrictions only (not on hover or selection, which change far more often).
  const { filters, neighbourhood: nbState, path: pathState } = view;
  const chips = useMemo(
    () =>
      model
        ? filterChips({ ...initialViewState, filters, neighbourhood: nbState, path: pathState }, { node: labelOf, article: (id) => model.articles.get(id)?.title?.trim() || id })
        : [],
    [model, filters, nbState, pathState, labelOf],
  );

  const filterChipCount = chips.filter((c) => c.kind !== "neighbourhood" && c.kind !== "path").length;
  const details = useMemo(
    () => (model && view.selectedNode ? nodeDetails(model.data, model.articles, view.selectedNode, { showCoMentions: view.filters.showCoMentions }) : null),
    [model, view.selectedNode, view.filters.showCoMentions],
  );
  const edge = useMemo(() => (model && view.selectedEdge ? edgeDetails(model.data, model.articles, view.selectedEdge) : null), [model, view.selectedEdge]);
  const nodeConflicts = useMemo(() => (model && details ? model.conflicts.filter((c) => c.subjectKey === details.key) : []), [model, details]);
  const timeline = useMemo(() => (model ? timelineModel(model.meetings, model.articleList, view.filters.dateField) : null), [model, view.filters.dateField]);

  const { bringIn } = beyond;
  const onChoose = useCallback(
    (hit: SearchHit) => {
      if (!hit.outside || model?.data.hasNode(hit.key)) return update(focusNode(hit.key, hit.label));
      // Not in the view: brought in with its neighbours (merged: the selection, filters and camera stay), then chosen.
      void bringIn(hit.key, hit.label).then((ok) => {
        if (ok) update(focusNode(hit.key, hit.label));
      });
    },
    [update, bringIn, model],
  );
  const isLoaded = useCallback((key: string) => !!model?.data.hasNode(key), [model]);
  const truncatedText = coverage && model ? coverageText(coverage, model.data.order) : null;
  const pathNote = completenessNote("path", coverage, beyond.path.check, beyond.path.id);
  const nbNote = completenessNote("neighbourhood", coverage, beyond.neighbourhood.check, beyond.neighbourhood.id);
  const onFocusNode = useCallback((key: string) => update(focusNode(key)), [update]);
  const onOpenPassage = useCallback((passage: OpenPassage) => update(openPassage(passage)), [update]);
  const onSelectEdge = useCallback((key: string) => update(selectEdge(key)), [update]);
  const onCamera = useCallback((camera: CameraView) => update(setCamera(camera)), [update]);
  const onPanel = useCallback((panel: Panel) => update(setPanel(panel)), [update]);
  const nodeVisible = useCallback((key: string) => !visibility || visibility.nodes.has(key), [visibility]);

  const backLabel = details ? `Back to ${details.label}` : edge ? "Back to the relation" : "Back";
  const windowLabel = view.filters.dateFrom || view.filters.dateTo ? formatWindow(view.filters.dateFrom, view.filters.dateTo) : null;
  const restricted = filtersActive(view.filters);

  // Lists made from the loaded graph say so when it is part of the graph (search, "Bring in its neighbours" and
  // "Load the whole graph" reach the rest).
  const partialNote = (what: string) =>
    coverage?.truncated ? (
      <p className="beyond-note" data-testid="partial-list-note">
        {what}: the view holds part of the graph.
      </p>
    ) : null;

  const panelBody = () => {
    if (!model || !visibility) return null;
    if (view.passage) return <ArticleReader passage={view.passage} onClose={() => update(closePassage())} backLabel={backLabel} />;
    switch (view.panel) {
      case "filters":
        return (
          <FilterPanel
            filters={view.filters}
            counts={visibility.counts}
            typeTotals={model.typeCounts}
            relationTotals={model.relationCounts}
            coMentionTotal={model.counts.coMentions}
            articles={model.articleList}
            publishers={model.publishers}
            conflictCount={model.conflicts.length}
            update={update}
          />
        );
      case "path":
        return (
          <>
            {view.path?.from && view.path.to && pathNote && (
              <p className="beyond-note" role="status" data-testid="path-completeness">
                {pathNote}
              </p>
            )}
            <PathPanel
              index={model.search}
              serverSearch={beyond.serverSearch}
              isLoaded={isLoaded}
              path={view.path}
              result={path}
              labelOf={labelOf}
              onEnd={(end, key) => update(setPathEnd(end, key))}
              onSwap={() => update(swapPath())}
              onClear={() => update(clearPath())}
              onFocusNode={onFocusNode}
              onSelectEdge={onSelectEdge}
              openPassage={view.passage}
              onOpenPassage={onOpenPassage}
              restricted={restricted}
              onShowCoMentions={view.filters.showCoMentions || (coverage?.total?.coMentions ?? model.counts.coMentions) === 0 ? null : () => update(setShowCoMentions(true))}
              onResetFilters={() => update(resetFilters())}
            />
          </>
        );
      case "meetings":
        return (
          <>
            {partialNote("Meetings of the loaded entities")}
            <MeetingsPanel meetings={model.meetings} visible={nodeVisible} windowLabel={windowLabel} onSelect={onFocusNode} onFocusNode={onFocusNode} />
          </>
        );
      case "conflicts":
        return (
          <>
            {partialNote("Conflicts about the loaded entities")}
            <ConflictsPanel
              conflicts={model.conflicts}
              disputedOnly={view.filters.disputedOnly}
              onDisputedOnly={(only) => update(setDisputedOnly(only))}
              onSelect={onFocusNode}
              openPassage={view.passage}
              onOpenPassage={onOpenPassage}
            />
          </>
        );
      default:
        break;
    }
    const nbBox = view.neighbourhood ? (
      <>
        {nbNote && (
          <p className="beyond-note" role="status" data-testid="neighbourhood-completeness">
            {nbNote}
          </p>
        )}
        <NeighbourhoodBox state={view.neighbourhood} view={neighbourhood} labelOf={labelOf} update={update} onFocusNode={onFocusNode} />
      </>
    ) : null;
    if (edge) {
      return (
        <>
          {nbBox}
          <EdgePanel
            details={edge}
            openPassage={view.passage}
            onOpenPassage={onOpenPassage}
            onFocusNode={onFocusNode}
            onClose={() => update(selectEdge(null))}
            articlePasses={visibility.articlePasses}
          />
        </>
      );
    }
    if (details) {
      return (
        <>
          {nbBox}
          {coverage?.truncated && (
            <p className="beyond-note" data-testid="node-completeness">
              {view.filters.showCoMentions
                ? "The view holds part of the graph: relations with entities not loaded, and co-mentions (not in the first view), are not all listed. "
                : "The view holds part of the graph: relations with entities not loaded are not listed. "}
              <button type="button" className="link-button small" onClick={() => void bringIn(details.key, details.label)} data-testid="bring-in-neighbours">
                Bring in its neighbours
              </button>
            </p>
          )}
          <NodePanel
            details={details}
            openPassage={view.passage}
            onOpenPassage={onOpenPassage}
            onFocusNode={onFocusNode}
            onSelectEdge={onSelectEdge}
            onClose={() => update(selectNode(null))}
            neighbourhood={view.neighbourhood}
            onNeighbourhood={(hops) => update(hops === null ? clearNeighbourhood() : setNeighbourhood(details.key, hops))}
            onPathEnd={(end) => update(setPathEnd(end, details.key))}
            conflicts={nodeConflicts}
            onShowConflicts={() => update(setPanel("conflicts"))}
          />
        </>
      );
    }
    return (
      <div className="intro">
        {nbBox}
        <h2>Explore the sources</h2>
        <p>
          Click a node or an edge, or search by name or alias (<kbd>/</kbd>), to see its relations and the exact passages that support them. Click a
          passage to read it in its article.
        </p>
        {model.hubs.length > 0 && (
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
        <h3 className="section-title">Keyboard</h3>
        <ul className="plain-list small keys">
          <li>
            <kbd>/</kbd> search · <kbd>Esc</kbd> close the article, then the selection
          </li>
          <li>
            <kbd>Tab</kbd> through the panel; <kbd>←</kbd> <kbd>→</kbd> between its tabs
          </li>
        </ul>
      </div>
    );
  };

  const total = model ? { ...model.counts, articles: model.doc.articles.length } : null;

  return (
    <div className="app">
      <header className="topbar">
        <h1 className="brand">
          news<span>graph</span>
        </h1>
        {model && model.data.order > 0 && (
          <SearchBox
            index={model.search}
            value={view.search}
            onChange={(text) => update(setSearch(text))}
            onChoose={onChoose}
            serverSearch={beyond.serverSearch}
            isLoaded={isLoaded}
          />
        )}
        <Toolbar
          model={model}
          view={view}
          derived={derived}
          source={load.status === "ready" ? load.source : null}
          onOpenDocument={(opened, name) => {
            openDocument(opened, name);
            // Another graph: start from a fresh view, and leave the link of the server graph behind.
            update(() => initialViewState);
            window.history.replaceState(window.history.state, "", window.location.pathname);
          }}
          onReloadServer={retry}
          exporter={exporter}
          wholeNodes={coverage?.truncated ? (coverage.total?.nodes ?? null) : null}
        />
        {/* Which backend answers (in-memory / Neo4j, fallback notice) and, on Neo4j, the Cypher console. */}
        <BackendTools
          onReloadGraph={retry}
          onAddToView={(keys) => {
            const show = () => update(keys.length === 1 ? focusNode(keys[0]!) : frameNodes(keys));
            const missing = keys.filter((key) => !model?.data.hasNode(key));
            // Nodes of a truncated view's graph that are not loaded: brought in first.
            if (missing.length === 0) show();
            else void beyond.bringInKeys(missing).then(show);
          }}
          onSelectEdge={onSelectEdge}
          // In a truncated view any node of the graph can be added: what is not loaded is brought in.
          hasNode={(key) => !!model?.data.hasNode(key) || !!coverage?.truncated}
          hasEdge={(key) => !!model?.data.hasEdge(key)}
        />
      </header>

      <main className="workspace">
        <section className="graph-area" aria-label="Graph">
          {status === "ready" && coverage?.total && truncatedText && (
            <CoverageBanner text={truncatedText} total={coverage.total} status={beyond.status} onLoadWhole={loadWhole} />
          )}
          {status === "ready" && model && visibility && shown && total && (
            <FilterBar
              chips={chips}
              shown={shown}
              total={total}
              showCoMentions={view.filters.showCoMentions}
              update={update}
              onClearAll={() => update((s) => applyAll(s, resetFilters(), clearNeighbourhood(), clearPath()))}
              onOpenFilters={() => onPanel("filters")}
            />
          )}
          <div className="graph-stage">
            {load.status === "loading" && <LoadProgress progress={load.progress} />}
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
                  No entity was found in the articles. Add articles to <code>graph-data/articles</code> and run <code>npm run graph</code>, then reload.
                </p>
                <button type="button" className="button" onClick={retry}>
                  Reload
                </button>
              </div>
            )}
            {status === "ready" && model && (
              <GraphCanvas
                key={modelId}
                graph={model.render}
                view={view}
                derived={derived}
                conflictCounts={model.conflictCounts}
                capped={neighbourhood?.capped ?? []}
                update={update}
                initialCamera={initial.camera}
                onCamera={onCamera}
                exporter={exporter}
                onDrawn={onDrawn}
              />
            )}
            {status === "ready" && model && drawnId !== modelId && (
              <LoadProgress progress={enterStep("draw", { nodes: model.counts.nodes, edges: model.counts.relations })(initialLoadProgress)} overlay />
            )}
            {status === "ready" && visibility && visibility.counts.nodes === 0 && (
              <div className="state state--overlay" role="status" data-testid="state-filtered-empty">
                <h2>Nothing matches these filters</h2>
                <button type="button" className="button" onClick={() => update(resetFilters())}>
                  Clear the filters
                </button>
              </div>
            )}
          </div>
          {status === "ready" && model && timeline && (
            <Timeline
              model={timeline}
              dateFrom={view.filters.dateFrom}
              dateTo={view.filters.dateTo}
              field={view.filters.dateField}
              isShown={(key) => (timeline.field === "event" ? nodeVisible(key) : !!visibility?.articlePasses(key))}
              update={update}
              onSelect={onFocusNode}
            />
          )}
          {status === "ready" && model && visibility && (
            <Legend
              counts={model.typeCounts}
              shownCounts={visibility.counts.byNodeType}
              hiddenTypes={view.filters.hiddenNodeTypes}
              onToggleType={(type) => update(toggleNodeType(type))}
              showCoMentions={view.filters.showCoMentions}
              coMentionCount={model.counts.coMentions}
              coMentionTotal={coverage?.total?.coMentions ?? model.counts.coMentions}
              onShowCoMentions={(show) => update(setShowCoMentions(show))}
              pathShown={!!path && path.hops.length > 0}
              conflictCount={model.conflicts.length}
            />
          )}
        </section>

        <aside className="side-panel" aria-label="Details">
          {status === "ready" && model && (
            <PanelTabs
              panel={view.panel}
              onChange={onPanel}
              badges={{ filters: filterChipCount, meetings: model.meetings.length, conflicts: model.conflicts.length }}
            />
          )}
          <div className="side-panel__body" role={status === "ready" ? "tabpanel" : undefined} id={panelId(view.panel)} aria-labelledby={status === "ready" ? tabId(view.panel) : undefined}>
            {panelBody()}
          </div>
        </aside>
      </main>
    </div>
  );
}
