// Meetings (date, place, participants) and the timeline: the dated things a date window can select, on a
// day axis.
import type { ArticleMeta, NodeType } from "../contract/types";
import { groupDates, type ArticleIndex, type DateView } from "./details";
import type { DataGraph } from "./graphs";
import type { DateField } from "./state";
import { meetingRanges } from "./visibility";

export interface MeetingRef {
  key: string;
  label: string;
  type: NodeType;
}

export interface MeetingView {
  key: string;
  label: string;
  description: string | null;
  /** Dates as stated, one entry per distinct statement, with the articles stating it. */
  dates: DateView[];
  /** Earliest normalized start to latest normalized end; null when no date could be normalized. */
  range: { start: string; end: string } | null;
  places: MeetingRef[];
  participants: MeetingRef[];
}

const byLabel = (a: MeetingRef, b: MeetingRef) => a.label.localeCompare(b.label) || (a.key < b.key ? -1 : 1);

/** Every meeting, earliest first (undated last, then by label). */
export function meetingList(data: DataGraph, articles: ArticleIndex): MeetingView[] {
  const meetings: MeetingView[] = [];
  data.forEachNode((key, a) => {
    if (a.type !== "Meeting") return;
    const places = new Map<string, MeetingRef>();
    const participants = new Map<string, MeetingRef>();
    data.forEachEdge(key, (_edge, e, source, target) => {
      if (e.type === "HELD_IN" && source === key) {
        places.set(target, { key: target, label: data.getNodeAttribute(target, "label"), type: data.getNodeAttribute(target, "type") });
      } else if (e.type === "ATTENDED" && target === key) {
        participants.set(source, { key: source, label: data.getNodeAttribute(source, "label"), type: data.getNodeAttribute(source, "type") });
      }
    });
    const ranges = meetingRanges(a);
    const range =
      ranges.length === 0
        ? null
        : { start: ranges.map((r) => r.start).sort()[0]!, end: ranges.map((r) => r.end).sort().at(-1)! };
    meetings.push({
      key,
      label: a.label,
      description: a.description ?? null,
      dates: groupDates(a.dates?.length ? a.dates : a.date ? [a.date] : [], articles),
      range,
      places: [...places.values()].sort(byLabel),
      participants: [...participants.values()].sort(byLabel),
    });
  });
  return meetings.sort((x, y) => {
    if (x.range && y.range) return x.range.start < y.range.start ? -1 : x.range.start > y.range.start ? 1 : x.label.localeCompare(y.label);
    if (x.range || y.range) return x.range ? -1 : 1;
    return x.label.localeCompare(y.label);
  });
}

// ---------- days ----------

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export function dayNumber(iso: string): number {
  return Math.round(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS);
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** "13 Oct 2023" (UTC, English month abbreviations: the same on the server and in every browser). */
export function formatDay(iso: string): string {
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const m = Number(iso.slice(5, 7));
  return `${Number(iso.slice(8, 10))} ${months[m - 1] ?? "?"} ${iso.slice(0, 4)}`;
}

/** "13 Oct 2023 – 2 Nov 2023", "from 13 Oct 2023", "until 2 Nov 2023". */
export function formatWindow(from: string | null, to: string | null): string {
  if (from && to) return from === to ? formatDay(from) : `${formatDay(from)} – ${formatDay(to)}`;
  if (from) return `from ${formatDay(from)}`;
  if (to) return `until ${formatDay(to)}`;
  return "any date";
}

// ---------- timeline ----------

export interface TimelineEvent {
  key: string;
  kind: "meeting" | "article";
  label: string;
  start: string;
  end: string;
}

export interface TimelineModel {
  field: DateField;
  /** Dated meetings (event field) or dated articles (publication field), earliest first. */
  events: TimelineEvent[];
  /** The axis, in days (padded around the events); null when nothing is dated. */
  domain: { start: number; end: number } | null;
  /** Meetings or articles without a date. */
  undated: number;
}

/** At least this many days on the axis, so one dated meeting still gets a usable window around it. */
export const MIN_TIMELINE_DAYS = 60;

export function timelineModel(meetings: readonly MeetingView[], articles: readonly ArticleMeta[], field: DateField): TimelineModel {
  const events: TimelineEvent[] = [];
  let undated = 0;
  if (field === "event") {
    for (const m of meetings) {
      if (m.range) events.push({ key: m.key, kind: "meeting", label: m.label, start: m.range.start, end: m.range.end });
      else undated++;
    }
  } else {
    for (const a of articles) {
      const date = a.date?.slice(0, 10);
      if (date && /^\d{4}-\d{2}-\d{2}$/.test(date)) events.push({ key: a.id, kind: "article", label: a.title?.trim() || a.id, start: date, end: date });
      else undated++;
    }
  }
  events.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.label.localeCompare(b.label)));
  if (events.length === 0) return { field, events, domain: null, undated };
  let start = Math.min(...events.map((e) => dayNumber(e.start)));
  let end = Math.max(...events.map((e) => dayNumber(e.end)));
  const span = end - start;
  const pad = Math.max(Math.ceil(span * 0.05), Math.ceil((MIN_TIMELINE_DAYS - span) / 2), 1);
  start -= pad;
  end += pad;
  return { field, events, domain: { start, end }, undated };
}
