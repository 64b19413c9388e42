// The zh-CN data the mocks ship is faker's own zh_CN, regenerated (scripts/locale.mjs) whenever faker changes.
import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
// @ts-expect-error a plain .mjs script without types
import { renderLocale } from "../scripts/locale.mjs";

it("src/generated/zh-cn.ts is what scripts/locale.mjs makes of the installed faker", async () => {
  const committed = await readFile(new URL("../src/generated/zh-cn.ts", import.meta.url), "utf8");
  expect(committed === renderLocale(), "run `pnpm --filter @scrm-openapi/msw run locale`").toBe(true);
});
