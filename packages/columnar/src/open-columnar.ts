import { extname } from "node:path";
import { InvalidArgumentError } from "@rpf/core";
import { openArrow } from "./arrow-table.js";
import type { ColumnarTable } from "./columnar-table.js";
import { COLUMNAR_EXTENSIONS } from "./extensions.js";
import { openParquet } from "./parquet-table.js";

/**
 * Opens a Parquet or Arrow IPC file by its extension (COLUMNAR_EXTENSIONS), reading its footer or
 * schema but no values. Why these libraries: hyparquet and apache-arrow are pure JavaScript (no
 * native binary to install per platform) and read by row groups and record batches; DuckDB's Node
 * API reads Parquet natively too but needs an extension fetched from the network for Arrow IPC.
 * @throws {InvalidArgumentError} for another extension, naming the accepted ones.
 * @throws {DataError} for a file that cannot be read as its format (missing, empty, truncated).
 */
export async function openColumnarFile(path: string): Promise<ColumnarTable> {
  const extension = extname(path).toLowerCase();
  if ((COLUMNAR_EXTENSIONS.parquet as readonly string[]).includes(extension)) return openParquet(path);
  if ((COLUMNAR_EXTENSIONS.arrow as readonly string[]).includes(extension)) return openArrow(path);
  throw new InvalidArgumentError(
    `${path}: unknown columnar extension "${extension}"; accepted: ${[...COLUMNAR_EXTENSIONS.parquet, ...COLUMNAR_EXTENSIONS.arrow].join(", ")}`,
    { field: "data", accepted: [...COLUMNAR_EXTENSIONS.parquet, ...COLUMNAR_EXTENSIONS.arrow].join(", ") },
  );
}
