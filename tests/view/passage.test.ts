import { describe, expect, it } from "vitest";
import { splitPassage } from "@/lib/view/passage";

const text = "Alpha beta gamma. Delta <b>epsilon</b>.";

describe("splitPassage", () => {
  it("splits at the offsets", () => {
    const p = splitPassage(text, 6, 10);
    expect(p).toMatchObject({ before: "Alpha ", passage: "beta", found: true });
    expect(p.before + p.passage + p.after).toBe(text);
  });

  it("falls back to the quote when the offsets are stale", () => {
    const p = splitPassage(text, 0, 4, "gamma");
    expect(p).toMatchObject({ passage: "gamma", start: 11, end: 16, found: true });
  });

  it("keeps markup-looking text as plain text and reports when nothing matches", () => {
    expect(splitPassage(text, 24, 38).passage).toBe("<b>epsilon</b>");
    const none = splitPassage(text, 50, 60, "zeta");
    expect(none).toMatchObject({ before: text, passage: "", found: false });
  });
});
