/** What one test concluded: one of its result names, and whether that result passes. */
export interface TestOutcome<Result extends string> {
  result: Result;
  pass: boolean;
}

/** The worse of two results by a test's ranking, where a later entry is worse. */
export function worse<Result extends string>(current: Result | undefined, candidate: Result, order: readonly Result[]): Result {
  return current === undefined || order.indexOf(candidate) > order.indexOf(current) ? candidate : current;
}
