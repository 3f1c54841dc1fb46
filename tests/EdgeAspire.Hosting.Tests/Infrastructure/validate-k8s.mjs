// Validates every Kubernetes object of the YAML files given as arguments against the Kubernetes OpenAPI schema, with
// the npm package kubernetes-models (its generated validators work offline). Prints one line per object; exits 1
// when any object is invalid or of an unknown kind. Kustomize's own file is not a Kubernetes object and is skipped.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const modules = process.env.K8S_VALIDATE_MODULES;
const require = createRequire(join(modules, "package.json"));
const yaml = require("js-yaml");
let failed = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of yaml.loadAll(readFileSync(file, "utf8"))) {
    if (!doc || doc.kind === "Kustomization") continue;
    const [group, version] = doc.apiVersion.includes("/") ? doc.apiVersion.split("/") : [null, doc.apiVersion];
    const path = join(modules, "node_modules", "kubernetes-models", group ?? "", version, `${doc.kind}.js`);
    const name = `${file}: ${doc.apiVersion} ${doc.kind} ${doc.metadata?.name}`;
    let model;
    try {
      model = (await import(pathToFileURL(path).href))[doc.kind];
    } catch {
      console.log(`UNKNOWN ${name}`);
      failed++;
      continue;
    }
    try {
      new model(doc).validate();
      console.log(`ok ${name}`);
    } catch (e) {
      console.log(`INVALID ${name}: ${String(e.message ?? e).replace(/\s+/g, " ")}`);
      failed++;
    }
  }
}
process.exit(failed ? 1 : 0);
