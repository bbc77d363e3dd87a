// The cases of issue 11 that produced invalid or duplicate objects at synth, each composed from the
// public constructs. Whichever check catches it (the construct's own, or the whole-app pass as the
// net), synth must fail in the library's format, naming a construct path and the bad value.
import { Size, Testing } from 'cdk8s';
import { CONSTRUCT_ERROR, SYNTH_ERROR } from '../../bench/properties';
import {
  AppConfig, AppNetwork, CheeseApp, ContainerImage, CustomMetric, IngressController, MetricTarget, PersistentClaim, Scaling, VectorDb,
  VectorDbLoader, WebService,
} from '../../src';
import { AppValidation } from '../../src/validation';
import { chartWithDb, image } from '../util';

/** Builds and synthesizes; returns the error message (fails the test when synth succeeds). */
function failure(build: () => void): string {
  try {
    build();
  } catch (e) {
    const message = (e as Error).message;
    if (!CONSTRUCT_ERROR.test(message) && !SYNTH_ERROR.test(message)) throw new Error(`not the library's error format:\n${message}`);
    return message;
  }
  throw new Error('synth succeeded');
}

/** A chart in a fresh App with the pass applied. */
function chart() {
  const c = Testing.chart();
  AppValidation.apply(c);
  return c;
}

describe('issue 11 cases fail at synth in the library format', () => {
  test('an AppConfig name too long for the app.kubernetes.io/name label', () => {
    expect(failure(() => {
      const c = chart();
      new AppConfig(c, 'Config', { name: 'a'.repeat(100), gcpProject: 'ac215-project' });
      Testing.synth(c);
    })).toContain('a'.repeat(64));
  });

  test('a VectorDb (StatefulSet) name over 52 characters', () => {
    expect(failure(() => {
      const c = chart();
      new VectorDb(c, 'Db', { name: 's'.repeat(53) });
      Testing.synth(c);
    })).toContain('s'.repeat(53));
  });

  test('a PersistentClaim of Infinity GiB', () => {
    expect(failure(() => {
      const c = chart();
      new PersistentClaim(c, 'Claim', { name: 'data', storage: Size.gibibytes(Infinity) });
      Testing.synth(c);
    })).toMatch(/Infinity/);
  });

  test('MetricTarget.averageValue("1x") on a WebService', () => {
    expect(failure(() => {
      const c = chart();
      new WebService(c, 'Web', {
        image: image(),
        port: 8080,
        scaling: Scaling.autoscale({ minReplicas: 1, maxReplicas: 3, customMetrics: [CustomMetric.pods('qps', MetricTarget.averageValue('1x'))] }),
      });
      Testing.synth(c);
    })).toContain('"1x"');
  });

  test('a GKE host the ManagedCertificate CRD rejects (cheese)', () => {
    expect(failure(() => {
      const cheese = new CheeseApp(Testing.app(), 'cheese', { host: 'cheese', ingressController: IngressController.gce({ staticIpName: 'ip' }) });
      Testing.synth(cheese);
    })).toContain('"cheese"');
  });

  test('a configRevision that takes the annotations over 256 KiB', () => {
    expect(failure(() => Testing.synth(new CheeseApp(Testing.app(), 'cheese', { configRevision: 'r'.repeat(262200) })))).toMatch(/invalid/);
  });

  describe('duplicate objects', () => {
    test('a WebService named frontend inside a CheeseApp', () => {
      expect(failure(() => {
        const cheese = new CheeseApp(Testing.app(), 'cheese');
        new WebService(cheese, 'Extra', { name: 'frontend', image: image(), port: 3000 });
        Testing.synth(cheese);
      })).toMatch(/Deployment\/frontend/);
    });

    test('a second AppNetwork', () => {
      expect(failure(() => {
        const cheese = new CheeseApp(Testing.app(), 'cheese');
        new AppNetwork(cheese, 'Network2');
        Testing.synth(cheese);
      })).toMatch(/NetworkPolicy\/default-deny-all/);
    });

    test('two AppConfigs with the default name', () => {
      expect(failure(() => {
        const c = chart();
        new AppConfig(c, 'One', { gcpProject: 'ac215-project' });
        new AppConfig(c, 'Two', { gcpProject: 'ac215-project' });
        Testing.synth(c);
      })).toMatch(/ConfigMap\/cheese-app-config/);
    });

    test('PersistentClaim({ name: "chromadb-pvc" }) in a CheeseApp', () => {
      expect(failure(() => {
        const cheese = new CheeseApp(Testing.app(), 'cheese');
        new PersistentClaim(cheese, 'Claim', { name: 'chromadb-pvc', storage: Size.gibibytes(1) });
        Testing.synth(cheese);
      })).toMatch(/PersistentVolumeClaim\/chromadb-pvc/);
    });

    test('two loaders with the default name', () => {
      expect(failure(() => {
        const { chart: c, config, db } = chartWithDb();
        AppValidation.apply(c);
        const props = { image: ContainerImage.of('gcr.io/p/loader:20250422213016'), vectorDb: db, config };
        new VectorDbLoader(c, 'Loader', props);
        new VectorDbLoader(c, 'Loader2', props);
        Testing.synth(c);
      })).toMatch(/Job\/vector-db-loader-/);
    });
  });
});
