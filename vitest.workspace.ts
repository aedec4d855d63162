import type { TestProjectConfiguration } from "vitest/config";

/** Test projects: one per package and app. Sources resolve through the "@rpf/source" condition. */
const sourceFirst = { conditions: ["@rpf/source"] };

const project = (name: string, root: string, extra: Record<string, unknown> = {}): TestProjectConfiguration => ({
  resolve: sourceFirst,
  ssr: { resolve: { conditions: ["@rpf/source"], externalConditions: ["@rpf/source"] } },
  test: { name, root, include: ["src/**/*.test.ts", "test/**/*.test.ts"], ...extra },
});

export default [
  project("core", "packages/core"),
  project("backend-matrix", "packages/backend-matrix"),
  project("columnar", "packages/columnar"),
  project("backend-tfjs", "packages/backend-tfjs"),
  project("decisions", "packages/decisions", { testTimeout: 120_000 }),
  project("queue", "packages/queue", { testTimeout: 120_000, hookTimeout: 60_000 }),
  project("backend-onnx", "packages/backend-onnx", { testTimeout: 120_000 }),
  project("browser", "tooling/browser", { testTimeout: 120_000 }),
  project("cli", "apps/cli", { testTimeout: 120_000, hookTimeout: 120_000 }),
  project("web", "apps/web", { testTimeout: 120_000, hookTimeout: 120_000 }),
  project("datasets", "tooling/datasets"),
  project("bench", "tooling/bench", { testTimeout: 120_000 }),
  project("tsdoc", "tooling/tsdoc-check", { include: ["test/**/*.test.ts"], testTimeout: 120_000 }),
  project("setup", "tooling", { include: ["setup.test.ts"] }),
] satisfies TestProjectConfiguration[];
