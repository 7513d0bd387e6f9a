import { describe, expect, it } from "vitest";
import {
  BadRequestError,
  hasFilterParams,
  parseFewerThan,
  parseGraphFilters,
  parseHops,
  parseNodeKeyParam,
  parseSearch,
  parseSegment,
} from "@/lib/graph";

const sp = (query: string) => new URLSearchParams(query);

function badParameter(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as Error).message).toMatch(/^newsgraph\/graph: /);
    return (error as BadRequestError).parameter;
  }
  throw new Error("expected a BadRequestError");
}

describe("parseGraphFilters", () => {
  it("should parse every filter", () => {
    expect(
      parseGraphFilters(
        sp("types=person,Meeting&types=Place&relations=HEADS,attended&articles=a,b&publishers=AP&minSources=2&comentions=1&from=2025-01-01&to=2025-12-31"),
      ),
    ).toEqual({
      nodeTypes: ["Person", "Meeting", "Place"],
      relationTypes: ["HEADS", "ATTENDED"],
      articles: ["a", "b"],
      publishers: ["AP"],
      minSources: 2,
      includeCoMentions: true,
      dateFrom: "2025-01-01",
      dateTo: "2025-12-31",
    });
  });

  it("should return no filters for no parameters, ignoring blanks and unrelated ones", () => {
    expect(parseGraphFilters(sp(""))).toEqual({});
    expect(parseGraphFilters(sp("types=&relations=,&q=x"))).toEqual({});
    expect(parseGraphFilters(sp("comentions=false")).includeCoMentions).toBe(false);
  });

  it("should accept dateFrom/dateTo everywhere and from/to only with date aliases", () => {
    expect(parseGraphFilters(sp("dateFrom=2025-01-01&dateTo=2025-02-01"), { dateAliases: false })).toEqual({
      dateFrom: "2025-01-01",
      dateTo: "2025-02-01",
    });
    expect(parseGraphFilters(sp("from=person:a&to=person:b"), { dateAliases: false })).toEqual({});
  });

  it.each([
    ["types=Alien", "types"],
    ["relations=CO_MENTIONED", "relations"],
    ["relations=LOVES", "relations"],
    ["minSources=0", "minSources"],
    ["minSources=two", "minSources"],
    ["minSources=-1", "minSources"],
    ["comentions=maybe", "comentions"],
    ["from=2025-02-30", "from"],
    ["dateTo=yesterday", "dateTo"],
    ["from=2025-03-01&to=2025-02-01", "to"],
    ["articles=%00", "articles"],
  ])("should name the parameter in %s", (query, parameter) => {
    expect(badParameter(() => parseGraphFilters(sp(query)))).toBe(parameter);
  });

  it("should quote the bad value", () => {
    expect(() => parseGraphFilters(sp("minSources=abc"))).toThrow('newsgraph/graph: minSources must be an integer of at least 1, got "abc"');
  });
});

describe("hasFilterParams", () => {
  it("should see filter parameters only", () => {
    expect(hasFilterParams(sp(""))).toBe(false);
    expect(hasFilterParams(sp("q=x"))).toBe(false);
    expect(hasFilterParams(sp("comentions=1"))).toBe(true);
    expect(hasFilterParams(sp("from=2025-01-01"))).toBe(true);
    expect(hasFilterParams(sp("from=person:a"), { dateAliases: false })).toBe(false);
  });
});

describe("parseHops", () => {
  it("should default to 1 and accept 1 to 3", () => {
    expect(parseHops(sp(""))).toBe(1);
    expect(parseHops(sp("hops=3"))).toBe(3);
  });

  it.each(["0", "4", "7", "1.5", "x", "-1", "1e1"])("should reject hops=%s", (hops) => {
    expect(badParameter(() => parseHops(sp(`hops=${hops}`)))).toBe("hops");
  });

  it("should say what it expected", () => {
    expect(() => parseHops(sp("hops=7"))).toThrow('newsgraph/graph: hops must be an integer from 1 to 3, got "7"');
  });
});

describe("parseNodeKeyParam", () => {
  it("should accept a node key", () => {
    expect(parseNodeKeyParam(sp("key=person%3Akirill-dmitriev"), "key")).toBe("person:kirill-dmitriev");
  });

  it.each(["", "key=", "key=kirill", "key=person:a%20b", "key=:x"])("should reject %j", (query) => {
    expect(badParameter(() => parseNodeKeyParam(sp(query), "key"))).toBe("key");
  });

  it("should say the parameter is required", () => {
    expect(() => parseNodeKeyParam(sp(""), "entity")).toThrow("newsgraph/graph: entity is required");
  });
});

describe("parseSearch", () => {
  it("should parse q and limit", () => {
    expect(parseSearch(sp("q=Zelensky%E2%80%99s"))).toEqual({ q: "Zelensky’s", limit: 20 });
    expect(parseSearch(sp("q=x&limit=5"))).toEqual({ q: "x", limit: 5 });
  });

  it.each([
    ["", "q"],
    ["q=%20", "q"],
    ["q=---", "q"],
    ["q=x&limit=0", "limit"],
    ["q=x&limit=101", "limit"],
    ["q=x&limit=ten", "limit"],
  ])("should name the parameter in %j", (query, parameter) => {
    expect(badParameter(() => parseSearch(sp(query)))).toBe(parameter);
  });
});

describe("parseFewerThan", () => {
  it("should require a positive integer", () => {
    expect(parseFewerThan(sp("fewerThan=2"))).toBe(2);
    expect(badParameter(() => parseFewerThan(sp("")))).toBe("fewerThan");
    expect(badParameter(() => parseFewerThan(sp("fewerThan=0")))).toBe("fewerThan");
  });
});

describe("parseSegment", () => {
  it("should accept decoded and still-encoded keys", () => {
    expect(parseSegment("person:kirill-dmitriev", "key")).toBe("person:kirill-dmitriev");
    expect(parseSegment("person%3Akirill-dmitriev", "key")).toBe("person:kirill-dmitriev");
  });

  it("should reject bad segments naming them", () => {
    expect(badParameter(() => parseSegment(undefined, "id"))).toBe("id");
    expect(badParameter(() => parseSegment("", "id"))).toBe("id");
    expect(badParameter(() => parseSegment("%E0%A4%A", "id"))).toBe("id");
    expect(badParameter(() => parseSegment("a%00b", "id"))).toBe("id");
  });
});
