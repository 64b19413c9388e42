// tsc copies no JSON it does not import: the bundled specs the server reads at start-up go to dist/generated/.
import { cpSync } from "node:fs";

cpSync("src/generated", "dist/generated", { recursive: true, filter: (src) => !src.endsWith(".ts") });
