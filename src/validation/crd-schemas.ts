// Loaded on demand by crds.ts (a separate module, so that apps without custom resources never parse it).
import SCHEMAS from '../../imports/crd-schemas.json';

/** openAPIV3Schema of every served version of the imported CRDs, keyed `<group>/<version>/<Kind>`. */
export const CRD_SCHEMAS: Readonly<Record<string, object>> = SCHEMAS as Record<string, object>;
