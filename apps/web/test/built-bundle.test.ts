import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import * as core from "@rpf/core";
import { describe, expect, it } from "vitest";
import { builtApp } from "./support/built-app.js";

/**
 * Every error class core exports (RpfError and its subclasses), with the name and code each one's
 * instances carry (AbortedError's are named "AbortError").
 */
const ERROR_CLASSES = Object.entries(core).flatMap(([exported, value]): { name: string; code: string | null }[] => {
  if (value === core.RpfError) return [{ name: exported, code: null }];
  if (typeof value !== "function" || !(value.prototype instanceof core.RpfError)) return [];
  const { name, code } = Reflect.construct(value, ["m"]) as core.RpfError;
  return [{ name, code }];
});

/** A string literal as a minifier may quote it. */
const literal = (text: string) => new RegExp(`[\`"']${text}[\`"']`);

describe("the built bundle", () => {
  it("renames core's error classes but keeps each one's name as a string literal", async () => {
    expect(ERROR_CLASSES.map((c) => c.name)).toContain("InvalidArgumentError");
    const root = await builtApp();
    const files = (await readdir(root, { recursive: true })).filter((file) => file.endsWith(".js"));
    const scripts = await Promise.all(
      files.map(async (file) => ({ file, text: await readFile(join(root, file), "utf8") })),
    );
    // The page's script and the worker's each hold core's errors (RpfError's marker).
    const holders = scripts.filter(({ text }) => text.includes("rpf.error"));
    expect(holders.length).toBeGreaterThanOrEqual(2);
    for (const { file, text } of holders) {
      // Minified: no class keeps its source name, so `new.target.name` would give a letter.
      expect(/class InvalidArgumentError\b/.test(text), `${file} keeps a class name`).toBe(false);
      // Each class bundled here (its code is) names itself.
      for (const { name, code } of ERROR_CLASSES) {
        if (code === null || literal(code).test(text)) {
          expect(literal(name).test(text), `${file} holds ${code ?? name} without "${name}"`).toBe(true);
        }
      }
    }
    // Between them, the scripts name every error class.
    for (const { name } of ERROR_CLASSES) {
      expect(
        holders.some(({ text }) => literal(name).test(text)),
        `"${name}" in the bundle`,
      ).toBe(true);
    }
  });
});
