// /api/status: server/routes/status.ts served by Next's Pages API (why not the App Router: server/http/types.ts).
import { nodeHandler } from "@/server/http/node";
import { route } from "@/server/routes/status";

// The body is read by the route (capped); whole-graph answers are far above Next's 4 MB warning.
export const config = { api: { bodyParser: false, responseLimit: false } };

export default nodeHandler(route);
