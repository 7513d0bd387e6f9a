// GET /api/meetings?entity=person%3Asteve-witkoff — the meetings the entity ATTENDED,
// earliest stated date first.
// 200 { entity, meetings: [{ key, label, description?, date: StatedDate | null, dates: StatedDate[],
//        places: [{ key, type, label, evidence }], participants: [{ key, type, label, evidence }],
//        evidence: Evidence[] }] }
// 400 { error, parameter: "entity" } (also when entity is itself a Meeting) · 404 { error } · 503 { error }

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
    return { entity, meetings: await queries.meetingsOf(entity) };
  });
}
