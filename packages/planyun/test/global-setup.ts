import { provideMock } from "@scrm-openapi/mock/vitest";

export default provideMock("planyun");
