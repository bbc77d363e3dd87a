import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { cheeseApp, container, NS } from './fixtures';
import { CheesePolicy, evaluatePolicy, PSS_SECCOMP, SUPPRESSIONS_ANNOTATION, Suppressions } from '../../src/policy';

/** A chart holding the compliant fixture as raw ApiObjects, ids `<Kind>-<name>`. */
function compliantChart(app: App = Testing.app()): Chart {
  const chart = new Chart(app, 'test', { namespace: NS });
  for (const obj of cheeseApp()) new ApiObject(chart, `${obj.kind}-${obj.metadata.name}`, obj);
  return chart;
}

/** A raw L1 Deployment whose only violation is the missing seccomp profile (CHEESE-PSS5). */
function unconfinedWorker(scope: Construct): kplus.k8s.KubeDeployment {
  const labels = { 'app.kubernetes.io/name': 'worker' };
  const q = kplus.k8s.Quantity.fromString;
  const worker = {
    ...container('worker'), // the L1 needs typed quantities and IntOrString ports
    resources: { requests: { cpu: q('250m'), memory: q('512Mi') }, limits: { cpu: q('1'), memory: q('512Mi') } },
    readinessProbe: { httpGet: { path: '/healthz', port: kplus.k8s.IntOrString.fromNumber(8080) } },
  };
  return new kplus.k8s.KubeDeployment(scope, 'Worker', {
    spec: {
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { securityContext: { runAsNonRoot: true }, containers: [worker] } },
    },
  });
}

describe('CheesePolicy.apply', () => {
  test('a compliant chart synthesizes', () => {
    const chart = compliantChart();
    CheesePolicy.apply(chart);
    expect(Testing.synth(chart)).toHaveLength(cheeseApp().length);
  });

  test('a violation fails Testing.synth with rule id, construct path, object, detail and fix', () => {
    const chart = compliantChart();
    const worker = unconfinedWorker(chart);
    CheesePolicy.apply(chart);
    const message = (() => { try { Testing.synth(chart); return ''; } catch (e) { return String(e); } })();
    expect(message).toContain(`[CHEESE-PSS5] test/Worker (Deployment/${worker.name}): ${PSS_SECCOMP.message}: container "worker": `
      + 'spec.template.spec.containers[0].securityContext.seccompProfile.type is unset');
    expect(message).toContain(`. Fix: ${PSS_SECCOMP.fix}`);
    expect(message.match(/\[CHEESE-/g)).toHaveLength(1);
  });

  test('a violation also fails App.synth', () => {
    const app = Testing.app();
    const chart = compliantChart(app);
    unconfinedWorker(chart);
    CheesePolicy.apply(chart);
    expect(() => app.synth()).toThrow(/\[CHEESE-PSS5\] test\/Worker/);
  });

  test('objects added after apply are checked', () => {
    const chart = compliantChart();
    CheesePolicy.apply(chart);
    new ApiObject(chart, 'Leak', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'leak' }, stringData: { token: 'x' } });
    expect(() => Testing.synth(chart)).toThrow(/\[CHEESE-SEC3\] test\/Leak \(Secret\/leak\): .*stringData has keys \["token"\]/);
  });

  test('requireIngressTls: false lets a plain-HTTP Ingress through', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: NS });
    for (const obj of cheeseApp()) {
      if (obj.kind === 'Ingress') delete obj.spec.tls;
      new ApiObject(chart, `${obj.kind}-${obj.metadata.name}`, obj);
    }
    CheesePolicy.apply(chart, { requireIngressTls: false });
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('rules option runs only the given rules', () => {
    const chart = Testing.chart(); // no namespace: CHEESE-NS1 would fire, but only PSS5 runs
    unconfinedWorker(chart);
    const policy = CheesePolicy.apply(chart, { rules: [PSS_SECCOMP] });
    expect(policy.errors()).toEqual([expect.stringMatching(/^\[CHEESE-PSS5\] test\/Worker /)]);
    expect(CheesePolicy.of(chart)).toBe(policy);
  });

  test('catches the cdk8s-plus-27 defaults: no capabilities drop, no seccomp, no readiness, no NetworkPolicy or PDB', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: NS });
    new kplus.Deployment(chart, 'Web', { containers: [{ image: 'nginx:1.27.3', portNumber: 8080 }] });
    const policy = CheesePolicy.apply(chart);
    const ids = [...new Set(policy.report().map(e => e.rule.id))];
    expect(ids).toEqual(['CHEESE-PSS4', 'CHEESE-PSS5', 'CHEESE-PRB1', 'CHEESE-PDB1', 'CHEESE-NET1']);
    expect(policy.report().every(e => e.constructPath === 'test/Web/Resource')).toBe(true);
  });

  test('a finding that names no rendered object is attributed to the chart, not dropped', () => {
    const chart = Testing.chart();
    const ghost = { ...PSS_SECCOMP, check: () => [{ ruleId: 'CHEESE-PSS5', kind: 'Deployment', name: 'ghost', path: 'spec', detail: 'x' }] };
    expect(CheesePolicy.apply(chart, { rules: [ghost] }).errors()).toEqual([expect.stringMatching(/^\[CHEESE-PSS5\] test \(Deployment\/ghost\)/)]);
  });

  test('evaluatePolicy works on synthesized output', () => {
    const chart = compliantChart();
    unconfinedWorker(chart);
    expect(evaluatePolicy(Testing.synth(chart)).map(f => f.ruleId)).toEqual(['CHEESE-PSS5']);
  });

  test('fails if applied twice to the same chart', () => {
    const chart = Testing.chart();
    CheesePolicy.apply(chart);
    expect(() => CheesePolicy.apply(chart)).toThrow('CheesePolicy.apply: a policy is already applied to chart "test"; pass all options in a single apply call');
  });

  test('fails if two rules share an ID', () => {
    expect(() => CheesePolicy.apply(Testing.chart(), { rules: [PSS_SECCOMP, PSS_SECCOMP] }))
      .toThrow('CheesePolicy.apply: rules must have unique IDs; received "CHEESE-PSS5" twice');
  });
});

describe('suppressions in the engine', () => {
  test('a suppression with a reason silences the finding and is visible as an annotation', () => {
    const chart = compliantChart();
    const worker = unconfinedWorker(chart);
    CheesePolicy.apply(chart);
    Suppressions.add(worker, 'CHEESE-PSS5', 'worker uses a Localhost profile injected by the node pool');
    const synthesized = Testing.synth(chart).find(o => o.metadata.name === worker.name);
    expect(synthesized.metadata.annotations).toEqual({
      [SUPPRESSIONS_ANNOTATION]: 'CHEESE-PSS5: worker uses a Localhost profile injected by the node pool',
    });
  });

  test('a suppression on an ancestor covers ApiObjects created after it, and the report keeps it', () => {
    const chart = compliantChart();
    const group = new Construct(chart, 'Workers');
    const policy = CheesePolicy.apply(chart);
    CheesePolicy.suppress(group, 'CHEESE-PSS5', 'seccomp is set by the admission webhook here');
    const worker = unconfinedWorker(group);
    const synthesized = Testing.synth(chart).find(o => o.metadata.name === worker.name);
    expect(synthesized.metadata.annotations[SUPPRESSIONS_ANNOTATION]).toBe('CHEESE-PSS5: seccomp is set by the admission webhook here');
    expect(policy.report()).toEqual([expect.objectContaining({
      constructPath: 'test/Workers/Worker',
      suppression: { ruleId: 'CHEESE-PSS5', reason: 'seccomp is set by the admission webhook here', scopePath: 'test/Workers' },
    })]);
  });

  test('a suppression of another rule does not silence the finding', () => {
    const chart = compliantChart();
    const worker = unconfinedWorker(chart);
    CheesePolicy.apply(chart);
    Suppressions.add(worker, 'CHEESE-RES2', 'worker deliberately runs without a CPU limit');
    expect(() => Testing.synth(chart)).toThrow(/\[CHEESE-PSS5\] test\/Worker/);
  });

  test('objects without suppressions get no annotation', () => {
    const chart = compliantChart();
    CheesePolicy.apply(chart);
    for (const obj of Testing.synth(chart)) expect(obj.metadata.annotations?.[SUPPRESSIONS_ANNOTATION]).toBeUndefined();
  });
});

describe('CheesePolicy.synth', () => {
  const ownToJson = (chart: Chart) => chart.node.findAll().filter(c => ApiObject.isApiObject(c) && Object.prototype.hasOwnProperty.call(c, 'toJson'));

  /** Calls of ApiObject.prototype.toJson (L1 classes reach it through super.toJson()) made by `fn`. */
  function renders<T>(fn: () => T): { result: T; calls: number } {
    const spy = jest.spyOn(ApiObject.prototype, 'toJson');
    try {
      const result = fn();
      return { result, calls: spy.mock.calls.length };
    } finally {
      spy.mockRestore();
    }
  }

  test('returns what chart.toJson() returns, rendering each object once instead of twice', () => {
    const chart = compliantChart();
    unconfinedWorker(chart).metadata.addAnnotation('x', 'y');
    const policy = CheesePolicy.apply(chart);
    Suppressions.add(chart.node.findChild('Worker'), 'CHEESE-PSS5', 'the fixture worker has no seccomp profile on purpose');
    const objects = cheeseApp().length + 1;
    const plain = renders(() => chart.toJson());
    const once = renders(() => policy.synth());
    expect(once.result).toEqual(plain.result);
    expect(plain.calls).toBe(2 * objects);
    expect(once.calls).toBe(objects);
  });

  test('objects render afresh after it: a later change shows in the next synthesis', () => {
    const chart = compliantChart();
    const policy = CheesePolicy.apply(chart);
    policy.synth();
    expect(ownToJson(chart)).toEqual([]);
    const configMap = chart.node.findAll().find(c => ApiObject.isApiObject(c) && c.kind === 'ConfigMap') as ApiObject;
    configMap.metadata.addLabel('changed', 'later');
    expect(policy.synth().find(o => o.kind === 'ConfigMap')?.metadata.labels).toMatchObject({ changed: 'later' });
  });

  test('fails like chart.toJson() on a violation, and leaves no object patched', () => {
    const chart = compliantChart();
    unconfinedWorker(chart);
    const policy = CheesePolicy.apply(chart);
    expect(() => policy.synth()).toThrow(/\[CHEESE-PSS5\] test\/Worker/);
    expect(ownToJson(chart)).toEqual([]);
  });

  test('an object created under a suppressed scope after the suppression carries the annotation, as with chart.toJson()', () => {
    // validations run parent first: the chart's policy renders before the scope's own validation annotates
    const chart = compliantChart();
    const policy = CheesePolicy.apply(chart, { rules: [] });
    const scope = new Construct(chart, 'Scope');
    Suppressions.add(scope, 'CHEESE-RES2', 'objects of this scope omit the CPU limit on purpose');
    new ApiObject(scope, 'Late', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' } });
    const late = policy.synth().find(o => o.metadata.name === 'late');
    expect(late?.metadata.annotations).toEqual({ [SUPPRESSIONS_ANNOTATION]: 'CHEESE-RES2: objects of this scope omit the CPU limit on purpose' });
  });

  test('an object with its own toJson keeps it', () => {
    const chart = compliantChart();
    const policy = CheesePolicy.apply(chart);
    const custom = chart.node.findAll().find(c => ApiObject.isApiObject(c) && c.kind === 'ConfigMap') as ApiObject;
    const own = () => ({ ...ApiObject.prototype.toJson.call(custom), data: { custom: 'yes' } });
    Object.defineProperty(custom, 'toJson', { value: own, configurable: true, writable: true });
    expect(policy.synth().find(o => o.kind === 'ConfigMap')?.data).toEqual({ custom: 'yes' });
    expect(custom.toJson).toBe(own);
  });
});
