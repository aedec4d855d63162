/**
 * A value as one CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or
 * leading/trailing space, with quotes doubled, so a class label such as `a,b` or a column name
 * from a quoted header reads back as written.
 */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
