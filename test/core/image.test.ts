import { ContainerImage } from '../../src/core/image';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('ContainerImage.of', () => {
  test.each([
    ['chromadb/chroma:1.4.0', 'chromadb/chroma', '1.4.0', undefined, 'chroma', '1.4.0'],
    ['gcr.io/ac215-project/cheese-app-api-service:20250422213016', 'gcr.io/ac215-project/cheese-app-api-service', '20250422213016', undefined, 'cheese-app-api-service', '20250422213016'],
    ['localhost:5000/app:v2', 'localhost:5000/app', 'v2', undefined, 'app', 'v2'],
    [`repo/app@${DIGEST}`, 'repo/app', undefined, DIGEST, 'app', '0123456789ab'],
    [`repo/app:1.0@${DIGEST}`, 'repo/app', '1.0', DIGEST, 'app', '1.0'],
    [`nginx:latest@${DIGEST}`, 'nginx', 'latest', DIGEST, 'nginx', 'latest'],
    ['us-docker.pkg.dev/p/r/my__img-name:1', 'us-docker.pkg.dev/p/r/my__img-name', '1', undefined, 'my__img-name', '1'],
  ])('parses %s', (reference, repository, tag, digest, name, version) => {
    const img = ContainerImage.of(reference);
    expect(img.repository).toBe(repository);
    expect(img.tag).toBe(tag);
    expect(img.digest).toBe(digest);
    expect(img.name).toBe(name);
    expect(img.version).toBe(version);
    expect(img.pinned).toBe(true);
    expect(img.floatingReason).toBeUndefined();
    // the reference round-trips into the manifest unchanged
    expect(img.toString()).toBe(reference);
  });

  describe('fails if', () => {
    const GRAMMAR = "use '[registry/]path[:tag][@sha256:<64 hex>]' with a lower-case path and no spaces";
    test.each([
      ['empty', '', "use a pinned image reference such as 'chromadb/chroma:0.5.6' or 'repo/app@sha256:<64 hex>'"],
      ['blank', '   ', "use a pinned image reference such as 'chromadb/chroma:0.5.6' or 'repo/app@sha256:<64 hex>'"],
      ['it has a space', 'nginx :1.27', GRAMMAR],
      ['the path is upper case', 'Nginx:1.27', GRAMMAR],
      ['the tag is empty', 'nginx:', GRAMMAR],
      ['the digest is too short', 'nginx@sha256:abc', GRAMMAR],
      ['the digest is not sha256', `nginx@md5:${'a'.repeat(64)}`, GRAMMAR],
      ['it has no tag', 'nginx', "pin the image with a tag (e.g. ':0.5.6') or a digest ('@sha256:…'); an untagged image floats to ':latest'"],
      ['it uses :latest', 'chromadb/chroma:latest', "':latest' is not a pinned version; use a version tag or a digest"],
    ])('the reference %s', (_, reference, allowed) => {
      expect(() => ContainerImage.of(reference)).toThrow(`ContainerImage: invalid image ${JSON.stringify(reference)}: ${allowed}`);
    });

    test('the owner given by a construct is named in the message', () => {
      expect(() => ContainerImage.of('nginx', 'cheese/Api')).toThrow(/^cheese\/Api: invalid image "nginx"/);
    });
  });
});

describe('ContainerImage.floating', () => {
  test('accepts an untagged image with a reason, and says it is not pinned', () => {
    const img = ContainerImage.floating('dlops/tic-tac-toe', 'the lecture image publishes only :latest');
    expect(img.toString()).toBe('dlops/tic-tac-toe');
    expect(img.pinned).toBe(false);
    expect(img.floatingReason).toBe('the lecture image publishes only :latest');
    expect(img.version).toBe('latest');
    expect(img.name).toBe('tic-tac-toe');
  });

  test('accepts an explicit :latest', () => {
    expect(ContainerImage.floating('nginx:latest', 'a demo of floating tags').tag).toBe('latest');
  });

  describe('fails if', () => {
    test.each([['short'], ['         x'], [undefined as any]])('the reason is %j (under 10 characters)', (reason) => {
      expect(() => ContainerImage.floating('nginx', reason)).toThrow(`ContainerImage.floating: invalid reason ${reason === undefined ? 'undefined' : JSON.stringify(reason)}: say in at least 10 characters why this image cannot be pinned`);
    });

    test('the reference is malformed', () => {
      expect(() => ContainerImage.floating('Bad Image', 'a valid long reason')).toThrow('ContainerImage.floating: invalid image "Bad Image": use \'[registry/]path[:tag]\' with a lower-case path and no spaces');
    });
  });
});
