// `npm start`: the explorer's production server, one process. /api/* goes to the routes of
// server/routes through server/http/router.ts (compiled by esbuild into node_modules/.cache/newsgraph-serve,
// again only when a source changes: scripts/compile.mjs); everything else, and any /api path the router
// does not name, goes to Next (`next build` output, as `next start` serves it). Next's router, its
// request wrappers and its compression cost 0.9–1.1 ms of CPU per API request on this 2-core machine,
// several times what the routes themselves cost (README, "The API"); the routes under `next start`
// (pages/api) and here give the same answers. Once listening, it asks itself for the explorer's first
// view, so that graph.json is read before the first visitor comes (server/http/warm-up.ts).
//
//   node scripts/serve.mjs [-p PORT] [-H HOST]     (defaults: $PORT or 3000; every interface, as next start)
import http from "node:http";
import path from "node:path";
import { setTimeout } from "node:timers";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compiledInProjectCache } from "./compile.mjs";

const MODULE = "newsgraph/serve";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const USAGE = "usage: node scripts/serve.mjs [-p PORT] [-H HOST]";

function fail(message) {
  console.error(`${MODULE}: ${message}\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv) {
  let port = process.env.PORT ?? "3000";
  let hostname;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("-")) fail(`${a} needs a value`);
      return v;
    };
    if (a === "-p" || a === "--port") port = value();
    else if (a === "-H" || a === "--hostname") hostname = value();
    else if (a === "-h" || a === "--help") {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown argument "${a}"`);
  }
  if (!/^\d+$/.test(String(port)) || Number(port) > 65535) fail(`the port must be an integer from 0 to 65535, got "${port}"`);
  return { port: Number(port), hostname };
}

const { port, hostname } = parseArgs(process.argv.slice(2));
process.env.NODE_ENV = "production";

let createApiRouter, warmUp, describeWarmUp, loopbackHost;
try {
  const { dir } = await compiledInProjectCache({
    root,
    name: "newsgraph-serve",
    entries: [
      { name: "api-router", source: "server/http/router.ts" },
      { name: "warm-up", source: "server/http/warm-up.ts" },
    ],
  });
  ({ createApiRouter } = await import(pathToFileURL(path.join(dir, "api-router.js")).href));
  ({ warmUp, describeWarmUp, loopbackHost } = await import(pathToFileURL(path.join(dir, "warm-up.js")).href));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(message.startsWith("newsgraph/") ? message : `${MODULE}: ${message}`);
  process.exit(1);
}

const { default: next } = await import("next");
const app = next({ dev: false, dir: root, hostname, port });
try {
  await app.prepare();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`${MODULE}: Next could not start (has \`next build\` run?): ${message}`);
  process.exit(1);
}
const handle = app.getRequestHandler();
const api = createApiRouter();

const server = http.createServer((request, response) => {
  if (api(request, response)) return;
  handle(request, response).catch((error) => {
    console.error(`${MODULE}: ${request.method} ${request.url}: ${error instanceof Error ? error.stack : String(error)}`);
    if (!response.headersSent) response.statusCode = 500;
    response.end();
  });
});
server.on("error", (error) => {
  console.error(`${MODULE}: ${error.message}`);
  process.exit(1);
});
server.listen(port, hostname, () => {
  const address = server.address();
  const shown = typeof address === "object" && address ? `http://${hostname ?? "localhost"}:${address.port}` : String(address);
  console.log(`newsgraph: explorer ready on ${shown} (API on node:http, pages by Next)`);
  // Read the graph now rather than on the first visitor's request (server/http/warm-up.ts).
  if (typeof address === "object" && address) {
    warmUp(loopbackHost(hostname), address.port).then(
      (result) => console.log(describeWarmUp(result)),
      (error) => console.error(`${MODULE}: warm-up request failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
});

const stop = () => {
  server.close(() => process.exit(0));
  // Keep-alive connections would hold close() open.
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
