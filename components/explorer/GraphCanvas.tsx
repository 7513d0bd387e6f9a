"use client";
// Sigma touches WebGL when imported: the canvas is loaded on the client only.
import dynamic from "next/dynamic";

const GraphCanvas = dynamic(() => import("./SigmaGraph"), {
  ssr: false,
  loading: () => (
    <div className="graph-canvas graph-canvas--loading" role="status">
      Preparing the canvas…
    </div>
  ),
});

export default GraphCanvas;
