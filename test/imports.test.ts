// Smoke test for the committed, generated bindings in imports/ (regenerate with `npx projen import`).
// Each class must synthesize the apiVersion/kind of the upstream schema it was generated from.
import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { SealedSecret } from '../imports/bitnami.com';
import { Certificate, ClusterIssuer } from '../imports/cert-manager.io';
import { BackendConfig } from '../imports/cloud.google.com';
import { ExternalSecret, ExternalSecretSpecSecretStoreRefKind, SecretStore } from '../imports/external-secrets.io';
import { Gateway, HttpRoute } from '../imports/gateway.networking.k8s.io';
import { IntOrString, KubeDeployment, KubeService } from '../imports/k8s';
import { FrontendConfig, ManagedCertificate } from '../imports/networking.gke.io';

function synthOne(build: (scope: Construct) => void): any {
  const chart = Testing.chart();
  build(chart);
  const manifests = Testing.synth(chart);
  expect(manifests).toHaveLength(1);
  return manifests[0];
}

describe('imports/k8s (k8s@1.27.0)', () => {
  test('KubeDeployment synthesizes apps/v1 Deployment', () => {
    const labels = { app: 'api' };
    const obj = synthOne((scope) => new KubeDeployment(scope, 'api', {
      metadata: { name: 'api' },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [{ name: 'api', image: 'api:1', ports: [{ containerPort: 9000 }] }] },
        },
      },
    }));
    expect(obj.apiVersion).toBe('apps/v1');
    expect(obj.kind).toBe('Deployment');
    expect(obj.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 9000 }]);
  });

  test('KubeService synthesizes v1 Service with IntOrString targetPort', () => {
    const obj = synthOne((scope) => new KubeService(scope, 'svc', {
      spec: { selector: { app: 'api' }, ports: [{ port: 80, targetPort: IntOrString.fromNumber(9000) }] },
    }));
    expect(obj.apiVersion).toBe('v1');
    expect(obj.kind).toBe('Service');
    expect(obj.spec.ports[0].targetPort).toBe(9000);
  });
});

describe('imports/networking.gke.io', () => {
  test('ManagedCertificate is networking.gke.io/v1', () => {
    const obj = synthOne((scope) => new ManagedCertificate(scope, 'cert', { spec: { domains: ['cheese.example.com'] } }));
    expect([obj.apiVersion, obj.kind]).toEqual(['networking.gke.io/v1', 'ManagedCertificate']);
    expect(obj.spec.domains).toEqual(['cheese.example.com']);
  });

  test('FrontendConfig is networking.gke.io/v1beta1', () => {
    const obj = synthOne((scope) => new FrontendConfig(scope, 'fe', { spec: { redirectToHttps: { enabled: true } } }));
    expect([obj.apiVersion, obj.kind]).toEqual(['networking.gke.io/v1beta1', 'FrontendConfig']);
  });
});

test('BackendConfig is cloud.google.com/v1', () => {
  const obj = synthOne((scope) => new BackendConfig(scope, 'be', {
    spec: { healthCheck: { requestPath: '/healthz', port: 9000 }, timeoutSec: 30 },
  }));
  expect([obj.apiVersion, obj.kind]).toEqual(['cloud.google.com/v1', 'BackendConfig']);
  expect(obj.spec.healthCheck).toEqual({ requestPath: '/healthz', port: 9000 });
});

describe('imports/cert-manager.io', () => {
  test('Certificate is cert-manager.io/v1', () => {
    const obj = synthOne((scope) => new Certificate(scope, 'cert', {
      spec: { secretName: 'tls', dnsNames: ['cheese.example.com'], issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' } },
    }));
    expect([obj.apiVersion, obj.kind]).toEqual(['cert-manager.io/v1', 'Certificate']);
  });

  test('ClusterIssuer is cert-manager.io/v1', () => {
    const obj = synthOne((scope) => new ClusterIssuer(scope, 'issuer', {
      spec: {
        acme: {
          server: 'https://acme-v02.api.letsencrypt.org/directory',
          privateKeySecretRef: { name: 'letsencrypt-key' },
        },
      },
    }));
    expect([obj.apiVersion, obj.kind]).toEqual(['cert-manager.io/v1', 'ClusterIssuer']);
  });
});

describe('imports/external-secrets.io', () => {
  test('ExternalSecret is external-secrets.io/v1', () => {
    const obj = synthOne((scope) => new ExternalSecret(scope, 'es', {
      spec: {
        secretStoreRef: { name: 'gcp', kind: ExternalSecretSpecSecretStoreRefKind.SECRET_STORE },
        target: { name: 'api-secrets' },
        data: [{ secretKey: 'OPENAI_API_KEY', remoteRef: { key: 'openai-api-key' } }],
      },
    }));
    expect([obj.apiVersion, obj.kind]).toEqual(['external-secrets.io/v1', 'ExternalSecret']);
    expect(obj.spec.secretStoreRef).toEqual({ name: 'gcp', kind: 'SecretStore' });
  });

  test('SecretStore is external-secrets.io/v1', () => {
    const obj = synthOne((scope) => new SecretStore(scope, 'store', {}));
    expect([obj.apiVersion, obj.kind]).toEqual(['external-secrets.io/v1', 'SecretStore']);
  });
});

test('SealedSecret is bitnami.com/v1alpha1', () => {
  const obj = synthOne((scope) => new SealedSecret(scope, 'sealed', { spec: { encryptedData: { KEY: 'AgB...' } } }));
  expect([obj.apiVersion, obj.kind]).toEqual(['bitnami.com/v1alpha1', 'SealedSecret']);
});

describe('imports/gateway.networking.k8s.io (Gateway API v1.2.1)', () => {
  test('HttpRoute is gateway.networking.k8s.io/v1 HTTPRoute', () => {
    const obj = synthOne((scope) => new HttpRoute(scope, 'route', {
      spec: {
        parentRefs: [{ name: 'cheese-gw' }],
        rules: [{ backendRefs: [{ name: 'api', port: 9000 }] }],
      },
    }));
    expect([obj.apiVersion, obj.kind]).toEqual(['gateway.networking.k8s.io/v1', 'HTTPRoute']);
  });

  test('Gateway is gateway.networking.k8s.io/v1', () => {
    const obj = synthOne((scope) => new Gateway(scope, 'gw', {
      spec: { gatewayClassName: 'gke-l7-global-external-managed', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
    }));
    expect([obj.apiVersion, obj.kind]).toEqual(['gateway.networking.k8s.io/v1', 'Gateway']);
  });
});
