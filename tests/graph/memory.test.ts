import { beforeAll, describe, expect, it } from "vitest";
import { BadRequestError, NotFoundError, createMemoryQueries, type GraphQueries } from "@/lib/graph";
import { buildFixtureDocument, K } from "../fixtures/graph/fixture";

let q: GraphQueries;

beforeAll(() => {
  q = createMemoryQueries(buildFixtureDocument());
});

const ATTEND_ALPHA = {
  article: "alpha",
  start: 137,
  end: 267,
  quote: "Kirill Dmitriev, who heads the Russian Direct Investment Fund (RDIF), attended the Miami talks with Steve Witkoff on October 24–26",
};
const ATTEND_WARSAW = {
  article: "beta",
  start: 151,
  end: 217,
  quote: "The Warsaw summit was attended by Zelensky, Witkoff and Borowiecki",
};

describe("createMemoryQueries", () => {
  it("should say it is the memory backend", () => {
    expect(q.backend).toBe("memory");
  });

  it("should reject something that is not a GraphDocument", () => {
    expect(() => createMemoryQueries(undefined as never)).toThrow(/newsgraph\/graph: expected a GraphDocument/);
  });

  it("should hand out the whole document unchanged and frozen", async () => {
    const doc = await q.document();
    expect(doc).toEqual(buildFixtureDocument());
    expect(Object.isFrozen(doc.graph.nodes[0]!.attributes)).toBe(true);
  });

  it("should not let a caller corrupt the graph by mutating a result", async () => {
    const first = await q.node(K.DMI);
    first.attributes.label = "changed";
    first.relations[0]!.relations[0]!.evidence[0]!.quote = "changed";
    const again = await q.node(K.DMI);
    expect(again.attributes.label).toBe("Kirill Dmitriev");
    expect(again.relations[0]!.relations[0]!.evidence[0]!.quote).not.toBe("changed");
  });
});

describe("neighborhood", () => {
  it("should return the 1-hop typed neighborhood sorted by distance then key", async () => {
    const result = await q.neighborhood(K.DMI, 1);
    expect(result.center).toBe(K.DMI);
    expect(result.hops).toBe(1);
    expect(result.nodes.map((node) => [node.key, node.distance])).toEqual([
      [K.DMI, 0],
      [K.PLAN, 1],
      [K.MIAMI_TALKS, 1],
      [K.RDIF, 1],
      [K.US, 1],
    ]);
    expect(result.edges.map((edge) => edge.key)).toEqual([
      "org:united-states|SANCTIONED|person:kirill-dmitriev",
      "person:kirill-dmitriev|ATTENDED|meeting:miami-talks",
      "person:kirill-dmitriev|DRAFTED|doc:28-point-plan",
      "person:kirill-dmitriev|HEADS|org:russian-direct-investment-fund",
    ]);
  });

  it("should carry node attributes and edge evidence", async () => {
    const result = await q.neighborhood(K.DMI, 1);
    expect(result.nodes[0]!.attributes.label).toBe("Kirill Dmitriev");
    const attended = result.edges.find((edge) => edge.attributes.type === "ATTENDED")!;
    expect(attended).toMatchObject({ source: K.DMI, target: K.MIAMI_TALKS });
    expect(attended.attributes.evidence).toEqual([ATTEND_ALPHA]);
  });

  it("should add the co-mention layer only when asked", async () => {
    const result = await q.neighborhood(K.DMI, 1, { includeCoMentions: true });
    expect(result.nodes.map((node) => node.key)).toContain(K.NUN);
    expect(result.edges.map((edge) => edge.key)).toContain("person:marta-nunez|CO_MENTIONED|person:kirill-dmitriev");
  });

  it("should include every edge between the nodes found at 2 hops", async () => {
    const result = await q.neighborhood(K.DMI, 2);
    expect(result.nodes.map((node) => [node.key, node.distance])).toEqual([
      [K.DMI, 0],
      [K.PLAN, 1],
      [K.MIAMI_TALKS, 1],
      [K.RDIF, 1],
      [K.US, 1],
      [K.WIT, 2],
      [K.ZEL, 2],
      [K.MIAMI, 2],
    ]);
    expect(result.edges.map((edge) => edge.key)).toEqual([
      "meeting:miami-talks|HELD_IN|place:miami",
      "org:united-states|SANCTIONED|person:kirill-dmitriev",
      "person:kirill-dmitriev|ATTENDED|meeting:miami-talks",
      "person:kirill-dmitriev|DRAFTED|doc:28-point-plan",
      "person:kirill-dmitriev|HEADS|org:russian-direct-investment-fund",
      "person:steve-witkoff|ATTENDED|meeting:miami-talks",
      "person:steve-witkoff|DRAFTED|doc:28-point-plan",
      "person:volodymyr-zelensky|ATTENDED|meeting:miami-talks",
      "person:volodymyr-zelensky|OPPOSES|doc:28-point-plan",
    ]);
  });

  it("should keep the center but filter the other nodes by type", async () => {
    const result = await q.neighborhood(K.DMI, 2, { nodeTypes: ["Organization"] });
    expect(result.nodes.map((node) => node.key)).toEqual([K.DMI, K.RDIF, K.US]);
  });

  it("should follow only the chosen relation types", async () => {
    const result = await q.neighborhood(K.ZEL, 3, { relationTypes: ["MET_WITH", "HEADS"] });
    expect(result.nodes.map((node) => [node.key, node.distance])).toEqual([
      [K.ZEL, 0],
      [K.BOR, 1],
      [K.BEC, 2],
    ]);
  });

  it("should restrict evidence to the chosen articles", async () => {
    const result = await q.neighborhood(K.MIAMI_TALKS, 1, { articles: ["beta"] });
    expect(result.nodes.map((node) => node.key)).toEqual([K.MIAMI_TALKS, K.MIAMI]);
    const heldIn = result.edges[0]!;
    expect(heldIn.attributes.evidence.map((evidence) => evidence.article)).toEqual(["beta"]);
    expect(heldIn.attributes.articleCount).toBe(1);
    expect(heldIn.attributes.publisherCount).toBe(1);
    expect(result.nodes[0]!.attributes.mentions.map((mention) => mention.article)).toEqual(["beta"]);
  });

  it("should keep only corroborated edges with minSources", async () => {
    const result = await q.neighborhood(K.MIAMI_TALKS, 1, { minSources: 2 });
    expect(result.edges.map((edge) => edge.key)).toEqual(["meeting:miami-talks|HELD_IN|place:miami"]);
  });

  it("should return just the center for an isolated node", async () => {
    const result = await q.neighborhood(K.ZELENOGRAD, 3);
    expect(result.nodes.map((node) => node.key)).toEqual([K.ZELENOGRAD]);
    expect(result.edges).toEqual([]);
  });

  it("should throw NotFoundError naming an unknown node", async () => {
    await expect(q.neighborhood("person:nobody", 1)).rejects.toThrow(NotFoundError);
    await expect(q.neighborhood("person:nobody", 1)).rejects.toThrow('newsgraph/graph: unknown node "person:nobody"');
  });

  it.each([0, 4, 7, 1.5, Number.NaN, "2"])("should reject hops %s", async (hops) => {
    const error = await q.neighborhood(K.DMI, hops as number).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).parameter).toBe("hops");
    expect((error as Error).message).toMatch(/^newsgraph\/graph: hops must be an integer from 1 to 3, got /);
  });

  it("should name the value in the hops error", async () => {
    await expect(q.neighborhood(K.DMI, 7)).rejects.toThrow("newsgraph/graph: hops must be an integer from 1 to 3, got 7");
  });

  it("should reject bad filters naming the filter", async () => {
    await expect(q.neighborhood(K.DMI, 1, { nodeTypes: ["Alien" as never] })).rejects.toMatchObject({ parameter: "nodeTypes" });
    await expect(q.neighborhood(K.DMI, 1, { articles: ["nope"] })).rejects.toThrow('unknown article "nope"');
    await expect(q.neighborhood(K.DMI, 1, { minSources: 0 })).rejects.toMatchObject({ parameter: "minSources" });
    await expect(q.neighborhood(K.DMI, 1, { dateFrom: "2025-13-01" })).rejects.toMatchObject({ parameter: "dateFrom" });
    await expect(q.neighborhood(K.DMI, 1, { dateFrom: "2025-12-01", dateTo: "2025-01-01" })).rejects.toMatchObject({
      parameter: "dateTo",
    });
    await expect(q.neighborhood(K.DMI, 1, { colour: "red" } as never)).rejects.toThrow('unknown filter "colour"');
  });
});

describe("shortestPath", () => {
  it("should return the ordered hops with direction and evidence", async () => {
    const path = await q.shortestPath(K.ZEL, K.DMI);
    expect(path).toEqual({
      from: K.ZEL,
      to: K.DMI,
      length: 2,
      nodes: [
        { key: K.ZEL, type: "Person", label: "Volodymyr Zelensky" },
        { key: K.PLAN, type: "Document", label: "28-point plan" },
        { key: K.DMI, type: "Person", label: "Kirill Dmitriev" },
      ],
      hops: [
        {
          from: K.ZEL,
          to: K.PLAN,
          edge: {
            key: "person:volodymyr-zelensky|OPPOSES|doc:28-point-plan",
            type: "OPPOSES",
            source: K.ZEL,
            target: K.PLAN,
            direction: "forward",
            articleCount: 1,
            evidence: [{ article: "beta", start: 114, end: 149, quote: "Zelenskiy opposed the 28-point plan" }],
          },
        },
        {
          from: K.PLAN,
          to: K.DMI,
          edge: {
            key: "person:kirill-dmitriev|DRAFTED|doc:28-point-plan",
            type: "DRAFTED",
            source: K.DMI,
            target: K.PLAN,
            direction: "backward",
            articleCount: 1,
            evidence: [{ article: "beta", start: 66, end: 112, quote: "Witkoff and Dmitriev drafted the 28-point plan" }],
          },
        },
      ],
    });
  });

  it("should break ties lexicographically and honour relation and node filters", async () => {
    // Via doc:28-point-plan and via meeting:miami-talks are both 2 hops; "doc:" < "meeting:".
    expect((await q.shortestPath(K.ZEL, K.DMI))!.nodes.map((node) => node.key)).toEqual([K.ZEL, K.PLAN, K.DMI]);
    const attended = await q.shortestPath(K.ZEL, K.DMI, { relationTypes: ["ATTENDED"] });
    expect(attended!.nodes.map((node) => node.key)).toEqual([K.ZEL, K.MIAMI_TALKS, K.DMI]);
    const noDocuments = await q.shortestPath(K.ZEL, K.DMI, { nodeTypes: ["Person", "Meeting"] });
    expect(noDocuments!.nodes.map((node) => node.key)).toEqual([K.ZEL, K.MIAMI_TALKS, K.DMI]);
  });

  it("should give the same answer in both directions, reversed", async () => {
    const forward = await q.shortestPath(K.NUN, K.BOR);
    const backward = await q.shortestPath(K.BOR, K.NUN);
    expect(forward!.nodes.map((node) => node.key)).toEqual([K.NUN, K.WIT, K.WARSAW_SUMMIT, K.BOR]);
    expect(backward!.nodes.map((node) => node.key)).toEqual([K.BOR, K.WARSAW_SUMMIT, K.WIT, K.NUN]);
    expect(forward!.hops.map((hop) => hop.edge.direction)).toEqual(["forward", "forward", "backward"]);
    expect(backward!.hops.map((hop) => hop.edge.direction)).toEqual(["forward", "backward", "backward"]);
  });

  it("should ignore CO_MENTIONED unless includeCoMentions", async () => {
    expect((await q.shortestPath(K.NUN, K.DMI))!.length).toBe(3);
    const withCoMentions = await q.shortestPath(K.NUN, K.DMI, { includeCoMentions: true });
    expect(withCoMentions!.length).toBe(1);
    expect(withCoMentions!.hops[0]!.edge.type).toBe("CO_MENTIONED");
  });

  it("should prefer a typed relation to a parallel co-mention", async () => {
    const path = await q.shortestPath(K.ZEL, K.BOR, { includeCoMentions: true });
    expect(path!.hops).toHaveLength(1);
    expect(path!.hops[0]!.edge.type).toBe("MET_WITH");
  });

  it("should return null when no path exists", async () => {
    expect(await q.shortestPath(K.ZEL, K.ZELENOGRAD)).toBeNull();
    expect(await q.shortestPath(K.ZEL, K.BEC, { relationTypes: ["ATTENDED"] })).toBeNull();
  });

  it("should return an empty path from a node to itself", async () => {
    expect(await q.shortestPath(K.ZEL, K.ZEL)).toEqual({
      from: K.ZEL,
      to: K.ZEL,
      length: 0,
      nodes: [{ key: K.ZEL, type: "Person", label: "Volodymyr Zelensky" }],
      hops: [],
    });
  });

  it("should carry the edge note", async () => {
    const path = await q.shortestPath(K.NUN, K.WIT);
    expect(path!.hops[0]!.edge.note).toBe("adviser");
  });

  it("should throw naming an unknown end", async () => {
    await expect(q.shortestPath(K.ZEL, "person:nobody")).rejects.toThrow('newsgraph/graph: unknown node "person:nobody"');
    await expect(q.shortestPath("", K.ZEL)).rejects.toMatchObject({ parameter: "from" });
  });
});

describe("meetingsOf", () => {
  it("should list attended meetings chronologically with places, participants and evidence", async () => {
    const meetings = await q.meetingsOf(K.ZEL);
    expect(meetings.map((meeting) => meeting.key)).toEqual([K.WARSAW_SUMMIT, K.MIAMI_TALKS]);
    const miami = meetings[1]!;
    expect(miami).toEqual({
      key: K.MIAMI_TALKS,
      label: "Miami talks",
      description: "meeting in Miami",
      date: { text: "October 24–26", start: "2025-10-24", end: "2025-10-26", article: "alpha" },
      dates: [
        { text: "October 24–26", start: "2025-10-24", end: "2025-10-26", article: "alpha" },
        { text: "October 25", start: "2025-10-25", end: "2025-10-25", article: "beta" },
      ],
      places: [
        {
          key: K.MIAMI,
          type: "Place",
          label: "Miami",
          evidence: [
            { article: "alpha", start: 269, end: 297, quote: "The talks were held in Miami" },
            { article: "beta", start: 24, end: 64, quote: "the Miami talks took place on October 25" },
          ],
        },
      ],
      participants: [
        { key: K.DMI, type: "Person", label: "Kirill Dmitriev", evidence: [ATTEND_ALPHA] },
        { key: K.WIT, type: "Person", label: "Steve Witkoff", evidence: [ATTEND_ALPHA] },
        {
          key: K.ZEL,
          type: "Person",
          label: "Volodymyr Zelensky",
          evidence: [{ article: "gamma", start: 154, end: 199, quote: "Zelensky also joined the Miami talks by video" }],
        },
      ],
      evidence: [{ article: "gamma", start: 154, end: 199, quote: "Zelensky also joined the Miami talks by video" }],
    });
  });

  it("should return the Warsaw summit's participants", async () => {
    const [warsaw] = await q.meetingsOf(K.BOR);
    expect(warsaw!.participants.map((participant) => participant.key)).toEqual([K.BOR, K.WIT, K.ZEL]);
    expect(warsaw!.places.map((place) => place.key)).toEqual([K.WARSAW]);
    expect(warsaw!.evidence).toEqual([ATTEND_WARSAW]);
    expect(warsaw).not.toHaveProperty("description");
  });

  it("should return an empty list for an entity that attended nothing", async () => {
    expect(await q.meetingsOf(K.NUN)).toEqual([]);
    expect(await q.meetingsOf(K.US)).toEqual([]);
  });

  it("should refuse a meeting or an unknown key", async () => {
    await expect(q.meetingsOf(K.MIAMI_TALKS)).rejects.toMatchObject({ name: "BadRequestError", parameter: "entity" });
    await expect(q.meetingsOf("person:nobody")).rejects.toThrow(NotFoundError);
  });
});

describe("coAttendees", () => {
  it("should rank co-attendees by shared meetings, then key", async () => {
    expect(await q.coAttendees(K.ZEL)).toEqual([
      {
        key: K.WIT,
        type: "Person",
        label: "Steve Witkoff",
        meetings: [
          { key: K.MIAMI_TALKS, type: "Meeting", label: "Miami talks" },
          { key: K.WARSAW_SUMMIT, type: "Meeting", label: "Warsaw summit" },
        ],
      },
      {
        key: K.DMI,
        type: "Person",
        label: "Kirill Dmitriev",
        meetings: [{ key: K.MIAMI_TALKS, type: "Meeting", label: "Miami talks" }],
      },
      {
        key: K.BOR,
        type: "Person",
        label: "Łukasz Borowiecki",
        meetings: [{ key: K.WARSAW_SUMMIT, type: "Meeting", label: "Warsaw summit" }],
      },
    ]);
  });

  it("should not list the entity itself, and be empty without meetings", async () => {
    expect((await q.coAttendees(K.DMI)).map((item) => item.key)).toEqual([K.WIT, K.ZEL]);
    expect(await q.coAttendees(K.NUN)).toEqual([]);
  });

  it("should throw for an unknown key", async () => {
    await expect(q.coAttendees("org:nothing")).rejects.toThrow('newsgraph/graph: unknown node "org:nothing"');
  });
});

describe("entitiesBySource", () => {
  it("should list what an article names, in reading order", async () => {
    const result = await q.entitiesBySource("gamma");
    expect(result.article).toMatchObject({ id: "gamma", file: "gamma.md", publisher: null });
    expect(result.entities.map((entity) => [entity.key, entity.firstOffset, entity.relations])).toEqual([
      [K.DMI, 0, 1],
      [K.US, 31, 1],
      [K.ZELENOGRAD, 68, 0],
      [K.NUN, 80, 1],
      [K.WIT, 100, 1],
      [K.ZEL, 154, 1],
      [K.MIAMI_TALKS, 175, 1],
    ]);
    expect(result.entities[0]!.mentions).toEqual([
      { article: "gamma", start: 0, end: 8 },
      { article: "gamma", start: 125, end: 133 },
    ]);
  });

  it("should include meetings and documents", async () => {
    const keys = (await q.entitiesBySource("beta")).entities.map((entity) => entity.key);
    expect(keys).toEqual(expect.arrayContaining([K.MIAMI_TALKS, K.WARSAW_SUMMIT, K.PLAN, K.MIAMI, K.WARSAW]));
    expect(keys).not.toContain(K.NUN);
  });

  it("should throw NotFoundError for an unknown article", async () => {
    await expect(q.entitiesBySource("delta")).rejects.toThrow(NotFoundError);
    await expect(q.entitiesBySource("delta")).rejects.toThrow('newsgraph/graph: unknown article "delta"');
  });
});

describe("claimsWithFewerThan", () => {
  it("should list typed edges with fewer distinct articles, least supported first", async () => {
    const claims = await q.claimsWithFewerThan(2);
    expect(claims).toHaveLength(15);
    expect(claims.every((claim) => claim.articleCount === 1)).toBe(true);
    expect(claims.map((claim) => claim.type)).not.toContain("CO_MENTIONED");
    expect(claims.map((claim) => claim.key)).not.toContain("meeting:miami-talks|HELD_IN|place:miami");
    expect(claims.map((claim) => claim.key)).toEqual([...claims.map((claim) => claim.key)].sort());
    expect(claims.find((claim) => claim.type === "ADVISES")).toEqual({
      key: "person:marta-nunez|ADVISES|person:steve-witkoff",
      type: "ADVISES",
      source: { key: K.NUN, type: "Person", label: "Marta Núñez" },
      target: { key: K.WIT, type: "Person", label: "Steve Witkoff" },
      note: "adviser",
      articleCount: 1,
      evidence: [{ article: "gamma", start: 80, end: 113, quote: "Marta Núñez advises Steve Witkoff" }],
    });
  });

  it("should include the corroborated edge once n is above its count", async () => {
    const claims = await q.claimsWithFewerThan(3);
    expect(claims).toHaveLength(16);
    expect(claims.at(-1)!.key).toBe("meeting:miami-talks|HELD_IN|place:miami");
    expect(claims.at(-1)!.articleCount).toBe(2);
  });

  it("should return nothing for n = 1", async () => {
    expect(await q.claimsWithFewerThan(1)).toEqual([]);
  });

  it.each([0, -1, 2.5, Number.POSITIVE_INFINITY])("should reject n = %s", async (n) => {
    await expect(q.claimsWithFewerThan(n)).rejects.toMatchObject({ name: "BadRequestError", parameter: "n" });
  });
});

describe("node", () => {
  it("should return attributes, grouped relations with evidence, and conflicts", async () => {
    const detail = await q.node(K.NUN);
    expect(detail.key).toBe(K.NUN);
    expect(detail.attributes.label).toBe("Marta Núñez");
    expect(detail.relations).toEqual([
      {
        type: "ADVISES",
        direction: "out",
        relations: [
          {
            key: "person:marta-nunez|ADVISES|person:steve-witkoff",
            type: "ADVISES",
            direction: "out",
            other: { key: K.WIT, type: "Person", label: "Steve Witkoff" },
            note: "adviser",
            articleCount: 1,
            evidence: [{ article: "gamma", start: 80, end: 113, quote: "Marta Núñez advises Steve Witkoff" }],
          },
        ],
      },
      {
        type: "CO_MENTIONED",
        direction: "out",
        relations: [
          {
            key: "person:marta-nunez|CO_MENTIONED|person:kirill-dmitriev",
            type: "CO_MENTIONED",
            direction: "out",
            other: { key: K.DMI, type: "Person", label: "Kirill Dmitriev" },
            articleCount: 1,
            evidence: [{ article: "gamma", start: 115, end: 153, quote: "Núñez and Dmitriev were seen together." }],
          },
        ],
      },
    ]);
    expect(detail.conflicts).toEqual([]);
  });

  it("should order groups by relation type, out before in", async () => {
    const detail = await q.node(K.DMI);
    expect(detail.relations.map((group) => `${group.type}:${group.direction}`)).toEqual([
      "HEADS:out",
      "ATTENDED:out",
      "SANCTIONED:in",
      "DRAFTED:out",
      "CO_MENTIONED:in",
    ]);
  });

  it("should order a group's relations by articles, then key", async () => {
    const detail = await q.node(K.MIAMI_TALKS);
    const attended = detail.relations.find((group) => group.type === "ATTENDED")!;
    expect(attended.direction).toBe("in");
    expect(attended.relations.map((relation) => relation.other.key)).toEqual([K.DMI, K.WIT, K.ZEL]);
    expect(detail.conflicts).toHaveLength(1);
    expect(detail.conflicts[0]!.claims.map((claim) => claim.value)).toEqual(["October 24–26", "October 25"]);
  });

  it("should throw for an unknown or malformed key", async () => {
    await expect(q.node("person:nobody")).rejects.toThrow('newsgraph/graph: unknown node "person:nobody"');
    await expect(q.node(42 as never)).rejects.toMatchObject({ parameter: "key" });
  });
});

describe("result determinism", () => {
  it("should give identical results from a document with shuffled nodes and edges", async () => {
    const doc = buildFixtureDocument();
    doc.graph.nodes.reverse();
    doc.graph.edges.reverse();
    const shuffled = createMemoryQueries(doc);
    expect(await shuffled.neighborhood(K.ZEL, 2, { includeCoMentions: true })).toEqual(
      await q.neighborhood(K.ZEL, 2, { includeCoMentions: true }),
    );
    expect(await shuffled.shortestPath(K.NUN, K.BOR)).toEqual(await q.shortestPath(K.NUN, K.BOR));
    expect(await shuffled.shortestPath(K.ZEL, K.DMI)).toEqual(await q.shortestPath(K.ZEL, K.DMI));
    expect(await shuffled.coAttendees(K.ZEL)).toEqual(await q.coAttendees(K.ZEL));
    expect(await shuffled.meetingsOf(K.ZEL)).toEqual(await q.meetingsOf(K.ZEL));
    expect(await shuffled.claimsWithFewerThan(3)).toEqual(await q.claimsWithFewerThan(3));
    expect(await shuffled.search("zel")).toEqual(await q.search("zel"));
    expect(await shuffled.node(K.DMI)).toEqual(await q.node(K.DMI));
    expect(await shuffled.entitiesBySource("beta")).toEqual(await q.entitiesBySource("beta"));
    expect(await shuffled.subgraph({ publishers: ["wire service"] })).toEqual(await q.subgraph({ publishers: ["wire service"] }));
  });
});
