// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The explorer is self-hosted and offline-capable: no telemetry-dependent or remote features.
  poweredByHeader: false,
  // graph.json and the article texts are read from disk by the API routes at run time.
  outputFileTracingIncludes: { "/api/**": ["./graph-data/**"] },
};
export default nextConfig;
