// The guide's code samples call the vendor packages' real factories with their real required options, read from the
// package sources (parsed, not type-checked: milliseconds), so a renamed option cannot leave a stale sample behind.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { repoRoot } from "@scrm-openapi/codegen";
import ts from "typescript";

export interface Factory {
  /** e.g. createWeibanClient, from `@scrm-openapi/<vendor>` (or its `/webhooks` subpath). */
  name: string;
  module: string;
  /** Required own options of its options interface, in declaration order; `fn` when the option is a function. */
  required: { name: string; fn: boolean }[];
}

/** The exported `create…<suffix>(options: X)` of a package file and the required members X declares itself. */
async function readFactory(vendor: string, file: string, suffix: string, module: string): Promise<Factory | undefined> {
  const path = join(repoRoot, "packages", vendor, "src", file);
  const source = await readFile(path, "utf8").catch(() => undefined);
  if (source === undefined) return undefined;
  const sf = ts.createSourceFile(path, source, ts.ScriptTarget.Latest);
  const fn = sf.statements.find(
    (s): s is ts.FunctionDeclaration =>
      ts.isFunctionDeclaration(s) && /^create\w+$/.test(s.name?.text ?? "") && (s.name?.text ?? "").endsWith(suffix),
  );
  const param = fn?.parameters[0]?.type;
  if (!fn?.name || !param || !ts.isTypeReferenceNode(param)) return undefined;
  const options = param.typeName.getText(sf);
  const decl = sf.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === options,
  );
  const members: readonly ts.TypeElement[] = decl?.members ?? [];
  const required = members
    .filter((m): m is ts.PropertySignature => ts.isPropertySignature(m) && !m.questionToken)
    .map((m) => ({ name: m.name.getText(sf), fn: m.type !== undefined && ts.isFunctionTypeNode(m.type) }));
  return { name: fn.name.text, module, required };
}

export async function readFactories(vendor: string): Promise<{ client?: Factory; receiver?: Factory }> {
  const pkg = `@scrm-openapi/${vendor}`;
  const [client, receiver] = await Promise.all([
    readFactory(vendor, "generated/client.ts", "Client", pkg),
    readFactory(vendor, "generated/webhooks.ts", "WebhookReceiver", `${pkg}/webhooks`),
  ]);
  return { ...(client ? { client } : {}), ...(receiver ? { receiver } : {}) };
}
