// YAML parsed once per text: one process (generate over every vendor, a test suite, the docs build) reads the same
// evidence files, ledgers and spec roots several times, and parsing is most of what reading them costs.
import { parse } from "yaml";

const parsed = new Map<string, unknown>();

/** `parse(text)` of the yaml package, as a copy the caller may change; a text that does not parse throws each time. */
export function parseYaml(text: string): unknown {
  if (!parsed.has(text)) parsed.set(text, parse(text));
  return structuredClone(parsed.get(text));
}
