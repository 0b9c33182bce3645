// What a schema cannot see: references between objects, and fxhome's own rules for its pods. Each check returns
// messages; an empty list means the manifests hang together.
"use strict";

const WORKLOADS = new Set(["Deployment", "StatefulSet"]);
const key = (o) => `${o.kind}/${(o.metadata || {}).namespace || ""}/${(o.metadata || {}).name}`;
const matches = (selector, labels) =>
  Object.entries(selector || {}).every(([k, v]) => (labels || {})[k] === v) && Object.keys(selector || {}).length > 0;

/**
 * @param objects [{doc, file, dir}] every Kubernetes object found
 * @param context {lanes: queue names of SyncTopology, images: fxhome image names that have a Dockerfile}
 */
function crossChecks(objects, context) {
  const errors = [];
  const err = (o, msg) => errors.push(`${o.file}: ${o.doc.kind} ${o.doc.metadata && o.doc.metadata.name}: ${msg}`);
  const all = objects.map((o) => o.doc);
  const byKind = (kind) => objects.filter((o) => o.doc.kind === kind);
  const namespaces = new Set(byKind("Namespace").map((o) => o.doc.metadata.name));
  const workloads = objects.filter((o) => WORKLOADS.has(o.doc.kind));
  const podLabels = workloads.map((o) => o.doc.spec.template.metadata.labels);

  // One object per name in a directory; the same name in another directory is an overlay (demo/ over base/).
  const seen = new Map();
  for (const o of objects) {
    const k = `${o.dir} ${key(o.doc)}`;
    if (seen.has(k)) err(o, `defined twice in ${o.dir} (also in ${seen.get(k)})`);
    seen.set(k, o.file);
    if (o.doc.kind !== "Namespace" && !namespaces.has(o.doc.metadata.namespace)) {
      err(o, `namespace ${o.doc.metadata.namespace} is not one of the Namespaces defined (${[...namespaces]})`);
    }
  }
  // An overlay ConfigMap replaces the base one whole: it must carry the same keys.
  for (const o of byKind("ConfigMap")) {
    for (const other of byKind("ConfigMap")) {
      if (other !== o && key(other.doc) === key(o.doc) && o.dir < other.dir) {
        const a = Object.keys(o.doc.data || {}).sort().join(","), b = Object.keys(other.doc.data || {}).sort().join(",");
        if (a !== b) err(other, `overrides ${o.file} with other keys: [${b}] vs [${a}]`);
      }
    }
  }

  for (const o of workloads) {
    const spec = o.doc.spec, pod = spec.template.spec, labels = spec.template.metadata.labels;
    if (!matches(spec.selector.matchLabels, labels)) err(o, "selector.matchLabels do not match the pod template's labels");
    checkPod(o, pod, err, objects, context);
  }
  // Jobs (the migration) follow the same pod rules, but run to completion: no probes.
  for (const o of byKind("Job")) checkPod(o, o.doc.spec.template.spec, err, objects, context, { probes: false });
  for (const o of byKind("Service")) {
    if (!o.doc.spec.selector) continue;
    const targets = workloads.filter((w) => matches(o.doc.spec.selector, w.doc.spec.template.metadata.labels));
    if (targets.length === 0) err(o, "selector matches no Deployment or StatefulSet");
    for (const p of o.doc.spec.ports || []) {
      if (typeof p.targetPort !== "string") continue;
      const named = targets.some((w) => w.doc.spec.template.spec.containers.some((c) => (c.ports || []).some((cp) => cp.name === p.targetPort)));
      if (targets.length && !named) err(o, `targetPort ${p.targetPort} is no container port of the selected pods`);
    }
  }
  for (const o of byKind("Ingress")) {
    for (const rule of o.doc.spec.rules || []) {
      for (const p of (rule.http || {}).paths || []) {
        const b = p.backend.service;
        const svc = b && all.find((d) => d.kind === "Service" && d.metadata.name === b.name);
        if (b && !svc) err(o, `backend Service ${b.name} does not exist`);
        else if (b && !svc.spec.ports.some((sp) => sp.name === b.port.name || sp.port === b.port.number)) err(o, `Service ${b.name} has no port ${b.port.name || b.port.number}`);
      }
    }
  }
  for (const o of byKind("StatefulSet")) {
    const svc = all.find((d) => d.kind === "Service" && d.metadata.name === o.doc.spec.serviceName);
    if (!svc) err(o, `serviceName ${o.doc.spec.serviceName} is no Service`);
  }
  for (const o of byKind("PodDisruptionBudget")) {
    if (!podLabels.some((l) => matches(o.doc.spec.selector.matchLabels, l))) err(o, "selector matches no pods");
  }
  for (const o of [...byKind("HorizontalPodAutoscaler"), ...byKind("ScaledObject")]) {
    const ref = o.doc.spec.scaleTargetRef;
    const target = workloads.find((w) => w.doc.kind === (ref.kind || "Deployment") && w.doc.metadata.name === ref.name);
    if (!target) err(o, `scaleTargetRef ${ref.kind || "Deployment"}/${ref.name} does not exist`);
    else if (target.doc.spec.replicas !== undefined) err(o, `${ref.name} sets replicas, which would fight the autoscaler on every apply`);
  }
  for (const o of byKind("ScaledObject")) {
    for (const t of o.doc.spec.triggers) {
      if (t.type === "rabbitmq" && !context.lanes.includes(t.metadata.queueName)) {
        err(o, `queue ${t.metadata.queueName} is not a lane of SyncTopology (${context.lanes})`);
      }
      const auth = t.authenticationRef && t.authenticationRef.name;
      if (auth && !all.some((d) => d.kind === "TriggerAuthentication" && d.metadata.name === auth)) err(o, `TriggerAuthentication ${auth} does not exist`);
    }
  }
  for (const o of byKind("TriggerAuthentication")) {
    for (const ref of o.doc.spec.secretTargetRef || []) checkSecretKey(o, ref.name, ref.key, err, objects);
  }
  for (const o of byKind("RoleBinding")) {
    const role = o.doc.roleRef;
    if (!all.some((d) => d.kind === role.kind && d.metadata.name === role.name)) err(o, `roleRef ${role.kind}/${role.name} does not exist`);
  }
  return errors;
}

function checkSecretKey(o, name, k, err, objects) {
  const secret = objects.find((s) => s.doc.kind === "Secret" && s.doc.metadata.name === name);
  if (!secret) return err(o, `Secret ${name} is not in secrets.example.yaml`);
  const keys = Object.keys({ ...(secret.doc.data || {}), ...(secret.doc.stringData || {}) });
  if (k !== undefined && !keys.includes(k)) err(o, `Secret ${name} has no key ${k} (it has ${keys})`);
}

function checkConfigMapKey(o, name, k, err, objects) {
  const cm = objects.find((s) => s.doc.kind === "ConfigMap" && s.doc.metadata.name === name);
  if (!cm) return err(o, `ConfigMap ${name} does not exist`);
  if (k !== undefined && !(k in (cm.doc.data || {}))) err(o, `ConfigMap ${name} has no key ${k}`);
}

function checkPod(o, pod, err, objects, context, { probes = true } = {}) {
  const volumes = new Map((pod.volumes || []).map((v) => [v.name, v]));
  const claimTemplates = new Set(((o.doc.spec.volumeClaimTemplates) || []).map((c) => c.metadata.name));
  for (const v of volumes.values()) {
    if (v.secret) for (const item of v.secret.items || [{}]) checkSecretKey(o, v.secret.secretName, item.key, err, objects);
    if (v.configMap) for (const item of v.configMap.items || [{}]) checkConfigMapKey(o, v.configMap.name, item.key, err, objects);
  }
  const sc = pod.securityContext || {};
  const containers = [...(pod.initContainers || []), ...pod.containers];
  for (const c of containers) {
    const where = `container ${c.name}`;
    for (const m of c.volumeMounts || []) {
      if (!volumes.has(m.name) && !claimTemplates.has(m.name)) err(o, `${where} mounts volume ${m.name}, which is not defined`);
    }
    for (const e of c.env || []) {
      const vf = e.valueFrom || {};
      if (vf.secretKeyRef) checkSecretKey(o, vf.secretKeyRef.name, vf.secretKeyRef.key, err, objects);
      if (vf.configMapKeyRef) checkConfigMapKey(o, vf.configMapKeyRef.name, vf.configMapKeyRef.key, err, objects);
    }
    for (const e of c.envFrom || []) {
      if (e.configMapRef) checkConfigMapKey(o, e.configMapRef.name, undefined, err, objects);
      if (e.secretRef) checkSecretKey(o, e.secretRef.name, undefined, err, objects);
    }
    const r = c.resources || {};
    for (const kind of ["requests", "limits"]) {
      for (const res of ["cpu", "memory"]) if (!(r[kind] || {})[res]) err(o, `${where} has no ${res} in resources.${kind}`);
    }
    const csc = c.securityContext || {};
    if (!(csc.runAsNonRoot ?? sc.runAsNonRoot)) err(o, `${where} may run as root (runAsNonRoot)`);
    if (csc.allowPrivilegeEscalation !== false) err(o, `${where} allows privilege escalation`);
    if (!((csc.capabilities || {}).drop || []).includes("ALL")) err(o, `${where} keeps Linux capabilities (drop: [ALL])`);
    if (!(csc.seccompProfile || sc.seccompProfile)) err(o, `${where} has no seccompProfile`);
    const ports = new Set((c.ports || []).map((p) => p.name));
    for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
      const port = c[probe] && (c[probe].httpGet || c[probe].tcpSocket || {}).port;
      if (typeof port === "string" && !ports.has(port)) err(o, `${where} ${probe} uses port ${port}, which it does not declare`);
    }
    if (pod.initContainers && pod.initContainers.includes(c)) continue;
    // fxhome's own processes: health on Quarkus' endpoints, a read-only root, and an image that deploy/images builds.
    const image = /^fxhome\/([^:]+):(.+)$/.exec(c.image || "");
    if (!image) continue;
    if (!context.images.includes(image[1])) err(o, `${where} uses image fxhome/${image[1]}, which deploy/images does not build`);
    if (probes && ((c.livenessProbe || {}).httpGet || {}).path !== "/q/health/live") err(o, `${where} livenessProbe is not /q/health/live`);
    if (probes && ((c.readinessProbe || {}).httpGet || {}).path !== "/q/health/ready") err(o, `${where} readinessProbe is not /q/health/ready`);
    if (csc.readOnlyRootFilesystem !== true) err(o, `${where} root file system is writable`);
  }
}

module.exports = { crossChecks };
