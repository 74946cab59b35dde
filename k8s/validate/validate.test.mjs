// Self-tests of validate.mjs: `npm test` (node:test). The overlay tests need kubectl and are skipped without it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { validateObject } from "./validate.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const k8s = join(here, "..");
const options = { kubeMinor: 33, strict: true };

const deployment = () => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", labels: { "app.kubernetes.io/name": "web" } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { "app.kubernetes.io/name": "web" } },
    template: {
      metadata: { labels: { "app.kubernetes.io/name": "web" } },
      spec: {
        containers: [{
          name: "web",
          image: "nginx:1.27",
          ports: [{ containerPort: 8080, name: "http" }],
          resources: { limits: { memory: "128Mi" }, requests: { cpu: "100m" } },
        }],
      },
    },
  },
});

const run = (args, input) =>
  spawnSync(process.execPath, [join(here, "validate.mjs"), ...args], { input, encoding: "utf8" });

const messages = (r) => r.errors.map((e) => e.message).join(" | ");

test("a valid Deployment passes", async () => {
  assert.deepEqual((await validateObject(deployment(), options)).errors, []);
});

test("kubernetes-models' validate() alone accepts an unknown field (why the strict check exists)", () => {
  const d = deployment();
  d.spec.replica = 2;
  assert.doesNotThrow(() => new Deployment(d).validate());
});

test("unknown field: spec.replica fails with a did-you-mean", async () => {
  const d = deployment();
  d.spec.replica = 2;
  const r = await validateObject(d, options);
  assert.equal(r.errors.length, 1);
  assert.deepEqual(r.errors[0].path, ["spec", "replica"]);
  assert.match(r.errors[0].message, /unknown field "replica".*did you mean "replicas"/);
});

test("unknown field deep inside a container fails", async () => {
  const d = deployment();
  d.spec.template.spec.containers[0].imagePullPolicyy = "Always";
  assert.match(messages(await validateObject(d, options)), /unknown field "imagePullPolicyy"/);
});

test("wrong type: containerPort \"http\" fails", async () => {
  const d = deployment();
  d.spec.template.spec.containers[0].ports[0].containerPort = "http";
  const r = await validateObject(d, options);
  assert.deepEqual(r.errors[0].path, ["spec", "template", "spec", "containers", 0, "ports", 0, "containerPort"]);
  assert.match(r.errors[0].message, /must be integer \(got string "http"\)/);
});

test("missing required field: container without name fails", async () => {
  const d = deployment();
  delete d.spec.template.spec.containers[0].name;
  const r = await validateObject(d, options);
  assert.deepEqual(r.errors[0].path, ["spec", "template", "spec", "containers", 0, "name"]);
  assert.match(r.errors[0].message, /required field is missing/);
});

test("maps (labels, resources) accept any key, but still check value types", async () => {
  const d = deployment();
  d.metadata.labels["example.com/anything"] = "x";
  assert.deepEqual((await validateObject(d, options)).errors, []);
  d.metadata.labels.count = 3;
  assert.match(messages(await validateObject(d, options)), /must be string/);
});

test("no schema for apiVersion/kind is an error, not a skip", async () => {
  const r = await validateObject({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } }, options);
  assert.match(messages(r), /no schema for apiVersion "example.com\/v1" kind "Widget"/);
  const v = await validateObject({ apiVersion: "apps/v1beta3", kind: "Deployment", metadata: { name: "w" } }, options);
  assert.match(messages(v), /Deployment has a schema in: apps\/v1/);
});

test("an API removed in the target version fails", async () => {
  const pdb = { apiVersion: "policy/v1beta1", kind: "PodDisruptionBudget", metadata: { name: "p" }, spec: { maxUnavailable: 1 } };
  assert.match(messages(await validateObject(pdb, options)), /removed in Kubernetes 1.25/);
  assert.deepEqual((await validateObject(pdb, { ...options, kubeMinor: 24 })).errors, []);
});

test("fields the model generator dropped (description, x-kubernetes-*) are allowed where they belong", async () => {
  const pc = { apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name: "high" }, value: 1000, description: "d" };
  assert.deepEqual((await validateObject(pc, options)).errors, []);
  const crd = {
    apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", metadata: { name: "widgets.example.com" },
    spec: {
      group: "example.com", scope: "Namespaced", names: { kind: "Widget", plural: "widgets" },
      versions: [{
        name: "v1", served: true, storage: true,
        schema: { openAPIV3Schema: { type: "object", description: "w", "x-kubernetes-preserve-unknown-fields": true } },
      }],
    },
  };
  assert.deepEqual((await validateObject(crd, options)).errors, []);
  crd.spec.versions[0].schema.openAPIV3Schema.descripton = "typo";
  assert.match(messages(await validateObject(crd, options)), /unknown field "descripton"/);
});

test("KEDA ScaledObject: valid passes, a typo fails", async () => {
  const so = {
    apiVersion: "keda.sh/v1alpha1", kind: "ScaledObject", metadata: { name: "s" },
    spec: { scaleTargetRef: { name: "d" }, maxReplicaCount: 3, triggers: [{ type: "kafka", metadata: { topic: "t" } }] },
  };
  assert.deepEqual((await validateObject(so, options)).errors, []);
  so.spec.maxReplicaCounts = 3;
  assert.match(messages(await validateObject(so, options)), /unknown field "maxReplicaCounts".*did you mean "maxReplicaCount"/);
});

test("CLI: one line per object, summary, exit codes, YAML 1.1 booleans, duplicate keys, empty input", () => {
  const ok = run(["-"], "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {X: \"on\"}\n");
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /^ok {3}ConfigMap\/a$/m);
  assert.match(ok.stdout, /^summary: 1 checked: 1 ok, 0 failed/m);

  const bool = run(["-"], "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {X: on}\n");
  assert.equal(bool.status, 1);
  assert.match(bool.stdout, /^FAIL ConfigMap\/a: data.X: must be string \(got boolean true\) \[<stdin>:4\]$/m);

  const dup = run(["-"], "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n");
  assert.equal(dup.status, 1);
  assert.match(dup.stdout, /Map keys must be unique/);

  const empty = run(["-"], "");
  assert.equal(empty.status, 1);
  assert.match(empty.stdout, /no Kubernetes objects/);
});

const hasKubectl = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" }).status === 0;

for (const overlay of ["dev", "prod"]) {
  test(`rendered overlay ${overlay} passes`, { skip: !hasKubectl && "kubectl not installed" }, () => {
    const rendered = spawnSync("kubectl", ["kustomize", join(k8s, "overlays", overlay)], { encoding: "utf8" });
    assert.equal(rendered.status, 0, rendered.stderr);
    const r = run(["-"], rendered.stdout);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.doesNotMatch(r.stdout, /^FAIL/m);
  });
}

test("examples pass", () => {
  const r = run([join(k8s, "examples", "keda-scaledobject.yaml")]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
