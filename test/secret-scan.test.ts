import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { EXAMPLES } from '../examples';
import { ENVIRONMENTS } from '../src/environments';
import { renderChart, renderEnvironment } from '../src/output/render';

/** What must never reach dist/, snapshots or the repo: key material and inline Secret data. */
const LEAKS: Array<[string, RegExp]> = [
  ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['service-account JSON', /"type"\s*:\s*"service_account"|"private_key(_id)?"\s*:/],
  ['Google API key', /AIza[0-9A-Za-z_-]{35}/],
  ['GitHub token', /gh[pousr]_[A-Za-z0-9]{36,}/],
  ['AWS access key', /AKIA[0-9A-Z]{16}/],
  ['Slack token', /xox[abprs]-[A-Za-z0-9-]{10,}/],
];

function leaks(text: string, isYaml = true): string[] {
  const found = LEAKS.filter(([, re]) => re.test(text)).map(([name]) => name);
  if (!isYaml) return found;
  for (const doc of parseAllDocuments(text)) {
    const obj: any = doc.toJS();
    if (obj?.kind === 'Secret' && (obj.data || obj.stringData)) found.push(`inline data in Secret/${obj.metadata?.name}`);
  }
  return found;
}

function filesUnder(dir: string, keep: (f: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : filesUnder(p, keep);
    return keep(p) ? [p] : [];
  });
}

describe('no plaintext secret in the output', () => {
  test('the scanner catches a planted key, service-account JSON and an inline Secret (so it can fail)', () => {
    const begin = '-----BEGIN ' + 'PRIVATE KEY-----';
    expect(leaks(`a: "${begin}\\nMIIE"`)).toEqual(['private key']);
    expect(leaks('{"type": "service_account", "project_id": "p"}')).toEqual(['service-account JSON']);
    expect(leaks('apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {a: b}\n')).toEqual(['inline data in Secret/s']);
  });

  test.each(Object.keys(ENVIRONMENTS))('environment %s: every synthesized file is clean', name => {
    const { files } = renderEnvironment(ENVIRONMENTS[name]);
    for (const [file, text] of Object.entries(files)) expect([file, leaks(text, /\.ya?ml$/.test(file))]).toEqual([file, []]);
  });

  test.each(Object.keys(EXAMPLES))('example %s is clean', name => {
    for (const [file, text] of Object.entries(renderChart(EXAMPLES[name]))) expect([file, leaks(text)]).toEqual([file, []]);
  });

  test('dist/ (when present) and every jest snapshot are clean', () => {
    const root = path.join(__dirname, '..');
    const files = [
      ...filesUnder(path.join(root, 'dist'), f => /\.(ya?ml|json|md)$/.test(f)),
      ...filesUnder(path.join(root, 'test'), f => f.endsWith('.snap')),
    ];
    expect(files.some(f => f.endsWith('.snap'))).toBe(true);
    for (const f of files) expect([path.relative(root, f), leaks(fs.readFileSync(f, 'utf8'), /\.ya?ml$/.test(f))]).toEqual([path.relative(root, f), []]);
  });
});
