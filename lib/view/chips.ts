// The active restrictions as removable chips: one chip per filter value (or one for a long list), plus the
// neighbourhood and the path. Each chip carries the producer that removes it.
import { RELATION_TYPES, type RelationType } from "../contract/types";
import { formatWindow } from "./meetings";
import {
  clearNeighbourhood,
  clearPath,
  setDateWindow,
  setDisputedOnly,
  setHideIsolated,
  setMinSources,
  setRelationTypes,
  setShowCoMentions,
  toggleArticle,
  toggleNodeType,
  updateFilters,
  togglePublisher,
  type Producer,
  type ViewState,
} from "./state";
import { NODE_TYPE_LABELS, RELATION_PHRASES } from "./style";

export type ChipKind =
  | "nodeType"
  | "relationType"
  | "article"
  | "publisher"
  | "date"
  | "minSources"
  | "coMentions"
  | "disputed"
  | "isolated"
  | "neighbourhood"
  | "path";

export interface Chip {
  /** Stable id, e.g. "nodeType:Place", "relationType:ATTENDED". */
  id: string;
  kind: ChipKind;
  label: string;
  /** A longer description (the chip's tooltip and accessible name). */
  title: string;
  remove: Producer;
}

export interface ChipNames {
  article: (id: string) => string;
  node: (key: string) => string;
}

/** A relation type as people read it: "Heads", "Attended", "Met with". */
export function relationName(type: RelationType | "CO_MENTIONED"): string {
  return RELATION_PHRASES[type]?.out ?? type;
}

function ellipsis(text: string, max = 28): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

export function filterChips(state: ViewState, names: ChipNames): Chip[] {
  const f = state.filters;
  const chips: Chip[] = [];
  for (const type of f.hiddenNodeTypes) {
    chips.push({ id: `nodeType:${type}`, kind: "nodeType", label: `No ${NODE_TYPE_LABELS[type]}`, title: `${NODE_TYPE_LABELS[type]} nodes hidden`, remove: toggleNodeType(type) });
  }
  if (f.relationTypes.length > 0) {
    if (f.relationTypes.length <= RELATION_TYPES.length / 2) {
      for (const type of f.relationTypes) {
        chips.push({
          id: `relationType:${type}`,
          kind: "relationType",
          label: `Relation: ${relationName(type)}`,
          title: `Only ${type} relations (with the other chosen types)`,
          remove: setRelationTypes(f.relationTypes.filter((t) => t !== type)),
        });
      }
    } else {
      const left = RELATION_TYPES.filter((t) => !f.relationTypes.includes(t));
      chips.push({
        id: "relationType:*",
        kind: "relationType",
        label: left.length === 0 ? "Relations: all types" : `Relations: all but ${left.map(relationName).join(", ")}`,
        title: `Only ${f.relationTypes.join(", ")} relations`,
        remove: setRelationTypes([]),
      });
    }
  }
  if (f.articles.length <= 2) {
    for (const id of f.articles) {
      const name = names.article(id);
      chips.push({ id: `article:${id}`, kind: "article", label: `Source: ${ellipsis(name)}`, title: `Only evidence from “${name}”`, remove: toggleArticle(id) });
    }
  } else {
    chips.push({
      id: "article:*",
      kind: "article",
      label: `Sources: ${f.articles.length} articles`,
      title: `Only evidence from ${f.articles.map((id) => `“${names.article(id)}”`).join(", ")}`,
      remove: updateFilters((x) => ({ ...x, articles: [] })),
    });
  }
  for (const publisher of f.publishers) {
    chips.push({ id: `publisher:${publisher}`, kind: "publisher", label: `Publisher: ${ellipsis(publisher, 20)}`, title: `Only evidence published by ${publisher}`, remove: togglePublisher(publisher) });
  }
  if (f.dateFrom !== null || f.dateTo !== null) {
    const what = f.dateField === "event" ? "Event date" : "Published";
    const undated = f.includeUndated ? "" : ", undated left out";
    chips.push({
      id: "date",
      kind: "date",
      label: `${what}: ${formatWindow(f.dateFrom, f.dateTo)}`,
      title: `${f.dateField === "event" ? "Meetings dated" : "Evidence from articles published"} ${formatWindow(f.dateFrom, f.dateTo)}${undated}`,
      remove: setDateWindow(null, null),
    });
  }
  if (f.minSources > 1) {
    chips.push({ id: "minSources", kind: "minSources", label: `≥ ${f.minSources} sources`, title: `Only edges supported by at least ${f.minSources} articles`, remove: setMinSources(1) });
  }
  if (f.showCoMentions) {
    chips.push({ id: "coMentions", kind: "coMentions", label: "Co-mentions shown", title: "The co-mention layer (same sentence, not a relation) is shown", remove: setShowCoMentions(false) });
  }
  if (f.disputedOnly) {
    chips.push({ id: "disputed", kind: "disputed", label: "Only disputed facts", title: "Only what the sources disagree about", remove: setDisputedOnly(false) });
  }
  if (f.hideIsolated) {
    chips.push({ id: "isolated", kind: "isolated", label: "No isolated entities", title: "Entities without a visible relation are hidden", remove: setHideIsolated(false) });
  }
  const nb = state.neighbourhood;
  if (nb) {
    const name = names.node(nb.center);
    chips.push({
      id: "neighbourhood",
      kind: "neighbourhood",
      label: `Around ${ellipsis(name, 24)} · ${nb.hops} hop${nb.hops === 1 ? "" : "s"}`,
      title: `Only the neighbourhood of ${name}, ${nb.hops} hop${nb.hops === 1 ? "" : "s"}`,
      remove: clearNeighbourhood(),
    });
  }
  const path = state.path;
  if (path && path.from && path.to) {
    const a = names.node(path.from);
    const b = names.node(path.to);
    chips.push({ id: "path", kind: "path", label: `Path: ${ellipsis(a, 16)} → ${ellipsis(b, 16)}`, title: `Shortest path from ${a} to ${b}`, remove: clearPath() });
  }
  return chips;
}
