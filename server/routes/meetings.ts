// GET /api/meetings?entity=person%3Asteve-witkoff — the meetings the entity ATTENDED,
// earliest stated date first.
// 200 { entity, meetings: [{ key, label, description?, date: StatedDate | null, dates: StatedDate[],
//        places: [{ key, type, label, evidence }], participants: [{ key, type, label, evidence }],
//        evidence: Evidence[] }] }
// 400 { error, parameter: "entity" } (also when entity is itself a Meeting) · 404 { error } · 503 { error }

import { allowParams, parseNodeKeyParam } from "@/lib/graph/params";
import { getQueries } from "@/lib/backend";
import { respond } from "../http/respond";
import type { ApiAnswer, ApiRequest, ApiRoute } from "../http/types";
import { webHandler } from "../http/web";

async function get(request: ApiRequest): Promise<ApiAnswer> {
  return respond(async () => {
    const params = request.query;
    allowParams(params, { single: ["entity"] });
    const entity = parseNodeKeyParam(params, "entity");
    const queries = await getQueries();
    return { entity, meetings: await queries.meetingsOf(entity) };
  }, request);
}

export const route: ApiRoute = { GET: get };
/** The route as a Web handler (tests, Fetch-style hosts). */
export const GET = webHandler(get);
