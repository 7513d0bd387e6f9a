import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "newsgraph — explorer",
  description: "A sourced knowledge graph of news articles: who met whom, where and when, and which source says so.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
};

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body data-graph-state="loading">{children}</body>
    </html>
  );
}
