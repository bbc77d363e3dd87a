import { ApiObject, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { CheesePolicy, MIN_REASON_LENGTH, PolicyRule, SUPPRESSIONS_ANNOTATION, Suppressions } from '../../src/policy';

function configMap(scope: Construct, id: string): ApiObject {
  return new ApiObject(scope, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'cheese' } });
}

describe('Suppressions', () => {
  test('the annotation lists every rule in effect, sorted by ID, with whitespace collapsed', () => {
    const chart = Testing.chart();
    const group = new Construct(chart, 'Group');
    const cm = configMap(group, 'Config');
    Suppressions.add(cm, 'CHEESE-SEC1', 'key names   are\n public setting names');
    Suppressions.add(chart, 'CHEESE-FS1', 'chart-wide reason for testing');
    expect(Testing.synth(chart)[0].metadata.annotations[SUPPRESSIONS_ANNOTATION])
      .toBe('CHEESE-FS1: chart-wide reason for testing; CHEESE-SEC1: key names are public setting names');
  });

  test('the nearest scope wins when a rule is suppressed at two levels', () => {
    const chart = Testing.chart();
    const cm = configMap(chart, 'Config');
    Suppressions.add(chart, 'CHEESE-SEC1', 'the chart-level reason');
    Suppressions.add(cm, 'CHEESE-SEC1', 'the object-level reason');
    expect(Suppressions.of(cm)).toEqual([{ ruleId: 'CHEESE-SEC1', reason: 'the object-level reason', scopePath: 'test/Config' }]);
    expect(Testing.synth(chart)[0].metadata.annotations[SUPPRESSIONS_ANNOTATION]).toBe('CHEESE-SEC1: the object-level reason');
  });

  test('the annotation is rendered by toJson() right after add, without a synth', () => {
    const chart = Testing.chart();
    const cm = configMap(chart, 'Config');
    Suppressions.add(cm, 'CHEESE-NS1', 'namespace is injected by kustomize');
    expect(cm.toJson().metadata.annotations).toEqual({ [SUPPRESSIONS_ANNOTATION]: 'CHEESE-NS1: namespace is injected by kustomize' });
  });

  test('custom rule IDs become suppressible once their policy is applied', () => {
    const custom: PolicyRule = {
      id: 'TEAM-X1', title: 't', message: 'm', explanation: 'e', fix: 'f', mirrors: {}, check: () => [],
    };
    const chart = Testing.chart();
    expect(() => Suppressions.add(chart, 'TEAM-X1', 'a custom rule reason')).toThrow(/received "TEAM-X1"/);
    CheesePolicy.apply(chart, { rules: [custom] });
    expect(() => Suppressions.add(chart, 'TEAM-X1', 'a custom rule reason')).not.toThrow();
  });

  test.each([[''], ['   '], ['too short'], ['  short   ']])('fails if the reason is %p', (reason) => {
    const chart = Testing.chart();
    expect(() => Suppressions.add(chart, 'CHEESE-RES2', reason)).toThrow(
      `Suppressions.add: reason must explain why CHEESE-RES2 does not apply to "test" in at least ${MIN_REASON_LENGTH} non-blank characters; `
      + `received ${JSON.stringify(reason)}`);
  });

  test('fails if the reason is not a string', () => {
    expect(() => Suppressions.add(Testing.chart(), 'CHEESE-RES2', undefined as any)).toThrow(/reason must explain why .*received undefined/);
  });

  test('fails if the rule ID is unknown, listing the allowed IDs', () => {
    expect(() => Suppressions.add(Testing.chart(), 'CHEESE-XYZ9', 'a perfectly good reason'))
      .toThrow(/^Suppressions\.add: ruleId must be one of CHEESE-PSS1, CHEESE-PSS2, .*CHEESE-NS1.*; received "CHEESE-XYZ9"$/);
  });

  test('fails if the same rule is suppressed twice on one construct', () => {
    const chart = Testing.chart();
    Suppressions.add(chart, 'CHEESE-RES2', 'first reason for this rule');
    expect(() => Suppressions.add(chart, 'CHEESE-RES2', 'second reason for this rule')).toThrow(
      'Suppressions.add: ruleId "CHEESE-RES2" is already suppressed on "test" (reason: "first reason for this rule"); suppress each rule once per construct');
  });
});
