// Writes docs/model.schema.json from the built core (run `pnpm model-schema` at the repository root).
import { writeFileSync } from "node:fs";
import { modelFileJsonSchema } from "../dist/io/model-file-schema.js";

const target = new URL("../../../docs/model.schema.json", import.meta.url);
writeFileSync(target, `${JSON.stringify(modelFileJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
