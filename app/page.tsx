import { preload } from "react-dom";
import Explorer from "@/components/explorer/Explorer";
import { GRAPH_API } from "@/lib/view/loading";
import { queryFromRecord } from "@/lib/view/url";

type SearchParams = Record<string, string | string[] | undefined>;

// Thin server component: the explorer is a client component that loads the graph from /api/graph. The query
// string is the view a shared link describes; it is handed over so the first render already shows that view.
export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // The graph is the page's one large request: the browser starts it from the page's head, while the
  // explorer's code still loads (the explorer's first fetch of it takes this answer over).
  preload(GRAPH_API, { as: "fetch", crossOrigin: "anonymous" });
  return <Explorer initialQuery={queryFromRecord(await searchParams)} />;
}
