#!/usr/bin/env node
// Starts an emulator script and ends it when the process that started it goes away, so a test run that is killed
// never leaves a server behind. Usage: node start.js <parent-pid> <script> [args...]
"use strict";
const path = require("path");

const [parentPid, script, ...args] = process.argv.slice(2);
if (!parentPid || !script) {
  console.error("usage: node start.js <parent-pid> <script> [args...]");
  process.exit(2);
}

setInterval(() => {
  try {
    process.kill(Number(parentPid), 0);
  } catch {
    process.exit(0);
  }
}, 1000).unref();

process.argv = [process.argv[0], path.resolve(script), ...args];
require(path.resolve(script));
