/**
 * A static file server for browser tests, on node:http alone: a route table, a MIME table and two
 * headers are all the tests need, so a server library would not earn its weight.
 */
import { createReadStream, realpathSync, type Stats, statSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join } from "node:path";
import { StaticRouteError } from "./errors.js";

export interface StaticServer {
  /** The origin, without a trailing slash: `http://127.0.0.1:<port>`. */
  url: string;
  close(): Promise<void>;
}

const MIME_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".onnx": "application/octet-stream",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/**
 * Cross-origin isolation: without it `SharedArrayBuffer` is off and onnxruntime-web's wasm backend
 * drops to one thread with only a console warning. `no-store` so a rebuilt file is never served stale.
 */
const COMMON_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cache-Control": "no-store",
};

interface Route {
  /** URL path prefix without a trailing slash ("" for the root). */
  prefix: string;
  target: string;
  isDirectory: boolean;
}

/**
 * Serves `routes` (URL path prefix → directory or file, e.g. `{ "/ort": ortDist, "/": pageDir }`) on
 * 127.0.0.1 with an OS-chosen port. The longest matching prefix wins; a directory answers `/` with
 * its index.html; anything else, and any path with a `..` segment, is a 404.
 */
export async function serveStatic(routes: Record<string, string>): Promise<StaticServer> {
  const table = Object.entries(routes)
    .map(([prefix, target]) => toRoute(prefix, target))
    .sort((a, b) => b.prefix.length - a.prefix.length);

  const server = createServer((request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      respondError(response, 405);
      return;
    }
    const filePath = resolveFile(table, request.url ?? "/");
    const stats = filePath === undefined ? undefined : statFile(filePath);
    if (filePath === undefined || stats === undefined) {
      respondError(response, 404);
      return;
    }
    response.writeHead(200, {
      ...COMMON_HEADERS,
      // Other files (source maps, fonts) are still served, as plain bytes.
      "Content-Type": MIME_TYPES[extname(filePath).toLowerCase()] ?? "application/octet-stream",
      "Content-Length": stats.size,
    });
    if (request.method === "HEAD") response.end();
    else createReadStream(filePath).pipe(response);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Browsers keep connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}

function toRoute(prefix: string, target: string): Route {
  if (!prefix.startsWith("/")) throw new StaticRouteError(prefix, target, "the URL prefix must start with '/'");
  try {
    // Real paths, so pnpm's symlinked node_modules serve like plain directories.
    const realTarget = realpathSync(target);
    return { prefix: prefix.replace(/\/+$/, ""), target: realTarget, isDirectory: statSync(realTarget).isDirectory() };
  } catch (cause) {
    throw new StaticRouteError(prefix, target, "the file or directory does not exist", cause);
  }
}

/** The file a request URL names, or undefined when no route serves it or it tries to climb out. */
function resolveFile(table: readonly Route[], requestUrl: string): string | undefined {
  const pathname = safeDecode(requestUrl.split(/[?#]/, 1)[0] ?? "/");
  if (pathname === undefined || pathname.includes("\0") || pathname.split(/[/\\]/).includes("..")) return undefined;

  for (const route of table) {
    if (!pathname.startsWith(route.prefix)) continue;
    const rest = pathname.slice(route.prefix.length);
    if (!route.isDirectory) {
      if (rest === "") return route.target;
      continue;
    }
    if (rest !== "" && !rest.startsWith("/")) continue;
    // No `..` segment got this far, so the join stays inside the route's directory.
    const candidate = join(route.target, rest);
    return statSync(candidate, { throwIfNoEntry: false })?.isDirectory() ? join(candidate, "index.html") : candidate;
  }
  return undefined;
}

function statFile(path: string): Stats | undefined {
  const stats = statSync(path, { throwIfNoEntry: false });
  return stats?.isFile() ? stats : undefined;
}

function safeDecode(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}

function respondError(response: ServerResponse, status: 404 | 405): void {
  response.writeHead(status, { ...COMMON_HEADERS, "Content-Type": "text/plain; charset=utf-8" });
  response.end(status === 404 ? "Not found" : "Method not allowed");
}
