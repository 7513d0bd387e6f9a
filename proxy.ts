// Runs before the API routes: a path that is not valid percent-encoding ("/api/articles/%ff")
// would make Next answer a plain-text 500 before any route handler could turn it into a clear
// error. Answer 400 JSON naming the problem instead.
import { NextResponse, type NextRequest } from "next/server";

export function proxy(request: NextRequest) {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return NextResponse.json(
      { error: "newsgraph/api: the request path is not valid percent-encoding", parameter: "path" },
      { status: 400, headers: { "cache-control": "no-store" } },
    );
  }
  return NextResponse.next();
}

// Only the routes with a path segment to decode: the proxy costs every request it sees ≈0.3–0.5 ms
// of CPU, which the static routes (graph, search, neighbourhood, path …) are spared.
export const config = { matcher: ["/api/articles/:path*", "/api/nodes/:path*", "/api/sources/:path*"] };
