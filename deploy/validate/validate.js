#!/usr/bin/env node
// Validates every Kubernetes manifest under deploy/k8s/ and the compose file(s) under deploy/compose/:
//  - each YAML document against the Kubernetes OpenAPI schema (kubernetes-models) or KEDA's CRD schema, failing on
//    a kind neither knows and on fields the schema does not define (lib/k8s-schema.js);
//  - references between objects and fxhome's rules for its pods (lib/k8s-checks.js);
//  - each compose file with every env file beside it, against the Compose Specification schema (lib/compose.js).
// Prints each problem, then one summary line; exits 1 on any problem. Usage: node validate.js [repository root]
"use strict";
const fs = require("fs");
const path = require("path");
const YAML = require("yaml");
const { modelClass, schemaErrors, prepareStrictFields, unknownFields } = require("./lib/k8s-schema");
const { crossChecks } = require("./lib/k8s-checks");
const { checkCompose } = require("./lib/compose");

const root = path.resolve(process.argv[2] || path.join(__dirname, "..", ".."));
const rel = (f) => path.relative(root, f);
const problems = [];

function yamlFiles(dir, recursive) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return recursive ? yamlFiles(p, true) : [];
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  }).sort();
}

// The lanes KEDA may scale on: the queue names of common-model's SyncQueues, so the manifests follow the code.
function laneQueues() {
  const src = fs.readFileSync(path.join(root, "common-model/src/main/java/io/fxhome/job/SyncQueues.java"), "utf8");
  return ["INTERACTIVE", "SCHEDULED"].map((c) => (new RegExp(`${c}\\s*=\\s*"([^"]+)"`).exec(src) || [])[1]).filter(Boolean);
}
const images = fs.readdirSync(path.join(root, "deploy/images")).filter((f) => f.endsWith(".Dockerfile")).map((f) => f.replace(/\.Dockerfile$/, ""));

// --- Kubernetes -----------------------------------------------------------------------------------------------------
const k8sFiles = yamlFiles(path.join(root, "deploy/k8s"), true);
const objects = [];
for (const file of k8sFiles) {
  // Kubernetes reads YAML 1.1 (0440 is octal there), so parse it the same way.
  const docs = YAML.parseAllDocuments(fs.readFileSync(file, "utf8"), { version: "1.1", prettyErrors: true });
  docs.forEach((d, i) => {
    const where = `${rel(file)}#${i + 1}`;
    if (d.errors.length) return problems.push(...d.errors.map((e) => `${where}: YAML: ${e.message.split("\n")[0]}`));
    const doc = d.toJS();
    if (doc === null) return; // an empty document, e.g. after a trailing ---
    if (!doc.apiVersion || !doc.kind) return problems.push(`${where}: no apiVersion/kind`);
    const cls = modelClass(doc.apiVersion, doc.kind);
    if (!cls) return problems.push(`${where}: unknown kind ${doc.apiVersion} ${doc.kind}`);
    objects.push({ doc, cls, file: rel(file), where, dir: path.dirname(rel(file)) });
  });
}
prepareStrictFields([...new Set(objects.map((o) => `${o.doc.apiVersion} ${o.doc.kind}`))].map((s) => s.split(" ")));
const valid = objects.filter((o) => {
  const name = `${o.where} ${o.doc.kind} ${(o.doc.metadata || {}).name}`;
  const errors = [...schemaErrors(o.cls, o.doc), ...unknownFields(o.doc.apiVersion, o.doc.kind, o.doc)];
  problems.push(...errors.map((e) => `${name}: schema: ${e}`));
  return errors.length === 0;
});
const lanes = laneQueues();
if (lanes.length !== 2) problems.push("common-model SyncQueues: could not read the lane queue names");
// References only between objects that passed their schema: the checks may rely on required fields being there.
problems.push(...crossChecks(valid, { lanes, images }));

// --- Compose ----------------------------------------------------------------------------------------------------------
const composeDir = path.join(root, "deploy/compose");
const composeFiles = yamlFiles(composeDir, false);
const envFiles = fs.existsSync(composeDir) ? fs.readdirSync(composeDir).filter((f) => /^\.env\.example$|\.env$/.test(f) && f !== ".env").sort() : [];
let composeRuns = 0;
for (const file of composeFiles) {
  for (const env of envFiles) {
    const { errors } = checkCompose(file, path.join(composeDir, env));
    problems.push(...errors.map((e) => `${rel(file)} (with ${env}): ${e}`));
    composeRuns++;
  }
}
if (composeFiles.length === 0 || envFiles.length === 0) problems.push("deploy/compose: no compose file or no env file to validate it with");

// --- Summary --------------------------------------------------------------------------------------------------------
for (const p of problems) console.log(`  ${p}`);
const kinds = new Set(objects.map((o) => o.doc.kind)).size;
const summary = `${objects.length} Kubernetes objects (${kinds} kinds) in ${k8sFiles.length} files, ` +
  `${composeFiles.length} compose file(s) x ${envFiles.length} env files (${envFiles.join(", ")})`;
if (problems.length) {
  console.log(`validate-deploy: FAILED, ${problems.length} problem(s) in ${summary}`);
  process.exit(1);
}
console.log(`validate-deploy: OK, ${summary}: schemas, unknown fields and references all valid`);
