/** Saves bytes as a file through a temporary link: the browser's own download, no server round trip. */
export function download(fileName: string, bytes: Uint8Array | string, type: string): void {
  const blob = new Blob([bytes as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference by now; revoking later frees the blob.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
