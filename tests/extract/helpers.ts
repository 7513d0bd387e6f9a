import { createHash } from "node:crypto";
import { extractCorpus } from "@/lib/extract";
import type { ArticleInput } from "@/lib/extract/types";
import type { GraphDocument, SerializedEdge, SerializedNode } from "@/lib/contract";

/** An article made of the given text, as the corpus reader would make it. */
export function article(id: string, text: string, meta: Partial<ArticleInput["meta"]> = {}): ArticleInput {
  return {
    meta: {
      id,
      file: `${id}.txt`,
      title: null,
      publisher: null,
      url: null,
      date: null,
      sha256: createHash("sha256").update(text).digest("hex"),
      chars: text.length,
      ...meta,
    },
    text,
  };
}

export function extract(...articles: ArticleInput[]): GraphDocument {
  return extractCorpus(articles).document;
}

export function nodeByLabel(doc: GraphDocument, label: string): SerializedNode | undefined {
  return doc.graph.nodes.find((n) => n.attributes.label === label || n.attributes.aliases.includes(label));
}

export function labels(doc: GraphDocument, type?: string): string[] {
  return doc.graph.nodes.filter((n) => !type || n.attributes.type === type).map((n) => n.attributes.label).sort();
}

/** Relations as "Source label TYPE Target label" strings (typed relations only). */
export function relations(doc: GraphDocument): string[] {
  const label = new Map(doc.graph.nodes.map((n) => [n.key, n.attributes.label]));
  return doc.graph.edges
    .filter((e: SerializedEdge) => e.attributes.type !== "CO_MENTIONED")
    .map((e) => `${label.get(e.source)} ${e.attributes.type} ${label.get(e.target)}`)
    .sort();
}
