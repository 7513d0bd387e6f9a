import type { Mention } from "./types";

const NONE: readonly Mention[] = Object.freeze([]);

/** Whether `ms` is in order of start (ties in any order). */
function inOrderOfStart(ms: readonly Mention[]): boolean {
  for (let i = 1; i < ms.length; i++) if (ms[i - 1]!.start > ms[i]!.start) return false;
  return true;
}

/**
 * The resolved mentions (those with a key) of each sentence, in order of start (mentions that
 * start together in the order they were found). Relations and meetings both read the corpus
 * sentence by sentence, in that order; one index serves both, sorted once, without a string key
 * per lookup.
 */
export class SentenceMentions {
  private readonly byArticle = new Map<string, Mention[][]>();

  constructor(mentions: readonly Mention[]) {
    for (const m of mentions) {
      if (!m.key) continue;
      let sentences = this.byArticle.get(m.article);
      if (!sentences) {
        sentences = [];
        this.byArticle.set(m.article, sentences);
      }
      const list = sentences[m.sentence];
      if (list) list.push(m);
      else sentences[m.sentence] = [m];
    }
    // A list that grew by push keeps room for 17 or more mentions; most sentences have two or
    // three. Exact copies: at 10,000 articles the 220,000 lists held 36 MB, mostly empty room,
    // while relations and meetings were found.
    // Sorted here once rather than copied and sorted by each reader of each sentence (at 10,000
    // articles that was 560 MB of garbage, a sort's work copy per call). Most lists are already
    // in order (a stable sort keeps the found order of mentions that start together).
    for (const sentences of this.byArticle.values()) {
      for (let i = 0; i < sentences.length; i++) {
        const list = sentences[i];
        if (!list || list.length < 2) continue;
        const exact = list.slice();
        sentences[i] = inOrderOfStart(exact) ? exact : exact.sort((a, b) => a.start - b.start);
      }
    }
  }

  /** Lets go of the index once nothing reads sentences any more (a large corpus stage's memory). */
  release(): void {
    this.byArticle.clear();
  }

  /** The keyed mentions of one sentence, in order of start (shared: copy before sorting or changing it). */
  of(article: string, sentence: number): readonly Mention[] {
    return this.byArticle.get(article)?.[sentence] ?? NONE;
  }

  /**
   * The keyed mentions of one sentence in order of start, the longer first of those that start
   * together (ties in the order found): the list itself when it already is (nearly always), a
   * sorted copy otherwise.
   */
  longestFirst(article: string, sentence: number): readonly Mention[] {
    const ms = this.of(article, sentence);
    for (let i = 1; i < ms.length; i++) {
      if (ms[i - 1]!.start === ms[i]!.start && ms[i - 1]!.end < ms[i]!.end) return ms.slice().sort((a, b) => a.start - b.start || b.end - a.end);
    }
    return ms;
  }
}
