// vitest globalSetup shared by every vendor project: the project's name is the vendor whose Prism mock it gets.
import type { TestProject } from "vitest/node";
import { provideMock } from "./vitest.js";

export default function setup(project: TestProject) {
  return provideMock(project.name)(project);
}
