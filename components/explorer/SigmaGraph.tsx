"use client";
// The sigma canvas. Only ever loaded through next/dynamic with ssr: false (sigma touches WebGL at import).
import "@react-sigma/core/lib/style.css";
import { SigmaContainer, useRegisterEvents, useSigma } from "@react-sigma/core";
import { useEffect, useLayoutEffect, useRef } from "react";
import type { Settings } from "sigma/settings";
import {
  makeEdgeReducer,
  makeNodeReducer,
  reducerContext,
  READY_DATASET_KEY,
  type Producer,
  type RenderEdge,
  type RenderGraph,
  type RenderNode,
  type ViewState,
  clearSelection,
  framingBBox,
  hoverNode,
  selectNode,
} from "@/lib/view";

export interface SigmaGraphProps {
  graph: RenderGraph;
  view: ViewState;
  update: (producer: Producer) => void;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

// Module-level constant: SigmaContainer re-creates sigma whenever its settings change.
const SETTINGS: Partial<Settings<RenderNode, RenderEdge>> = {
  defaultEdgeType: "arrow",
  labelFont: FONT,
  labelSize: 12,
  labelWeight: "500",
  labelColor: { color: "#1e293b" },
  // Label density: one label per grid cell at most, only for nodes drawn large enough.
  labelDensity: 1,
  labelGridCellSize: 100,
  labelRenderedSizeThreshold: 5,
  zIndex: true,
  stagePadding: 40,
  minCameraRatio: 0.05,
  maxCameraRatio: 4,
  hideEdgesOnMove: false,
};

/** Installs the reducers for the current view state (hover, selection, filters) — no data attribute is touched. */
function Reducers({ view, graph }: { view: ViewState; graph: RenderGraph }) {
  const sigma = useSigma<RenderNode, RenderEdge>();
  const { hoveredNode, selectedNode, showCoMentions, hiddenNodeTypes } = view;
  useLayoutEffect(() => {
    // Only these fields change what the reducers draw.
    const ctx = reducerContext(graph, { hoveredNode, selectedNode, showCoMentions, hiddenNodeTypes });
    sigma.setSetting("nodeReducer", makeNodeReducer(ctx));
    sigma.setSetting("edgeReducer", makeEdgeReducer(ctx, graph));
  }, [sigma, graph, hoveredNode, selectedNode, showCoMentions, hiddenNodeTypes]);
  return null;
}

/** Leaves room on the right for the labels of the rightmost nodes. */
function Framing({ graph }: { graph: RenderGraph }) {
  const sigma = useSigma<RenderNode, RenderEdge>();
  useLayoutEffect(() => {
    sigma.setCustomBBox(framingBBox(graph));
  }, [sigma, graph]);
  return null;
}

function Events({ update }: { update: (producer: Producer) => void }) {
  const sigma = useSigma<RenderNode, RenderEdge>();
  const register = useRegisterEvents<RenderNode, RenderEdge>();
  useEffect(() => {
    const container = sigma.getContainer();
    register({
      clickNode: ({ node }) => update(selectNode(node)),
      clickStage: () => update(clearSelection()),
      enterNode: ({ node }) => {
        container.style.cursor = "pointer";
        update(hoverNode(node));
      },
      leaveNode: () => {
        container.style.cursor = "";
        update(hoverNode(null));
      },
    });
  }, [sigma, register, update]);
  return null;
}

/** Moves the camera onto a node when the view asks for it (search result chosen, "show on graph"). */
function CameraFocus({ view }: { view: ViewState }) {
  const sigma = useSigma<RenderNode, RenderEdge>();
  const seq = view.cameraFocus?.seq ?? 0;
  const node = view.cameraFocus?.node ?? null;
  useEffect(() => {
    const graph = sigma.getGraph();
    if (node === null || !graph.hasNode(node)) return;
    // From the node's graph coordinates (the display cache may hold unnormalized values between a
    // refresh and the next frame) to the camera's framed-graph coordinates.
    const target = sigma.viewportToFramedGraph(sigma.graphToViewport(graph.getNodeAttributes(node)));
    const camera = sigma.getCamera();
    void camera.animate({ x: target.x, y: target.y, ratio: Math.min(camera.ratio, 0.45) }, { duration: 450 });
  }, [sigma, node, seq]);
  return null;
}

/** Ready flag and test hook: set once sigma has rendered the first frame with the reducers in place. */
function ReadyFlag({ view, wrapper }: { view: ViewState; wrapper: React.RefObject<HTMLDivElement | null> }) {
  const sigma = useSigma<RenderNode, RenderEdge>();
  const viewRef = useRef(view);
  useEffect(() => {
    viewRef.current = view;
  }, [view]);

  useEffect(() => {
    let cancelled = false;
    let frame = 0;
    const graph = sigma.getGraph();
    window.__newsgraph = {
      nodeViewportPosition(key) {
        if (!graph.hasNode(key)) return null;
        const display = sigma.getNodeDisplayData(key);
        if (!display || display.hidden) return null;
        const point = sigma.graphToViewport(graph.getNodeAttributes(key));
        const rect = sigma.getContainer().getBoundingClientRect();
        return { x: rect.left + point.x, y: rect.top + point.y };
      },
      visibleNodes() {
        return graph
          .filterNodes((key) => {
            const display = sigma.getNodeDisplayData(key);
            return !!display && !display.hidden;
          })
          .map((key) => ({ key, label: graph.getNodeAttribute(key, "label"), degree: graph.getNodeAttribute(key, "degree") }));
      },
      selectedNode: () => viewRef.current.selectedNode,
      camera: () => sigma.getCamera().getState(),
    };
    const markReady = () => {
      if (cancelled) return;
      // The frame after afterRender has been composited: the pixels are on screen.
      frame = requestAnimationFrame(() => {
        if (cancelled) return;
        wrapper.current?.setAttribute("data-ready", "true");
        document.body.dataset[READY_DATASET_KEY] = "true";
      });
    };
    sigma.once("afterRender", markReady);
    sigma.refresh();
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
      sigma.off("afterRender", markReady);
      wrapper.current?.removeAttribute("data-ready");
      delete document.body.dataset[READY_DATASET_KEY];
      delete window.__newsgraph;
    };
  }, [sigma, wrapper]);
  return null;
}

export default function SigmaGraph({ graph, view, update }: SigmaGraphProps) {
  const wrapper = useRef<HTMLDivElement | null>(null);
  return (
    <div ref={wrapper} className="graph-canvas" data-testid="graph-canvas">
      <SigmaContainer<RenderNode, RenderEdge> graph={graph} settings={SETTINGS} className="graph-sigma">
        <Framing graph={graph} />
        <Reducers view={view} graph={graph} />
        <Events update={update} />
        <CameraFocus view={view} />
        <ReadyFlag view={view} wrapper={wrapper} />
      </SigmaContainer>
    </div>
  );
}
