// The docs check's own parts: what counts as a block, its hidden context and runnable mark, and how tsc's lines are
// pointed back at the markdown (the format is tsc's, as printed by `tsc -b` without a TTY).
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockDiagnostics, writeBlocks } from "./docs-blocks.js";
import { type Block, extractBlocks, markdownFiles } from "./markdown.js";

let repo: string;
let blocks: Block[];
const MARKDOWN = [
  "# Sample", // 1
  "", // 2
  "<!-- ts", // 3
  "declare const n: number;", // 4
  "-->", // 5
  "```ts", // 6
  "const s: string = n;", // 7
  "```", // 8
  "", // 9
  "<!-- ts runnable -->", // 10
  "```typescript", // 11
  'console.log("hi");', // 12
  "```", // 13
  "", // 14
  "```sh", // 15
  "npm test", // 16
  "```", // 17
  "", // 18
  "1. a step:", // 19
  "   ```ts", // 20
  "   const indented = 1;", // 21
  "   ```", // 22
].join("\n");

beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), "scrm-markdown-"));
  await mkdir(join(repo, "docs"));
  await mkdir(join(repo, "packages/demo/src/generated"), { recursive: true });
  await writeFile(join(repo, "README.md"), "# root\n");
  await writeFile(join(repo, "docs/guide.md"), MARKDOWN);
  await writeFile(join(repo, "docs/notes.txt"), "```ts\nnot markdown\n```\n");
  await writeFile(join(repo, "packages/demo/src/generated/README.md"), "# demo\n");
  blocks = markdownFiles(repo).flatMap((file) => extractBlocks(repo, file));
});
afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
});

describe("extractBlocks", () => {
  it("finds the README, generated package READMEs and docs/*.md, and only their ts blocks", () => {
    expect(markdownFiles(repo).map((f) => f.slice(repo.length + 1))).toEqual([
      "README.md",
      "packages/demo/src/generated/README.md",
      "docs/guide.md",
    ]);
    expect(blocks.map((b) => [b.source, b.line, b.code])).toEqual([
      ["docs/guide.md", 7, "const s: string = n;"],
      ["docs/guide.md", 12, 'console.log("hi");'],
      ["docs/guide.md", 21, "const indented = 1;"],
    ]);
  });

  it("keeps the hidden context and the runnable mark of the comment right before a fence", () => {
    expect(blocks.map((b) => [b.prelude, b.runnable])).toEqual([
      ["declare const n: number;", false],
      ["", true],
      ["", false],
    ]);
  });
});

describe("blockDiagnostics", () => {
  it("points tsc's line at the markdown line, past the hidden context, and drops lines about other files", async () => {
    const app = join(repo, "app");
    await mkdir(app);
    const files = await writeBlocks(app, blocks);
    const output = [
      `${files[0]?.file}(2,7): error TS2322: Type 'number' is not assignable to type 'string'.`,
      `${files[0]?.file}(1,15): error TS1234: in the hidden context.`,
      "client.ts(3,1): error TS2304: Cannot find name 'x'.",
    ].join("\n");
    expect(blockDiagnostics(output, files)).toEqual([
      "docs/guide.md:7:7 error TS2322: Type 'number' is not assignable to type 'string'.",
      "docs/guide.md:7 (its hidden <!-- ts --> context) error TS1234: in the hidden context.",
    ]);
  });
});
