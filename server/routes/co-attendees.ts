// GET /api/co-attendees?entity=person%3Asteve-witkoff — the entities that attended a meeting
// with `entity`, most shared meetings first.
// 200 { entity, coAttendees: [{ key, type, label, meetings: [{ key, type, label }] }] }
// 400 { error, parameter: "entity" } · 404 { error } · 503 { error }

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
    return { entity, coAttendees: await queries.coAttendees(entity) };
  }, request);
}

export const route: ApiRoute = { GET: get };
/** The route as a Web handler (tests, Fetch-style hosts). */
export const GET = webHandler(get);
