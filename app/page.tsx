import Explorer from "@/components/explorer/Explorer";

// Thin server component: the explorer is a client component that loads the graph from /api/graph.
export default function Page() {
  return <Explorer />;
}
