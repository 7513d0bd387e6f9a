"use client";
// The progress indicator of a graph load: a bar (determinate when the size is known) and the step in words.
// The bar is a progressbar whose value text says the step and the bytes received; the step alone goes to a
// polite live region, so a screen reader hears each step once, not every chunk of the download.
import { progressAnnouncement, progressPercent, progressText, type LoadProgress as Progress } from "@/lib/view";

export interface LoadProgressProps {
  progress: Progress;
  /** Over the canvas (the draw step) rather than in place of it. */
  overlay?: boolean;
}

export default function LoadProgress({ progress, overlay = false }: LoadProgressProps) {
  const percent = progressPercent(progress);
  const text = progressText(progress);
  return (
    <div className={overlay ? "state state--overlay load-progress" : "state load-progress"} data-testid="state-loading" data-step={progress.step}>
      <div
        className="load-progress__bar"
        role="progressbar"
        aria-label="Loading the graph"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={text}
        data-testid="load-progress"
      >
        <div className={percent === null ? "load-progress__fill load-progress__fill--indeterminate" : "load-progress__fill"} style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
      <p aria-hidden="true">{text}</p>
      <p className="visually-hidden" role="status">
        {progressAnnouncement(progress)}
      </p>
    </div>
  );
}
