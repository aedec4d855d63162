import { execFileSync } from "node:child_process";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { CLI_PATH, runCli, tempDir } from "./run-cli.js";

const PACKAGE_JSON = join(CLI_PATH, "..", "..", "package.json");

describe("rpf --version", () => {
  it.each(["--version", "-V"])("%s prints the version in @rpf/cli's package.json, from any folder", async (flag) => {
    const { version } = JSON.parse(await readFile(PACKAGE_JSON, "utf8")) as { version: string };
    const result = await runCli([flag], await tempDir());
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${version}\n`);
  });

  it("is read from the package.json beside the built files, not written into them", async () => {
    // The built version module, moved into a package whose manifest says another version.
    const root = await tempDir();
    await mkdir(join(root, "dist"));
    await copyFile(join(CLI_PATH, "..", "version.js"), join(root, "dist", "version.js"));
    await writeFile(join(root, "package.json"), JSON.stringify({ name: "@rpf/cli", version: "9.8.7-test" }));
    const url = pathToFileURL(join(root, "dist", "version.js")).href;
    const printed = execFileSync(
      process.execPath,
      ["--input-type=module", "-e", `import { cliVersion } from ${JSON.stringify(url)}; console.log(cliVersion());`],
      { encoding: "utf8" },
    );
    expect(printed).toBe("9.8.7-test\n");
  });
});
