// Article text for the Neo4j backend: the metadata comes from Neo4j (the `:Article` node), the text from the
// articles folder (NEWSGRAPH_ARTICLES, default graph-data/articles), exactly as lib/graph/store.ts serves it for
// the in-memory backend: only ids the graph lists, never a path built from the id, and never a file outside the
// folder (checked lexically, then after resolving symbolic links).

import { readFile, realpath } from "node:fs/promises";
import path from "node:path";
import type { ArticleMeta } from "@/lib/contract";
import { GraphUnavailableError, NotFoundError } from "@/lib/graph/errors";
import type { ArticleText } from "@/lib/graph/types";
import { show } from "@/lib/graph/utils";

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

function errorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null ? (error as { code?: string }).code : undefined;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The text of an article the graph lists (`article`), read from `articlesDir`. */
export async function readArticleText(articlesDir: string, article: ArticleMeta): Promise<ArticleText> {
  const dir = path.resolve(/*turbopackIgnore: true*/ articlesDir);
  const file = path.resolve(/*turbopackIgnore: true*/ dir, article.file);
  const outside = () => new NotFoundError(`article ${show(article.id)} has file ${show(article.file)} outside the articles folder`);
  if (!isInside(dir, file)) throw outside();
  let realDir: string;
  let realFile: string;
  try {
    realDir = await realpath(dir);
    realFile = await realpath(file);
  } catch (error) {
    if (errorCode(error) === "ENOENT") {
      throw new NotFoundError(`article ${show(article.id)}: file ${show(article.file)} not found in the articles folder`);
    }
    throw new GraphUnavailableError(`cannot read article ${show(article.id)}: ${message(error)}`);
  }
  if (!isInside(realDir, realFile)) throw outside();
  try {
    return { article: structuredClone(article), text: await readFile(realFile, "utf8") };
  } catch (error) {
    throw new GraphUnavailableError(`cannot read article ${show(article.id)} (${show(article.file)}): ${message(error)}`);
  }
}
