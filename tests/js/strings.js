/* The site's labels for Node's tests: the English table (hooks/marginalia/strings/en.yml), as the
 * build hands it to the browser, put in marginalia-strings.js before any module runs. There is no
 * copy of the table here: the project's Python reads it (MARGINALIA_PYTHON, else the project's
 * .venv, else python3), so the tests see what the site serves. */
"use strict";
const path = require("node:path");
const fs = require("node:fs");
const { execFileSync } = require("node:child_process");
const Strings = require("../../hooks/marginalia/assets/marginalia-strings.js");

const ROOT = path.resolve(__dirname, "..", "..");

function python() {
  if (process.env.MARGINALIA_PYTHON) return process.env.MARGINALIA_PYTHON;
  const venv = path.join(ROOT, ".venv", "bin", "python");
  return fs.existsSync(venv) ? venv : "python3";
}

/* The browser's part of a language's table, as the build serves it; with "PREVIEW", the
 * sections the preview's pages bring instead (the author mode's, see strings.PREVIEW). */
function table(language = "en", part = "BROWSER") {
  const code = "import json, sys; from marginalia import strings; s = strings.load(sys.argv[1])[0]; "
    + "print(json.dumps(s.browser() if sys.argv[2] == 'BROWSER' else "
    + "{'lang': s.language, 'messages': s.sections(getattr(strings, sys.argv[2]))}, ensure_ascii=False))";
  const out = execFileSync(python(), ["-c", code, language, part], { cwd: ROOT, encoding: "utf-8",
    env: { ...process.env, PYTHONPATH: path.join(ROOT, "hooks") } });
  return JSON.parse(out);
}

const ENGLISH = table("en");
Strings.use(ENGLISH);

module.exports = { Strings, table, ENGLISH };
