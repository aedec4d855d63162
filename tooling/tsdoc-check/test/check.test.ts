import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkTsdoc, formatFinding } from "../src/check.js";
import { EXTRA_PUBLIC_PACKAGES, publicPackageDirs } from "../src/entries.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

describe("TSDoc on rpf's public API", () => {
  it("documents every export of every package entry point (file:line name kind — problem)", () => {
    const result = checkTsdoc(root, publicPackageDirs(root, EXTRA_PUBLIC_PACKAGES));
    // The entries come from package.json "exports": a check that found none would pass vacuously.
    expect(result.entries).toEqual(expect.arrayContaining(["@rpf/core", "@rpf/core/testing", "@rpf/datasets"]));
    expect(result.checked).toBeGreaterThan(200);
    expect(result.findings.map(formatFinding)).toEqual([]);
  }, 120_000);
});

describe("the TSDoc check", () => {
  const fixture = join(dirname(fileURLToPath(import.meta.url)), "fixture");
  const result = checkTsdoc(root, [fixture]);
  const lines = result.findings.map(
    (f) => `${f.file.slice(f.file.indexOf("fixture/"))}:${f.line} ${f.name} ${f.kind} — ${f.problem}`,
  );

  it("follows every export, through nested conditions, and fails an entry it cannot follow", () => {
    expect(result.entries).toEqual(["@fixture/undocumented", "@fixture/undocumented/nested"]);
    expect(lines).toContain('fixture/package.json:1 @fixture/undocumented/lost entry — no "@rpf/source" condition');
  });

  it("lists each undocumented export by file, line, name and kind", () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        "fixture/src/index.ts:6 bare function — no TSDoc",
        "fixture/src/index.ts:60 Box.open method — no TSDoc",
        "fixture/src/index.ts:66 Shape interface — no TSDoc",
        "fixture/src/index.ts:73 LIMIT const — no TSDoc",
        "fixture/src/helpers.ts:1 helpers.helperValue const — no TSDoc",
      ]),
    );
  });

  it("requires @throws {Class} for the rpf errors a function throws, itself or through what it calls", () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        "fixture/src/index.ts:20 viaHelper function — missing @throws {InvalidArgumentError} (via tooling/tsdoc-check/test/fixture/src/index.ts:20)",
        "fixture/src/index.ts:27 covered function — @throws names unknown class NoSuchError",
        "fixture/src/index.ts:50 noDescription function — TSDoc has no description",
        "fixture/src/index.ts:50 noDescription function — @throws without {ErrorClass}",
        "fixture/src/index.ts:50 noDescription function — missing @throws {InvalidArgumentError} (via tooling/tsdoc-check/test/fixture/src/index.ts:51)",
        "fixture/src/index.ts:76 rethrown function — missing @throws {InvalidArgumentError} (via tooling/tsdoc-check/test/fixture/src/index.ts:78)",
        "fixture/src/index.ts:93 Strict class — missing @throws {InvalidArgumentError} (via tooling/tsdoc-check/test/fixture/src/index.ts:95)",
      ]),
    );
  });

  it("passes what is documented: an ancestor error class, a caught throw, a returned closure, a ruled-out call", () => {
    const flagged = new Set(result.findings.map((f) => f.name));
    const passing = [
      "checked",
      "handled",
      "later",
      "ruledOut",
      "Box",
      "Box.size",
      "Size",
      "InvalidArgumentError",
      "nested",
    ];
    for (const name of passing) {
      expect(flagged, name).not.toContain(name);
    }
    expect(lines.filter((line) => line.includes(" covered "))).toHaveLength(1);
    expect(result.findings).toHaveLength(13);
  });

  it("knows an error class whose parent is generic, as core's are, for an rpf error", () => {
    expect(result.errorClasses).toContain("DataError");
  });

  it("knows an error class whose parent a factory made (an intersection with its base's type)", () => {
    expect(result.errorClasses).toContain("MissingColumnError");
  });
});
