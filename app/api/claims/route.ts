// GET /api/claims?fewerThan=2 — typed relations supported by fewer than `fewerThan` distinct
// articles (weakly sourced claims), least supported first.
// 200 { fewerThan, claims: [{ key, type, source: { key, type, label }, target: { key, type, label },
//        note?, articleCount, evidence: Evidence[] }] }
// 400 { error, parameter: "fewerThan" } · 503 { error }

import { parseFewerThan } from "@/lib/graph/params";
import { getGraphStore } from "@/lib/graph/store";
import { respond } from "../_lib/respond";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const fewerThan = parseFewerThan(new URL(request.url).searchParams);
    const { queries } = await getGraphStore();
    return { fewerThan, claims: await queries.claimsWithFewerThan(fewerThan) };
  });
}
