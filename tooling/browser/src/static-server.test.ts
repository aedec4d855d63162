import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { type IncomingHttpHeaders, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StaticRouteError } from "./errors.js";
import { type StaticServer, serveStatic } from "./static-server.js";

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** node:http rather than fetch: fetch would normalise `..` away before the server ever saw it. */
function rawRequest(origin: string, path: string, method = "GET"): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { method, path }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("serveStatic", () => {
  let root: string;
  let server: StaticServer;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "rpf-static-"));
    await mkdir(join(root, "site", "lib"), { recursive: true });
    await writeFile(join(root, "secret.txt"), "outside every route");
    await writeFile(join(root, "site", "index.html"), "<!doctype html><title>home</title>");
    await writeFile(join(root, "site", "lib", "app.mjs"), "export const answer = 42;");
    await writeFile(join(root, "site", "lib", "kernel.wasm"), new Uint8Array([0, 97, 115, 109]));
    await writeFile(join(root, "model.onnx"), new Uint8Array([8, 8]));
    server = await serveStatic({ "/": join(root, "site"), "/models/affine.onnx": join(root, "model.onnx") });
  });

  afterAll(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  it("listens on 127.0.0.1 with an OS-chosen port", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it.each([
    ["/lib/app.mjs", "text/javascript; charset=utf-8"],
    ["/lib/kernel.wasm", "application/wasm"],
    ["/models/affine.onnx", "application/octet-stream"],
    ["/", "text/html; charset=utf-8"],
    ["/index.html?cache=bust", "text/html; charset=utf-8"],
  ])("serves %s as %s, cross-origin isolated", async (path, contentType) => {
    const response = await rawRequest(server.url, path);
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe(contentType);
    expect(response.headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(response.headers["cross-origin-embedder-policy"]).toBe("require-corp");
  });

  it("answers HEAD with the length and no body", async () => {
    const response = await rawRequest(server.url, "/lib/app.mjs", "HEAD");
    expect(response.headers["content-length"]).toBe("25");
    expect(response.body).toBe("");
  });

  it.each([
    "/missing.js",
    "/lib",
    "/models/affine.onnx/extra",
    "/../secret.txt",
    "/lib/../../secret.txt",
    "/%2e%2e/secret.txt",
    "/lib/..%2f..%2fsecret.txt",
  ])("answers 404 for %s", async (path) => {
    const response = await rawRequest(server.url, path);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain("outside every route");
  });

  it("refuses methods other than GET and HEAD", async () => {
    expect((await rawRequest(server.url, "/", "POST")).status).toBe(405);
  });

  it("rejects a route whose target does not exist", async () => {
    await expect(serveStatic({ "/": join(root, "nowhere") })).rejects.toBeInstanceOf(StaticRouteError);
  });
});
