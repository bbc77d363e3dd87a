import { Construct } from 'constructs';
import { ApiRouting, GOOGLE_LB_RANGES } from './cheese-ingress';
import {
  HttpRoute, HttpRouteSpecRulesFiltersType, HttpRouteSpecRulesFiltersUrlRewritePathType, HttpRouteSpecRulesMatchesPathType,
} from '../imports/gateway.networking.k8s.io';
import { instanceOf, partOfOf } from './core/context';
import { workloadLabels } from './core/labels';
import { checkSameNamespace, Connections, ExternalSource } from './core/network';
import { checkDnsLabel, checkDnsSubdomain, checkHost, checkLabeledName } from './core/validate';
import { IWebBackend } from './web-service';

/** A Gateway (Gateway API v1) the route attaches to. */
export interface GatewayRef {
  /** Gateway name, e.g. one of class `gke-l7-global-external-managed`. */
  readonly name: string;
  /** @default - the route's namespace */
  readonly namespace?: string;
  /** Listener of the Gateway to attach to. @default - every listener that allows the route */
  readonly sectionName?: string;
  /**
   * Where the Gateway's traffic enters the pods, for the NetworkPolicies.
   * @default { cidrs: GOOGLE_LB_RANGES } (GKE's managed Gateways are Google front ends)
   */
  readonly source?: ExternalSource;
}

/** Props of {@link CheeseHttpRoute}. */
export interface CheeseHttpRouteProps {
  /** @default 'cheese-app-route' */
  readonly name?: string;
  /** The Gateway the route attaches to (it belongs to the platform, not to the app). */
  readonly gateway: GatewayRef;
  /** Host name the route matches. */
  readonly host: string;
  /** Served at `/`. */
  readonly frontend: IWebBackend;
  /** Served under `apiRouting.prefix`. */
  readonly api: IWebBackend;
  /** @default ApiRouting.rootPath('/api-service') */
  readonly apiRouting?: ApiRouting;
}

/**
 * The Gateway API alternative to {@link CheeseIngress}: one HTTPRoute with `/` → frontend
 * and the API under its prefix (a `URLRewrite` filter replaces `ApiRouting.rewrite`'s
 * nginx annotation). The Gateway itself belongs to the platform, not to the app.
 */
export class CheeseHttpRoute extends Construct {
  /** `metadata.name` of the HTTPRoute. */
  public readonly routeName: string;
  /** Host name the route matches. */
  public readonly host: string;
  /** How the API is reached under the host. */
  public readonly apiRouting: ApiRouting;
  /** The HTTPRoute object. */
  public readonly route: HttpRoute;

  constructor(scope: Construct, id: string, props: CheeseHttpRouteProps) {
    super(scope, id);
    const owner = this.node.path;
    this.routeName = checkLabeledName(owner, 'name', props.name ?? 'cheese-app-route');
    this.host = checkHost(owner, 'host', props.host);
    this.apiRouting = props.apiRouting ?? ApiRouting.rootPath();
    const gw = props.gateway;
    checkDnsSubdomain(owner, 'gateway.name', gw.name);
    if (gw.namespace !== undefined) checkDnsLabel(owner, 'gateway.namespace', gw.namespace);
    if (gw.sectionName !== undefined) checkDnsSubdomain(owner, 'gateway.sectionName', gw.sectionName);
    checkSameNamespace(owner, 'frontend', props.frontend, this, 'HTTPRoute');
    checkSameNamespace(owner, 'api', props.api, this, 'HTTPRoute');
    this.apiRouting._checkMatches(owner, props.api);
    // Gen A's '/api/' keeps its slash: the rewrite turns '/api/llm' into '/llm', not '//llm'
    const prefix = this.apiRouting.prefix;
    const backend = (b: IWebBackend) => [{ name: b.serviceName, port: b.servicePort }];
    const labels = workloadLabels({ name: this.routeName, instance: instanceOf(this), component: 'route', partOf: partOfOf(this) });
    this.route = new HttpRoute(this, 'Resource', {
      metadata: { name: this.routeName, labels },
      spec: {
        parentRefs: [{
          name: gw.name,
          ...(gw.namespace ? { namespace: gw.namespace } : {}),
          ...(gw.sectionName ? { sectionName: gw.sectionName } : {}),
        }],
        hostnames: [this.host],
        rules: [
          {
            matches: [{ path: { type: HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: prefix } }],
            ...(this.apiRouting.rewrites ? {
              filters: [{
                type: HttpRouteSpecRulesFiltersType.URL_REWRITE,
                urlRewrite: { path: { type: HttpRouteSpecRulesFiltersUrlRewritePathType.REPLACE_PREFIX_MATCH, replacePrefixMatch: '/' } },
              }],
            } : {}),
            backendRefs: backend(props.api),
          },
          { matches: [{ path: { type: HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: '/' } }], backendRefs: backend(props.frontend) },
        ],
      },
    });
    const source = gw.source ?? { cidrs: [...GOOGLE_LB_RANGES] };
    const connections = Connections.of(this);
    connections.allowExternal(props.frontend, props.frontend.containerPort, source);
    connections.allowExternal(props.api, props.api.containerPort, source);
  }
}
