// What the vitest globalSetups provide to the tests (vitest's `inject`), typed once for every project.
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** The vendor's Prism mock (tools/mock/src/vitest-setup.ts). */
    mockUrl: string;
    /** A throwaway redis-server (packages/core/test/redis-setup.ts). */
    redisPort: number;
  }
}

export const mockUrl = (): string => inject("mockUrl");
export const redisPort = (): number => inject("redisPort");
