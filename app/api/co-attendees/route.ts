// GET /api/co-attendees?entity=person%3Asteve-witkoff — the entities that attended a meeting
// with `entity`, most shared meetings first.
// 200 { entity, coAttendees: [{ key, type, label, meetings: [{ key, type, label }] }] }
// 400 { error, parameter: "entity" } · 404 { error } · 503 { error }

import { allowParams, parseNodeKeyParam } from "@/lib/graph/params";
import { getQueries } from "@/lib/backend";
import { respond } from "../_lib/respond";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const params = new URL(request.url).searchParams;
    allowParams(params, { single: ["entity"] });
    const entity = parseNodeKeyParam(params, "entity");
    const queries = await getQueries();
    return { entity, coAttendees: await queries.coAttendees(entity) };
  });
}
