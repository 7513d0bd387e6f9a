import Explorer from "@/components/explorer/Explorer";
import { queryFromRecord } from "@/lib/view/url";

type SearchParams = Record<string, string | string[] | undefined>;

// Thin server component: the explorer is a client component that loads the graph from /api/graph. The query
// string is the view a shared link describes; it is handed over so the first render already shows that view.
export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <Explorer initialQuery={queryFromRecord(await searchParams)} />;
}
