// What the vitest globalSetups provide to the tests (vitest's `inject`), typed once for every project.
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** The vendor's Prism mock (tools/mock/src/vitest-setup.ts). */
    mockUrl: string;
    /** Every vendor's Prism mock by vendor (provideMocks of tools/mock/src/vitest.ts). */
    mockUrls: Record<string, string>;
    /** A throwaway redis-server (packages/core/test/redis-setup.ts). */
    redisPort: number;
  }
}

export const mockUrl = (): string => inject("mockUrl");
export const mockUrls = (): Record<string, string> => inject("mockUrls");
export const redisPort = (): number => inject("redisPort");
