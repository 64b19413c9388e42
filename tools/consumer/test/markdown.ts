// The TypeScript samples of the user-facing markdown (README.md, each package's README, docs/*.md), as files a
// user's project could hold: every ```ts block, with its hidden context, and whether it is marked to run.
//
// Conventions in the markdown:
// - An HTML comment right before the fence that opens with `<!-- ts` holds lines the reader does not need to see
//   (imports or values an earlier block introduced, `declare const req: IncomingMessage`); they are prepended.
// - `<!-- ts runnable` (or `<!-- ts runnable -->` alone) also runs the block against the mock, with the vendors'
//   default hosts sent to it; its hidden lines must then be real code, not `declare`s.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

export interface Block {
  /** Path of the markdown file, relative to the repository. */
  source: string;
  /** 1-based line in `source` of the block's first code line. */
  line: number;
  /** Hidden context lines (may be empty). */
  prelude: string;
  code: string;
  runnable: boolean;
}

/** The markdown files a user reads: the root README, each package's README, and docs/. */
export function markdownFiles(repo: string): string[] {
  const packages = readdirSync(join(repo, "packages"))
    .sort()
    .map((dir) => {
      // A vendor's README is generated into src/generated/ (the build copies it to the package root for npm).
      const generated = join(repo, "packages", dir, "src", "generated", "README.md");
      return existsSync(generated) ? generated : join(repo, "packages", dir, "README.md");
    });
  const docs = existsSync(join(repo, "docs"))
    ? readdirSync(join(repo, "docs"))
        .filter((f) => f.endsWith(".md"))
        .sort()
        .map((f) => join(repo, "docs", f))
    : [];
  return [join(repo, "README.md"), ...packages, ...docs].filter((f) => existsSync(f));
}

const FENCE = /^(\s*)```(ts|typescript)\s*$/;

export function extractBlocks(repo: string, file: string): Block[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] ?? "");
    if (!open) continue;
    const indent = open[1]?.length ?? 0;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end] ?? "")) end++;
    const code = lines
      .slice(start, end)
      .map((l) => l.slice(indent))
      .join("\n");
    blocks.push({ source: relative(repo, file), line: start + 1, code, ...hiddenBefore(lines, i) });
    i = end;
  }
  return blocks;
}

/** The `<!-- ts … -->` comment ending on the line before the fence at `fence`, if any. */
function hiddenBefore(lines: readonly string[], fence: number): { prelude: string; runnable: boolean } {
  const none = { prelude: "", runnable: false };
  const last = lines[fence - 1] ?? "";
  if (/^\s*<!-- ts runnable -->\s*$/.test(last)) return { prelude: "", runnable: true };
  if (!/^\s*-->\s*$/.test(last)) return none;
  let open = fence - 2;
  while (open >= 0 && !/^\s*<!--/.test(lines[open] ?? "")) open--;
  const opening = /^\s*<!-- ts( runnable)?\s*$/.exec(lines[open] ?? "");
  if (open < 0 || !opening) return none;
  return { prelude: lines.slice(open + 1, fence - 1).join("\n"), runnable: opening[1] !== undefined };
}
