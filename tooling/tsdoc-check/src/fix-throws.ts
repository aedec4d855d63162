/**
 * Rewrites `@throws ShapeError, DataError for …` (the class names bare, as rpf once wrote them) to
 * `@throws {ShapeError | DataError} for …`, the form the check reads. Only a run of names that are
 * all known error classes is braced, so `@throws when …` is left for a person to fix.
 */
export function braceThrowsTags(text: string, errorClasses: ReadonlySet<string>): string {
  return text.replace(/(@throws )([A-Z]\w*(?:(?:, | \| )[A-Z]\w*)*):?(?=[\s])/g, (whole, tag: string, run: string) => {
    const names = run.split(/, | \| /);
    return names.every((name) => errorClasses.has(name)) ? `${tag}{${names.join(" | ")}}` : whole;
  });
}
