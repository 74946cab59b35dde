#!/usr/bin/env node
// Offline, strict schema validation of Kubernetes manifests (e.g. `kubectl kustomize ... | node validate.mjs -`).
//
// Every object is validated by apiVersion+kind with the JSON-schema validator that the `kubernetes-models`
// class of that kind ships (or `@kubernetes-models/keda` for keda.sh). Those validators check types, formats,
// enums and required fields, but NOT unknown fields (the generated schemas have no additionalProperties:false,
// and the validators are pre-compiled, so no ajv option can change that). Unknown fields are found here by
// running the same validator over a Proxy of the object and recording which properties it reads: a property of
// a schema object is always read (to test it), so a key present in the data that the validator never read is
// a key the schema does not declare. Objects whose keys the validator enumerates are maps (labels, data,
// resources.limits ...) and objects it never looks into are free-form (e.g. fieldsV1): neither has fixed keys.
//
// Usage: node validate.mjs [--kube-version 1.33] [--lax] FILE... | -      (see README.md)

import { readFileSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { LineCounter, parseAllDocuments, isMap, isSeq, isScalar } from "yaml";

// --- versions ------------------------------------------------------------------------------------------------

// kubernetes-models 4.5.0 "Update schema version to v1.33.0" (its CHANGELOG); 4.5.1 only bumped a dependency.
// @kubernetes-models/keda 0.4.2 is generated from the CRDs of the KEDA v2.10.1 release (its package.json).
const PINNED = {
  "kubernetes-models": { version: "4.5.1", schemas: "Kubernetes v1.33.0" },
  "@kubernetes-models/keda": { version: "0.4.2", schemas: "KEDA v2.10.1 CRDs" },
};
const DEFAULT_KUBE_VERSION = "1.33";

// Extra model packages by API group (everything else is looked up in kubernetes-models).
const GROUP_PACKAGES = { "keda.sh": "@kubernetes-models/keda" };

// kubernetes-models keeps the schemas of APIs that Kubernetes has since removed (it merges old specs in), so
// a schema match alone would pass e.g. policy/v1beta1 PodDisruptionBudget. These are rejected when removed in
// or before the target version. Source: https://kubernetes.io/docs/reference/using-api/deprecation-guide/
const REMOVED = [
  ["extensions/v1beta1", "*", "1.22", "apps/v1, networking.k8s.io/v1 or policy/v1"],
  ["apps/v1beta1", "*", "1.16", "apps/v1"],
  ["apps/v1beta2", "*", "1.16", "apps/v1"],
  ["admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration", "1.22", "admissionregistration.k8s.io/v1"],
  ["admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration", "1.22", "admissionregistration.k8s.io/v1"],
  ["apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", "1.22", "apiextensions.k8s.io/v1"],
  ["apiregistration.k8s.io/v1beta1", "APIService", "1.22", "apiregistration.k8s.io/v1"],
  ["authentication.k8s.io/v1beta1", "TokenReview", "1.22", "authentication.k8s.io/v1"],
  ["authorization.k8s.io/v1beta1", "*", "1.22", "authorization.k8s.io/v1"],
  ["certificates.k8s.io/v1beta1", "CertificateSigningRequest", "1.22", "certificates.k8s.io/v1"],
  ["coordination.k8s.io/v1beta1", "Lease", "1.22", "coordination.k8s.io/v1"],
  ["networking.k8s.io/v1beta1", "Ingress", "1.22", "networking.k8s.io/v1"],
  ["networking.k8s.io/v1beta1", "IngressClass", "1.22", "networking.k8s.io/v1"],
  ["rbac.authorization.k8s.io/v1beta1", "*", "1.22", "rbac.authorization.k8s.io/v1"],
  ["scheduling.k8s.io/v1beta1", "PriorityClass", "1.22", "scheduling.k8s.io/v1"],
  ["storage.k8s.io/v1beta1", "CSIDriver", "1.22", "storage.k8s.io/v1"],
  ["storage.k8s.io/v1beta1", "CSINode", "1.22", "storage.k8s.io/v1"],
  ["storage.k8s.io/v1beta1", "StorageClass", "1.22", "storage.k8s.io/v1"],
  ["storage.k8s.io/v1beta1", "VolumeAttachment", "1.22", "storage.k8s.io/v1"],
  ["batch/v1beta1", "CronJob", "1.25", "batch/v1"],
  ["discovery.k8s.io/v1beta1", "EndpointSlice", "1.25", "discovery.k8s.io/v1"],
  ["events.k8s.io/v1beta1", "Event", "1.25", "events.k8s.io/v1"],
  ["autoscaling/v2beta1", "HorizontalPodAutoscaler", "1.25", "autoscaling/v2"],
  ["policy/v1beta1", "PodDisruptionBudget", "1.25", "policy/v1"],
  ["policy/v1beta1", "PodSecurityPolicy", "1.25", "Pod Security Admission"],
  ["node.k8s.io/v1beta1", "RuntimeClass", "1.25", "node.k8s.io/v1"],
  ["flowcontrol.apiserver.k8s.io/v1beta1", "*", "1.26", "flowcontrol.apiserver.k8s.io/v1"],
  ["autoscaling/v2beta2", "HorizontalPodAutoscaler", "1.26", "autoscaling/v2"],
  ["storage.k8s.io/v1beta1", "CSIStorageCapacity", "1.27", "storage.k8s.io/v1"],
  ["flowcontrol.apiserver.k8s.io/v1beta2", "*", "1.29", "flowcontrol.apiserver.k8s.io/v1"],
  ["flowcontrol.apiserver.k8s.io/v1beta3", "*", "1.32", "flowcontrol.apiserver.k8s.io/v1"],
];

// --- small helpers -------------------------------------------------------------------------------------------

const minor = (v) => {
  const m = /^v?1\.(\d+)(?:\.\d+)?$/.exec(String(v));
  return m ? Number(m[1]) : NaN;
};

const packageDir = (pkg) => dirname(fileURLToPath(import.meta.resolve(pkg)));

function installedVersion(pkg) {
  try {
    return JSON.parse(readFileSync(join(packageDir(pkg), "package.json"), "utf8")).version;
  } catch {
    return undefined;
  }
}

const isPlainObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v) && !Buffer.isBuffer(v);

/** ["spec", "containers", 0, "app.kubernetes.io/name"] -> spec.containers[0]["app.kubernetes.io/name"] */
function formatPath(path) {
  let s = "";
  for (const seg of path) {
    if (typeof seg === "number") s += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) s += (s ? "." : "") + seg;
    else s += `[${JSON.stringify(seg)}]`;
  }
  return s || "(root)";
}

/** JSON pointer (ajv instancePath) -> path array, array indices as numbers where the data is an array. */
function pointerToPath(pointer, data) {
  if (!pointer) return [];
  const out = [];
  let node = data;
  for (const raw of pointer.split("/").slice(1)) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const key = Array.isArray(node) && /^\d+$/.test(seg) ? Number(seg) : seg;
    out.push(key);
    node = node == null ? undefined : node[key];
  }
  return out;
}

const getAt = (data, path) => path.reduce((n, k) => (n == null ? undefined : n[k]), data);

function describeValue(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "object") return "object";
  const s = JSON.stringify(v);
  return `${typeof v} ${s.length > 40 ? s.slice(0, 37) + "..." : s}`;
}

function levenshtein(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

function didYouMean(key, known) {
  let best;
  let bestDist = Infinity;
  for (const k of known) {
    const dist = k.toLowerCase() === key.toLowerCase() ? 0 : levenshtein(key, k);
    if (dist < bestDist) [best, bestDist] = [k, dist];
  }
  return best !== undefined && bestDist <= Math.max(1, Math.floor(key.length / 4)) ? best : undefined;
}

/** Line (1-based) of the key (or item) at `path` in a YAML document, or of its nearest existing ancestor. */
function lineOf(doc, lineCounter, path) {
  let node = doc.contents;
  let pos = node?.range?.[0];
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
      if (!pair) break;
      pos = pair.key?.range?.[0] ?? pos;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number" && node.items[seg]) {
      node = node.items[seg];
      pos = node?.range?.[0] ?? pos;
    } else break;
  }
  return pos === undefined ? undefined : lineCounter.linePos(pos).line;
}

// --- model lookup --------------------------------------------------------------------------------------------

const API_VERSION_RE = /^(?:([a-z0-9]([a-z0-9.-]*[a-z0-9])?)\/)?(v\d+(?:(?:alpha|beta)\d+)?)$/;
const KIND_RE = /^[A-Z][A-Za-z0-9]*$/;
const modelCache = new Map();
const subTypes = new Set(); // "apiVersion kind" that name a schema type which is not a kind (e.g. v1 PodSpec)

function modulePath(apiVersion, kind) {
  const m = API_VERSION_RE.exec(apiVersion);
  if (!m || !KIND_RE.test(kind)) return undefined;
  const group = m[1];
  const version = m[3];
  if (!group) return { pkg: "kubernetes-models", sub: `v1/${kind}`, group: "", version };
  const pkg = GROUP_PACKAGES[group] ?? "kubernetes-models";
  return { pkg, sub: `${group}/${version}/${kind}`, group, version };
}

/** The model class for apiVersion+kind, or undefined when no schema exists for it. */
async function loadModel(apiVersion, kind) {
  const key = `${apiVersion} ${kind}`;
  if (modelCache.has(key)) return modelCache.get(key);
  let cls;
  const mp = modulePath(apiVersion, kind);
  if (mp && !(mp.group === "" && mp.version !== "v1")) {
    try {
      const mod = await import(`${mp.pkg}/${mp.sub}`);
      const c = mod[kind];
      // Only top-level kinds carry apiVersion/kind; this also refuses sub-types such as "DeploymentSpec".
      if (typeof c === "function" && c.apiVersion === apiVersion && c.kind === kind && typeof c.prototype.validate === "function")
        cls = c;
      else if (typeof c === "function") subTypes.add(key);
    } catch (e) {
      if (!["ERR_MODULE_NOT_FOUND", "ERR_PACKAGE_PATH_NOT_EXPORTED"].includes(e?.code)) throw e;
    }
  }
  modelCache.set(key, cls);
  return cls;
}

/** Where else a kind has a schema (for the "no schema" message). */
async function otherVersionsOf(kind) {
  if (!KIND_RE.test(kind)) return [];
  const found = [];
  const roots = [["kubernetes-models", packageDir("kubernetes-models")]];
  for (const pkg of new Set(Object.values(GROUP_PACKAGES))) roots.push([pkg, packageDir(pkg)]);
  for (const [, dir] of roots) {
    let groups = [];
    try {
      groups = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const g of groups) {
      if (!g.isDirectory() || g.name.startsWith("_")) continue;
      const vdirs = g.name === "v1" ? [["", "v1"]] : (await readdir(join(dir, g.name), { withFileTypes: true }))
        .filter((v) => v.isDirectory()).map((v) => [g.name, v.name]);
      for (const [group, version] of vdirs) {
        const apiVersion = group ? `${group}/${version}` : version;
        try {
          await readFile(join(dir, group, version, `${kind}.mjs`));
          if (await loadModel(apiVersion, kind)) found.push(apiVersion);
        } catch {
          /* not there */
        }
      }
    }
  }
  return found;
}

// --- strict unknown-field detection ---------------------------------------------------------------------------

/** Wraps `root` so that every property read, `in` test and key enumeration is recorded per object. */
function tracked(root) {
  const records = new WeakMap();
  const proxies = new WeakMap();
  const wrap = (target) => {
    if (target === null || typeof target !== "object") return target;
    let proxy = proxies.get(target);
    if (proxy) return proxy;
    const rec = { read: new Set(), enumerated: false };
    records.set(target, rec);
    proxy = new Proxy(target, {
      get(t, k, receiver) {
        if (typeof k === "string") rec.read.add(k);
        return wrap(Reflect.get(t, k, receiver));
      },
      has(t, k) {
        if (typeof k === "string") rec.read.add(k);
        return Reflect.has(t, k);
      },
      ownKeys(t) {
        rec.enumerated = true;
        return Reflect.ownKeys(t);
      },
    });
    proxies.set(target, proxy);
    return proxy;
  };
  return { proxy: wrap(root), records };
}

// The model generator strips every "description" (and "x-kubernetes-*") key from the OpenAPI schemas, so the
// few types that have a *field* of that name lost it. The one-off audit in README.md ("How strict") found
// exactly these in kubernetes-models 4.5.1 (all other 875 model types: fields read == fields declared).
// Matched by the exact set of fields the validator read, which is unique to each of them.
const JSON_SCHEMA_PROPS_EXTRAS = {
  description: "string",
  "x-kubernetes-embedded-resource": "boolean",
  "x-kubernetes-int-or-string": "boolean",
  "x-kubernetes-list-map-keys": "array",
  "x-kubernetes-list-type": "string",
  "x-kubernetes-map-type": "string",
  "x-kubernetes-preserve-unknown-fields": "boolean",
  "x-kubernetes-validations": "array",
};
const DROPPED_FIELDS = new Map([
  ["apiVersion,globalDefault,kind,metadata,preemptionPolicy,value", { description: "string" }], // PriorityClass
  ["format,jsonPath,name,priority,type", { description: "string" }], // CustomResourceColumnDefinition v1
  ["JSONPath,format,name,priority,type", { description: "string" }], // CustomResourceColumnDefinition v1beta1
  ["url", { description: "string" }], // ExternalDocumentation
]);
function droppedFields(read) {
  if (read.has("$schema") && read.has("patternProperties") && read.has("additionalItems")) return JSON_SCHEMA_PROPS_EXTRAS;
  return DROPPED_FIELDS.get([...read].sort().join(",")) ?? {};
}
const typeOf = (v) => (Array.isArray(v) ? "array" : v === null ? "null" : typeof v);

/** Keys present in `node` that the schema validator never read: they are not declared by the schema. */
function unknownFields(node, path, records, out) {
  if (Array.isArray(node)) {
    node.forEach((item, i) => unknownFields(item, [...path, i], records, out));
    return out;
  }
  if (!isPlainObject(node)) return out;
  const rec = records.get(node);
  // Never looked into (only below a map or a free-form object, or the parent was already reported).
  if (!rec) return out;
  // Map (additionalProperties schema: every key was enumerated and checked) or free-form object (no properties).
  const fixedKeys = !rec.enumerated && rec.read.size > 0;
  const dropped = fixedKeys ? droppedFields(rec.read) : {};
  for (const key of Object.keys(node)) {
    if (fixedKeys && Object.hasOwn(dropped, key)) {
      if (node[key] !== null && typeOf(node[key]) !== dropped[key])
        out.push({ path: [...path, key], message: `must be ${dropped[key]} (got ${describeValue(node[key])})` });
    } else if (fixedKeys && !rec.read.has(key)) out.push({ path: [...path, key], known: new Set([...rec.read, ...Object.keys(dropped)]) });
    else unknownFields(node[key], [...path, key], records, out);
  }
  return out;
}

// --- validation of one object ---------------------------------------------------------------------------------

/**
 * Validates one object. Returns { label, errors: [{ path, message }] }.
 * options: { kubeMinor, strict }
 */
export async function validateObject(obj, options) {
  const errors = [];
  const err = (path, message) => errors.push({ path, message });

  if (!isPlainObject(obj)) {
    err([], `document is ${describeValue(obj)}, not a Kubernetes object (mapping)`);
    return { label: "<not-an-object>", errors };
  }
  const { apiVersion, kind } = obj;
  const name = obj.metadata?.name ?? (obj.metadata?.generateName ? `${obj.metadata.generateName}*` : undefined);
  const label = `${typeof kind === "string" && kind ? kind : "<no-kind>"}/${typeof name === "string" && name ? name : "<no-name>"}`;

  if (typeof apiVersion !== "string" || !apiVersion) err(["apiVersion"], "missing apiVersion (must be a non-empty string)");
  if (typeof kind !== "string" || !kind) err(["kind"], "missing kind (must be a non-empty string)");
  if (errors.length) return { label, errors };

  const removed = REMOVED.find(([av, k]) => av === apiVersion && (k === "*" || k === kind));
  if (removed && minor(removed[2]) <= options.kubeMinor)
    err(["apiVersion"], `${apiVersion} ${kind} was removed in Kubernetes ${removed[2]} (target 1.${options.kubeMinor}); use ${removed[3]}`);

  const Model = await loadModel(apiVersion, kind);
  if (!Model) {
    const others = await otherVersionsOf(kind);
    err(["apiVersion"], `no schema for apiVersion "${apiVersion}" kind "${kind}"` +
      (others.length ? ` (${kind} has a schema in: ${others.join(", ")})`
        : subTypes.has(`${apiVersion} ${kind}`) ? ` (${kind} is a type used inside other objects, not a kind)`
        : " (unknown kind: no installed model package declares it)"));
    return { label, errors };
  }

  if (!(typeof obj.metadata?.name === "string" && obj.metadata.name) && !(typeof obj.metadata?.generateName === "string" && obj.metadata.generateName))
    err(["metadata"], "metadata.name (or metadata.generateName) is required");

  // The model copies the data (dropping undefined values); validate() runs the schema validator on `this`.
  const instance = new Model(obj);
  const { proxy, records } = tracked(instance);
  try {
    Model.prototype.validate.call(proxy);
  } catch (e) {
    if (!Array.isArray(e?.errors)) throw e;
    // ajv reports each failed oneOf/anyOf branch plus the oneOf itself, at one path: merged into one reason.
    const alternatives = new Set(e.errors.filter((ve) => ["oneOf", "anyOf"].includes(ve.keyword)).map((ve) => ve.instancePath));
    const merged = new Map();
    for (const ve of e.errors) {
      const path = pointerToPath(ve.instancePath, instance);
      if (ve.keyword === "required") {
        err([...path, ve.params?.missingProperty], "required field is missing");
        continue;
      }
      if (alternatives.has(ve.instancePath)) {
        const m = merged.get(ve.instancePath) ?? { path, messages: [], own: [] };
        (["oneOf", "anyOf"].includes(ve.keyword) ? m.own : m.messages).push(ve.message ?? ve.keyword);
        merged.set(ve.instancePath, m);
        continue;
      }
      let message = ve.message ?? ve.keyword;
      if (["type", "format", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"].includes(ve.keyword))
        message += ` (got ${describeValue(getAt(instance, path))})`;
      if (ve.keyword === "enum" && Array.isArray(ve.params?.allowedValues))
        message += `; allowed: ${ve.params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
      err(path, message);
    }
    for (const { path, messages, own } of merged.values())
      err(path, `${[...new Set(messages.length ? messages : own)].join(", or ")} (got ${describeValue(getAt(instance, path))})`);
  }

  if (options.strict) {
    for (const u of unknownFields(instance, [], records, [])) {
      if (u.message) {
        err(u.path, u.message);
        continue;
      }
      const key = u.path[u.path.length - 1];
      const hint = didYouMean(String(key), u.known);
      err(u.path, `unknown field "${key}" (not in the ${apiVersion} ${kind} schema)` + (hint ? `; did you mean "${hint}"?` : ""));
    }
  }
  return { label, errors };
}

// --- input ----------------------------------------------------------------------------------------------------

// YAML 1.1 like the decoder kubectl and the API server use (go-yaml v2 via sigs.k8s.io/yaml): yes/no/on/off are
// booleans and 0755 is octal. Like go-yaml v2, no sexagesimal numbers (22:30 stays a string) and timestamps
// stay strings.
const yamlOptions = (lineCounter) => ({
  version: "1.1",
  lineCounter,
  uniqueKeys: true,
  prettyErrors: true,
  customTags: (tags) => tags.filter((t) => t.format !== "TIME" && !String(t.tag).endsWith(":timestamp")),
});

/** Yields { source, index, line, doc, lineCounter, value | parseErrors } for each non-empty document. */
function* documents(text, source) {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, yamlOptions(lineCounter));
  const list = Array.isArray(docs) ? docs : [docs];
  let index = 0;
  for (const doc of list) {
    index++;
    const line = lineCounter.linePos(doc.range?.[0] ?? 0).line;
    const problems = [...doc.errors, ...doc.warnings];
    if (problems.length) {
      yield { source, index, line, doc, lineCounter, parseErrors: problems.map((p) => p.message.split("\n")[0].replace(/:$/, "")) };
      continue;
    }
    if (doc.contents === null) continue; // empty document (only comments or a stray ---)
    let value;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      yield { source, index, line, doc, lineCounter, parseErrors: [e.message] };
      continue;
    }
    yield { source, index, line, doc, lineCounter, value };
  }
}

async function readSource(arg) {
  if (arg !== "-") return readFile(arg, "utf8");
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  return Buffer.concat(chunks).toString("utf8");
}

// --- CLI ------------------------------------------------------------------------------------------------------

const USAGE = `usage: node validate.mjs [--kube-version 1.NN] [--lax] FILE... | -
  FILE           multi-document YAML file(s); "-" reads standard input
  --kube-version reject APIs removed in or before this Kubernetes version (default ${DEFAULT_KUBE_VERSION})
  --lax          do not report unknown fields (kubernetes-models' own behaviour; for comparison only)
exit code: 0 when every object passes, 1 otherwise (also for no objects at all, or a usage error)`;

async function main(argv) {
  const files = [];
  const options = { kubeMinor: minor(DEFAULT_KUBE_VERSION), strict: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-h" || a === "--help") {
      console.log(USAGE);
      return 0;
    } else if (a === "--lax") options.strict = false;
    else if (a === "--kube-version" || a.startsWith("--kube-version=")) {
      const v = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i];
      options.kubeMinor = minor(v);
      if (Number.isNaN(options.kubeMinor)) {
        console.error(`bad --kube-version ${JSON.stringify(v)} (expected e.g. 1.32)\n${USAGE}`);
        return 1;
      }
    } else if (a.startsWith("-") && a !== "-") {
      console.error(`unknown option ${a}\n${USAGE}`);
      return 1;
    } else files.push(a);
  }
  if (!files.length) {
    console.error(USAGE);
    return 1;
  }

  const versionNotes = [];
  for (const [pkg, pin] of Object.entries(PINNED)) {
    const v = installedVersion(pkg);
    if (v !== pin.version)
      console.error(`warning: ${pkg} ${v ?? "(missing)"} is installed, validate.mjs expects ${pin.version}; run npm ci in ${dirname(fileURLToPath(import.meta.url))}`);
    versionNotes.push(`${pin.schemas} (${pkg} ${v ?? "missing"})`);
  }

  let passed = 0;
  let failed = 0;
  const fail = (label, reasons) => {
    failed++;
    console.log(`FAIL ${label}: ${reasons.join("; ")}`);
  };

  for (const file of files) {
    const name = file === "-" ? "<stdin>" : file;
    if (files.length > 1) console.log(`--- ${name}`);
    let text;
    try {
      text = await readSource(file);
    } catch (e) {
      fail(name, [`cannot read: ${e.message}`]);
      continue;
    }
    const queue = [];
    for (const d of documents(text, name)) {
      if (d.parseErrors) {
        fail(`${name} document ${d.index} (line ${d.line})`, d.parseErrors.map((m) => `YAML: ${m}`));
        continue;
      }
      // A v1 List (kubectl get -o yaml) is validated item by item.
      if (isPlainObject(d.value) && d.value.apiVersion === "v1" && d.value.kind === "List" && Array.isArray(d.value.items))
        d.value.items.forEach((item, i) => queue.push({ ...d, value: item, prefix: ["items", i] }));
      else queue.push({ ...d, prefix: [] });
    }
    for (const d of queue) {
      const { label, errors } = await validateObject(d.value, options);
      if (!errors.length) {
        passed++;
        console.log(`ok   ${label}`);
        continue;
      }
      fail(label, errors.map((e) => {
        const line = lineOf(d.doc, d.lineCounter, [...d.prefix, ...e.path]);
        return `${formatPath(e.path)}: ${e.message}${line ? ` [${name}:${line}]` : ""}`;
      }));
    }
  }

  const total = passed + failed;
  if (total === 0) {
    console.log("FAIL no Kubernetes objects in the input (did the renderer fail?)");
    failed = 1;
  }
  console.log(`summary: ${total} checked: ${passed} ok, ${failed} failed; schemas: ${versionNotes.join(", ")}; ` +
    `unknown fields: ${options.strict ? "rejected" : "NOT checked (--lax)"}; removed APIs: rejected up to Kubernetes 1.${options.kubeMinor}`);
  return failed === 0 ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      console.error(e?.stack ?? String(e));
      process.exitCode = 1;
    },
  );
}
