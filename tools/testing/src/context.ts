// What the vitest globalSetups provide to the tests (vitest's `inject`), typed once for every project.
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** The vendors whose doc-examples Prism mock a project's tests reach (vitest.config.ts). */
    mockVendors: string[];
    /** Each of those vendors' Prism mock, by vendor (tools/mock/src/vitest-setup.ts). */
    mockUrls: Record<string, string>;
    /** A throwaway redis-server (packages/core/test/redis-setup.ts). */
    redisPort: number;
  }
}

/** The vendor's Prism mock; a vendor its project's configuration does not name has none. */
export const mockUrl = (vendor: string): string => {
  const url = inject("mockUrls")?.[vendor];
  if (!url) throw new Error(`no Prism mock for ${vendor}: add it to its project's mocks in vitest.config.ts`);
  return url;
};
export const mockUrls = (): Record<string, string> => inject("mockUrls");
export const redisPort = (): number => inject("redisPort");
