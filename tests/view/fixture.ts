// A tiny hand-written GraphDocument for the view tests (quotes are slices of ARTICLE_TEXT).
import type { GraphDocument } from "@/lib/contract";

export const ARTICLE_TEXT =
  "Kirill Dmitriev, who heads the Russian Direct Investment Fund (RDIF), met Steve Witkoff in Miami. " +
  "Dmitriev and Witkoff drafted the plan. Łukasz Borowiecki was there too.";

const q = (quote: string, article = "a1") => {
  const start = ARTICLE_TEXT.indexOf(quote);
  if (start < 0) throw new Error(`fixture quote not in text: ${quote}`);
  return { article, start, end: start + quote.length, quote };
};

export function fixtureDoc(): GraphDocument {
  return {
    version: 1,
    articles: [
      { id: "a1", file: "a1.txt", title: "Envoys meet in Miami", publisher: "Wire", url: null, date: "2025-10-27", sha256: "x", chars: ARTICLE_TEXT.length },
      { id: "a2", file: "a2.txt", title: null, publisher: null, url: null, date: null, sha256: "y", chars: 10 },
    ],
    graph: {
      options: { type: "directed", multi: true, allowSelfLoops: false },
      attributes: {},
      nodes: [
        {
          key: "person:kirill-dmitriev",
          attributes: {
            type: "Person",
            label: "Kirill Dmitriev",
            aliases: ["Dmitriev", "Kirill Dmitriev"],
            mentions: [{ article: "a1", start: 0, end: 15 }, { article: "a2", start: 0, end: 8 }],
            x: 0,
            y: 0,
            roles: [{ role: "head of RDIF", evidence: q("who heads the Russian Direct Investment Fund (RDIF)") }],
          },
        },
        {
          key: "org:russian-direct-investment-fund",
          attributes: { type: "Organization", label: "Russian Direct Investment Fund", aliases: ["RDIF"], mentions: [], x: 10, y: 0 },
        },
        { key: "person:steve-witkoff", attributes: { type: "Person", label: "Steve Witkoff", aliases: ["Witkoff"], mentions: [], x: 0, y: 10 } },
        { key: "place:miami", attributes: { type: "Place", label: "Miami", aliases: [], mentions: [], x: -10, y: 0 } },
        { key: "doc:the-plan", attributes: { type: "Document", label: "The plan", aliases: [], mentions: [], x: 5, y: 5 } },
        {
          key: "meeting:envoys-in-miami",
          attributes: {
            type: "Meeting",
            label: "Meeting in Miami: Kirill Dmitriev, Steve Witkoff and their delegations",
            aliases: [],
            mentions: [],
            x: -5,
            y: -5,
            date: { text: "late October", start: null, end: null, article: "a1" },
            dates: [
              { text: "late October", start: null, end: null, article: "a1" },
              { text: "late October", start: null, end: null, article: "a2" },
              { text: "October 24–26", start: "2025-10-24", end: "2025-10-26", article: "a2" },
            ],
          },
        },
        // No position: the render graph must place it.
        { key: "person:lukasz-borowiecki", attributes: { type: "Person", label: "Łukasz Borowiecki", aliases: [], mentions: [] } },
      ],
      edges: [
        {
          key: "person:kirill-dmitriev|HEADS|org:russian-direct-investment-fund",
          source: "person:kirill-dmitriev",
          target: "org:russian-direct-investment-fund",
          attributes: { type: "HEADS", evidence: [q("Kirill Dmitriev, who heads the Russian Direct Investment Fund (RDIF)")] },
        },
        {
          key: "person:kirill-dmitriev|MET_WITH|person:steve-witkoff",
          source: "person:kirill-dmitriev",
          target: "person:steve-witkoff",
          attributes: { type: "MET_WITH", evidence: [q("met Steve Witkoff in Miami")] },
        },
        {
          key: "person:steve-witkoff|DRAFTED|doc:the-plan",
          source: "person:steve-witkoff",
          target: "doc:the-plan",
          attributes: { type: "DRAFTED", evidence: [q("Dmitriev and Witkoff drafted the plan"), { article: "a2", start: 0, end: 4, quote: "plan" }] },
        },
        {
          key: "person:kirill-dmitriev|DRAFTED|doc:the-plan",
          source: "person:kirill-dmitriev",
          target: "doc:the-plan",
          attributes: { type: "DRAFTED", evidence: [q("Dmitriev and Witkoff drafted the plan")] },
        },
        {
          key: "person:kirill-dmitriev|CO_MENTIONED|place:miami",
          source: "person:kirill-dmitriev",
          target: "place:miami",
          attributes: { type: "CO_MENTIONED", evidence: [q("met Steve Witkoff in Miami")] },
        },
      ],
    },
    conflicts: [],
  };
}
