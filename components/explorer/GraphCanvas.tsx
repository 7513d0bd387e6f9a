"use client";
// Sigma touches WebGL when imported: the canvas is loaded on the client only.
import dynamic from "next/dynamic";

const load = () => import("./SigmaGraph");

const GraphCanvas = dynamic(load, {
  ssr: false,
  loading: () => (
    <div className="graph-canvas graph-canvas--loading" role="status">
      Preparing the canvas…
    </div>
  ),
});

/** Starts fetching the canvas code while the graph itself is still loading (first paint sooner). */
export function preloadGraphCanvas(): void {
  void load();
}

export default GraphCanvas;
