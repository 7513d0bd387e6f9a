// One article through the per-article stage, as the main thread and the workers both run it:
// cache lookup, analyzeArticle, the codec check, encode, cache write. The result is always the
// encoded JSON, so every path (cached, inline, worker) decodes the same way.
import { analyzeArticle } from "../extract";
import type { Gazetteer } from "../extract/gazetteer";
import type { ArticleInput } from "../extract/types";
import type { AnalysisCache } from "./cache";
import { encodeAnalysis, verifyReconstruction, type CodecMode } from "./codec";

/** Articles whose tokens are compared with their reconstruction: the first few, then one in 16. */
export function shouldCheckTokens(ordinal: number): boolean {
  return ordinal < 4 || ordinal % 16 === 0;
}

export interface StageContext {
  gazetteer: Gazetteer;
  mode: CodecMode;
  cache: AnalysisCache | null;
}

/** Analyzes one article and returns its encoded analysis (written to the cache when there is one). */
export function analyzeEncoded(ctx: StageContext, article: ArticleInput, key: string, checkTokens: boolean): string {
  let analysis: ReturnType<typeof analyzeArticle>;
  try {
    analysis = analyzeArticle(article, ctx.gazetteer);
  } catch (error) {
    // Name the article: with thousands of them, "which one" is the first question.
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`newsgraph/build: article "${article.meta.id}" (${article.meta.file}): ${message}`, { cause: error });
  }
  if (ctx.mode === "compact") verifyReconstruction(analysis, article.text, checkTokens);
  const encoded = encodeAnalysis(analysis, ctx.mode);
  ctx.cache?.put(key, encoded);
  return encoded;
}
