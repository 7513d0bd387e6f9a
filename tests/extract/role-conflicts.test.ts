// lib/extract/assemble: conflicts between the titles a person is given, with the titles' signatures
// kept from one document to the next (RoleSignatures, as an incremental assembly keeps them). A
// synthetic person with two titles from two articles (the texts below); whether "Nordvik" is an
// entity's name decides whether the titles disagree: a known name is taken out of a title.
import { describe, expect, it } from "vitest";
import type { Evidence, RoleClaim, SerializedNode } from "@/lib/contract";
import { documentConflicts, RoleSignatures } from "@/lib/extract/assemble";
import type { ResolvedEntity } from "@/lib/extract/types";

const TEXTS = new Map([
  ["a1", "Anna Kessler, the Nordvik minister, spoke first."],
  ["a2", "Trade Minister Anna Kessler spoke next."],
]);

function passage(article: string, quote: string): Evidence {
  const start = TEXTS.get(article)!.indexOf(quote);
  return { article, start, end: start + quote.length, quote };
}

function entity(key: string, type: ResolvedEntity["type"], label: string): ResolvedEntity {
  return { key, type, label, aliases: new Map([[label, new Set(["a1"])]]), mentions: [] };
}

const KESSLER = "person:anna-kessler";
const ROLES = new Map<string, RoleClaim[]>([
  [
    KESSLER,
    [
      { role: "Nordvik minister", evidence: passage("a1", "Nordvik minister") },
      { role: "Trade Minister", evidence: passage("a2", "Trade Minister") },
    ],
  ],
]);
const NODES = [{ key: KESSLER, attributes: { label: "Anna Kessler" } }] as unknown as SerializedNode[];

function entities(withNordvik: boolean): Map<string, ResolvedEntity> {
  const all = new Map([[KESSLER, entity(KESSLER, "Person", "Anna Kessler")]]);
  if (withNordvik) all.set("org:nordvik", entity("org:nordvik", "Organization", "Nordvik"));
  return all;
}

function titleConflicts(withNordvik: boolean, signatures?: RoleSignatures) {
  return documentConflicts([], ROLES, entities(withNordvik), [], NODES, () => {}, signatures).filter((c) => c.field === "title");
}

describe("extract/assemble role conflicts", () => {
  it("should tell two ministers apart unless the word that differs is a known name", () => {
    // "Nordvik minister" against "Trade Minister": two posts. With Nordvik an organization, the first is just "minister".
    expect(titleConflicts(false).map((c) => c.claims.map((x) => x.value))).toEqual([["Nordvik minister", "Trade Minister"]]);
    expect(titleConflicts(true)).toEqual([]);
  });

  it("should work a kept signature out again when a name its words hold comes or goes, as a new set would", () => {
    const kept = new RoleSignatures();
    for (const withNordvik of [false, true, true, false, true]) {
      expect(titleConflicts(withNordvik, kept)).toEqual(titleConflicts(withNordvik));
    }
  });
});
