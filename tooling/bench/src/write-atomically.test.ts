import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeAtomically } from "./write-atomically.js";

describe("writeAtomically", () => {
  it("makes the folder, writes the text and leaves no temporary beside it", () => {
    const dir = mkdtempSync(join(tmpdir(), "rpf-bench-"));
    const path = join(dir, "figures", "report.md");
    writeAtomically(path, "first\n");
    writeAtomically(path, "second\n");
    expect(readFileSync(path, "utf8")).toBe("second\n");
    expect(readdirSync(join(dir, "figures"))).toEqual(["report.md"]);
  });
});
