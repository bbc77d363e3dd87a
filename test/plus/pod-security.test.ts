import { ApiObject, Chart, Cron, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { CheeseApp } from '../../src/cheese-app';
import { hardenPodSpec } from '../../src/plus/harden-pod-spec';
import { PodSecurity } from '../../src/plus/pod-security';
import { evaluatePolicy, PSS_CAPABILITIES, PSS_RULES, PSS_RUN_AS_USER, Suppressions } from '../../src/policy';
import { CheesePolicy } from '../../src/policy/policy';
import { one, synth } from '../util';

const IMAGE = 'us-docker.pkg.dev/p/r/worker:1.0.0';

function plainChart(): Chart {
  return new Chart(Testing.app(), 'plain', { namespace: 'plus-test' });
}

function synthError(chart: Chart): string {
  try {
    Testing.synth(chart);
    return '';
  } catch (e) {
    return String(e);
  }
}

describe('PodSecurity.harden', () => {
  test('cdk8s-plus workloads of every kind pass every PSS restricted rule after the one call', () => {
    const chart = plainChart();
    const containers = [{ image: IMAGE, portNumber: 8080 }];
    new kplus.Deployment(chart, 'Deploy', { containers, initContainers: [{ image: IMAGE }] });
    new kplus.StatefulSet(chart, 'Sts', { containers, service: new kplus.Service(chart, 'Svc', { ports: [{ port: 80 }] }) });
    new kplus.Job(chart, 'Job', { containers });
    new kplus.CronJob(chart, 'Cron', { containers, schedule: Cron.daily() });
    new kplus.DaemonSet(chart, 'Ds', { containers });
    new kplus.Pod(chart, 'Pod', { containers });
    const before = Testing.synth(chart);
    expect(evaluatePolicy(before, undefined, PSS_RULES).map(f => f.ruleId)).toEqual(expect.arrayContaining(['CHEESE-PSS4', 'CHEESE-PSS5']));
    expect(PodSecurity.harden(chart)).toHaveLength(6);
    const after = Testing.synth(chart);
    expect(evaluatePolicy(after, undefined, PSS_RULES)).toEqual([]);
    const deploy = one(after as any, 'Deployment');
    expect(deploy.spec.template.spec.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
    for (const c of [...deploy.spec.template.spec.containers, ...deploy.spec.template.spec.initContainers]) {
      expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
    }
    // typed values of the L1 classes (Quantity, IntOrString) survive the patch
    expect(deploy.spec.template.spec.containers[0].resources).toEqual({ limits: { cpu: '1500m', memory: '2048Mi' }, requests: { cpu: '1000m', memory: '512Mi' } });
    expect(deploy.spec.template.spec.containers[0].startupProbe.tcpSocket.port).toBe(8080);
    expect(one(after as any, 'CronJob').spec.jobTemplate.spec.template.spec.securityContext.seccompProfile.type).toBe('RuntimeDefault');
    expect(one(after as any, 'Pod').spec.securityContext.seccompProfile.type).toBe('RuntimeDefault');
  });

  test("keeps cdk8s-plus's rendered settings and the user's: uid, read-only root, capabilities (CAP_ prefix stripped)", () => {
    const chart = plainChart();
    new kplus.Deployment(chart, 'Web', {
      securityContext: { user: 20000, group: 20000 },
      containers: [{
        image: IMAGE,
        securityContext: {
          user: 20001,
          readOnlyRootFilesystem: false,
          capabilities: { add: [kplus.Capability.NET_BIND_SERVICE], drop: [kplus.Capability.NET_RAW] },
        },
      }],
    });
    PodSecurity.harden(chart);
    const spec = one(synth(chart), 'Deployment').spec.template.spec;
    expect(spec.securityContext).toMatchObject({ runAsUser: 20000, runAsGroup: 20000, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(spec.containers[0].securityContext).toEqual({
      runAsUser: 20001,
      runAsNonRoot: true,
      privileged: false,
      readOnlyRootFilesystem: false,
      allowPrivilegeEscalation: false,
      capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
    });
  });

  test('sees what is set after the call (it reads the rendering at synth)', () => {
    const chart = plainChart();
    const deploy = new kplus.Deployment(chart, 'Web', { containers: [{ image: IMAGE }] });
    PodSecurity.harden(chart);
    deploy.addContainer({ image: IMAGE, name: 'sidecar' });
    const containers = one(synth(chart), 'Deployment').spec.template.spec.containers;
    expect(containers.map((c: any) => c.securityContext.capabilities)).toEqual([{ drop: ['ALL'] }, { drop: ['ALL'] }]);
  });

  test('hardens raw ApiObjects and keeps their other JSON patches', () => {
    const chart = plainChart();
    const raw = new ApiObject(chart, 'Raw', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'raw' },
      spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: IMAGE }] } } },
    });
    raw.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/securityContext', { runAsUser: 10001 }));
    PodSecurity.harden(chart);
    const c = one(synth(chart), 'Deployment').spec.template.spec.containers[0];
    expect(c.securityContext).toEqual({ runAsUser: 10001, allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
  });

  test('hardens a raw PodTemplate too (the policy judges it: pods are created from it verbatim)', () => {
    const chart = plainChart();
    new ApiObject(chart, 'Tpl', {
      apiVersion: 'v1',
      kind: 'PodTemplate',
      metadata: { name: 'tpl' },
      template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: IMAGE }] } },
    });
    expect(PodSecurity.harden(chart).map(o => o.kind)).toEqual(['PodTemplate']);
    const spec = one(synth(chart), 'PodTemplate').template.spec;
    expect(spec.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
    expect(spec.containers[0].securityContext).toEqual({ allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
  });

  test('hardening an App: each chart judged by its own policy, or by the PSS rules when it has none (no crash above the charts)', () => {
    const app = Testing.app();
    const plain = new Chart(app, 'plain', { namespace: 'plus-plain' });
    const guarded = new Chart(app, 'guarded', { namespace: 'plus-guarded' });
    CheesePolicy.apply(guarded);
    for (const c of [plain, guarded]) {
      new kplus.Deployment(c, 'Root', { containers: [{ image: IMAGE, securityContext: { user: 0, ensureNonRoot: false } }] });
    }
    PodSecurity.harden(app);
    const error = synthError(plain);
    expect(error).toContain('[CHEESE-PSS3] plain/Root/Resource');
    expect(error).toContain('[CHEESE-PSS3] guarded/Root/Resource'); // from the guarded chart's own CheesePolicy, once
    expect(error.split('[CHEESE-PSS3] guarded/Root/Resource').length).toBe(2);
  });

  test("is a no-op on the library's own workloads", () => {
    const app = Testing.app();
    const before = Testing.synth(new CheeseApp(app, 'a', { namespace: 'plus-a', gcpProject: 'plus-project' }));
    const chart = new CheeseApp(Testing.app(), 'a', { namespace: 'plus-a', gcpProject: 'plus-project' });
    expect(PodSecurity.harden(chart).length).toBeGreaterThan(0);
    expect(Testing.synth(chart)).toEqual(before);
  });

  test('in a CheeseApp, a hardened cdk8s-plus workload has no PSS finding left for the policy', () => {
    const chart = new CheeseApp(Testing.app(), 'a', { namespace: 'plus-a', gcpProject: 'plus-project' });
    const worker = new kplus.Deployment(chart, 'Worker', { containers: [{ image: IMAGE }] });
    const pss = () => CheesePolicy.of(chart)!.report().filter(e => e.constructPath.startsWith(worker.node.path) && e.rule.id.startsWith('CHEESE-PSS'));
    expect(pss().map(e => e.rule.id)).toEqual(expect.arrayContaining(['CHEESE-PSS4', 'CHEESE-PSS5']));
    PodSecurity.harden(chart);
    expect(pss()).toEqual([]);
  });

  test('only pod-bearing objects, and each once', () => {
    const chart = plainChart();
    new kplus.ConfigMap(chart, 'Cm', { data: { a: 'b' } });
    new kplus.Deployment(chart, 'Web', { containers: [{ image: IMAGE }] });
    expect(PodSecurity.harden(chart).map(o => o.kind)).toEqual(['Deployment']);
    expect(PodSecurity.harden(chart)).toEqual([]);
  });

  test('fails if a container asks for uid 0: the policy message with construct path, field and fix (no CheesePolicy on the chart)', () => {
    const chart = plainChart();
    new kplus.Deployment(chart, 'Root', { containers: [{ image: IMAGE, securityContext: { user: 0, ensureNonRoot: false } }] });
    PodSecurity.harden(chart);
    const message = synthError(chart);
    expect(message).toContain('[CHEESE-PSS3] plain/Root/Resource (Deployment/plain-root-c8');
    expect(message).toContain('spec.template.spec.containers[0].securityContext.runAsUser');
    expect(message).toContain(`Fix: ${PSS_RUN_AS_USER.fix}`);
    expect(message).toContain('[CHEESE-PSS2] plain/Root/Resource');
  });

  test('fails if a container adds a capability other than NET_BIND_SERVICE, or mounts a hostPath', () => {
    const chart = plainChart();
    const d = new kplus.Deployment(chart, 'Admin', {
      containers: [{ image: IMAGE, securityContext: { capabilities: { add: [kplus.Capability.SYS_ADMIN] } } }],
    });
    d.addVolume(kplus.Volume.fromHostPath(chart, 'Host', 'host', { path: '/var/run' }));
    PodSecurity.harden(chart);
    const message = synthError(chart);
    expect(message).toContain('[CHEESE-PSS4] plain/Admin/Resource');
    expect(message).toContain('spec.template.spec.containers[0].securityContext.capabilities.add adds ["SYS_ADMIN"]');
    expect(message).toContain(`Fix: ${PSS_CAPABILITIES.fix}`);
    expect(message).toContain('[CHEESE-PSS6] plain/Admin/Resource');
  });

  test('fails if privileged or on host namespaces', () => {
    const chart = plainChart();
    new kplus.Pod(chart, 'Priv', { hostNetwork: true, containers: [{ image: IMAGE, securityContext: { privileged: true } }] });
    PodSecurity.harden(chart);
    const message = synthError(chart);
    expect(message).toContain('[CHEESE-PSS8] plain/Priv/Resource');
    expect(message).toContain('[CHEESE-PSS7] plain/Priv/Resource');
  });

  test('respects suppressions, and leaves reporting to CheesePolicy when the chart has one (no duplicates)', () => {
    const chart = plainChart();
    const d = new kplus.Deployment(chart, 'Root', { containers: [{ image: IMAGE, securityContext: { user: 0, ensureNonRoot: false } }] });
    Suppressions.add(d, 'CHEESE-PSS3', 'the image needs uid 0 until upstream fixes it');
    Suppressions.add(d, 'CHEESE-PSS2', 'the image needs uid 0 until upstream fixes it');
    PodSecurity.harden(chart);
    expect(synthError(chart)).toBe('');
    const other = plainChart();
    new kplus.Deployment(other, 'Root', { containers: [{ image: IMAGE, securityContext: { user: 0 } }] });
    PodSecurity.harden(other);
    CheesePolicy.apply(other);
    expect(synthError(other).match(/\[CHEESE-PSS3\]/g)).toHaveLength(1);
  });
});

describe('hardenPodSpec', () => {
  test('never overrides an explicit choice', () => {
    const spec = {
      securityContext: { runAsNonRoot: false, seccompProfile: { type: 'Unconfined' } },
      containers: [{ name: 'a', securityContext: { allowPrivilegeEscalation: true, runAsUser: 0 } }, { name: 'b', securityContext: { privileged: true } }],
    };
    const out = hardenPodSpec(spec);
    expect(out.securityContext).toEqual(spec.securityContext);
    expect(out.containers[0].securityContext).toEqual({ allowPrivilegeEscalation: true, runAsUser: 0, capabilities: { drop: ['ALL'] } });
    expect(out.containers[1].securityContext).toEqual({ privileged: true, capabilities: { drop: ['ALL'] } });
    expect(spec.containers[0].securityContext).toEqual({ allowPrivilegeEscalation: true, runAsUser: 0 });
  });

  test('replaces the drop: [null] that kplus.Capability.ALL (undefined in 2.9.5) renders', () => {
    const out = hardenPodSpec({ containers: [{ name: 'a', securityContext: { capabilities: { drop: [null] } } }] });
    expect(out.containers[0].securityContext.capabilities).toEqual({ drop: ['ALL'] });
  });

  test('pod-level uid 0 is respected: no runAsNonRoot added', () => {
    const out = hardenPodSpec({ securityContext: { runAsUser: 0 }, containers: [{ name: 'a' }] });
    expect(out.containers[0].securityContext.runAsNonRoot).toBeUndefined();
  });

  test('leaves Windows pods alone (the API server rejects seccomp and capabilities there)', () => {
    const spec = { os: { name: 'windows' }, containers: [{ name: 'a' }] };
    expect(hardenPodSpec(spec)).toBe(spec);
  });
});
