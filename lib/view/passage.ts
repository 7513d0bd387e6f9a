// Splitting an article's text around a highlighted passage. The reader renders the three parts as text
// (never as HTML), so nothing in an article can inject markup.

export interface PassageParts {
  before: string;
  passage: string;
  after: string;
  /** Where the passage was found (may differ from the requested offsets when they were off and the quote was found). */
  start: number;
  end: number;
  /** False when neither the offsets nor the quote locate the passage: the text is shown unhighlighted. */
  found: boolean;
}

/**
 * Locate `[start, end)` in `text`. When `quote` is given and does not equal the slice (stale offsets), the
 * first occurrence of the quote is used instead; when nothing matches, the whole text is `before`.
 */
export function splitPassage(text: string, start: number, end: number, quote?: string): PassageParts {
  const valid = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= text.length;
  if (valid && (quote === undefined || text.slice(start, end) === quote)) {
    return { before: text.slice(0, start), passage: text.slice(start, end), after: text.slice(end), start, end, found: true };
  }
  if (quote) {
    const at = text.indexOf(quote);
    if (at >= 0) {
      const stop = at + quote.length;
      return { before: text.slice(0, at), passage: quote, after: text.slice(stop), start: at, end: stop, found: true };
    }
  }
  return { before: text, passage: "", after: "", start: 0, end: 0, found: false };
}
