import { finding, show } from '../_finding';
import { containersOf, describeContainer, podTemplates } from '../_pods';
import { Finding, PolicyRule } from '../types';

const ID = 'CHEESE-IMG1';
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/**
 * Why an image reference is not pinned, or undefined when it is.
 *
 * A digest (`repo@sha256:...` or `repo:tag@sha256:...`) pins it. Otherwise the tag is the text
 * after the last `:` that follows the last `/` (so a registry port is not a tag); it must be
 * present and not `latest`.
 */
export function imagePinProblem(image: unknown): string | undefined {
  if (typeof image !== 'string' || image.trim() === '') return 'has no image';
  const at = image.indexOf('@');
  if (at >= 0) {
    const digest = image.slice(at + 1);
    return DIGEST.test(digest) ? undefined : `has a malformed digest "${digest}" (expected sha256:<64 hex characters>)`;
  }
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  if (colon < 0 || colon === lastSegment.length - 1) return 'has no tag';
  if (lastSegment.slice(colon + 1) === 'latest') return 'uses the "latest" tag';
  return undefined;
}

/** Images pinned by tag (not latest) or digest. */
export const IMAGE_PINNED: PolicyRule = {
  id: ID,
  title: 'Image pinned',
  message: 'every container image must carry an explicit tag other than "latest", or a digest',
  explanation: 'An untagged or :latest image changes under the Deployment; rollbacks and node restarts then run different code than was reviewed.',
  fix: 'reference the image as repo:1.4.2@sha256:<digest> (preferred; also satisfies Checkov CKV_K8S_43) or at least repo:1.4.2',
  mirrors: {
    kubeScore: ['container-image-tag'],
    polaris: ['tagNotSpecified'],
    kubeLinter: ['latest-tag'],
    checkov: ['CKV_K8S_14'],
  },
  check(objects) {
    const findings: Finding[] = [];
    for (const template of podTemplates(objects)) {
      for (const ref of containersOf(template)) {
        const problem = imagePinProblem(ref.container.image);
        if (problem) {
          const path = `${ref.path}.image`;
          findings.push(finding(ID, template.object, path, `${describeContainer(ref)}: ${path} ${show(ref.container.image)} ${problem}`, ref.name));
        }
      }
    }
    return findings;
  },
};
