import { App, Chart } from 'cdk8s';
import { ContainerImage, DisruptionBudget, ImagePullPolicy, Scaling, ServiceType, WebService } from '../src';

/**
 * The lecture's first Kubernetes demo in one statement: the `dlops/tic-tac-toe` image on
 * 2 replicas behind a LoadBalancer Service, port 80 → 8080. Exactly one Deployment and one
 * Service, like `deploy-k8s-tic-tac-toe.yml`, but pinned, probed, hardened and with resources.
 */
export function ticTacToe(app: App): Chart {
  const chart = new Chart(app, 'tic-tac-toe', { namespace: 'default', disableResourceNameHashes: true });
  new WebService(chart, 'Web', {
    image: ContainerImage.floating('dlops/tic-tac-toe', 'the lecture image publishes only :latest'),
    // a floating tag must be re-pulled to mean anything
    imagePullPolicy: ImagePullPolicy.ALWAYS,
    port: 8080,
    servicePort: 80,
    serviceType: ServiceType.LOAD_BALANCER,
    scaling: Scaling.fixed(2),
    // the demo is exactly a Deployment and a Service; a real service keeps the default PDB
    disruptionBudget: DisruptionBudget.none(),
  });
  return chart;
}
