import { Size, Testing } from 'cdk8s';
import { AppConfig } from '../../src/app-config';
import { AppSecret } from '../../src/app-secret';
import { Mount } from '../../src/core/mount';
import { PersistentClaim } from '../../src/persistent-claim';
import { WebService } from '../../src/web-service';
import { DNS_LABEL, image, renderPod } from '../util';

describe('Mount', () => {
  test('emptyDir: @default sizeLimit Size.mebibytes(512); writable; named after its path', () => {
    const m = Mount.emptyDir('/app/.next/cache');
    expect(m.path).toBe('/app/.next/cache');
    expect(m.volumeName).toBe('scratch-app-next-cache');
    const pod = renderPod({ mounts: [m] });
    expect(pod.spec.volumes).toEqual([{ name: 'scratch-app-next-cache', emptyDir: { sizeLimit: '512Mi' } }]);
    expect(pod.spec.containers[0].volumeMounts).toEqual([{ name: 'scratch-app-next-cache', mountPath: '/app/.next/cache' }]);
  });

  test('emptyDir: an explicit sizeLimit is kept', () => {
    expect(renderPod({ mounts: [Mount.emptyDir('/tmp', { sizeLimit: Size.gibibytes(2) })] }).spec.volumes).toEqual([{ name: 'scratch-tmp', emptyDir: { sizeLimit: '2Gi' } }]);
  });

  test('claim, secret and configMap mounts reference their source; secrets and configs are read-only', () => {
    const chart = Testing.chart();
    const claim = new PersistentClaim(chart, 'Claim', { name: 'data', storage: Size.gibibytes(1) });
    const secret = new AppSecret(chart, 'Secret', { name: 'gcp-key' });
    const config = new AppConfig(chart, 'Config', { gcpProject: 'ac215-project' });

    const c = Mount.claim(claim, '/data');
    expect(c._toVolume()).toEqual({ name: 'pvc-data', persistentVolumeClaim: { claimName: 'data' } });
    expect(c._toVolumeMount()).toEqual({ name: 'pvc-data', mountPath: '/data' });
    expect(c._source.claim).toBe(claim);

    const s = Mount.secret(secret, '/secrets');
    expect(s._toVolume()).toEqual({ name: 'secret-gcp-key', secret: { secretName: 'gcp-key', defaultMode: 0o440 } });
    expect(s._toVolumeMount()).toEqual({ name: 'secret-gcp-key', mountPath: '/secrets', readOnly: true });

    const m = Mount.configMap(config, '/etc/cheese');
    expect(m._toVolume()).toEqual({ name: 'config-cheese-app-config', configMap: { name: 'cheese-app-config' } });
    expect(m._toVolumeMount()).toEqual({ name: 'config-cheese-app-config', mountPath: '/etc/cheese', readOnly: true });
  });

  test('volume names are at most 63 characters and never end with "-"', () => {
    const m = Mount.emptyDir(`/${'a'.repeat(54)}/b/c`);
    expect(m.volumeName.length).toBeLessThanOrEqual(63);
    expect(m.volumeName).toMatch(DNS_LABEL);
    expect(Mount.emptyDir('/').volumeName).toBe('scratch');
  });

  // volume names are slugs of the path: '/a-b' and '/a/b' both become 'scratch-a-b'
  test('fails if two different emptyDirs would share one volume name (their paths slug alike)', () => {
    const chart = Testing.chart();
    expect(() => new WebService(chart, 'Web', { image: image(), port: 8080, mounts: [Mount.emptyDir('/a-b'), Mount.emptyDir('/a/b', { sizeLimit: Size.gibibytes(1) })] }))
      .toThrow("test/Web: invalid mounts \"/a/b\": its volume name 'scratch-a-b' is already used by a different volume");
  });

  // Secret, ConfigMap and claim names may contain '.', but a volume name must be a DNS-1123 label
  test('the volume name of a Secret whose name has a dot is a DNS label', () => {
    const chart = Testing.chart();
    const secret = new AppSecret(chart, 'Secret', { name: 'gcp.key' });
    expect(Mount.secret(secret, '/secrets').volumeName).toMatch(DNS_LABEL);
  });

  describe('fails if', () => {
    test.each(['tmp', 'relative/path', '/with space', ''])('the path is %j', (path) => {
      expect(() => Mount.emptyDir(path)).toThrow(`Mount: invalid path ${JSON.stringify(path)}: use an absolute path that starts with '/' and has no whitespace`);
    });

    test('a container mounts the same path twice', () => {
      const chart = Testing.chart();
      expect(() => new WebService(chart, 'Web', { image: image(), port: 8080, mounts: [Mount.emptyDir('/tmp'), Mount.emptyDir('/tmp')] }))
        .toThrow('test/Web: invalid mounts "/tmp": mount each path once');
    });
  });
});
