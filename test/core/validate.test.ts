import {
  checkDnsLabel, checkDnsSubdomain, checkHost, checkInt, checkLabels, checkLabelValue, checkPath, checkPort,
  checkQualifiedKey, checkToken, invalid, show,
} from '../../src/core/validate';

describe('invalid and show', () => {
  test('the message names owner, prop, received value and what is allowed', () => {
    expect(() => invalid('Owner', 'prop', 'bad', 'use good')).toThrow(new Error('Owner: invalid prop "bad": use good'));
  });

  test.each([
    ['a string is quoted', 'x', '"x"'],
    ['a number is bare', 42, '42'],
    ['a boolean is bare', true, 'true'],
    ['undefined is named', undefined, 'undefined'],
    ['null is named', null, 'null'],
    ['an object is JSON', { a: 1 }, '{"a":1}'],
    ['an array is JSON', [1, 'b'], '[1,"b"]'],
  ])('show: %s', (_, value, shown) => {
    expect(show(value)).toBe(shown);
  });

  test('show falls back to String() for values JSON cannot render', () => {
    const cyclic: any = {};
    cyclic.self = cyclic;
    expect(show(cyclic)).toBe('[object Object]');
  });
});

describe('checks return valid input unchanged', () => {
  test.each([
    [() => checkDnsLabel('O', 'p', 'api-1'), 'api-1'],
    [() => checkDnsLabel('O', 'p', 'a'.repeat(63)), 'a'.repeat(63)],
    [() => checkDnsSubdomain('O', 'p', 'cheese-app.config'), 'cheese-app.config'],
    [() => checkLabelValue('O', 'p', ''), ''],
    [() => checkLabelValue('O', 'p', 'v1.2_3'), 'v1.2_3'],
    [() => checkQualifiedKey('O', 'p', 'example.com/my-key'), 'example.com/my-key'],
    [() => checkQualifiedKey('O', 'p', 'plain_Key.1'), 'plain_Key.1'],
    [() => checkInt('O', 'p', 5, 5, 5), 5],
    [() => checkPort('O', 'p', 65535), 65535],
    [() => checkPath('O', 'p', '/api-service/status'), '/api-service/status'],
    [() => checkHost('O', 'p', '34.1.2.3.sslip.io'), '34.1.2.3.sslip.io'],
    [() => checkHost('O', 'p', '*.example.com'), '*.example.com'],
    [() => checkToken('O', 'p', 'letsencrypt-prod'), 'letsencrypt-prod'],
  ])('case %#', (check, expected) => {
    expect(check()).toBe(expected);
  });

  test('checkLabels accepts a valid map and an absent one', () => {
    expect(() => checkLabels('O', 'labels', { 'app.kubernetes.io/name': 'api', 'tier': '' })).not.toThrow();
    expect(() => checkLabels('O', 'labels', undefined)).not.toThrow();
  });
});

describe('fails if', () => {
  const DNS_LABEL_MSG = "use a DNS-1123 label: 1-63 lower-case letters, digits or '-', starting and ending with a letter or digit";
  test.each([
    ['', '""'],
    ['Api', '"Api"'],
    ['api_1', '"api_1"'],
    ['-api', '"-api"'],
    ['api-', '"api-"'],
    ['a.b', '"a.b"'],
    ['a'.repeat(64), `"${'a'.repeat(64)}"`],
  ])('a DNS label is %j', (value, shown) => {
    expect(() => checkDnsLabel('O', 'name', value)).toThrow(`O: invalid name ${shown}: ${DNS_LABEL_MSG}`);
  });

  test('a DNS label is longer than a custom maximum, which the message states', () => {
    expect(() => checkDnsLabel('O', 'name', 'a'.repeat(55), 54)).toThrow(/use a DNS-1123 label: 1-54 lower-case/);
  });

  test.each(['', 'a..b', 'A.b', '.a', 'a.', 'a_b', 'a'.repeat(254)])('a DNS subdomain is %j', (value) => {
    expect(() => checkDnsSubdomain('O', 'name', value)).toThrow(/^O: invalid name ".*": use a DNS-1123 subdomain: up to 253 lower-case/);
  });

  test.each(['-a', 'a-', 'a b', 'x'.repeat(64), 'a/b'])('a label value is %j', (value) => {
    expect(() => checkLabelValue('O', 'instance', value)).toThrow(/O: invalid instance ".*": use at most 63 letters, digits, '-', '_' or '.', starting and ending/);
  });

  test.each(['', '/name', 'UPPER.com/name', 'a/', `a/${'n'.repeat(64)}`, 'bad key', '-x'])('a qualified key is %j', (key) => {
    expect(() => checkQualifiedKey('O', 'annotations key', key)).toThrow(/O: invalid annotations key ".*": use '\[prefix\/\]name': an optional DNS-subdomain prefix/);
  });

  test('a label map has a bad key or a bad value, naming which', () => {
    expect(() => checkLabels('O', 'labels', { 'bad key': 'v' })).toThrow('O: invalid labels key "bad key"');
    expect(() => checkLabels('O', 'labels', { tier: 'not ok' })).toThrow('O: invalid labels["tier"] "not ok"');
  });

  test.each([
    [0, '0'], [11, '11'], [1.5, '1.5'], [NaN, 'NaN'], ['3' as any, '"3"'],
  ])('an integer is %p', (value, shown) => {
    expect(() => checkInt('O', 'count', value, 1, 10)).toThrow(`O: invalid count ${shown}: use an integer from 1 to 10`);
  });

  test.each([0, -1, 65536, 80.5])('a port is %p', (port) => {
    expect(() => checkPort('O', 'port', port)).toThrow(`O: invalid port ${port}: use an integer from 1 to 65535`);
  });

  test.each(['status', '', '/a b', '/a\tb'])('a path is %j', (path) => {
    expect(() => checkPath('O', 'path', path)).toThrow(`O: invalid path ${JSON.stringify(path)}: use an absolute path that starts with '/' and has no whitespace`);
  });

  test.each(['https://cheese.example.com', 'cheese example.com', '34.1.2.3', 'Cheese.com', 'cheese.com:443', '', '*.'])('a host is %j', (host) => {
    expect(() => checkHost('O', 'host', host)).toThrow(/O: invalid host ".*": use a lower-case DNS name such as 'cheese.example.com' or '34.1.2.3.sslip.io' \(no spaces, no scheme, no port, not a bare IP\)/);
  });

  test.each(['', 'a b', 'a\nb', 'a\u0001'])('a token is %j', (token) => {
    expect(() => checkToken('O', 'issuerName', token)).toThrow(`O: invalid issuerName ${JSON.stringify(token)}: use a non-empty string with no whitespace`);
  });
});
