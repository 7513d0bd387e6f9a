// The small window hook the real-browser tests use to find things on the canvas (set by the graph component).
import type { CameraState, Coordinates } from "sigma/types";

export interface NewsgraphTestHook {
  /** Where a node is drawn, in CSS pixels of the page viewport (what page.mouse.click takes); null when not drawn. */
  nodeViewportPosition(key: string): Coordinates | null;
  /** The nodes drawn (not hidden by a filter), with their label as drawn (long names shortened) and degree (distinct neighbours over typed relations). */
  visibleNodes(): { key: string; label: string; degree: number }[];
  /** The node selected in the view state. */
  selectedNode(): string | null;
  /** The camera's state (x, y, ratio, angle). */
  camera(): CameraState;
}

declare global {
  interface Window {
    __newsgraph?: NewsgraphTestHook;
  }
}

/** `document.body.dataset` keys: graphState = loading | error | empty | ready; graphReady = "true" once drawn. */
export const READY_DATASET_KEY = "graphReady";
export const STATE_DATASET_KEY = "graphState";
