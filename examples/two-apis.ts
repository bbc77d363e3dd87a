import { App, Chart, Size } from 'cdk8s';
import { AppNetwork, CheesePolicy, Connections, ContainerImage, Cpu, Resources, Scaling, ServiceType, WebService } from '../src';

/**
 * A different app from the same building blocks: a web UI and two API backends
 * (`catalog`, `search`), no vector DB. The UI calls both, `search` calls `catalog`; the
 * NetworkPolicies follow exactly those references and the UI's LoadBalancer exposure.
 */
export function twoApis(app: App): Chart {
  const chart = new Chart(app, 'two-apis', { namespace: 'shop', disableResourceNameHashes: true });
  const small = Resources.of({ cpuRequest: Cpu.millis(100), memoryRequest: Size.mebibytes(256) });
  const catalog = new WebService(chart, 'Catalog', {
    image: ContainerImage.of('us-docker.pkg.dev/shop-project/apps/catalog:2.3.1'),
    port: 8080,
    resources: small,
    scaling: Scaling.autoscale({ minReplicas: 2, maxReplicas: 6 }),
  });
  const search = new WebService(chart, 'Search', {
    image: ContainerImage.of('us-docker.pkg.dev/shop-project/apps/search:1.9.0'),
    port: 8080,
    resources: small,
    scaling: Scaling.autoscale({ minReplicas: 2, maxReplicas: 4, memoryUtilization: 80 }),
  });
  const web = new WebService(chart, 'Web', {
    image: ContainerImage.of('us-docker.pkg.dev/shop-project/apps/web:5.0.2'),
    port: 3000,
    servicePort: 80,
    serviceType: ServiceType.LOAD_BALANCER,
    resources: small,
  });
  const connections = Connections.of(chart);
  connections.connect(search, catalog, catalog.containerPort);
  connections.connect(web, search, search.containerPort);
  connections.connect(web, catalog, catalog.containerPort);
  // a LoadBalancer Service delivers client traffic from anywhere
  connections.allowExternal(web, web.containerPort, { cidrs: ['0.0.0.0/0'] });
  new AppNetwork(chart, 'Network');
  // the same checks as the cheese app: any violation fails synth
  CheesePolicy.apply(chart, { requireIngressTls: false });
  return chart;
}
