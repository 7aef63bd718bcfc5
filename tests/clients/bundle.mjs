// Bundle the real annotation clients for the browser tests: `node tests/clients/bundle.mjs OUT.js`.
//
// Apache Annotator, dom-anchor-text-quote and dom-anchor-text-position are npm packages with
// importable modules. The Hypothesis client is published on npm only as built bundles
// (package "hypothesis": build/scripts/annotator.bundle.js), which expose no API; its source
// map carries the original TypeScript of every module the bundle was built from. The plugin
// below serves `hypothesis-client/<path>` from that source map, so the test runs the
// anchoring modules (src/annotator/anchoring/) of exactly the release in package-lock.json,
// as written, without copying them into this repository.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));
const modules = path.join(here, "..", "..", "node_modules");
const PREFIX = "hypothesis-client/";
const NAMESPACE = "hypothesis-source-map";

function hypothesisSources() {
  const mapFile = path.join(modules, "hypothesis", "build", "scripts", "annotator.bundle.js.map");
  const map = JSON.parse(readFileSync(mapFile, "utf8"));
  if (!Array.isArray(map.sourcesContent)) {
    throw new Error(`${mapFile} has no sourcesContent: cannot load the client's modules`);
  }
  const files = new Map();
  map.sources.forEach((source, i) => {
    if (map.sourcesContent[i] != null) files.set(source.replace(/^app:\/\/\//, ""), map.sourcesContent[i]);
  });
  return files;
}

function hypothesisPlugin(files) {
  const find = (base) => {
    for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}.js`, `${base}/index.ts`, `${base}/index.js`]) {
      if (files.has(candidate)) return candidate;
    }
    return null;
  };
  return {
    name: "hypothesis-source-map",
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${PREFIX}`) }, (args) => {
        const found = find(args.path.slice(PREFIX.length));
        return found ? { path: found, namespace: NAMESPACE } : { errors: [{ text: `${args.path}: not in the client's source map` }] };
      });
      build.onResolve({ filter: /.*/, namespace: NAMESPACE }, (args) => {
        const wanted = args.path.startsWith(".")
          ? path.posix.join(path.posix.dirname(args.importer), args.path)
          : [...files.keys()].find((name) => name.startsWith(`node_modules/${args.path}/`))?.replace(/\.js$/, "");
        const found = wanted && find(wanted);
        return found ? { path: found, namespace: NAMESPACE } : { errors: [{ text: `${args.path} (from ${args.importer}): not in the client's source map` }] };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
        contents: files.get(args.path),
        loader: args.path.endsWith(".tsx") ? "tsx" : args.path.endsWith(".ts") ? "ts" : "js",
      }));
    },
  };
}

const out = process.argv[2];
if (!out) {
  console.error("usage: node tests/clients/bundle.mjs OUT.js");
  process.exit(2);
}
const files = hypothesisSources();
const versionOf = (name) => JSON.parse(readFileSync(path.join(modules, name, "package.json"), "utf8")).version;
await esbuild.build({
  entryPoints: [path.join(here, "clients.js")],
  bundle: true,
  format: "iife",
  target: "es2020",
  outfile: out,
  logLevel: "warning",
  plugins: [hypothesisPlugin(files)],
  define: {
    CLIENT_VERSIONS: JSON.stringify({
      "apache-annotator": versionOf("@apache-annotator/dom"),
      "dom-anchor-text-quote": versionOf("dom-anchor-text-quote"),
      "dom-anchor-text-position": versionOf("dom-anchor-text-position"),
      hypothesis: versionOf("hypothesis"),
    }),
  },
});
