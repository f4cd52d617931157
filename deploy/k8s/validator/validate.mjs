// Validates a rendered overlay (the output of `kubectl kustomize`) offline, with no cluster:
//   1. every object against the JSON schema of its kind in Kubernetes 1.36 (kubernetes-models, cert-manager models);
//   2. unknown fields, which the schemas let through: the objects are type-checked by TypeScript against the same
//      models, whose excess-property check names any field the API does not have (a typo such as `readinessProbes`);
//   3. the gateway's deployment rules and references between objects (rules.mjs).
// Usage: node validate.mjs RENDERED.yaml [--required-secrets FILE] [--list]. Prints one line per problem (and with
// --list each object's kind/name); exit code 1 if there is any problem.
import { readFileSync } from "node:fs";
import { parseAllDocuments, parse } from "yaml";
import { describe, loadModel, modelModule } from "./models.mjs";
import { findUnknownFields } from "./unknown-fields.mjs";
import { checkRules } from "./rules.mjs";

const [renderedPath, ...options] = process.argv.slice(2);
if (!renderedPath) {
  console.error("usage: node validate.mjs RENDERED.yaml [--required-secrets FILE]");
  process.exit(2);
}

const requiredSecretsPath = options[options.indexOf("--required-secrets") + 1];
const requiredSecrets = options.includes("--required-secrets") ? parse(readFileSync(requiredSecretsPath, "utf8")) ?? {} : {};

const documents = parseAllDocuments(readFileSync(renderedPath, "utf8"));
const problems = [];
const objects = [];
for (const document of documents) {
  if (document.errors.length > 0) {
    problems.push(...document.errors.map(error => `YAML: ${error.message}`));
    continue;
  }

  const object = document.toJS();
  if (object?.kind === "Secret") {
    // kustomize folds long base64 values over lines; the API server's decoder skips line breaks, the schema's does not.
    for (const key of Object.keys(object.data ?? {})) {
      object.data[key] = String(object.data[key]).replace(/[\r\n]/g, "");
    }
  }

  if (object !== null) {
    objects.push(object);
  }
}

for (const object of objects) {
  const name = describe(object);
  if (/\/v\d+(alpha|beta)\d*$/.test(object.apiVersion ?? "")) {
    problems.push(`${name}: ${object.apiVersion} is not a GA API; use a stable version every supported cluster serves`);
  }

  const Model = await loadModel(object);
  if (Model === undefined) {
    problems.push(`${name}: no schema for ${object.apiVersion} ${object.kind}`);
    continue;
  }

  try {
    new Model(object).validate();
  } catch (error) {
    problems.push(`${name}: ${error.message}`);
  }
}

problems.push(...findUnknownFields(objects.filter(object => modelModule(object) !== undefined)));
problems.push(...checkRules(objects, requiredSecrets));

if (options.includes("--list")) {
  for (const object of objects) {
    console.log(`    ${describe(object)}`);
  }
}

for (const problem of problems) {
  console.log(`  ✗ ${problem}`);
}

console.log(problems.length === 0
  ? `  ✓ ${objects.length} objects valid (Kubernetes 1.36 schemas, no unknown fields, deployment rules)`
  : `  ${problems.length} problem(s) in ${objects.length} objects`);
process.exit(problems.length === 0 ? 0 : 1);
