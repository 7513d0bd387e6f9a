// GET /api/nodes/[key] — one node with its relations and their evidence. The key contains
// ":" and is URL-encoded by the caller: /api/nodes/person%3Akirill-dmitriev.
// 200 NodeDetail {
//   key, attributes: NodeAttributes,
//   relations: [{ type, direction: "out" | "in",
//                 relations: [{ key, type, direction, other: { key, type, label }, note?, articleCount, evidence: Evidence[] }] }],
//   conflicts: Conflict[] }
// 400 { error, parameter: "key" } · 404 { error } unknown node · 503 { error }

import { allowParams, parseSegment } from "@/lib/graph/params";
import { getQueries } from "@/lib/backend";
import { respond } from "../../_lib/respond";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function GET(request: Request, context: { params: Promise<{ key: string }> }): Promise<Response> {
  return respond(async () => {
    allowParams(new URL(request.url).searchParams, {});
    const key = parseSegment((await context.params).key, "key");
    const queries = await getQueries();
    return queries.node(key);
  });
}
