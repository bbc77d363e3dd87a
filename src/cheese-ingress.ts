import { Construct } from 'constructs';
import { ApiService } from './api-service';
import { Certificate } from '../imports/cert-manager.io';
import { KubeIngress } from '../imports/k8s';
import { FrontendConfig, ManagedCertificate } from '../imports/networking.gke.io';
import { instanceOf, partOfOf } from './core/context';
import { workloadLabels } from './core/labels';
import { checkSameNamespace, Connections, ExternalSource } from './core/network';
import { checkDnsLabel, checkDnsSubdomain, checkHost, checkLabeledName, checkLabels, checkToken, checkUrlPath, invalid } from './core/validate';
import { IWebBackend } from './web-service';

/** The annotation key the GKE Ingress controller reads for a FrontendConfig (both course versions used another key). */
export const GKE_FRONTEND_CONFIG_ANNOTATION = 'networking.gke.io/v1beta1.FrontendConfig';
/** The ManagedCertificate CRD's pattern for `spec.domains[]` (networking.gke.io/v1). */
const MANAGED_CERT_DOMAIN = /^(([a-z0-9]+|[a-z0-9][-a-z0-9]*[a-z0-9])\.)+[a-z][-a-z0-9]*[a-z0-9]$/;

/** Google front-end and health-check ranges that reach pods behind a GKE L7 load balancer with NEGs. */
export const GOOGLE_LB_RANGES: readonly string[] = ['130.211.0.0/22', '35.191.0.0/16'];

/**
 * How the API is reached under the Ingress host. The frontend's build-time
 * `NEXT_PUBLIC_BASE_API_URL` must use the same prefix.
 */
export class ApiRouting {
  /** Forward `<prefix>` unchanged; the API mounts itself there through `ROOT_PATH` (course Gen B: `/api-service`). */
  public static rootPath(prefix = '/api-service'): ApiRouting {
    checkUrlPath('ApiRouting.rootPath', 'prefix', prefix);
    if (prefix === '/' || prefix.endsWith('/')) invalid('ApiRouting.rootPath', 'prefix', prefix, "use a prefix without a trailing '/', such as '/api-service'");
    return new ApiRouting(prefix, false);
  }

  /** Strip `<prefix>` with the NGINX Inc. `nginx.org/rewrites` annotation; the API serves at `/` (course Gen A: `/api/`). */
  public static rewrite(prefix = '/api/'): ApiRouting {
    checkUrlPath('ApiRouting.rewrite', 'prefix', prefix);
    if (prefix === '/') invalid('ApiRouting.rewrite', 'prefix', prefix, "use a prefix such as '/api/'; '/' belongs to the frontend");
    return new ApiRouting(prefix, true);
  }

  /** The Ingress path prefix. */
  public readonly prefix: string;
  /** Whether the controller rewrites the prefix away. */
  public readonly rewrites: boolean;

  private constructor(prefix: string, rewrites: boolean) {
    this.prefix = prefix;
    this.rewrites = rewrites;
  }

  /**
   * Throws when the API's `rootPath` disagrees with this routing (the API would answer 404 under the prefix).
   * @internal
   */
  public _checkMatches(owner: string, api: IWebBackend): void {
    if (!(api instanceof ApiService) || api.rootPath === this.apiRootPath) return;
    const fix = api.rootPath === undefined
      ? `use ApiRouting.rewrite() (the API serves at '/'), or give the API rootPath '${this.apiRootPath}'`
      : this.rewrites
        ? `use ApiRouting.rootPath('${api.rootPath}'), or remove the API's rootPath (the rewrite serves it at '/')`
        : `use ApiRouting.rootPath('${api.rootPath}') or give the API rootPath '${this.apiRootPath}'`;
    invalid(owner, 'apiRouting', this.prefix, `the API's rootPath is ${api.rootPath ?? 'unset'}; ${fix}`);
  }

  /** The `ROOT_PATH` the API needs for this routing, if any. */
  public get apiRootPath(): string | undefined {
    return this.rewrites ? undefined : this.prefix;
  }
}

/** Options for {@link IngressController.nginx}. */
export interface NginxControllerOptions {
  /** @default 'nginx' */
  readonly className?: string;
  /**
   * Namespace the controller runs in; NetworkPolicies admit traffic from its pods.
   * @default 'nginx-ingress'
   */
  readonly namespace?: string;
  /** @default { 'app.kubernetes.io/name': 'nginx-ingress' } (the NGINX Inc. chart's pod label) */
  readonly podLabels?: Record<string, string>;
}

/** Options for {@link IngressController.gce}. */
export interface GceControllerOptions {
  /** Name of the reserved global static IP (`gcloud compute addresses create <name> --global`). */
  readonly staticIpName: string;
  /**
   * Redirect HTTP to HTTPS with a FrontendConfig.
   * @default true
   */
  readonly httpsRedirect?: boolean;
}

/** Which controller serves the Ingress. */
export class IngressController {
  /** The NGINX Inc. controller the course installs with Helm (`ingressClassName: nginx`). */
  public static nginx(options: NginxControllerOptions = {}): IngressController {
    const className = checkDnsSubdomain('IngressController.nginx', 'className', options.className ?? 'nginx');
    // a namespace name is a DNS label (no dots); checked here, under its own name, not later by the NetworkPolicy
    const namespace = checkDnsLabel('IngressController.nginx', 'namespace', options.namespace ?? 'nginx-ingress');
    const podLabels = { ...(options.podLabels ?? { 'app.kubernetes.io/name': 'nginx-ingress' }) };
    checkLabels('IngressController.nginx', 'podLabels', podLabels);
    return new IngressController('nginx', className, { namespace, podLabels });
  }

  /**
   * GKE's L7 load balancer: global static IP, Google-managed certificate, HTTPS redirect.
   * Readiness probes on every backend give GKE its health checks (NEGs are the default on
   * VPC-native clusters). The API's prefix answers 404 at `/`, so `CheeseApp` also pins the
   * API's health path with a BackendConfig attached to its Service.
   */
  public static gce(options: GceControllerOptions): IngressController {
    checkDnsSubdomain('IngressController.gce', 'staticIpName', options.staticIpName);
    return new IngressController('gce', 'gce', { cidrs: [...GOOGLE_LB_RANGES] }, options);
  }

  private constructor(
    /** @internal */ public readonly _kind: 'nginx' | 'gce',
    /** The IngressClass name. */
    public readonly className: string,
    /** @internal */ public readonly _source: ExternalSource,
    /** @internal */ public readonly _gce?: GceControllerOptions,
  ) {}
}

/** Options for {@link IngressTls.certManager}. */
export interface CertManagerTlsOptions {
  /** Name of the (Cluster)Issuer, e.g. `letsencrypt-prod`. */
  readonly issuerName: string;
  /** @default true (a ClusterIssuer) */
  readonly clusterIssuer?: boolean;
  /** @default - '<ingress name>-tls' */
  readonly secretName?: string;
}

/** TLS for the NGINX Ingress (GKE mode always terminates TLS with a ManagedCertificate). */
export class IngressTls {
  /** A TLS Secret that already exists in the namespace. */
  public static fromSecret(secretName: string): IngressTls {
    return new IngressTls(checkDnsSubdomain('IngressTls.fromSecret', 'secretName', secretName));
  }

  /** A cert-manager Certificate issued into a Secret (cert-manager must be installed). */
  public static certManager(options: CertManagerTlsOptions): IngressTls {
    checkToken('IngressTls.certManager', 'issuerName', options.issuerName);
    if (options.secretName !== undefined) checkDnsSubdomain('IngressTls.certManager', 'secretName', options.secretName);
    return new IngressTls(options.secretName, options);
  }

  private constructor(
    /** @internal */ public readonly _secretName?: string,
    /** @internal */ public readonly _certManager?: CertManagerTlsOptions,
  ) {}
}

/** Props of {@link CheeseIngress}. */
export interface CheeseIngressProps {
  /** @default 'cheese-app-ingress' */
  readonly name?: string;
  /** Host of the rule: a domain, or `<ip>.sslip.io` for the controller's load-balancer IP. */
  readonly host: string;
  /** Served at `/`. */
  readonly frontend: IWebBackend;
  /** Served under `apiRouting.prefix`. */
  readonly api: IWebBackend;
  /** @default ApiRouting.rootPath('/api-service') */
  readonly apiRouting?: ApiRouting;
  /** @default IngressController.nginx() */
  readonly controller?: IngressController;
  /** @default - plain HTTP (nginx); GKE mode always uses a ManagedCertificate */
  readonly tls?: IngressTls;
}

/**
 * One Ingress for the app: `/` → frontend, the API under its prefix. In GKE mode it also
 * emits the ManagedCertificate and the FrontendConfig (HTTPS redirect, attached with the key
 * the controller reads); the API's BackendConfig belongs to its Service (see `CheeseApp`).
 */
export class CheeseIngress extends Construct {
  /** `metadata.name` of the Ingress. */
  public readonly ingressName: string;
  /** Host of the Ingress rule. */
  public readonly host: string;
  /** How the API is reached under the host. */
  public readonly apiRouting: ApiRouting;
  /** The controller that serves the Ingress. */
  public readonly controller: IngressController;
  /** The Ingress object. */
  public readonly ingress: KubeIngress;
  /** GKE mode: the Google-managed certificate for `host`. */
  public readonly managedCertificate?: ManagedCertificate;
  /** GKE mode with `httpsRedirect`: the FrontendConfig that redirects HTTP to HTTPS. */
  public readonly frontendConfig?: FrontendConfig;
  /** cert-manager TLS: the Certificate issued into the TLS Secret. */
  public readonly certificate?: Certificate;

  constructor(scope: Construct, id: string, props: CheeseIngressProps) {
    super(scope, id);
    const owner = this.node.path;
    this.ingressName = checkLabeledName(owner, 'name', props.name ?? 'cheese-app-ingress');
    this.host = checkHost(owner, 'host', props.host);
    this.apiRouting = props.apiRouting ?? ApiRouting.rootPath();
    this.controller = props.controller ?? IngressController.nginx();
    const api = props.api;
    checkSameNamespace(owner, 'frontend', props.frontend, this, 'Ingress');
    checkSameNamespace(owner, 'api', api, this, 'Ingress');
    this.apiRouting._checkMatches(owner, api);
    if (this.controller._kind === 'gce' && props.tls) invalid(owner, 'tls', 'set', 'GKE mode terminates TLS with a ManagedCertificate; remove tls');
    if (this.controller._kind === 'gce' && this.apiRouting.rewrites) invalid(owner, 'apiRouting', 'ApiRouting.rewrite()', 'the GKE load balancer cannot rewrite paths; use ApiRouting.rootPath()');

    const labels = workloadLabels({ name: this.ingressName, instance: instanceOf(this), component: 'ingress', partOf: partOfOf(this) });
    const annotations: Record<string, string> = {};
    let tls: any[] | undefined;
    if (this.controller._kind === 'nginx') {
      if (this.apiRouting.rewrites) annotations['nginx.org/rewrites'] = `serviceName=${api.serviceName} rewrite=/`;
      if (props.tls) {
        const secretName = props.tls._secretName ?? `${this.ingressName}-tls`;
        tls = [{ hosts: [this.host], secretName }];
        annotations['ingress.kubernetes.io/ssl-redirect'] = 'true';
        const cm = props.tls._certManager;
        if (cm) {
          this.certificate = new Certificate(this, 'Certificate', {
            metadata: { name: secretName, labels },
            spec: { secretName, dnsNames: [this.host], issuerRef: { name: cm.issuerName, kind: cm.clusterIssuer ?? true ? 'ClusterIssuer' : 'Issuer', group: 'cert-manager.io' } },
          });
        }
      }
    } else {
      const gce = this.controller._gce!;
      if (!MANAGED_CERT_DOMAIN.test(this.host) || this.host.length > 63) {
        invalid(owner, 'host', this.host, 'a Google-managed certificate needs a non-wildcard name of at most 63 characters, '
          + "fully qualified with a top-level domain that starts with a letter, such as 'cheese.example.com' (not 'localhost')");
      }
      // GKE documents the class annotation for its own controller; an IngressClass named gce is not created by GKE
      annotations['kubernetes.io/ingress.class'] = 'gce';
      annotations['kubernetes.io/ingress.global-static-ip-name'] = gce.staticIpName;
      this.managedCertificate = new ManagedCertificate(this, 'ManagedCertificate', {
        metadata: { name: `${this.ingressName}-cert`, labels },
        spec: { domains: [this.host] },
      });
      annotations['networking.gke.io/managed-certificates'] = `${this.ingressName}-cert`;
      if (gce.httpsRedirect ?? true) {
        this.frontendConfig = new FrontendConfig(this, 'FrontendConfig', {
          metadata: { name: `${this.ingressName}-https-redirect`, labels },
          spec: { redirectToHttps: { enabled: true } },
        });
        annotations[GKE_FRONTEND_CONFIG_ANNOTATION] = `${this.ingressName}-https-redirect`;
      }
    }

    const path = (prefix: string, backend: IWebBackend) => ({
      path: prefix,
      pathType: 'Prefix',
      backend: { service: { name: backend.serviceName, port: { number: backend.servicePort } } },
    });
    this.ingress = new KubeIngress(this, 'Resource', {
      metadata: { name: this.ingressName, labels, ...(Object.keys(annotations).length ? { annotations } : {}) },
      spec: {
        ...(this.controller._kind === 'nginx' ? { ingressClassName: this.controller.className } : {}),
        ...(tls ? { tls } : {}),
        rules: [{
          host: this.host,
          http: { paths: [path(this.apiRouting.prefix, api), path('/', props.frontend)] },
        }],
      },
    });
    const connections = Connections.of(this);
    connections.allowExternal(props.frontend, props.frontend.containerPort, this.controller._source);
    connections.allowExternal(api, api.containerPort, this.controller._source);
  }
}
