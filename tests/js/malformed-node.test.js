// The malformed-input battery (suites/malformed.js) in Node, importing the packed package by name.
import { test } from "node:test";
import * as ha from "healthauth";
import { malformedSuite } from "./suites/malformed.js";

for (const { name, fn } of malformedSuite(ha)) test(`node: ${name}`, fn);
