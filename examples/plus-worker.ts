import { App, Chart, Size } from 'cdk8s';
// cdk8s-plus-27 is a dev dependency until it becomes the package's optional peer dependency (pack); the example runs only here
// eslint-disable-next-line import/no-extraneous-dependencies
import * as kplus from 'cdk8s-plus-27';
import {
  AppNetwork, CheeseIngress, CheesePolicy, ConfigMapRef, Connections, ContainerImage, Cpu, InstanceLabel,
  NetworkPeer, PodSecurity, Resources, WebBackend, WebService,
} from '../src';

const REGISTRY = 'us-docker.pkg.dev/plus-demo-project/apps';

/**
 * cdk8s-plus-27 code next to cheese-k8s constructs in one chart: a cdk8s-plus web UI (Deployment
 * and Service) in front of a cheese-k8s `WebService` API, and a cdk8s-plus queue worker that calls
 * the API. One `PodSecurity.harden` call makes the cdk8s-plus pods Pod Security `restricted`;
 * `NetworkPeer`/`WebBackend.fromPlus` put them in the NetworkPolicies `AppNetwork` writes; the
 * policy checks everything.
 */
export function plusWorker(app: App): Chart {
  const chart = new Chart(app, 'plus-worker', { namespace: 'plus-worker-demo', disableResourceNameHashes: true });

  // cdk8s-plus-27, as its users write it
  const settings = new kplus.ConfigMap(chart, 'Settings', { metadata: { name: 'api-settings' }, data: { LOG_LEVEL: 'info' } });
  const small = {
    cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
    memory: { request: Size.mebibytes(128), limit: Size.mebibytes(128) },
  };
  const ui = new kplus.Deployment(chart, 'Ui', {
    metadata: { name: 'ui' },
    replicas: 1,
    containers: [{
      name: 'ui',
      image: `${REGISTRY}/ui:3.2.0`,
      portNumber: 8080,
      resources: small,
      readiness: kplus.Probe.fromHttpGet('/healthz'),
      volumeMounts: [{ path: '/tmp', volume: kplus.Volume.fromEmptyDir(chart, 'UiTmp', 'tmp') }],
    }],
  });
  const uiService = ui.exposeViaService({ name: 'ui', ports: [{ port: 80, targetPort: 8080 }] });
  const worker = new kplus.Deployment(chart, 'Worker', {
    metadata: { name: 'worker' },
    replicas: 1,
    containers: [{
      name: 'worker',
      image: `${REGISTRY}/worker:1.4.0`,
      portNumber: 9100,
      resources: small,
      readiness: kplus.Probe.fromHttpGet('/ready'),
    }],
  });

  // cheese-k8s, taking the cdk8s-plus ConfigMap as a reference
  const api = new WebService(chart, 'Api', {
    image: ContainerImage.of(`${REGISTRY}/api:2.0.1`),
    port: 9000,
    envFrom: [ConfigMapRef.fromPlus(settings)],
    resources: Resources.of({ cpuRequest: Cpu.millis(250), memoryRequest: Size.mebibytes(256) }),
  });
  new CheeseIngress(chart, 'Ingress', { host: 'plus.example.com', frontend: WebBackend.fromPlus(uiService), api });
  Connections.of(chart).connect(NetworkPeer.fromPlus(worker), api, api.containerPort);
  // anywhere in the chart: AppNetwork creates one policy per peer registered by synth
  new AppNetwork(chart, 'Network');

  PodSecurity.harden(chart);
  InstanceLabel.apply(chart);
  CheesePolicy.apply(chart, { requireIngressTls: false });
  return chart;
}
