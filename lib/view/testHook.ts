// The small window hook the real-browser tests use to find things on the canvas (set by the graph component).
import type { CameraState, Coordinates } from "sigma/types";
import type { ViewState } from "./state";

export interface DrawnNode {
  hidden: boolean;
  color: string;
  label: string | null;
  size: number;
  highlighted: boolean;
}

export interface DrawnEdge {
  hidden: boolean;
  color: string;
  size: number;
}

export interface NewsgraphTestHook {
  /** Where a node is drawn, in CSS pixels of the page viewport (what page.mouse.click takes); null when not drawn. */
  nodeViewportPosition(key: string): Coordinates | null;
  /** The middle of an edge on screen (CSS pixels of the page viewport); null when not drawn. */
  edgeViewportMidpoint(key: string): Coordinates | null;
  /** The nodes drawn (not hidden by a filter), with their label as drawn (long names shortened) and degree (distinct neighbours over typed relations). */
  visibleNodes(): { key: string; label: string; degree: number }[];
  /** The edges drawn (not hidden). */
  visibleEdges(): string[];
  /** What the reducers made of a node / an edge (null for an unknown key). */
  nodeDisplay(key: string): DrawnNode | null;
  edgeDisplay(key: string): DrawnEdge | null;
  /** A node's position in graph coordinates (changes when the layout runs). */
  nodePosition(key: string): Coordinates | null;
  /** The node selected in the view state. */
  selectedNode(): string | null;
  /** The whole view state (a plain object). */
  view(): ViewState;
  /** The camera's state (x, y, ratio, angle). */
  camera(): CameraState;
  /** The labels sigma drew on the last frame, as boxes in page CSS pixels (to check they do not pile up). */
  labelBoxes(): { key: string; left: number; top: number; right: number; bottom: number }[];
  /** Is ForceAtlas2 running? */
  layoutRunning(): boolean;
}

declare global {
  interface Window {
    __newsgraph?: NewsgraphTestHook;
  }
}

/** `document.body.dataset` keys: graphState = loading | error | empty | ready; graphReady = "true" once drawn. */
export const READY_DATASET_KEY = "graphReady";
export const STATE_DATASET_KEY = "graphState";
