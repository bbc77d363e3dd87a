import { App, Chart } from 'cdk8s';
import { ApiRouting, CheeseApp, IngressController } from '../src';

/**
 * The cheese app as a student deploys it: own project, own image tag, the nginx controller's sslip.io host.
 * In its own namespace and instance, so applying the example never touches an environment's objects.
 */
export function cheeseApp(app: App): Chart {
  return new CheeseApp(app, 'cheese-app', {
    namespace: 'cheese-example',
    instance: 'cheese-example',
    gcpProject: 'my-ac215-project',
    imageTag: '20251201120000',
    host: '34.123.45.67.sslip.io',
    apiRouting: ApiRouting.rootPath('/api-service'),
    ingressController: IngressController.nginx(),
  });
}
