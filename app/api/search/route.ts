// GET /api/search?q=zelensky&limit=20 — nodes whose label or an alias matches q, case-,
// accent- and punctuation-insensitive, best first (exact, prefix, word prefix, all words,
// infix, fuzzy); limit 1–100, default 20.
// 200 { query: string, hits: [{ key, type, label, matched, field: "label" | "alias", match }] }
// 400 { error, parameter: "q" | "limit" } · 503 { error }

import { parseSearch } from "@/lib/graph/params";
import { getGraphStore } from "@/lib/graph/store";
import { respond } from "../_lib/respond";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const { q, limit } = parseSearch(new URL(request.url).searchParams);
    const { queries } = await getGraphStore();
    return { query: q, hits: await queries.search(q, limit) };
  });
}
