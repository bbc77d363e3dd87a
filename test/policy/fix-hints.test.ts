import { join } from 'path';
import { ApiObject, Chart, JsonPatch, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import * as ts from 'typescript';
import { AppNetwork } from '../../src/app-network';
import { Connections } from '../../src/core/network';
import { NetworkPeer } from '../../src/plus/network-peer';
import { PodSecurity } from '../../src/plus/pod-security';
import { ALL_RULES, DEFAULT_POLICY_CONTEXT, evaluatePolicy, formatFinding, PolicyRule, policyMarkdownTable, PSS_CAPABILITIES, PSS_HOST_PORTS } from '../../src/policy';

// What a hint may use: kplus, cdk8s' ApiObject/JsonPatch/Size, cheese-k8s' wiring and hardening, `chart` and `image`.
// cheese-k8s is declared rather than imported: importing src/ would make the program parse the 1 MB
// imports/k8s.ts and double the compile time. STUBS below keeps the declarations true to src/.
const HEADER = `import * as kplus from 'cdk8s-plus-27';
import { ApiObject, Chart, JsonPatch, Size } from 'cdk8s';
import { Construct } from 'constructs';
interface INetworkPeer { readonly workloadName: string; readonly selector: Record<string, string> }
declare const PodSecurity: { harden(scope: Construct): ApiObject[] };
declare const NetworkPeer: { fromPlus(workload: kplus.Workload | kplus.Pod): INetworkPeer };
declare const Connections: { of(scope: Construct): { addPeer(peer: INetworkPeer): void } };
declare const AppNetwork: new (scope: Construct, id: string) => Construct;
export const used = [kplus, ApiObject, JsonPatch, Size, AppNetwork, Connections, NetworkPeer, PodSecurity];`;
const SCOPE = { kplus, ApiObject, JsonPatch, Size, AppNetwork, Connections, NetworkPeer, PodSecurity };

/** The declarations of HEADER, checked against src/ by the project's type-check (tsc -p tsconfig.dev.json). */
const STUBS: {
  PodSecurity: { harden(scope: Construct): ApiObject[] };
  NetworkPeer: { fromPlus(workload: kplus.Workload | kplus.Pod): { readonly workloadName: string; readonly selector: Record<string, string> } };
  Connections: { of(scope: Construct): { addPeer(peer: ReturnType<typeof NetworkPeer.fromPlus>): void } };
  AppNetwork: new (scope: Construct, id: string) => Construct;
} = { PodSecurity, NetworkPeer, Connections, AppNetwork };

/** TypeScript diagnostics of each snippet, compiled in one program against the installed cdk8s-plus-27. */
function compile(snippets: readonly string[]): string[][] {
  const file = join(__dirname, '__fix_hints__.ts'); // virtual: never written
  let text = `${HEADER}\n`;
  const starts: number[] = [];
  snippets.forEach((s, i) => {
    starts.push(text.length);
    text += `export function hint${i}(chart: Chart, image: string): void {\n${s};\n}\n`;
  });
  const options: ts.CompilerOptions = {
    strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, types: [],
  };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) => name === file ? ts.createSourceFile(name, text, version) : read(name, version, ...rest);
  const program = ts.createProgram([file], options, host);
  const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(file));
  const owner = (pos: number) => starts.filter(s => s <= pos).length - 1;
  return snippets.map((_, i) => diagnostics
    .filter(d => d.start !== undefined && owner(d.start) === i)
    .map(d => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`));
}

/** Runs a snippet in a fresh chart and returns what `rule` finds on the result. */
function run(rule: PolicyRule): unknown[] {
  const chart = new Chart(Testing.app(), 'hints', { namespace: 'hints' });
  const js = ts.transpile(rule.plusFix!, { target: ts.ScriptTarget.ES2020 });
  new Function('chart', 'image', ...Object.keys(SCOPE), js)(chart, 'us-docker.pkg.dev/p/r/web:1.0.0', ...Object.values(SCOPE));
  return evaluatePolicy(Testing.synth(chart), DEFAULT_POLICY_CONTEXT, [rule]);
}

const hinted = ALL_RULES.filter(r => r.plusFix !== undefined);
// the hint CHEESE-PSS4 used to give: kplus.Capability has no ALL in 2.9.5
const OLD_PSS4 = "new kplus.Deployment(chart, 'Web', { containers: [{ image, securityContext: { capabilities: { drop: [kplus.Capability.ALL] } } }] })";

describe('cdk8s-plus-27 fix hints', () => {
  // one program for every snippet (a program per snippet costs seconds each)
  const diagnostics = compile([...hinted.map(r => r.plusFix!), OLD_PSS4, "const n: number = 'x'", 'kplus.Nope']);

  test('cover the rules whose fix cdk8s-plus-27 code can express', () => {
    expect(Object.keys(STUBS).sort()).toEqual(Object.keys(SCOPE).filter(k => /^[A-Z]/.test(k) && !['ApiObject', 'JsonPatch', 'Size'].includes(k)).sort());
    expect(hinted.map(r => r.id)).toEqual(expect.arrayContaining(['CHEESE-PSS1', 'CHEESE-PSS4', 'CHEESE-PSS5', 'CHEESE-NET1', 'CHEESE-PDB1']));
  });

  test.each(hinted.map((r, i) => [r.id, i] as const))('%s compiles against the installed cdk8s-plus-27', (_, i) => {
    expect(diagnostics[i]).toEqual([]);
  });

  test.each(hinted.map(r => [r.id, r] as const))('%s: the rule passes on what the hint builds', (_, rule) => {
    expect(run(rule)).toEqual([]);
  });

  test('the check catches a hint that does not compile, and attributes each error to its snippet', () => {
    const [old, mistyped, missing] = diagnostics.slice(hinted.length);
    expect(old).toEqual(["TS2339: Property 'ALL' does not exist on type 'typeof Capability'."]);
    expect(mistyped).toEqual(["TS2322: Type 'string' is not assignable to type 'number'."]);
    expect(missing).toEqual([expect.stringMatching(/^TS2339: Property 'Nope' does not exist/)]);
  });

  test('only cdk8s-plus-27 code in a fix carries the version; no other cdk8s-plus wording is left', () => {
    for (const rule of ALL_RULES) expect(rule.fix).not.toMatch(/cdk8s-plus(?!-27)|kplus\./);
  });

  test('findings and docs/policy.md show the hint after the fix; rules without one show only the fix', () => {
    const finding = { ruleId: PSS_CAPABILITIES.id, kind: 'Deployment', name: 'web', path: 'p', detail: 'd' };
    expect(formatFinding(finding, PSS_CAPABILITIES, 'c/Web')).toBe(
      `[CHEESE-PSS4] c/Web (Deployment/web): ${PSS_CAPABILITIES.message}: d. Fix: ${PSS_CAPABILITIES.fix}; cdk8s-plus-27: ${PSS_CAPABILITIES.plusFix}`);
    expect(formatFinding(finding, PSS_HOST_PORTS, 'c/Web').endsWith(`Fix: ${PSS_HOST_PORTS.fix}`)).toBe(true);
    expect(policyMarkdownTable([PSS_CAPABILITIES])).toContain(`<br>cdk8s-plus-27: \`${PSS_CAPABILITIES.plusFix}\` |`);
  });
});
