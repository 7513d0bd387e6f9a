// The view in the URL: what a shared link must reproduce (selection, filters, time window, neighbourhood,
// path, panel, open passage, camera) as short query parameters; the hover and the search text stay out.
// Parsing is lenient: a bad or unknown parameter is dropped, never an error (links get edited by hand).
//
//   node=person:x | edge=<edge key>          selection
//   panel=filters|path|meetings|conflicts    side panel tab (details is the default)
//   hide=Place,Document  rel=HEADS,ATTENDED  entity types hidden, only these relations
//   art=<id>&art=<id>  pub=<name>&pub=…      source articles, publishers
//   from=YYYY-MM-DD  to=YYYY-MM-DD  dates=pub  undated=0   date window (event date unless dates=pub)
//   min=2  co=1  disputed=1  isolated=1  fade=1
//   nb=<key>  hops=2  cap=10  more=<key>&more=…          neighbourhood, hub cap, expanded hubs
//   pfrom=<key>  pto=<key>                    path ends
//   read=<article>  at=<start>-<end>          passage open in the reader
//   cam=x,y,ratio,angle                       camera
import { NODE_TYPES, RELATION_TYPES, type NodeType, type RelationType } from "../contract/types";
import { isIsoDay } from "../graph/utils";
import {
  DEFAULT_FILTERS,
  DEFAULT_HUB_CAP,
  MAX_HOPS,
  MIN_HOPS,
  PANELS,
  initialViewState,
  type CameraView,
  type FilterState,
  type Panel,
  type ViewState,
} from "./state";


function round(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}

/** encodeURIComponent, leaving the characters that are safe in a query value and make keys readable. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ":").replace(/%2C/gi, ",").replace(/%7C/gi, "|").replace(/%40/gi, "@");
}

/** The query string (without "?") for a view; "" for the initial view. */
export function viewToQuery(state: ViewState): string {
  const parts: [string, string][] = [];
  const add = (name: string, value: string | number) => parts.push([name, String(value)]);
  if (state.selectedNode) add("node", state.selectedNode);
  else if (state.selectedEdge) add("edge", state.selectedEdge);
  if (state.panel !== "details") add("panel", state.panel);
  const f = state.filters;
  if (f.hiddenNodeTypes.length) add("hide", f.hiddenNodeTypes.join(","));
  if (f.relationTypes.length) add("rel", f.relationTypes.join(","));
  for (const id of f.articles) add("art", id);
  for (const p of f.publishers) add("pub", p);
  if (f.dateFrom) add("from", f.dateFrom);
  if (f.dateTo) add("to", f.dateTo);
  if (f.dateField !== DEFAULT_FILTERS.dateField) add("dates", "pub");
  if (f.includeUndated !== DEFAULT_FILTERS.includeUndated) add("undated", "0");
  if (f.minSources > 1) add("min", f.minSources);
  if (f.showCoMentions) add("co", 1);
  if (f.disputedOnly) add("disputed", 1);
  if (f.hideIsolated) add("isolated", 1);
  if (f.fade) add("fade", 1);
  const nb = state.neighbourhood;
  if (nb) {
    add("nb", nb.center);
    add("hops", nb.hops);
    if (nb.cap !== DEFAULT_HUB_CAP) add("cap", nb.cap);
    for (const hub of nb.expanded) add("more", hub);
  }
  if (state.path?.from) add("pfrom", state.path.from);
  if (state.path?.to) add("pto", state.path.to);
  if (state.passage) {
    add("read", state.passage.article);
    add("at", `${state.passage.start}-${state.passage.end}`);
  }
  const cam = state.camera;
  if (cam) add("cam", [cam.x, cam.y, cam.ratio, cam.angle].map(round).join(","));
  return parts.map(([k, v]) => `${k}=${encode(v)}`).join("&");
}

function enumList<T extends string>(raw: string | null, allowed: readonly T[]): T[] {
  if (!raw) return [];
  const wanted = new Set(raw.split(",").map((s) => s.trim().toLowerCase()));
  return allowed.filter((t) => wanted.has(t.toLowerCase()));
}

function positiveInt(raw: string | null, max: number): number | null {
  if (!raw || !/^\d{1,6}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && n <= max ? n : null;
}

function nonEmpty(raw: string | null): string | null {
  const v = raw?.trim();
  return v ? v : null;
}

function camera(raw: string | null): CameraView | null {
  if (!raw) return null;
  const values = raw.split(",").map(Number);
  if (values.length !== 4 || values.some((v) => !Number.isFinite(v))) return null;
  const [x, y, ratio, angle] = values as [number, number, number, number];
  if (ratio <= 0) return null;
  return { x, y, ratio, angle };
}

/** The view a query string describes (leading "?" allowed); everything absent or invalid stays initial. */
export function viewFromQuery(query: string | URLSearchParams): ViewState {
  const params = typeof query === "string" ? new URLSearchParams(query.replace(/^\?/, "")) : query;
  const get = (name: string) => params.get(name);
  const from = get("from");
  const to = get("to");
  let dateFrom = from && isIsoDay(from) ? from : null;
  let dateTo = to && isIsoDay(to) ? to : null;
  if (dateFrom && dateTo && dateFrom > dateTo) [dateFrom, dateTo] = [dateTo, dateFrom];
  const filters: FilterState = {
    hiddenNodeTypes: enumList<NodeType>(get("hide"), NODE_TYPES),
    relationTypes: enumList<RelationType>(get("rel"), RELATION_TYPES),
    articles: [...new Set(params.getAll("art").map((s) => s.trim()).filter(Boolean))].sort(),
    publishers: [...new Set(params.getAll("pub").map((s) => s.trim()).filter(Boolean))].sort(),
    dateFrom,
    dateTo,
    dateField: get("dates") === "pub" ? "publication" : "event",
    includeUndated: get("undated") !== "0",
    minSources: positiveInt(get("min"), 1_000_000) ?? 1,
    showCoMentions: get("co") === "1",
    disputedOnly: get("disputed") === "1",
    hideIsolated: get("isolated") === "1",
    fade: get("fade") === "1",
  };
  const center = nonEmpty(get("nb"));
  const hops = positiveInt(get("hops"), MAX_HOPS);
  const neighbourhood = center
    ? {
        center,
        hops: Math.max(MIN_HOPS, hops ?? MIN_HOPS),
        cap: positiveInt(get("cap"), 500) ?? DEFAULT_HUB_CAP,
        expanded: [...new Set(params.getAll("more").map((s) => s.trim()).filter(Boolean))].sort(),
      }
    : null;
  const pfrom = nonEmpty(get("pfrom"));
  const pto = nonEmpty(get("pto"));
  const panel = get("panel");
  const read = nonEmpty(get("read"));
  const at = /^(\d{1,9})-(\d{1,9})$/.exec(get("at") ?? "");
  const node = nonEmpty(get("node"));
  return {
    ...initialViewState,
    selectedNode: node,
    selectedEdge: node ? null : nonEmpty(get("edge")),
    panel: PANELS.includes(panel as Panel) ? (panel as Panel) : "details",
    filters,
    neighbourhood: neighbourhood && pfrom === null && pto === null ? neighbourhood : null,
    path: pfrom || pto ? { from: pfrom, to: pto } : null,
    passage: read && at ? { article: read, start: Number(at[1]), end: Number(at[2]) } : null,
    camera: camera(get("cam")),
  };
}

/** A query string from Next's `searchParams` record (the page passes it to the explorer). */
export function queryFromRecord(record: Record<string, string | string[] | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(record)) {
    if (Array.isArray(value)) value.forEach((v) => params.append(key, v));
    else if (value !== undefined) params.append(key, value);
  }
  return params.toString();
}
