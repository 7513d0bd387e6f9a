// A function of one string, remembered: the extractor asks the same few thousand names, titles,
// words and dates millions of times over a corpus.

/**
 * `compute` remembered per argument, at most `maxEntries` answers at a time (when full, all are
 * forgotten at once: a corpus's working set is far smaller, so this only bounds a pathological one).
 * `compute` must be pure; answers are shared, so they must not be changed by callers.
 */
export function memoized<T>(compute: (key: string) => T, maxEntries: number): (key: string) => T {
  if (!(maxEntries >= 1)) throw new RangeError(`newsgraph/memo: maxEntries must be at least 1, got ${maxEntries}`);
  const answers = new Map<string, T>();
  return (key) => {
    const known = answers.get(key);
    if (known !== undefined || answers.has(key)) return known as T;
    const answer = compute(key);
    if (answers.size >= maxEntries) answers.clear();
    answers.set(key, answer);
    return answer;
  };
}
