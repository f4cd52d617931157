// Where the model (schema and TypeScript type) of an object's apiVersion and kind lives.

/** Packages of models for API groups outside Kubernetes itself, by group suffix. */
const ThirdPartyGroups = [["cert-manager.io", "@kubernetes-models/cert-manager"]];

export function describe(object) {
  return `${object?.kind ?? "?"}/${object?.metadata?.name ?? "?"}`;
}

/** The module that exports the model of this object's kind, e.g. kubernetes-models/apps/v1/Deployment. */
export function modelModule(object) {
  const { apiVersion, kind } = object ?? {};
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^[A-Za-z]+$/.test(kind)) {
    return undefined;
  }

  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const thirdParty = ThirdPartyGroups.find(([suffix]) => group === suffix || group.endsWith(`.${suffix}`));
  if (thirdParty) {
    return `${thirdParty[1]}/${group}/${version}/${kind}`;
  }

  return group === "" ? `kubernetes-models/${version}/${kind}` : `kubernetes-models/${group}/${version}/${kind}`;
}

export async function loadModel(object) {
  const module = modelModule(object);
  if (module === undefined) {
    return undefined;
  }

  try {
    return (await import(module))[object.kind];
  } catch {
    return undefined;
  }
}
