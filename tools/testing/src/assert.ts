// Checks the suites share. A bottom file: imports nothing from this package.

/** Every text of an error a user could see or log: message, toString, stack, JSON form and its cause's message. */
export function errorTexts(error: unknown): string[] {
  if (!(error instanceof Error)) return [String(error)];
  const cause = error.cause instanceof Error ? error.cause.message : String(error.cause ?? "");
  return [error.message, String(error), error.stack ?? "", JSON.stringify(error), cause];
}
