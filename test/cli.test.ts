import * as path from 'path';
import { escapeHelmTemplate, HELM_DEFAULT_ENV, HELM_FOLDER, HELP, isHelmTemplatesDir, parseSynthArgs, UsageError } from '../src/cli';

const parse = (argv: string[], env: Record<string, string | undefined> = {}) => parseSynthArgs(argv, env);

describe('parseSynthArgs', () => {
  test.each([[['--help']], [['-h']], [['--env', 'nope', '--help']]])('%j asks for help (undefined)', (argv) => {
    expect(parse(argv)).toBeUndefined();
  });

  test('no arguments: every environment into dist/, with the examples', () => {
    expect(parse([])).toEqual({
      environments: ['dev', 'prod'],
      outDir: 'dist',
      examples: true,
      imageTag: undefined,
      tagFile: undefined,
      gcpProject: undefined,
      imageRegistry: undefined,
      host: undefined,
    });
  });

  test.each([
    [['--env', 'dev'], ['dev']],
    [['--env', 'prod', '--env', 'dev'], ['prod', 'dev']],
    [['--env', 'dev,prod'], ['dev', 'prod']],
    [['--env', ' dev , prod '], ['dev', 'prod']],
    [['--env', 'dev,dev', '--env', 'dev'], ['dev']],
    [['--env=prod'], ['prod']],
  ])('%j selects %j', (argv, environments) => {
    expect(parse(argv)?.environments).toEqual(environments);
  });

  test('environment variables fill what the flags leave out', () => {
    expect(parse([], {
      CHEESE_ENVS: 'prod',
      CHEESE_IMAGE_TAG: '20251201',
      CHEESE_GCP_PROJECT: 'my-project',
      CHEESE_IMAGE_REGISTRY: 'europe-docker.pkg.dev/p/r',
      CHEESE_HOST: 'a.sslip.io',
      CDK8S_OUTDIR: 'out',
    })).toEqual({
      environments: ['prod'],
      imageTag: '20251201',
      tagFile: undefined,
      gcpProject: 'my-project',
      imageRegistry: 'europe-docker.pkg.dev/p/r',
      host: 'a.sslip.io',
      outDir: 'out',
      examples: true,
    });
    expect(parse([], { CHEESE_TAG_FILE: 'src/deployment/.docker-tag' })?.tagFile).toBe('src/deployment/.docker-tag');
  });

  test('flags win over environment variables', () => {
    const env = {
      CHEESE_ENVS: 'prod',
      CHEESE_IMAGE_TAG: 'from-env',
      CHEESE_GCP_PROJECT: 'env-project',
      CHEESE_IMAGE_REGISTRY: 'env.example/registry',
      CHEESE_HOST: 'env.example.com',
      CDK8S_OUTDIR: 'env-out',
    };
    expect(parse(['--env', 'dev', '--tag', 'from-flag', '--project', 'flag-project', '--registry', 'flag.example/registry', '--host', 'flag.example.com',
      '--out', 'flag-out', '--no-examples'], env)).toEqual({
      environments: ['dev'],
      imageTag: 'from-flag',
      tagFile: undefined,
      gcpProject: 'flag-project',
      imageRegistry: 'flag.example/registry',
      host: 'flag.example.com',
      outDir: 'flag-out',
      examples: false,
    });
  });

  test('a tag flag hides the other kind of tag from the environment', () => {
    // --tag-file wins over CHEESE_IMAGE_TAG, --tag wins over CHEESE_TAG_FILE
    expect(parse(['--tag-file', 'tag.txt'], { CHEESE_IMAGE_TAG: 'env-tag' })).toMatchObject({ imageTag: undefined, tagFile: 'tag.txt' });
    expect(parse(['--tag', 'flag-tag'], { CHEESE_TAG_FILE: 'env.txt' })).toMatchObject({ imageTag: 'flag-tag', tagFile: undefined });
  });

  describe('fails if', () => {
    test.each([
      ['an environment is unknown', ['--env', 'staging'], {}, "unknown environment 'staging': use one of dev, prod"],
      ['an environment is named like an Object.prototype member', ['--env', 'constructor'], {}, "unknown environment 'constructor': use one of dev, prod"],
      ['one of several environments is unknown', ['--env', 'dev,qa'], {}, "unknown environment 'qa': use one of dev, prod"],
      ['CHEESE_ENVS names an unknown environment', [], { CHEESE_ENVS: 'dev,test' }, "unknown environment 'test': use one of dev, prod"],
      ['no environment is left after splitting', ['--env', ' , '], {}, 'no environment selected: use --env <name>'],
      ['--tag and --tag-file are both given', ['--tag', 'a', '--tag-file', 'b'], {}, 'give either --tag or --tag-file, not both'],
      ['--tag is empty', ['--tag', ''], {}, '--tag needs a non-empty value'],
      ['--out is blank', ['--out', '  '], {}, '--out needs a non-empty value'],
      ['--project is empty', ['--project='], {}, '--project needs a non-empty value'],
      ['--registry is empty', ['--registry', ' '], {}, '--registry needs a non-empty value'],
      ['CHEESE_IMAGE_REGISTRY is set but empty', [], { CHEESE_IMAGE_REGISTRY: '' }, 'CHEESE_IMAGE_REGISTRY is set but empty: unset it or give a value'],
      ['CDK8S_OUTDIR is set but empty', [], { CDK8S_OUTDIR: '' }, 'CDK8S_OUTDIR is set but empty: unset it or give a value'],
      ['CDK8S_OUTDIR is blank', [], { CDK8S_OUTDIR: ' ' }, 'CDK8S_OUTDIR is set but empty: unset it or give a value'],
      ['CHEESE_TAG_FILE is set but empty', [], { CHEESE_TAG_FILE: '' }, 'CHEESE_TAG_FILE is set but empty: unset it or give a value'],
      ['--cdk8s-scratch is empty', ['--cdk8s-scratch='], {}, '--cdk8s-scratch needs a non-empty value'],
    ])('%s', (_, argv, env, message) => {
      expect(() => parse(argv, env)).toThrow(new UsageError(message));
    });

    test.each([
      ['a flag is unknown', ['--verbose'], /Unknown option '--verbose'/],
      ['a positional argument is given', ['dev'], /Unexpected argument 'dev'/],
      ['a value is missing', ['--tag'], /Option '--tag <value>' argument missing/],
    ])('%s (parseArgs error, with a pointer to --help)', (_, argv, pattern) => {
      expect(() => parse(argv)).toThrow(UsageError);
      expect(() => parse(argv)).toThrow(pattern);
      expect(() => parse(argv)).toThrow(/\nRun 'npm run synth -- --help' for the options\.$/);
    });
  });
});

describe('HELP', () => {
  test('documents every option, its environment variable and the environments', () => {
    for (const text of ['--env', '--tag', '--tag-file', '--project', '--registry', '--host', '--out', '--no-examples', '--help',
      'CHEESE_ENVS', 'CHEESE_IMAGE_TAG', 'CHEESE_TAG_FILE', 'CHEESE_GCP_PROJECT', 'CHEESE_IMAGE_REGISTRY', 'CHEESE_HOST', 'CDK8S_OUTDIR', 'dev, prod']) {
      expect(HELP).toContain(text);
    }
  });

  test('UsageError is an Error', () => {
    expect(new UsageError('x')).toBeInstanceOf(Error);
  });
});

describe('Helm mode', () => {
  // a fake file system in which only dist/Chart.yaml exists
  const chartAt = (root: string) => (file: string) => file === path.join(path.resolve(root), 'Chart.yaml');

  test('isHelmTemplatesDir: a templates/ folder next to a Chart.yaml', () => {
    expect(isHelmTemplatesDir('dist/templates', chartAt('dist'))).toBe(true);
    expect(isHelmTemplatesDir('dist/templates/', chartAt('dist'))).toBe(true);
    expect(isHelmTemplatesDir('dist', chartAt('dist'))).toBe(false);
    expect(isHelmTemplatesDir('other/templates', chartAt('dist'))).toBe(false);
  });

  test('escapeHelmTemplate makes every {{ literal for Helm', () => {
    expect(escapeHelmTemplate('a: "{{x}}" b: {{')).toBe('a: "{{ "{{" }}x}}" b: {{ "{{" }}');
    expect(escapeHelmTemplate('plain: text')).toBe('plain: text');
  });

  test('CDK8S_OUTDIR pointing at a chart\'s templates/: one environment (@default prod), no examples, format helm', () => {
    const fileExists = chartAt('out');
    expect(HELM_DEFAULT_ENV).toBe('prod');
    expect(parseSynthArgs([], { CDK8S_OUTDIR: 'out/templates' }, fileExists)).toMatchObject({ environments: ['prod'], outDir: 'out/templates', examples: false, format: 'helm' });
    expect(parseSynthArgs([], { CDK8S_OUTDIR: 'out/templates', CHEESE_ENVS: 'dev' }, fileExists)).toMatchObject({ environments: ['dev'], format: 'helm' });
    expect(parseSynthArgs(['--out', 'out/templates', '--env', 'dev'], {}, fileExists)?.environments).toEqual(['dev']);
  });

  test('without a Chart.yaml, a templates/ folder is an ordinary output folder', () => {
    const options = parseSynthArgs([], { CDK8S_OUTDIR: 'out/templates' });
    expect(options).toMatchObject({ environments: ['dev', 'prod'], examples: true });
    expect(options?.format).toBeUndefined();
  });

  test('through the cdk8s CLI (--cdk8s-scratch, CDK8S_OUTDIR = that scratch folder): output to dist/, the scratch folder only gets copies', () => {
    expect(parseSynthArgs(['--cdk8s-scratch', '.cache/cdk8s-cli'], { CDK8S_OUTDIR: '.cache/cdk8s-cli' }))
      .toMatchObject({ outDir: 'dist', cliScratch: '.cache/cdk8s-cli', examples: true, environments: ['dev', 'prod'] });
    // Helm: the CLI made the chart in the scratch folder; the app copies it to dist/helm/
    const helm = parseSynthArgs(['--cdk8s-scratch', '.cache/cdk8s-cli'], { CDK8S_OUTDIR: '.cache/cdk8s-cli/templates' }, chartAt('.cache/cdk8s-cli'));
    expect(helm).toMatchObject({ outDir: 'dist', format: 'helm', helmChartFrom: '.cache/cdk8s-cli', environments: ['prod'] });
    expect(HELM_FOLDER).toBe('helm');
  });

  test('with `cdk8s synth -o <dir>` (CDK8S_OUTDIR is not the scratch folder) the output goes to <dir>, as for any cdk8s app', () => {
    const options = parseSynthArgs(['--cdk8s-scratch', '.cache/cdk8s-cli'], { CDK8S_OUTDIR: 'out' });
    expect(options).toMatchObject({ outDir: 'out' });
    expect(options?.cliScratch).toBeUndefined();
    expect(parseSynthArgs(['--cdk8s-scratch', '.cache/cdk8s-cli'], { CDK8S_OUTDIR: 'out/templates' }, chartAt('out'))).toMatchObject({ outDir: 'out/templates', format: 'helm' });
  });

  test('fails if a Helm chart is asked for more than one environment', () => {
    expect(() => parseSynthArgs(['--env', 'dev,prod'], { CDK8S_OUTDIR: 'out/templates' }, chartAt('out')))
      .toThrow(new UsageError('a Helm chart holds one environment, got dev, prod: choose one with CHEESE_ENVS=<name> (or --env)'));
  });
});
