// One sentence per capability of the extractor (issue 4): names, types, identity, relations,
// meetings, conflicts, corroboration. The sentences are written for these tests in the style
// of wire copy; none is taken from the seed or dev corpora.
import { describe, expect, it } from "vitest";
import { analyzeArticle, buildGazetteer } from "@/lib/extract";
import { article, extract, labels, nodeByLabel, relations } from "./helpers";

describe("extract/names", () => {
  it("should find Ukrainian and Russian names that no given-name list knows", () => {
    const doc = extract(article("a", "The talks were led by Oleksandr Kubrakov and Dmitry Peskov, officials said."));
    expect(labels(doc, "Person")).toEqual(["Dmitry Peskov", "Oleksandr Kubrakov"]);
  });

  it("should take the name after a long title and keep the title as a role", () => {
    const doc = extract(article("a", "Deputy Head of the Presidential Office Ihor Zhovkva said the offer was unacceptable."));
    const person = nodeByLabel(doc, "Ihor Zhovkva");
    expect(person?.attributes.type).toBe("Person");
    expect(person?.attributes.roles?.[0]?.role).toMatch(/Deputy Head of the Presidential Office/);
  });

  it("should read curly-apostrophe possessives as the name", () => {
    const doc = extract(article("a", "Later, Erdoğan’s spokesman Ibrahim Kalin called Recep Tayyip Erdoğan’s offer final. Erdoğan agreed."));
    expect(labels(doc, "Person")).toContain("Recep Tayyip Erdoğan");
    expect(labels(doc, "Person").filter((l) => /Erdo/.test(l))).toHaveLength(1);
  });

  it("should split people listed with 'and' or '&'", () => {
    const doc = extract(article("a", "The report was written by Maria Santos and Tomas Berg, while Ana Lima & Jon Dahl edited it."));
    expect(labels(doc, "Person")).toEqual(["Ana Lima", "Jon Dahl", "Maria Santos", "Tomas Berg"]);
  });
});

describe("extract/types", () => {
  it("should type people, organizations, places and documents", () => {
    const doc = extract(
      article("a", "Finance Minister Lars Holm said Nordbank Group would comply with Executive Order 14114 at its office in Copenhagen."),
    );
    expect(nodeByLabel(doc, "Lars Holm")?.attributes.type).toBe("Person");
    expect(nodeByLabel(doc, "Nordbank Group")?.attributes.type).toBe("Organization");
    expect(nodeByLabel(doc, "Copenhagen")?.attributes.type).toBe("Place");
    expect(nodeByLabel(doc, "Executive Order 14114")?.attributes.type).toBe("Document");
  });

  it("should make a country one node whether named, abbreviated or standing for its capital", () => {
    const doc = extract(article("a", "The United States imposed tariffs. US officials said Washington would not back down, and the U.S. Treasury agreed."));
    const us = doc.graph.nodes.filter((n) => n.attributes.label === "United States");
    expect(us).toHaveLength(1);
    expect(us[0]!.attributes.aliases).toEqual(expect.arrayContaining(["US", "Washington", "U.S."]));
  });

  it("should keep a capital named as a location a place", () => {
    const text = article("a", "Ministers met in Warsaw on Monday. Warsaw rejected the plan.");
    const doc = extract(text);
    expect(doc.graph.nodes.find((n) => n.attributes.label === "Warsaw")?.attributes.type).toBe("Place");
    expect(nodeByLabel(doc, "Poland")?.attributes.aliases).toContain("Warsaw");
    // The per-article stage tells the two uses apart (resolution reads it instead of tokenizing again).
    const capitals = analyzeArticle(text, buildGazetteer([])).mentions.filter((m) => m.metonymFor);
    expect(capitals.map((m) => [m.text, m.placeUse])).toEqual([["Warsaw", true], ["Warsaw", false]]);
  });

  it("should not make entities of headlines, bylines furniture, captions or page labels", () => {
    const text = [
      "Secret Deals And Broken Promises: Inside The Harbour Talks",
      "",
      "Published",
      "",
      "Read more: Shipping",
      "",
      "img of Harbour cranes at dawn",
      "",
      "The port authority of Rotterdam confirmed the deal on Friday.",
      "",
      "Related Posts",
    ].join("\n");
    const doc = extract(article("a", text));
    const names = labels(doc);
    for (const junk of ["Secret Deals", "Broken Promises", "Harbour Talks", "Published", "Read", "Related Posts", "Harbour"]) expect(names).not.toContain(junk);
    expect(names).toContain("Rotterdam");
  });

  it("should credit the people of a byline as persons", () => {
    const doc = extract(article("a", "By Hanna Virtanen and Marc Olivier\n\nThe summit opened in Geneva on Tuesday."));
    expect(labels(doc, "Person")).toEqual(["Hanna Virtanen", "Marc Olivier"]);
  });
});

describe("extract/identity", () => {
  it("should resolve a surname and a title + surname to the full name in the same article", () => {
    const doc = extract(article("a", "Anneliese Vogt, the chief executive of Rheinwerk, resigned. Vogt said later that Ms Vogt had no regrets."));
    const vogt = doc.graph.nodes.filter((n) => n.attributes.type === "Person");
    expect(vogt).toHaveLength(1);
    expect(vogt[0]!.attributes.mentions).toHaveLength(3);
  });

  it("should resolve a surname across articles", () => {
    const doc = extract(article("a", "Defence Minister Pal Jonson visited Kyiv."), article("b", "Jonson said more aid would follow."));
    const jonson = nodeByLabel(doc, "Pal Jonson");
    expect(new Set(jonson?.attributes.mentions.map((m) => m.article))).toEqual(new Set(["a", "b"]));
  });

  it("should join an acronym and its expansion", () => {
    const doc = extract(article("a", "The International Energy Agency (IEA) cut its forecast. The IEA said demand would slow."));
    expect(nodeByLabel(doc, "International Energy Agency")?.attributes.aliases).toContain("IEA");
    expect(doc.graph.nodes.filter((n) => n.attributes.type === "Organization")).toHaveLength(1);
  });

  it("should keep transliteration variants of one person in one node with the articles of each spelling", () => {
    const doc = extract(
      article("a", "President Volodymyr Zelenskyy spoke first."),
      article("b", "Volodymyr Zelensky answered questions."),
      article("c", "Later Volodymyr Zelenskiy left."),
    );
    const people = doc.graph.nodes.filter((n) => n.attributes.type === "Person");
    expect(people).toHaveLength(1);
    const sources = Object.fromEntries(people[0]!.attributes.aliasSources!.map((a) => [a.alias, a.articles]));
    expect(Object.values(sources).flat().sort()).toEqual(expect.arrayContaining(["b", "c"]));
  });

  it("should keep two people who share a surname apart", () => {
    const doc = extract(article("a", "Ed Miliband met David Miliband in London. Ed Miliband spoke first."));
    expect(labels(doc, "Person")).toEqual(["David Miliband", "Ed Miliband"]);
  });
});

describe("extract/relations", () => {
  it("should read 'X, who heads the Y (ACR)' as HEADS", () => {
    const doc = extract(article("a", "Olena Marchenko, who heads the National Anti-Corruption Bureau (NABU), declined to comment."));
    expect(relations(doc)).toContain("Olena Marchenko HEADS National Anti-Corruption Bureau");
  });

  it("should read 'X, head of Y' and 'Y head X' as HEADS", () => {
    const doc = extract(article("a", "Sven Aalto, head of the Nordic Investment Fund, met Baltic Rail Authority chief Inga Ozola."));
    expect(relations(doc)).toEqual(expect.arrayContaining(["Sven Aalto HEADS Nordic Investment Fund", "Inga Ozola HEADS Baltic Rail Authority"]));
  });

  it("should read a title naming its body as MEMBER_OF with the role in the note", () => {
    const doc = extract(article("a", "Kremlin spokesman Dmitry Peskov and White House spokeswoman Anna Kelly spoke."));
    const spoke = doc.graph.edges.find((e) => e.source === "person:anna-kelly" && e.attributes.type === "MEMBER_OF");
    expect(spoke?.target).toBe("org:white-house");
    expect(spoke?.attributes.note).toMatch(/spokeswoman/);
  });

  it("should read possessive advisers as ADVISES and in-laws as RELATIVE_OF", () => {
    const doc = extract(article("a", "Macron’s diplomatic adviser Emmanuel Bonne travelled with Brigitte Trogneux, Emmanuel Macron’s wife."));
    expect(relations(doc)).toEqual(expect.arrayContaining(["Emmanuel Bonne ADVISES Emmanuel Macron", "Brigitte Trogneux RELATIVE_OF Emmanuel Macron"]));
  });

  it("should read sanctions, drafting, reporting, support and opposition", () => {
    const doc = extract(
      article(
        "a",
        [
          "The European Union sanctioned Gazoil Holding in March.",
          "The ceasefire proposal, drafted by Norwegian diplomats and Kari Lund, was made public by Reuters.",
          "Senator Mark Hale opposes the ceasefire proposal.",
          "Prime Minister Ada Berg supports the ceasefire proposal.",
        ].join(" "),
      ),
    );
    const rels = relations(doc);
    expect(rels).toContain("European Union SANCTIONED Gazoil Holding");
    expect(rels).toContain("Kari Lund DRAFTED ceasefire proposal");
    expect(rels).toContain("Reuters REPORTED ceasefire proposal");
    expect(rels).toContain("Mark Hale OPPOSES ceasefire proposal");
    expect(rels).toContain("Ada Berg SUPPORTS ceasefire proposal");
  });

  it("should never make a relation from co-mention alone", () => {
    const doc = extract(article("a", "Angela Ruiz and the Danube Shipping Company were both named in the filing."));
    expect(relations(doc)).toEqual([]);
    expect(doc.graph.edges.map((e) => e.attributes.type)).toEqual(["CO_MENTIONED"]);
  });

  it("should co-mention every pair of a sentence's entities, each pair with the sentence as its one passage", () => {
    const text = "Angela Ruiz, the Danube Shipping Company and Marco Weiss were all named in the filing.";
    const doc = extract(article("a", text));
    const co = doc.graph.edges.filter((e) => e.attributes.type === "CO_MENTIONED");
    const entities = doc.graph.nodes.filter((n) => n.attributes.type !== "Meeting").map((n) => n.key);
    expect(entities).toHaveLength(3);
    // Three entities, three pairs, each edge once (source before target) with the whole sentence quoted.
    expect(co.map((e) => [e.source, e.target])).toEqual([
      [entities[0], entities[1]],
      [entities[0], entities[2]],
      [entities[1], entities[2]],
    ]);
    for (const e of co) {
      expect(e.attributes.evidence).toEqual([{ article: "a", start: 0, end: text.length, quote: text }]);
      expect(e.attributes.articleCount).toBe(1);
    }
  });
});

describe("extract/meetings", () => {
  it("should make 'X met Y in Z' one meeting with ATTENDED and HELD_IN", () => {
    const doc = extract(article("a", "Ana Costa met Pieter de Vries in Lisbon on 4 May 2026.", { date: "2026-05-06" }));
    const meetings = doc.graph.nodes.filter((n) => n.attributes.type === "Meeting");
    expect(meetings).toHaveLength(1);
    expect(meetings[0]!.attributes.date).toMatchObject({ text: "4 May 2026", start: "2026-05-04", end: "2026-05-04" });
    expect(relations(doc)).toEqual(expect.arrayContaining([expect.stringMatching(/^Ana Costa ATTENDED Meeting/), expect.stringMatching(/^Pieter de Vries ATTENDED Meeting/), expect.stringMatching(/HELD_IN Lisbon$/)]));
  });

  it("should read 'talks between X and Y delegations' with states as participants", () => {
    const doc = extract(article("a", "Five-hour talks between French and German delegations in Strasbourg ended without a deal. France and Germany said more talks would follow."));
    const attended = relations(doc).filter((r) => r.includes("ATTENDED"));
    expect(attended).toEqual(expect.arrayContaining([expect.stringMatching(/^France ATTENDED/), expect.stringMatching(/^Germany ATTENDED/)]));
  });

  it("should add people from 'In attendance were …' to the meeting just told", () => {
    const doc = extract(article("a", "A three-hour meeting in Ankara ended late. In attendance were Hakan Fidan, Antony Blinken and Jake Sullivan."));
    const meetings = doc.graph.nodes.filter((n) => n.attributes.type === "Meeting");
    expect(meetings).toHaveLength(1);
    expect(relations(doc).filter((r) => r.includes("ATTENDED"))).toHaveLength(3);
  });

  it("should pin relative dates to the publication date", () => {
    const doc = extract(article("a", "The ministers met in Riga last Thursday.", { date: "2026-03-03" }));
    const meeting = doc.graph.nodes.find((n) => n.attributes.type === "Meeting");
    expect(meeting?.attributes.date).toMatchObject({ text: "last Thursday", start: "2026-02-26", end: "2026-02-26" });
  });

  it("should make one meeting of the same event told by two articles, and keep different meetings apart", () => {
    const doc = extract(
      article("a", "Ilse Maier and Tomas Weber met in Graz on 3 June 2026."),
      article("b", "Tomas Weber and Ilse Maier held talks in Graz on 3 June 2026, officials said."),
      article("c", "Ilse Maier met Tomas Weber in Salzburg on 20 September 2026."),
    );
    expect(doc.graph.nodes.filter((n) => n.attributes.type === "Meeting")).toHaveLength(2);
  });

  it("should not make a meeting of people who 'have never met'", () => {
    const doc = extract(article("a", "Ola Nordmann and Kari Hansen have never met, both say."));
    expect(doc.graph.nodes.filter((n) => n.attributes.type === "Meeting")).toHaveLength(0);
  });
});

describe("extract/conflicts and corroboration", () => {
  it("should list different dates for one meeting as a conflict", () => {
    const doc = extract(
      article("a", "Ilse Maier, Tomas Weber and Jonas Keller dined in Graz on 11 February 2026."),
      article("b", "Ilse Maier, Tomas Weber and Jonas Keller dined in Graz on 12 February 2026."),
    );
    const meetings = doc.graph.nodes.filter((n) => n.attributes.type === "Meeting");
    expect(meetings).toHaveLength(1);
    const conflict = doc.conflicts.find((c) => c.subject === meetings[0]!.key && c.field === "date");
    expect(conflict?.claims.map((c) => c.value).sort()).toEqual(["11 February 2026", "12 February 2026"]);
  });

  it("should list different titles for one person as a conflict", () => {
    const doc = extract(article("a", "Defence Minister Rasa Juknevičienė spoke."), article("b", "Foreign Minister Rasa Juknevičienė left."));
    expect(doc.conflicts.find((c) => c.field === "title")?.claims).toHaveLength(2);
  });

  it("should count distinct articles and publishers behind an edge", () => {
    const doc = extract(
      article("a", "Olena Marchenko, who heads the National Anti-Corruption Bureau, spoke.", { publisher: "Wire One" }),
      article("b", "Olena Marchenko, who heads the National Anti-Corruption Bureau, left.", { publisher: "Wire One" }),
      article("c", "Olena Marchenko, who heads the National Anti-Corruption Bureau, agreed.", { publisher: "Daily Two" }),
    );
    const heads = doc.graph.edges.find((e) => e.attributes.type === "HEADS");
    expect(heads?.attributes.evidence).toHaveLength(3);
    expect(heads?.attributes.articleCount).toBe(3);
    expect(heads?.attributes.publisherCount).toBe(2);
  });
});
