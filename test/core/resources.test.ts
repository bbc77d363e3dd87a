import { Size, Testing } from 'cdk8s';
import { Cpu } from '../../src/core/cpu';
import { Resources } from '../../src/core/resources';
import { WebService } from '../../src/web-service';
import { image, mainContainer, one, synth } from '../util';

/** The `resources` block a container gets from `r`. */
function rendered(r: Resources): any {
  const chart = Testing.chart();
  new WebService(chart, 'Web', { image: image(), port: 8080, resources: r });
  return mainContainer(one(synth(chart), 'Deployment')).resources;
}

describe('Resources', () => {
  test('@default cpuLimit: twice cpuRequest; @default memoryLimit: equal to memoryRequest', () => {
    const r = Resources.of({ cpuRequest: Cpu.millis(300), memoryRequest: Size.mebibytes(384) });
    expect(r.cpuLimit?.millis).toBe(600);
    expect(r.memoryLimit.toMebibytes()).toBe(384);
    expect(rendered(r)).toEqual({ requests: { cpu: '300m', memory: '384Mi' }, limits: { cpu: '600m', memory: '384Mi' } });
  });

  test('@default omitCpuLimit false: a CPU limit is rendered unless omitCpuLimit is true', () => {
    expect(rendered(Resources.of({ cpuRequest: Cpu.millis(100), memoryRequest: Size.mebibytes(64) })).limits.cpu).toBe('200m');
    const r = Resources.of({ cpuRequest: Cpu.millis(100), memoryRequest: Size.mebibytes(64), omitCpuLimit: true });
    expect(r.cpuLimit).toBeUndefined();
    expect(rendered(r)).toEqual({ requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '64Mi' } });
  });

  test('explicit limits are kept; memoryRequestMiB reads the request', () => {
    const r = Resources.of({
      cpuRequest: Cpu.millis(500), cpuLimit: Cpu.cores(1.5), memoryRequest: Size.gibibytes(2), memoryLimit: Size.gibibytes(3),
    });
    expect(rendered(r)).toEqual({ requests: { cpu: '500m', memory: '2Gi' }, limits: { cpu: '1500m', memory: '3Gi' } });
    expect(r.memoryRequestMiB).toBe(2048);
  });

  test('a limit equal to the request is allowed', () => {
    const r = Resources.of({
      cpuRequest: Cpu.millis(250), cpuLimit: Cpu.millis(250), memoryRequest: Size.mebibytes(64), memoryLimit: Size.mebibytes(64),
    });
    expect(rendered(r).limits).toEqual({ cpu: '250m', memory: '64Mi' });
  });

  describe('fails if', () => {
    test('cpuLimit is set together with omitCpuLimit', () => {
      expect(() => Resources.of({ cpuRequest: Cpu.millis(100), cpuLimit: Cpu.millis(200), omitCpuLimit: true, memoryRequest: Size.mebibytes(64) }))
        .toThrow('Resources: invalid cpuLimit "200m": leave cpuLimit unset when omitCpuLimit is true');
    });

    test('cpuLimit is below cpuRequest', () => {
      expect(() => Resources.of({ cpuRequest: Cpu.millis(500), cpuLimit: Cpu.millis(250), memoryRequest: Size.mebibytes(64) }))
        .toThrow('Resources: invalid cpuLimit "250m": use a limit at least the request (500m)');
    });

    test('memoryLimit is below memoryRequest', () => {
      expect(() => Resources.of({ cpuRequest: Cpu.millis(100), memoryRequest: Size.gibibytes(1), memoryLimit: Size.mebibytes(512) }, 'cheese/Api'))
        .toThrow('cheese/Api: invalid memoryLimit "512Mi": use a limit at least the request (1Gi)');
    });

    test.each([
      ['memoryRequest', { memoryRequest: Size.mebibytes(0) }, '"0Mi"'],
      ['memoryLimit', { memoryRequest: Size.mebibytes(64), memoryLimit: Size.gibibytes(0) }, '"0Gi"'],
    ])('%s is zero', (prop, sizes, shown) => {
      expect(() => Resources.of({ cpuRequest: Cpu.millis(100), ...sizes } as any))
        .toThrow(`Resources: invalid ${prop} ${shown}: use a positive size such as Size.mebibytes(512)`);
    });
  });
});
