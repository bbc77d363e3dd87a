import { invalid } from './validate';

// <registry[:port]/>path[:tag][@sha256:digest] — the grammar of distribution/reference, simplified.
const REFERENCE = /^((?:[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/;

/** When the kubelet pulls an image. */
export enum ImagePullPolicy {
  /** Pull on every container start (re-checks registry authorization). */
  ALWAYS = 'Always',
  /** Pull only when the node does not have the image. */
  IF_NOT_PRESENT = 'IfNotPresent',
  /** Never pull; the image must be on the node. */
  NEVER = 'Never',
}

/**
 * A container image reference, parsed and checked once.
 *
 * An image must be pinned: a tag that is not `latest`, or a digest. Floating tags are
 * how the course's vector DB silently jumped from Chroma 0.x to 1.x and lost its data.
 */
export class ContainerImage {
  /**
   * Parses `registry/path:tag`, `path:tag@sha256:…` or `path@sha256:…`.
   * @throws if the reference is malformed, has no tag and no digest, or uses `latest`
   */
  public static of(reference: string, owner = 'ContainerImage'): ContainerImage {
    if (typeof reference !== 'string' || reference.trim() === '') {
      invalid(owner, 'image', reference, "use a pinned image reference such as 'chromadb/chroma:0.5.6' or 'repo/app@sha256:<64 hex>'");
    }
    const match = REFERENCE.exec(reference);
    if (!match) {
      invalid(owner, 'image', reference, "use '[registry/]path[:tag][@sha256:<64 hex>]' with a lower-case path and no spaces");
    }
    const [, repository, tag, digest] = match;
    if (!tag && !digest) {
      invalid(owner, 'image', reference, "pin the image with a tag (e.g. ':0.5.6') or a digest ('@sha256:…'); an untagged image floats to ':latest'");
    }
    if (tag === 'latest' && !digest) {
      invalid(owner, 'image', reference, "':latest' is not a pinned version; use a version tag or a digest");
    }
    return new ContainerImage(repository, tag, digest);
  }

  /**
   * An image that publishes no version tag (a lecture demo). Nothing is pinned: the
   * kubelet pulls whatever `:latest` is. `reason` is required and kept on the object.
   * @throws if the reference is malformed or the reason is shorter than 10 characters
   */
  public static floating(reference: string, reason: string): ContainerImage {
    if (typeof reason !== 'string' || reason.trim().length < 10) {
      invalid('ContainerImage.floating', 'reason', reason, 'say in at least 10 characters why this image cannot be pinned');
    }
    const match = typeof reference === 'string' ? REFERENCE.exec(reference) : null;
    if (!match) invalid('ContainerImage.floating', 'image', reference, "use '[registry/]path[:tag]' with a lower-case path and no spaces");
    return new ContainerImage(match[1], match[2], match[3], reason);
  }

  /** Registry and path, e.g. `gcr.io/ac215-project/cheese-app-api-service`. */
  public readonly repository: string;
  /** The tag, if any. */
  public readonly tag?: string;
  /** The digest (`sha256:…`), if any. */
  public readonly digest?: string;
  /** Why the image is not pinned; undefined for pinned images. */
  public readonly floatingReason?: string;

  private constructor(repository: string, tag?: string, digest?: string, floatingReason?: string) {
    this.repository = repository;
    this.tag = tag;
    this.digest = digest;
    this.floatingReason = floatingReason;
  }

  /** False for images made with {@link ContainerImage.floating}, whatever their tag; true for {@link ContainerImage.of}. */
  public get pinned(): boolean {
    return this.floatingReason === undefined;
  }

  /** The last path segment, e.g. `cheese-app-api-service`. */
  public get name(): string {
    return this.repository.slice(this.repository.lastIndexOf('/') + 1);
  }

  /** The tag, or the short digest when there is no tag; used for `app.kubernetes.io/version`. */
  public get version(): string {
    return this.tag ?? this.digest?.slice('sha256:'.length, 'sha256:'.length + 12) ?? 'latest';
  }

  /** The full reference as written into the manifest. */
  public toString(): string {
    return `${this.repository}${this.tag ? ':' + this.tag : ''}${this.digest ? '@' + this.digest : ''}`;
  }
}
