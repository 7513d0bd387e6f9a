"use client";
// The sigma canvas. Only ever loaded through next/dynamic with ssr: false (sigma touches WebGL at import).
import "@react-sigma/core/lib/style.css";
import { SigmaContainer, useRegisterEvents, useSigma } from "@react-sigma/core";
import { MultiDirectedGraph } from "graphology";
import FA2Layout from "graphology-layout-forceatlas2/worker";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import type Sigma from "sigma";
import type { Settings } from "sigma/settings";
import {
  clearSelection,
  fitCamera,
  framingBBox,
  LOAD_MARKS,
  markLoad,
  hoverNode,
  layoutEdgeWeight,
  nearestSegment,
  layoutSettings,
  makeEdgeReducer,
  makeNodeReducer,
  reducerContext,
  READY_DATASET_KEY,
  selectEdge,
  selectNode,
  expandHub,
  type CameraView,
  type CappedHub,
  type Derived,
  type Producer,
  type RenderEdge,
  type RenderGraph,
  type RenderNode,
  type ViewState,
} from "@/lib/view";
import { createLabelDrawer, type LabelDrawer } from "./labels";
import { afterPaint } from "./paint";

/** What the toolbar asks of the canvas. */
export interface GraphExporter {
  /** The canvas as drawn now (edges, nodes, labels), on white, as a PNG. */
  png(): Promise<Blob>;
}

export interface SigmaGraphProps {
  graph: RenderGraph;
  view: ViewState;
  derived: Derived;
  /** Nodes that carry a conflict badge (subject → number of conflicts). */
  conflictCounts: ReadonlyMap<string, number>;
  /** Hubs of the neighbourhood whose neighbours were capped ("+N" on the graph). */
  capped: readonly CappedHub[];
  update: (producer: Producer) => void;
  /** The camera as restored from the link (applied once, before the first frame). */
  initialCamera: CameraView | null;
  onCamera: (camera: CameraView) => void;
  exporter: React.RefObject<GraphExporter | null>;
  /** Called once the first frame of the graph has been drawn (the explorer takes its progress indicator away). */
  onDrawn?: () => void;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** The edge type of the edges not drawn (see HiddenEdgeProgram). */
const HIDDEN_EDGE = "hidden";

/**
 * The program of the edges not drawn (filtered out, co-mentions switched off). Sigma keeps a hidden edge in its
 * program's buffers as an empty shape, which WebGL still processes every frame: 11,000 hidden co-mentions cost
 * about a tenth of a frame in a software-rendered WebGL. Given this type, they are left out of WebGL altogether.
 */
class HiddenEdgeProgram {
  drawLabel = undefined;
  // The signature sigma constructs every edge program with.
  constructor(_gl: WebGLRenderingContext, _pickingBuffer: WebGLFramebuffer | null, _renderer: Sigma<RenderNode, RenderEdge>) {}
  kill(): void {}
  reallocate(): void {}
  process(): void {}
  render(): void {}
}

// SigmaContainer re-creates sigma whenever its settings change: they are made once per canvas (sigmaSettings).
const SETTINGS: Partial<Settings<RenderNode, RenderEdge>> = {
  // Added to sigma's own (arrow, line).
  edgeProgramClasses: { [HIDDEN_EDGE]: HiddenEdgeProgram },
  defaultEdgeType: "arrow",
  labelFont: FONT,
  labelSize: 12,
  labelWeight: "500",
  labelColor: { color: "#1e293b" },
  // Labels never pile up: sigma keeps at most one label per grid cell (the largest node's), and the label
  // drawer (labels.ts) drops any that would still overlap; small nodes get a label when there is room.
  labelDensity: 1,
  labelGridCellSize: 80,
  labelRenderedSizeThreshold: 0,
  zIndex: true,
  stagePadding: 40,
  minCameraRatio: 0.05,
  maxCameraRatio: 4,
  hideEdgesOnMove: false,
  enableEdgeEvents: true,
};

/**
 * A graph with this many edges is large: every frame redraws all its edges (25,000 edges: most of a second
 * in a software-rendered WebGL), so
 * - sigma leaves the edges out while the camera moves (pan, zoom, animations);
 * - sigma does not draw the edges a second time into its picking layer (edge events): clicks and the pointer
 *   over an edge come from the edges' geometry instead (see Events), as for clicks beside a thin edge.
 */
const LARGE_GRAPH_EDGES = 5_000;

/** The settings of one canvas: the constant ones, and what depends on the graph's size. */
function sigmaSettings(graph: RenderGraph): Partial<Settings<RenderNode, RenderEdge>> {
  return graph.size >= LARGE_GRAPH_EDGES ? { ...SETTINGS, hideEdgesOnMove: true, enableEdgeEvents: false } : SETTINGS;
}

/** How far from an edge (CSS pixels) a click still selects it. */
const EDGE_CLICK_TOLERANCE = 5;

/** Installs the reducers for the current view state (hover, selection, filters, neighbourhood, path). */
function Reducers({ view, graph, derived }: { view: ViewState; graph: RenderGraph; derived: Derived }) {
  const sigma = useSigma<RenderNode, RenderEdge>();
  const { hoveredNode, selectedNode, selectedEdge, filters } = view;
  const { visibility, neighbourhood, path } = derived;
  useLayoutEffect(() => {
    const ctx = reducerContext(graph, { hoveredNode, selectedNode, selectedEdge, filters }, { visibility, neighbourhood, path });
    sigma.setSetting("nodeReducer", makeNodeReducer(ctx));
    const edgeReducer = makeEdgeReducer(ctx, graph);
    sigma.setSetting("edgeReducer", (edge, data) => {
      const out = edgeReducer(edge, data);
      if (out.hidden) out.type = HIDDEN_EDGE;
      return out;
    });
  }, [sigma, graph, hoveredNode, selectedNode, selectedEdge, filters, visibility, neighbourhood, path]);
  return null;
}

/** The label drawer that keeps labels from overlapping (reset before every frame). */
function Labels({ drawer }: { drawer: LabelDrawer }) {
  const sigma = useSigma<RenderNode, RenderEdge>();
  useLayoutEffect(() => {
    const reset = () => drawer.reset(sigma);
    sigma.on("beforeRender", reset);
    sigma.setSetting("defaultDrawNodeLabel", drawer.draw);
    return () => {
      sigma.off("beforeRender", reset);
    };
  }, [sigma, drawer]);
  return null;
}

/**
 * Leaves room on the right for the labels of the rightmost nodes. The box is the first graph's: when nodes are
 * brought in from the server (the canvas is handed the grown graph), a new box would move every node on screen
 * under a camera that did not move. "Fit" frames the graph as it is now.
 */
function Framing({ graph }: { graph: RenderGraph }) {
  const sigma = useSigma<RenderNode, RenderEdge>();
  const [box] = useState(() => framingBBox(graph));
  useLayoutEffect(() => {
    sigma.setCustomBBox(box);
  }, [sigma, box]);
  return null;
}

/** The drawn edges as segments in viewport pixels (lazily: the nearest-edge search walks them once). */
function* drawnSegments(sigma: Sigma<RenderNode, RenderEdge>): Generator<{ key: string; a: { x: number; y: number }; b: { x: number; y: number } }> {
  const graph = sigma.getGraph();
  for (const key of graph.edges()) {
    const drawn = sigma.getEdgeDisplayData(key);
    if (!drawn || drawn.hidden) continue;
    const a = sigma.getNodeDisplayData(graph.source(key));
    const b = sigma.getNodeDisplayData(graph.target(key));
    if (a && b) yield { key, a: sigma.framedGraphToViewport(a), b: sigma.framedGraphToViewport(b) };
  }
}

function Events({ update }: { update: (producer: Producer) => void }) {
  const sigma = useSigma<RenderNode, RenderEdge>();
  const register = useRegisterEvents<RenderNode, RenderEdge>();
  useEffect(() => {
    const container = sigma.getContainer();
    const edgeNear = (point: { x: number; y: number }) => nearestSegment(point, drawnSegments(sigma), EDGE_CLICK_TOLERANCE);
    let overNode = false;
    register({
      clickNode: ({ node }) => update(selectNode(node)),
      clickEdge: ({ edge }) => update(selectEdge(edge)),
      // A click beside a thin edge selects it (sigma's own edge picking needs a pixel-exact hit, and a large
      // graph has none).
      clickStage: ({ event }) => {
        const edge = edgeNear({ x: event.x, y: event.y });
        update(edge ? selectEdge(edge) : clearSelection());
      },
      enterNode: ({ node }) => {
        overNode = true;
        container.style.cursor = "pointer";
        update(hoverNode(node));
      },
      leaveNode: () => {
        overNode = false;
        container.style.cursor = "";
        update(hoverNode(null));
      },
      enterEdge: () => {
        container.style.cursor = "pointer";
      },
      leaveEdge: () => {
        container.style.cursor = "";
      },
    });
    if (sigma.getSetting("enableEdgeEvents")) return;
    // No edge events (a large graph): the pointer over an edge, once per frame while the mouse moves.
    let frame = 0;
    let last: MouseEvent | null = null;
    const onMove = (event: MouseEvent) => {
      last = event;
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        // Over a node, or dragging the stage: sigma's cursor stays.
        if (!last || overNode || last.buttons !== 0) return;
        const rect = container.getBoundingClientRect();
        container.style.cursor = edgeNear({ x: last.clientX - rect.left, y: last.clientY - rect.top }) ? "pointer" : "";
      });
    };
    container.addEventListener("mousemove", onMove);
    return () => {
      cancelAnimationFrame(frame);
      container.removeEventListener("mousemove", onMove);
    };
  }, [sigma, register, update]);
  return null;
}

/**
 * Moves the camera when the view asks for it: onto one node, or framing several (neighbourhood, path). Not
 * before the first frame: sigma's framing of the graph (graph → viewport) is only known once it has drawn it.
 */
function CameraFocus({ view, graph, drawn }: { view: ViewState; graph: RenderGraph; drawn: boolean }) {
  const sigma = useSigma<RenderNode, RenderEdge>();
  const seq = view.cameraFocus?.seq ?? 0;
  const nodes = view.cameraFocus?.nodes;
  const key = nodes?.join("\n") ?? "";
  // Each request moves the camera once: a graph that grows (nodes brought in from the server) must not pull
  // the camera back to an older request the user has since panned away from.
  const done = useRef<string | null>(null);
  useEffect(() => {
    if (!key || !drawn) return;
    const request = `${seq}\n${key}`;
    if (done.current === request) return;
    done.current = request;
    // From the nodes' graph coordinates to the camera's framed-graph coordinates.
    const points = key
      .split("\n")
      .filter((node) => graph.hasNode(node))
      .map((node) => sigma.viewportToFramedGraph(sigma.graphToViewport(graph.getNodeAttributes(node))));
    const camera = sigma.getCamera();
    const target = fitCamera(points, { single: Math.min(camera.ratio, 0.45) });
    if (target) void camera.animate(target, { duration: 450 });
  }, [sigma, graph, key, seq, drawn]);
  return null;
}

/** Restores the camera from the link before the first frame, then reports where the user leaves it. */
function CameraSync({ initial, onCamera }: { initial: CameraView | null; onCamera: (camera: CameraView) => void }) {
  const sigma = useSigma<RenderNode, RenderEdge>();
  const initialRef = useRef(initial);
  const onCameraRef = useRef(onCamera);
  useEffect(() => {
    onCameraRef.current = onCamera;
  }, [onCamera]);
  useLayoutEffect(() => {
    if (initialRef.current) sigma.getCamera().setState(initialRef.current);
  }, [sigma]);
  useEffect(() => {
    const camera = sigma.getCamera();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdated = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const s = camera.getState();
        onCameraRef.current({ x: s.x, y: s.y, ratio: s.ratio, angle: s.angle });
      }, 300);
    };
    camera.on("updated", onUpdated);
    return () => {
      clearTimeout(timer);
      camera.off("updated", onUpdated);
    };
  }, [sigma]);
  return null;
}

/** ForceAtlas2 in a web worker (start, stop: positions stay where the layout left them; reset), and zoom buttons. */
function GraphControls({ graph, runningRef }: { graph: RenderGraph; runningRef: React.RefObject<boolean> }) {
  const sigma = useSigma<RenderNode, RenderEdge>();
  const [running, setRunning] = useState(false);
  const [moved, setMoved] = useState(false);
  const layoutRef = useRef<FA2Layout | null>(null);
  const initialRef = useRef<Map<string, { x: number; y: number }> | null>(null);

  useEffect(() => {
    initialRef.current = new Map(graph.mapNodes((key, a) => [key, { x: a.x, y: a.y }] as const));
    return () => {
      layoutRef.current?.kill();
      layoutRef.current = null;
      runningRef.current = false;
    };
  }, [graph, runningRef]);

  // Frame the graph as it is now (after a layout the nodes may have moved outside the first framing).
  const fit = () => {
    sigma.setCustomBBox(framingBBox(graph));
    void sigma.getCamera().animatedReset({ duration: 400 });
  };
  const halt = () => {
    layoutRef.current?.stop();
    runningRef.current = false;
    setRunning(false);
  };
  const stop = () => {
    halt();
    fit();
  };
  const start = () => {
    layoutRef.current ??= new FA2Layout(graph, { settings: layoutSettings(graph.order), getEdgeWeight: layoutEdgeWeight });
    layoutRef.current.start();
    runningRef.current = true;
    setRunning(true);
    setMoved(true);
  };
  const reset = () => {
    halt();
    const initial = initialRef.current;
    if (!initial) return;
    graph.updateEachNodeAttributes((key, a) => {
      const p = initial.get(key);
      return p ? { ...a, x: p.x, y: p.y } : a;
    });
    setMoved(false);
    fit();
  };
  const camera = () => sigma.getCamera();

  return (
    <div className="graph-controls" role="toolbar" aria-label="Graph view">
      <button
        type="button"
        className={running ? "graph-controls__button graph-controls__button--running" : "graph-controls__button"}
        onClick={running ? stop : start}
        aria-pressed={running}
        title={running ? "Stop the layout (positions are kept)" : "Run ForceAtlas2 (in a web worker) from the current positions"}
        data-testid="layout-toggle"
      >
        {running ? "■ Stop layout" : "▶ Run layout"}
      </button>
      <button type="button" className="graph-controls__button" onClick={reset} disabled={!moved} title="Back to the positions from the build" data-testid="layout-reset">
        Reset
      </button>
      <span className="graph-controls__sep" aria-hidden="true" />
      <button type="button" className="graph-controls__button graph-controls__zoom" onClick={() => void camera().animatedZoom(1.5)} aria-label="Zoom in" title="Zoom in">
        +
      </button>
      <button type="button" className="graph-controls__button graph-controls__zoom" onClick={() => void camera().animatedUnzoom(1.5)} aria-label="Zoom out" title="Zoom out">
        −
      </button>
      <button type="button" className="graph-controls__button" onClick={fit} title="Show the whole graph">
        Fit
      </button>
    </div>
  );
}

/** HTML marks over the canvas: a "!" badge on disputed nodes and a "+N" control on capped hubs. */
function Overlays({ conflictCounts, capped, update }: { conflictCounts: ReadonlyMap<string, number>; capped: readonly CappedHub[]; update: (p: Producer) => void }) {
  const sigma = useSigma<RenderNode, RenderEdge>();
  const layerRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const place = () => {
      const layer = layerRef.current;
      if (!layer) return;
      layer.querySelectorAll<HTMLElement>("[data-node]").forEach((el) => {
        const key = el.dataset.node!;
        const display = sigma.getNodeDisplayData(key);
        if (!display || display.hidden) {
          el.style.display = "none";
          return;
        }
        const p = sigma.framedGraphToViewport(display);
        const r = sigma.scaleSize(display.size);
        // Badges at the top-right of the node, "+N" under its bottom-left (clear of the label on the right).
        const below = el.dataset.corner === "below";
        const dx = below ? -r * 0.6 : r * 0.75;
        const dy = below ? r + 9 : -r * 0.75;
        el.style.display = "";
        el.style.transform = `translate(${p.x + dx}px, ${p.y + dy}px) translate(-50%, -50%)`;
      });
    };
    place();
    sigma.on("afterRender", place);
    return () => {
      sigma.off("afterRender", place);
    };
  }, [sigma, conflictCounts, capped]);
  return (
    <div ref={layerRef} className="graph-overlays" aria-hidden={capped.length === 0 ? true : undefined}>
      {[...conflictCounts].map(([key, n]) => (
        <span key={`c:${key}`} className="graph-badge" data-node={key} data-testid="conflict-badge" title={`${n} conflict${n === 1 ? "" : "s"} between sources`}>
          !
        </span>
      ))}
      {capped.map((hub) => (
        <button
          key={`h:${hub.hub}`}
          type="button"
          className="graph-more"
          data-node={hub.hub}
          data-corner="below"
          data-testid="hub-more-badge"
          onClick={() => update(expandHub(hub.hub))}
          title={`Show the ${hub.more} other neighbours`}
        >
          +{hub.more}
        </button>
      ))}
    </div>
  );
}

// The layers sigma draws, bottom to top (WebGL edges and nodes, 2D labels and hover highlights).
const PNG_LAYERS = ["edges", "nodes", "labels", "hovers", "hoverNodes"];

/**
 * PNG of the canvas: sigma renders synchronously on refresh(), so its WebGL layers still hold the frame when
 * they are copied, in the same task, onto one 2D canvas (no preserveDrawingBuffer needed).
 */
function PngExporter({ exporter }: { exporter: React.RefObject<GraphExporter | null> }) {
  const sigma = useSigma<RenderNode, RenderEdge>();
  useEffect(() => {
    exporter.current = {
      png: () =>
        new Promise<Blob>((resolve, reject) => {
          const canvases = sigma.getCanvases();
          sigma.refresh();
          const first = canvases.edges ?? Object.values(canvases)[0];
          if (!first) return reject(new Error("no canvas"));
          const out = document.createElement("canvas");
          out.width = first.width;
          out.height = first.height;
          const ctx = out.getContext("2d");
          if (!ctx) return reject(new Error("no 2D context"));
          ctx.fillStyle = "#ffffff";
          ctx.fillRect(0, 0, out.width, out.height);
          for (const layer of PNG_LAYERS) {
            const canvas = canvases[layer];
            if (canvas && canvas.width > 0 && canvas.height > 0) ctx.drawImage(canvas, 0, 0, out.width, out.height);
          }
          out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the browser could not encode the PNG"))), "image/png");
        }),
    };
    return () => {
      exporter.current = null;
    };
  }, [sigma, exporter]);
  return null;
}

/**
 * The first frame, the ready flag and the test hook.
 *
 * Sigma is created on an empty graph (SigmaGraph): creating it draws at once, before the reducers, the label
 * drawer, the framing and the camera from the link are in place, and on a large graph every frame costs
 * (25,000 edges: about a second in a software-rendered WebGL). Once those are set and the progress indicator
 * has been painted, the graph is handed to sigma: one process, one render. The ready flag follows the frame
 * that shows it (the next animation frame has committed it).
 */
function FirstFrame({
  graph,
  view,
  wrapper,
  runningRef,
  labels,
  onDrawn,
}: {
  graph: RenderGraph;
  view: ViewState;
  wrapper: React.RefObject<HTMLDivElement | null>;
  runningRef: React.RefObject<boolean>;
  labels: LabelDrawer;
  onDrawn: () => void;
}) {
  const sigma = useSigma<RenderNode, RenderEdge>();
  const viewRef = useRef(view);
  const onDrawnRef = useRef(onDrawn);
  useEffect(() => {
    viewRef.current = view;
    onDrawnRef.current = onDrawn;
  }, [view, onDrawn]);

  useEffect(() => {
    let cancelled = false;
    const onPage = (point: { x: number; y: number }) => {
      const rect = sigma.getContainer().getBoundingClientRect();
      return { x: rect.left + point.x, y: rect.top + point.y };
    };
    window.__newsgraph = {
      nodeViewportPosition(key) {
        if (!graph.hasNode(key)) return null;
        const display = sigma.getNodeDisplayData(key);
        if (!display || display.hidden) return null;
        return onPage(sigma.graphToViewport(graph.getNodeAttributes(key)));
      },
      edgeViewportMidpoint(key) {
        if (!graph.hasEdge(key)) return null;
        const display = sigma.getEdgeDisplayData(key);
        if (!display || display.hidden) return null;
        const a = sigma.graphToViewport(graph.getNodeAttributes(graph.source(key)));
        const b = sigma.graphToViewport(graph.getNodeAttributes(graph.target(key)));
        return onPage({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
      },
      visibleNodes() {
        return graph
          .filterNodes((key) => {
            const display = sigma.getNodeDisplayData(key);
            return !!display && !display.hidden;
          })
          .map((key) => ({ key, label: graph.getNodeAttribute(key, "label"), degree: graph.getNodeAttribute(key, "degree") }));
      },
      visibleEdges() {
        return graph.filterEdges((key) => {
          const display = sigma.getEdgeDisplayData(key);
          return !!display && !display.hidden;
        });
      },
      nodeDisplay(key) {
        const d = graph.hasNode(key) ? sigma.getNodeDisplayData(key) : undefined;
        return d ? { hidden: !!d.hidden, color: d.color, label: d.label ?? null, size: d.size, highlighted: !!d.highlighted } : null;
      },
      edgeDisplay(key) {
        const d = graph.hasEdge(key) ? sigma.getEdgeDisplayData(key) : undefined;
        return d ? { hidden: !!d.hidden, color: d.color, size: d.size } : null;
      },
      nodePosition(key) {
        return graph.hasNode(key) ? { x: graph.getNodeAttribute(key, "x"), y: graph.getNodeAttribute(key, "y") } : null;
      },
      selectedNode: () => viewRef.current.selectedNode,
      view: () => viewRef.current,
      camera: () => sigma.getCamera().getState(),
      labelBoxes() {
        return labels.drawn().map(({ key, box }) => {
          const a = onPage({ x: box.left, y: box.top });
          const b = onPage({ x: box.right, y: box.bottom });
          return { key, left: a.x, top: a.y, right: b.x, bottom: b.y };
        });
      },
      layoutRunning: () => runningRef.current,
    };
    let cancelReady = () => {};
    // A hidden tab has no frames: the graph is drawn all the same (after at most 100 ms).
    const cancelDraw = afterPaint(() => {
      if (cancelled) return;
      markLoad(LOAD_MARKS.drawStart);
      sigma.setGraph(graph);
      markLoad(LOAD_MARKS.drawn);
      // The indicator leaves the page in the same frame as the drawing arrives.
      flushSync(() => onDrawnRef.current());
      cancelReady = afterPaint(() => {
        if (cancelled) return;
        wrapper.current?.setAttribute("data-ready", "true");
        document.body.dataset[READY_DATASET_KEY] = "true";
        markLoad(LOAD_MARKS.ready);
      });
    }, 100);
    return () => {
      cancelled = true;
      cancelDraw();
      cancelReady();
      wrapper.current?.removeAttribute("data-ready");
      delete document.body.dataset[READY_DATASET_KEY];
      delete window.__newsgraph;
    };
  }, [sigma, graph, wrapper, runningRef, labels]);
  return null;
}

export default function SigmaGraph({ graph, view, derived, conflictCounts, capped, update, initialCamera, onCamera, exporter, onDrawn }: SigmaGraphProps) {
  const wrapper = useRef<HTMLDivElement | null>(null);
  const runningRef = useRef(false);
  const [labels] = useState(createLabelDrawer);
  // What sigma is created on (see FirstFrame), and its settings: both fixed for the life of this canvas.
  const [empty] = useState(() => new MultiDirectedGraph<RenderNode, RenderEdge>({ allowSelfLoops: false }));
  const [settings] = useState(() => sigmaSettings(graph));
  const [drawn, setDrawn] = useState(false);
  const onFirstFrame = useCallback(() => {
    setDrawn(true);
    onDrawn?.();
  }, [onDrawn]);
  return (
    <div ref={wrapper} className="graph-canvas" data-testid="graph-canvas">
      <SigmaContainer<RenderNode, RenderEdge> graph={empty} settings={settings} className="graph-sigma">
        <Labels drawer={labels} />
        <Framing graph={graph} />
        <Reducers view={view} graph={graph} derived={derived} />
        <Events update={update} />
        <CameraSync initial={initialCamera} onCamera={onCamera} />
        <CameraFocus view={view} graph={graph} drawn={drawn} />
        <Overlays conflictCounts={conflictCounts} capped={capped} update={update} />
        <GraphControls graph={graph} runningRef={runningRef} />
        <PngExporter exporter={exporter} />
        <FirstFrame graph={graph} view={view} wrapper={wrapper} runningRef={runningRef} labels={labels} onDrawn={onFirstFrame} />
      </SigmaContainer>
    </div>
  );
}
