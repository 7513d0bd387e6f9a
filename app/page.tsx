import { preload } from "react-dom";
import Explorer from "@/components/explorer/Explorer";
import { firstViewUrl, parseFirstViewNodes } from "@/lib/view/coverage";
import { queryFromRecord } from "@/lib/view/url";

type SearchParams = Record<string, string | string[] | undefined>;

// Thin server component: the explorer is a client component that loads the graph from /api/graph. The query
// string is the view a shared link describes; it is handed over so the first render already shows that view.
export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // The first view's size: NEWSGRAPH_FIRST_VIEW_NODES (read per request, like the graph's own variables),
  // else FIRST_VIEW_NODES. A bad value fails the page with a message naming the variable.
  const firstViewNodes = parseFirstViewNodes(process.env.NEWSGRAPH_FIRST_VIEW_NODES);
  // The first view is the page's one large request: the browser starts it from the page's head, while the
  // explorer's code still loads (the explorer's first fetch of it takes this answer over).
  preload(firstViewUrl(firstViewNodes), { as: "fetch", crossOrigin: "anonymous" });
  return <Explorer initialQuery={queryFromRecord(await searchParams)} firstViewNodes={firstViewNodes} />;
}
