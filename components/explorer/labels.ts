// Node labels that never pile up: sigma's label grid keeps one label per cell, but long labels still run
// into the next cell's. This drawer, installed as sigma's defaultDrawNodeLabel, skips a label that would
// overlap one already drawn in the same frame; labels the view forces (the hovered or selected node's
// neighbours, the path) are reserved first, so the grid's labels give way to them.
import type Sigma from "sigma";
import type { Settings } from "sigma/settings";
import type { NodeDisplayData, PartialButFor } from "sigma/types";
import { boxesOverlap, labelBox, type Box, type RenderEdge, type RenderNode } from "@/lib/view";

type LabelData = PartialButFor<NodeDisplayData, "x" | "y" | "size" | "label" | "color"> & { key?: string };

export interface LabelDrawer {
  draw(context: CanvasRenderingContext2D, data: LabelData, settings: Settings<RenderNode, RenderEdge>): void;
  /** Called before each frame: forget the last frame, reserve the forced labels. */
  reset(sigma: Sigma<RenderNode, RenderEdge>): void;
  /** The labels drawn on the last frame (viewport pixels of the sigma container). */
  drawn(): { key: string; box: Box }[];
}

const SLACK = 1;

function fontOf(settings: Pick<Settings, "labelWeight" | "labelSize" | "labelFont">): string {
  return `${settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`;
}

export function createLabelDrawer(): LabelDrawer {
  let drawn: { key: string; box: Box }[] = [];
  let reserved: { key: string; box: Box }[] = [];
  let measure: CanvasRenderingContext2D | null = null;

  return {
    reset(sigma) {
      drawn = [];
      reserved = [];
      const settings = sigma.getSettings();
      // The labels layer's own context measures (a canvas of its own costs a new 2D context on the first frame).
      measure ??= sigma.getCanvases().labels?.getContext("2d") ?? document.createElement("canvas").getContext("2d");
      if (!measure) return;
      measure.font = fontOf(settings);
      const graph = sigma.getGraph();
      graph.forEachNode((key) => {
        const d = sigma.getNodeDisplayData(key);
        if (!d || d.hidden || !d.forceLabel || !d.label) return;
        const p = sigma.framedGraphToViewport(d);
        reserved.push({ key, box: labelBox(p.x, p.y, sigma.scaleSize(d.size), measure!.measureText(d.label).width, settings.labelSize) });
      });
    },
    draw(context, data, settings) {
      if (!data.label) return;
      context.font = fontOf(settings);
      const box = labelBox(data.x, data.y, data.size, context.measureText(data.label).width, settings.labelSize);
      const key = data.key ?? "";
      const forced = !!data.forceLabel;
      if (drawn.some((d) => boxesOverlap(d.box, box, SLACK))) return;
      if (!forced && reserved.some((r) => r.key !== key && boxesOverlap(r.box, box, SLACK))) return;
      drawn.push({ key, box });
      const color = settings.labelColor.attribute ? String(data[settings.labelColor.attribute as keyof LabelData] ?? settings.labelColor.color ?? "#000") : (settings.labelColor.color ?? "#000");
      context.fillStyle = color;
      context.fillText(data.label, data.x + data.size + 3, data.y + settings.labelSize / 3);
    },
    drawn: () => drawn,
  };
}
