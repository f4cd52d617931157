// The gateway's own deployment rules, and references between objects that a schema cannot see.
import { describe } from "./models.mjs";

const Workloads = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job"]);
const LongRunning = new Set(["Deployment", "StatefulSet", "DaemonSet"]);
const CertificateSecretKeys = ["tls.crt", "tls.key", "ca.crt"];

export function checkRules(objects, requiredSecrets) {
  const problems = [];
  const find = (kind, name) => objects.find(object => object.kind === kind && object.metadata?.name === name);
  const secrets = availableSecrets(objects, requiredSecrets);
  const pods = objects.filter(object => Workloads.has(object.kind)).map(object => ({ owner: object, template: object.spec?.template ?? {} }));

  const needSecret = (owner, name, key) => {
    if (!secrets.has(name)) {
      problems.push(`${describe(owner)}: Secret ${name} is neither rendered, written by cert-manager, nor listed in the overlay's secrets.required.yaml`);
    } else if (key !== undefined && !secrets.get(name).has(key)) {
      problems.push(`${describe(owner)}: Secret ${name} has no key ${key}`);
    }
  };
  const needConfigMap = (owner, name, key) => {
    const configMap = find("ConfigMap", name);
    if (configMap === undefined) {
      problems.push(`${describe(owner)}: ConfigMap ${name} is not rendered`);
    } else if (key !== undefined && !(key in (configMap.data ?? {}))) {
      problems.push(`${describe(owner)}: ConfigMap ${name} has no key ${key}`);
    }
  };
  const selects = (selector, labels) =>
    Object.entries(selector?.matchLabels ?? selector ?? {}).every(([key, value]) => labels?.[key] === value);
  const needPods = (owner, selector) => {
    if (!pods.some(pod => selects(selector, pod.template.metadata?.labels))) {
      problems.push(`${describe(owner)}: its selector matches no pod template`);
    }
  };

  for (const { owner, template } of pods) {
    const spec = template.spec ?? {};
    const serviceAccount = spec.serviceAccountName ?? "default";
    if (serviceAccount !== "default" && find("ServiceAccount", serviceAccount) === undefined) {
      problems.push(`${describe(owner)}: ServiceAccount ${serviceAccount} is not rendered`);
    }

    if (owner.spec?.selector && !selects(owner.spec.selector, template.metadata?.labels)) {
      problems.push(`${describe(owner)}: spec.selector does not match its own pod template`);
    }

    for (const volume of spec.volumes ?? []) {
      if (volume.secret) needSecret(owner, volume.secret.secretName);
      if (volume.configMap) needConfigMap(owner, volume.configMap.name);
    }

    for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
      const where = `${describe(owner)} container ${container.name}`;
      for (const source of container.envFrom ?? []) {
        if (source.secretRef) needSecret(owner, source.secretRef.name);
        if (source.configMapRef) needConfigMap(owner, source.configMapRef.name);
      }

      for (const variable of container.env ?? []) {
        const { secretKeyRef, configMapKeyRef } = variable.valueFrom ?? {};
        if (secretKeyRef) needSecret(owner, secretKeyRef.name, secretKeyRef.key);
        if (configMapKeyRef) needConfigMap(owner, configMapKeyRef.name, configMapKeyRef.key);
      }

      const security = { ...spec.securityContext, ...container.securityContext };
      if (security.runAsNonRoot !== true) problems.push(`${where}: must run as non-root (runAsNonRoot: true)`);
      if (security.readOnlyRootFilesystem !== true) problems.push(`${where}: root filesystem must be read-only`);
      if (security.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation must be false`);
      if (!(security.capabilities?.drop ?? []).includes("ALL")) problems.push(`${where}: must drop ALL capabilities`);
      if (!container.resources?.requests?.cpu || !container.resources?.requests?.memory || !container.resources?.limits?.memory) {
        problems.push(`${where}: needs cpu and memory requests and a memory limit`);
      }

      if (!/^[^@]+:[^:/@]+$|@sha256:[0-9a-f]{64}$/.test(container.image ?? "") || /:latest$/.test(container.image)) {
        problems.push(`${where}: image ${container.image} must carry a version tag or digest, not latest`);
      }

      if (LongRunning.has(owner.kind) && (!container.readinessProbe || !container.livenessProbe)) {
        problems.push(`${where}: needs readiness and liveness probes`);
      }
    }

    const partOfGateway = owner.metadata?.labels?.["app.kubernetes.io/part-of"] === "confluence-gateway";
    if (partOfGateway && LongRunning.has(owner.kind) && template.metadata?.annotations?.["prometheus.io/scrape"] !== "true") {
      problems.push(`${describe(owner)}: pods must carry the prometheus.io/scrape annotation`);
    }
  }

  for (const object of objects) {
    switch (object.kind) {
      case "Service":
        if (object.spec?.selector) {
          const matched = pods.filter(pod => selects(object.spec.selector, pod.template.metadata?.labels));
          if (matched.length === 0) problems.push(`${describe(object)}: its selector matches no pod template`);
          const portNames = new Set(matched.flatMap(pod => pod.template.spec?.containers ?? []).flatMap(c => c.ports ?? []).map(p => p.name));
          for (const port of object.spec.ports ?? []) {
            if (typeof port.targetPort === "string" && !portNames.has(port.targetPort)) {
              problems.push(`${describe(object)}: targetPort ${port.targetPort} is not a named port of its pods`);
            }
          }
        }
        break;
      case "Ingress":
        for (const path of (object.spec?.rules ?? []).flatMap(rule => rule.http?.paths ?? [])) {
          const backend = path.backend?.service;
          const service = backend && find("Service", backend.name);
          if (backend && service === undefined) problems.push(`${describe(object)}: backend Service ${backend.name} is not rendered`);
          if (service && backend.port?.name && !(service.spec?.ports ?? []).some(port => port.name === backend.port.name)) {
            problems.push(`${describe(object)}: Service ${backend.name} has no port named ${backend.port.name}`);
          }
        }
        for (const tls of object.spec?.tls ?? []) needSecret(object, tls.secretName);
        break;
      case "PodDisruptionBudget":
        needPods(object, object.spec?.selector);
        break;
      case "NetworkPolicy":
        if (Object.keys(object.spec?.podSelector?.matchLabels ?? {}).length > 0) needPods(object, object.spec.podSelector);
        break;
      case "HorizontalPodAutoscaler": {
        const target = object.spec?.scaleTargetRef ?? {};
        if (find(target.kind, target.name) === undefined) problems.push(`${describe(object)}: scale target ${target.kind}/${target.name} is not rendered`);
        break;
      }
      case "RoleBinding":
        if (find(object.roleRef?.kind, object.roleRef?.name) === undefined) problems.push(`${describe(object)}: ${object.roleRef?.kind}/${object.roleRef?.name} is not rendered`);
        for (const subject of object.subjects ?? []) {
          if (subject.kind === "ServiceAccount" && find("ServiceAccount", subject.name) === undefined) {
            problems.push(`${describe(object)}: ServiceAccount ${subject.name} is not rendered`);
          }
        }
        break;
      default:
        break;
    }
  }

  return problems;
}

/** Secret name -> keys it will hold: rendered Secrets, cert-manager's Certificates, and those the overlay requires. */
function availableSecrets(objects, requiredSecrets) {
  const secrets = new Map(Object.entries(requiredSecrets).map(([name, keys]) => [name, new Set(keys)]));
  for (const object of objects) {
    if (object.kind === "Secret") {
      secrets.set(object.metadata.name, new Set([...Object.keys(object.data ?? {}), ...Object.keys(object.stringData ?? {})]));
    } else if (object.kind === "Certificate" && object.spec?.secretName) {
      secrets.set(object.spec.secretName, new Set(CertificateSecretKeys));
    }
  }

  return secrets;
}
