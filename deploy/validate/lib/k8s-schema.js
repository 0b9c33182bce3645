// Kubernetes objects against the OpenAPI schema, through kubernetes-models' generated classes (Kubernetes 1.27 API;
// KEDA's CRDs from @kubernetes-models/keda). Two passes per object:
//  1. the class's validate(): types, required fields, enums, formats, as the API server's schema says;
//  2. unknown fields, as `kubectl apply --validate=strict` would refuse them: the OpenAPI schema allows extra fields,
//     so a misspelt `livenesProbe` would pass (1) and be dropped silently by the cluster. The field names come from the
//     classes' TypeScript declarations, read with the TypeScript compiler.
"use strict";
const path = require("path");
const ts = require("typescript");

// apiVersion -> the module of its classes. Anything else is an unknown kind and fails.
const MODULES = {
  "keda.sh/v1alpha1": "@kubernetes-models/keda/keda.sh/v1alpha1",
};
function moduleFor(apiVersion) {
  if (MODULES[apiVersion]) return MODULES[apiVersion];
  if (!/^[a-z0-9.-]*\/?v[0-9]+((alpha|beta)[0-9]+)?$/.test(apiVersion)) return null;
  return `kubernetes-models/${apiVersion}`;
}

/** The model class of apiVersion/kind, or null when neither package knows it. */
function modelClass(apiVersion, kind) {
  const mod = moduleFor(apiVersion);
  if (!mod) return null;
  let exports;
  try {
    exports = require(mod);
  } catch {
    return null;
  }
  const cls = exports[kind];
  return cls && cls.apiVersion === apiVersion && cls.kind === kind ? cls : null;
}

/** Schema errors of one object (strings), or [] when valid. */
function schemaErrors(cls, doc) {
  try {
    new cls(doc).validate();
    return [];
  } catch (e) {
    return String(e.message || e).split(/, (?=data)/).map((m) => m.replace(/^data/, "") || "(root)");
  }
}

// --- unknown fields ------------------------------------------------------------------------------------------------
let program, checker;
const rootTypes = new Map(); // "apiVersion kind" -> ts.Type

function declarationFile(apiVersion, kind) {
  // The packages' export maps hide the .d.ts files from require.resolve: find them beside the group's index.
  return path.join(path.dirname(require.resolve(moduleFor(apiVersion))), `${kind}.d.ts`);
}

/** Prepares the TypeScript checker over the declarations of every kind that will be checked. */
function prepareStrictFields(kinds) {
  const files = kinds.map(([v, k]) => declarationFile(v, k));
  program = ts.createProgram(files, { noEmit: true, skipLibCheck: true, moduleResolution: ts.ModuleResolutionKind.Node10, target: ts.ScriptTarget.ES2020 });
  checker = program.getTypeChecker();
  kinds.forEach(([v, k], i) => {
    const source = program.getSourceFile(files[i]);
    const decl = source.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === `I${k}`);
    if (decl) rootTypes.set(`${v} ${k}`, checker.getTypeAtLocation(decl));
  });
}

function objectMembers(type) {
  // Optional fields are "T | undefined"; a field may be a union of an object and a scalar (IntOrString).
  const parts = type.isUnion() ? type.types : [type];
  return parts.filter((t) => t.flags & ts.TypeFlags.Object);
}

function walk(value, type, at, errors) {
  if (value === null || typeof value !== "object") return;
  const candidates = objectMembers(type);
  if (candidates.length === 0) return;
  if (Array.isArray(value)) {
    const arrayType = candidates.find((t) => checker.isArrayType(t));
    if (!arrayType) return;
    const element = checker.getTypeArguments(arrayType)[0];
    value.forEach((v, i) => walk(v, element, `${at}/${i}`, errors));
    return;
  }
  const objectType = candidates.find((t) => !checker.isArrayType(t));
  if (!objectType) return;
  const indexType = objectType.getStringIndexType();
  for (const [key, v] of Object.entries(value)) {
    const prop = objectType.getProperty(key);
    if (prop) {
      walk(v, checker.getTypeOfSymbol(prop), `${at}/${key}`, errors);
    } else if (indexType) {
      walk(v, indexType, `${at}/${key}`, errors);
    } else if (objectType.getProperties().length > 0) {
      errors.push(`${at || ""}/${key}: unknown field`);
    }
  }
}

/** Fields the schema does not define, as "/spec/template/...: unknown field". */
function unknownFields(apiVersion, kind, doc) {
  const type = rootTypes.get(`${apiVersion} ${kind}`);
  if (!type) return [`no type declaration found for ${apiVersion} ${kind}`];
  const errors = [];
  walk(doc, type, "", errors);
  return errors;
}

module.exports = { modelClass, schemaErrors, prepareStrictFields, unknownFields, declarationFile };
