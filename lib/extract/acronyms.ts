// Acronym definitions stated in text: "Russian Direct Investment Fund (RDIF)",
// "Polavia Pilots' Union (ZZPP)", and the reverse "OSPP (Odborový svaz palubního personálu)".
import type { Mention, Sentence } from "./types";

export function findAcronymDefinitions(sentence: Sentence, mentions: Mention[]): Array<{ long: string; short: string; article: string }> {
  const out: Array<{ long: string; short: string; article: string }> = [];
  // Asked of every sentence; most have no parenthesis.
  if (!sentence.text.includes("(")) return out;
  const re = /\(([A-Z][A-Za-z&]{1,9})\)/g;
  for (const match of sentence.text.matchAll(re)) {
    const short = match[1]!;
    if (!/^[A-Z&]{2,}$/.test(short.replace(/[a-z]/g, (c, i: number) => (i === 0 ? c : "")))) continue;
    const parenStart = sentence.start + (match.index ?? 0);
    const before = mentions
      .filter((m) => m.sentence === sentence.index && m.end <= parenStart && /^\s*$/.test(sentence.text.slice(m.end - sentence.start, parenStart - sentence.start)))
      .sort((a, b) => b.end - a.end)[0];
    if (before && before.type !== "Person" && before.name.split(/\s+/).length >= 2) out.push({ long: before.name, short, article: sentence.article });
  }
  return out;
}
