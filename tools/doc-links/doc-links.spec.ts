import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brokenLinks, linkTarget, markdownFacts } from '../../test/markdown-links';

// A clone has the repository and nothing beside it: every relative link in its Markdown must resolve there.

const root = resolve(__dirname, '../..');

/** The files a commit of this work tree would hold: tracked, plus new files that are not ignored. */
function repositoryFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  return listed
    .split('\0')
    .filter((file) => file !== '' && existsSync(join(root, file)))
    .sort();
}

const read = (file: string): string => readFileSync(join(root, file), 'utf8');

describe('the repository documentation', () => {
  const files = repositoryFiles();

  it('has Markdown to check', () => {
    expect(files).toContain('README.md');
  });

  it('links only to files and headings that a clone has', () => {
    const report = brokenLinks(files, read).map((b) => `${b.file}:${b.line} ${b.href} — ${b.reason}`);
    expect(report).toEqual([]);
  });

  it('points no code, comment or doc at the shared folder beside the repository', () => {
    const outside = ['..', 'shared', ''].join('/');
    const text = /\.(md|ts|js|mjs|json|ya?ml|sql)$/;
    const offenders = files.filter((file) => text.test(file) && read(file).includes(outside));
    expect(offenders).toEqual([]);
  });
});

describe('markdownFacts', () => {
  it('collects inline, reference, image and HTML links with their lines', () => {
    const facts = markdownFacts(
      [
        '# Title',
        '',
        'See [a](docs/a.md) and [b][ref].',
        '',
        '![p](img/p.png) and, on the',
        'next line, [c](c.md)',
        '',
        '<a href="x.md">x</a>',
        '',
        '[ref]: b.md#part',
      ].join('\n'),
    );
    expect(facts.links).toEqual([
      { href: 'docs/a.md', line: 3 },
      { href: 'b.md#part', line: 3 },
      { href: 'img/p.png', line: 5 },
      { href: 'c.md', line: 6 },
      { href: 'x.md', line: 8 },
    ]);
  });

  it('ignores links inside code blocks and code spans', () => {
    const facts = markdownFacts(
      ['```', '[a](gone.md)', '```', '', '`[b](gone.md)`', '', '    [c](gone.md)'].join('\n'),
    );
    expect(facts.links).toEqual([]);
  });

  it('names headings as GitHub does: lower case, punctuation dropped, Vietnamese kept, repeats numbered', () => {
    const facts = markdownFacts(
      [
        '# How the engine reads it fast',
        '## `dossier_state` and *friends*',
        '## Từ ngữ (words)',
        '## Notes',
        '## Notes',
        '<a id="kept"></a>',
      ].join('\n'),
    );
    expect([...facts.anchors]).toEqual([
      'how-the-engine-reads-it-fast',
      'dossier_state-and-friends',
      'từ-ngữ-words',
      'notes',
      'notes-1',
      'kept',
    ]);
  });
});

describe('linkTarget', () => {
  it('resolves paths against the linking file, and / against the repository root', () => {
    expect(linkTarget('docs/a.md', 'b.md')).toEqual({ path: 'docs/b.md', anchor: null });
    expect(linkTarget('docs/a.md', '../README.md#two-commands')).toEqual({
      path: 'README.md',
      anchor: 'two-commands',
    });
    expect(linkTarget('docs/a.md', '/libs/x/')).toEqual({ path: 'libs/x', anchor: null });
    expect(linkTarget('docs/a.md', '#words')).toEqual({ path: 'docs/a.md', anchor: 'words' });
    expect(linkTarget('README.md', 'docs/t%E1%BB%AB.md')).toEqual({ path: 'docs/từ.md', anchor: null });
  });

  it('leaves links with a scheme alone', () => {
    expect(linkTarget('README.md', 'https://example.org/x.md')).toBeNull();
    expect(linkTarget('README.md', 'mailto:a@b.c')).toBeNull();
    expect(linkTarget('README.md', '//cdn.example.org/x')).toBeNull();
  });
});

describe('brokenLinks', () => {
  const besideTheRepository = ['..', '..', 'shared', 'domain.md'].join('/');
  const repo: Record<string, string> = {
    'README.md': '# Top\n\n[ok](docs/a.md#rules) [dir](libs/x) [self](#top) [code](libs/x/src/y.ts#L3)',
    'docs/a.md': `# Rules\n\n[up](../README.md) [bad](missing.md) [anchor](../README.md#nope) [out](${besideTheRepository})`,
    'libs/x/src/y.ts': '',
  };
  const found = brokenLinks(Object.keys(repo), (file) => repo[file]);

  it('reports missing files, missing anchors and paths outside the repository, and nothing else', () => {
    expect(found).toEqual([
      {
        file: 'docs/a.md',
        line: 3,
        href: 'missing.md',
        reason: 'no such file in the repository: docs/missing.md',
      },
      {
        file: 'docs/a.md',
        line: 3,
        href: '../README.md#nope',
        reason: 'no heading or anchor #nope in README.md',
      },
      { file: 'docs/a.md', line: 3, href: besideTheRepository, reason: 'points outside the repository' },
    ]);
  });
});
