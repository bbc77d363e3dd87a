import { LABEL_COMPONENT, LABEL_INSTANCE, LABEL_MANAGED_BY, LABEL_NAME, LABEL_PART_OF, LABEL_VERSION, selectorLabels, workloadLabels } from '../../src/core/labels';

describe('labels', () => {
  test('the keys are the Kubernetes recommended labels', () => {
    expect([LABEL_NAME, LABEL_INSTANCE, LABEL_COMPONENT, LABEL_PART_OF, LABEL_VERSION, LABEL_MANAGED_BY]).toEqual([
      'app.kubernetes.io/name', 'app.kubernetes.io/instance', 'app.kubernetes.io/component',
      'app.kubernetes.io/part-of', 'app.kubernetes.io/version', 'app.kubernetes.io/managed-by',
    ]);
  });

  test('selector labels are only name and instance (never version: a Deployment selector is immutable)', () => {
    expect(selectorLabels('api', 'cheese')).toEqual({ [LABEL_NAME]: 'api', [LABEL_INSTANCE]: 'cheese' });
  });

  test('workload labels add component, managed-by, and part-of / version only when given', () => {
    expect(workloadLabels({ name: 'api', instance: 'cheese', component: 'api' })).toEqual({
      [LABEL_NAME]: 'api', [LABEL_INSTANCE]: 'cheese', [LABEL_COMPONENT]: 'api', [LABEL_MANAGED_BY]: 'cdk8s',
    });
    expect(workloadLabels({ name: 'api', instance: 'cheese', component: 'api', partOf: 'cheese-app', version: '1.0' })).toMatchObject({
      [LABEL_PART_OF]: 'cheese-app', [LABEL_VERSION]: '1.0',
    });
  });
});
