// Pod-bearing kinds: ReplicationController, PodTemplate, the items of a List, and kinds the policy
// cannot read (CHEESE-POD1) — each checked on all synth paths (the pure function and the chart validation).
import { ApiObject, App, Chart } from 'cdk8s';
import { container, NS } from './fixtures';
import { evaluatePolicy, CheesePolicy, POD_KIND_READABLE, PSS_PRIVILEGED, NO_INLINE_SECRET_DATA } from '../../src/policy';

const privileged = () => ({ ...container('evil'), securityContext: { ...container('evil').securityContext, privileged: true } });
const podSpec = () => ({ containers: [privileged()] });
const meta = (name: string) => ({ name, namespace: NS, labels: { 'app.kubernetes.io/name': name } });
const rc = () => ({ apiVersion: 'v1', kind: 'ReplicationController', metadata: meta('rc'), spec: { replicas: 1, selector: { app: 'rc' }, template: { metadata: { labels: { app: 'rc' } }, spec: podSpec() } } });
const podTemplate = () => ({ apiVersion: 'v1', kind: 'PodTemplate', metadata: meta('tpl'), template: { metadata: { labels: { app: 'tpl' } }, spec: podSpec() } });
const pod = () => ({ apiVersion: 'v1', kind: 'Pod', metadata: meta('pod'), spec: podSpec() });
const inlineSecret = () => ({ apiVersion: 'v1', kind: 'Secret', metadata: meta('creds'), stringData: { password: 'hunter2hunter2' } });
const list = (...items: any[]) => ({ apiVersion: 'v1', kind: 'List', metadata: meta('bundle'), items });
const rollout = () => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: meta('canary'), spec: { template: { spec: podSpec() } } });
const scaledJob = () => ({ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledJob', metadata: meta('batch'), spec: { jobTemplate: { spec: { template: { spec: podSpec() } } } } });

const ids = (objects: any[], ruleId: string) => evaluatePolicy(objects).filter(f => f.ruleId === ruleId).map(f => `${f.kind}/${f.name} ${f.path}`);

/** The chart validation's errors for raw objects added under construct ids `Obj<i>`. */
function chartErrors(objects: any[]): string[] {
  const chart = new Chart(new App(), 'test', { namespace: NS });
  objects.forEach((o, i) => new ApiObject(chart, `Obj${i}`, o));
  return CheesePolicy.apply(chart).errors();
}

describe('pod-bearing kinds', () => {
  it('fails if a ReplicationController runs a privileged container', () => {
    expect(ids([rc()], PSS_PRIVILEGED.id)).toEqual(['ReplicationController/rc spec.template.spec.containers[0].securityContext.privileged']);
  });

  it('fails if a PodTemplate holds a privileged container', () => {
    expect(ids([podTemplate()], PSS_PRIVILEGED.id)).toEqual(['PodTemplate/tpl template.spec.containers[0].securityContext.privileged']);
  });

  it('fails if a List holds a privileged Pod and a stringData Secret, like top-level ones', () => {
    expect(ids([list(pod(), inlineSecret())], PSS_PRIVILEGED.id)).toEqual(ids([pod()], PSS_PRIVILEGED.id));
    expect(ids([list(pod(), inlineSecret())], NO_INLINE_SECRET_DATA.id)).toEqual(['Secret/creds stringData']);
    expect(ids([list(list(pod()))], PSS_PRIVILEGED.id)).toHaveLength(1);
  });

  it('fails at synth with the List construct path when a List holds a privileged Pod', () => {
    const errors = chartErrors([list(pod(), inlineSecret())]);
    expect(errors.some(e => e.startsWith('[CHEESE-PSS8] test/Obj0 (Pod/pod): '))).toBe(true);
    expect(errors.some(e => e.startsWith('[CHEESE-SEC3] test/Obj0 (Secret/creds): '))).toBe(true);
  });

  it('fails if a custom kind carries a pod the rules cannot read (CHEESE-POD1)', () => {
    expect(ids([rollout(), scaledJob()], POD_KIND_READABLE.id)).toEqual(['Rollout/canary spec.template.spec', 'ScaledJob/batch spec.jobTemplate']);
    const errors = chartErrors([rollout()]);
    expect(errors).toContainEqual(expect.stringMatching(/^\[CHEESE-POD1\] test\/Obj0 \(Rollout\/canary\): an object that carries a pod template must be a kind the policy can check: Rollout \(argoproj.io\/v1alpha1\) carries a pod at spec.template.spec/));
  });

  it('does not report kinds it reads, or objects without a pod', () => {
    const objects = [rc(), podTemplate(), pod(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('cm'), data: { a: 'b' } },
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: meta('w'), spec: { template: { name: 'not a pod' } } }];
    expect(ids(objects, POD_KIND_READABLE.id)).toEqual([]);
  });

  it('a clean pod in a List passes', () => {
    const clean = { apiVersion: 'v1', kind: 'Pod', metadata: meta('ok'), spec: { containers: [container('ok')] } };
    expect(ids([list(clean)], PSS_PRIVILEGED.id)).toEqual([]);
  });
});
