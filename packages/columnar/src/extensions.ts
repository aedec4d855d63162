import { extname } from "node:path";

/** File extensions read as each format. */
export const COLUMNAR_EXTENSIONS = {
  parquet: [".parquet", ".pq"],
  arrow: [".arrow", ".arrows", ".ipc", ".feather"],
} as const;

/** Whether rpf reads `path` as a columnar file (by its extension), rather than as CSV. */
export function isColumnarPath(path: string): boolean {
  const extension = extname(path).toLowerCase();
  return Object.values(COLUMNAR_EXTENSIONS).some((list) => (list as readonly string[]).includes(extension));
}
