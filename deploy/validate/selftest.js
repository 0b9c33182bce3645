#!/usr/bin/env node
// Proves the validator catches mistakes: copies deploy/ (and the queue names it reads from common-model) to a
// temporary directory, breaks one thing at a time, and expects validate.js to fail with the right message. Nothing
// broken is ever written into the repository. Usage: node selftest.js [repository root]
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");

const root = path.resolve(process.argv[2] || path.join(__dirname, "..", ".."));
const K = "deploy/k8s", C = "deploy/compose";
// [file, text to replace (first occurrence), replacement, what the validator must say]
const MUTATIONS = [
  [`${K}/base/30-web-app.yaml`, "livenessProbe:", "livenesProbe:", /livenesProbe: unknown field/],
  [`${K}/base/40-scheduler.yaml`, "replicas: 2", "replicas: two", /replicas must be integer/],
  [`${K}/base/50-worker.yaml`, "kind: PodDisruptionBudget", "kind: PodDisruptionBudgett", /unknown kind policy\/v1 PodDisruptionBudgett/],
  [`${K}/base/50-worker.yaml`, "minReplicas: 2", "minReplicas: \"2\"", /minReplicas must be integer/],
  [`${K}/base/30-web-app.yaml`, "key: password}", "key: pasword}", /Secret fxhome-db has no key pasword/],
  [`${K}/base/30-web-app.yaml`, "  selector:\n    app.kubernetes.io/name: web-app", "  selector:\n    app.kubernetes.io/name: webapp", /Service web-app: selector matches no Deployment/],
  [`${K}/base/50-worker.yaml`, "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false", /root file system is writable/],
  [`${K}/base/40-scheduler.yaml`, "path: /q/health/ready", "path: /health", /readinessProbe is not \/q\/health\/ready/],
  [`${K}/base/20-rabbitmq.yaml`, "      containers:\n", "     containers:\n", /YAML/],
  [`${K}/optional/keda/worker-scaledobject.yaml`, "queueName: fxhome.sync.interactive", "queueName: fxhome.sync.interactiv", /not a lane of SyncTopology/],
  [`${K}/optional/keda/worker-scaledobject.yaml`, "scaleTargetRef:", "scaleTargetRf:", /scaleTargetRf: unknown field/],
  [`${K}/demo/10-config-demo.yaml`, "  RABBITMQ_PORT: \"5672\"\n", "", /overrides .* with other keys/],
  [`${K}/upgrade/migrate-job.yaml`, "secretName: fxhome-master-key", "secretName: fxhome-master-keys", /Secret fxhome-master-keys is not in secrets.example.yaml/],
  [`${K}/optional/ingress/web-app.yaml`, "name: web-app\n                port", "name: webapp\n                port", /backend Service webapp does not exist/],
  [`${C}/compose.yaml`, "    healthcheck:\n      <<: *fxhome-health\n      test: [\"CMD\", \"/usr/local/bin/fxhome-healthcheck\", \"8092\"",
    "    healthchek:\n      <<: *fxhome-health\n      test: [\"CMD\", \"/usr/local/bin/fxhome-healthcheck\", \"8092\"", /additional properties: healthchek/],
  [`${C}/compose.yaml`, "    stop_grace_period: 30s\n", "    stop_grace_period: 30s\n    ports: [\"8091:8091\"]\n", /--scale worker=N/],
  [`${C}/compose.yaml`, "      interval: 10s\n", "      interval: 10 seconds\n", /interval must match format "duration"/],
  [`${C}/compose.yaml`, "  rabbitmq:\n    condition: service_healthy", "  rabbit:\n    condition: service_healthy", /depends on rabbit, which is no service/],
  [`${C}/.env.example`, "POSTGRES_PASSWORD=change-me-postgres\n", "", /POSTGRES_PASSWORD is required/],
];

function copy(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name === "target") continue;
    const a = path.join(from, e.name), b = path.join(to, e.name);
    e.isDirectory() ? copy(a, b) : fs.copyFileSync(a, b);
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fxhome-validate-selftest-"));
let passed = 0, failed = 0;
try {
  copy(path.join(root, "deploy"), path.join(tmp, "deploy"));
  const queues = "common-model/src/main/java/io/fxhome/job/SyncQueues.java";
  fs.mkdirSync(path.dirname(path.join(tmp, queues)), { recursive: true });
  fs.copyFileSync(path.join(root, queues), path.join(tmp, queues));
  const run = () => spawnSync(process.execPath, [path.join(__dirname, "validate.js"), tmp], { encoding: "utf8" });

  const clean = run();
  if (clean.status !== 0) throw new Error(`the unbroken copy does not validate:\n${clean.stdout}${clean.stderr}`);
  for (const [file, from, to, expect] of MUTATIONS) {
    const target = path.join(tmp, file), original = fs.readFileSync(target, "utf8");
    const label = `${file}: ${JSON.stringify(from.trim().slice(0, 40))} -> ${JSON.stringify(to.trim().slice(0, 40))}`;
    if (!original.includes(from)) {
      failed++; console.log(`  FAILED ${label}: the text to break is no longer in the file; update selftest.js`);
      continue;
    }
    fs.writeFileSync(target, original.replace(from, to));
    const r = run();
    fs.writeFileSync(target, original);
    if (r.status === 1 && expect.test(r.stdout)) {
      passed++;
    } else {
      failed++; console.log(`  FAILED ${label}: expected exit 1 and ${expect}, got exit ${r.status}:\n${r.stdout}${r.stderr}`);
    }
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`validate-deploy selftest: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
