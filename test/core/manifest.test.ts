import { containersOf, KubeObject, objectId, podLabelsOf, podSpecOf, POD_TEMPLATE_KINDS } from '../../src/core/manifest';

const pod = { containers: [{ name: 'main' }], initContainers: [{ name: 'init' }] };
const labels = { app: 'x' };
const obj = (kind: string, spec: any, namespace?: string): KubeObject => ({ apiVersion: 'v1', kind, metadata: { name: 'x', namespace, labels }, spec });

describe('manifest helpers', () => {
  test.each(POD_TEMPLATE_KINDS.map(k => [k]))('%s: pod spec and labels come from spec.template', (kind) => {
    const o = obj(kind, { template: { metadata: { labels }, spec: pod } });
    expect(podSpecOf(o)).toBe(pod);
    expect(podLabelsOf(o)).toBe(labels);
  });

  test('Pod and CronJob are read from their own places; other kinds have no pod', () => {
    expect(podSpecOf(obj('Pod', pod))).toBe(pod);
    expect(podLabelsOf(obj('Pod', pod))).toBe(labels);
    const cron = obj('CronJob', { jobTemplate: { spec: { template: { metadata: { labels }, spec: pod } } } });
    expect(podSpecOf(cron)).toBe(pod);
    expect(podLabelsOf(cron)).toBe(labels);
    expect(podSpecOf(obj('Service', {}))).toBeUndefined();
    expect(podLabelsOf(obj('Service', {}))).toBeUndefined();
  });

  test('containersOf lists init containers first, with their role', () => {
    expect(containersOf(pod)).toEqual([{ container: { name: 'init' }, init: true }, { container: { name: 'main' }, init: false }]);
    expect(containersOf(undefined)).toEqual([]);
  });

  test('objectId is Kind/namespace/name, or Kind/name without a namespace', () => {
    expect(objectId(obj('Service', {}, 'cheese'))).toBe('Service/cheese/x');
    expect(objectId(obj('Namespace', {}))).toBe('Namespace/x');
  });
});
