import GithubSlugger from 'github-slugger';
import MarkdownIt from 'markdown-it';
import { posix } from 'node:path';

// Test-only (never built into dist): the pure half of the doc-link check in tools/doc-links.

const markdown = new MarkdownIt({ html: true });

/** A link or image written in a Markdown file, with the line it starts on (1-based). */
export interface MarkdownLink {
  readonly href: string;
  readonly line: number;
}

/** What one Markdown file offers and asks for: its anchors (as GitHub renders them) and its links. */
export interface MarkdownFacts {
  readonly anchors: ReadonlySet<string>;
  readonly links: readonly MarkdownLink[];
}

type Token = MarkdownIt.Token;

// Explicit anchors GitHub keeps in rendered HTML: <a id="x">, <a name="x">, any element's id.
const HTML_ANCHOR = /\s(?:id|name)\s*=\s*["']([^"']+)["']/g;
const HTML_LINK = /\s(?:href|src)\s*=\s*["']([^"']+)["']/g;

/**
 * Parses Markdown as GitHub does closely enough for links: code blocks and code spans hold no links, reference
 * links are resolved, headings get GitHub's slugs (repeated headings -1, -2, ...).
 */
export function markdownFacts(source: string): MarkdownFacts {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  const links: MarkdownLink[] = [];
  const tokens = markdown.parse(source, {});
  tokens.forEach((token, i) => {
    let line = (token.map?.[0] ?? 0) + 1;
    if (token.type === 'heading_open') anchors.add(slugger.slug(headingText(tokens[i + 1])));
    if (token.type === 'html_block') collectHtml(token.content, line, anchors, links);
    for (const child of token.children ?? []) {
      if (child.type === 'softbreak' || child.type === 'hardbreak') line += 1;
      if (child.type === 'link_open') links.push({ href: String(child.attrGet('href') ?? ''), line });
      if (child.type === 'image') links.push({ href: String(child.attrGet('src') ?? ''), line });
      if (child.type === 'html_inline') collectHtml(child.content, line, anchors, links);
    }
  });
  return { anchors, links };
}

function headingText(inline: Token | undefined): string {
  return (inline?.children ?? [])
    .filter((child) => child.type === 'text' || child.type === 'code_inline')
    .map((child) => child.content)
    .join('');
}

function collectHtml(html: string, line: number, anchors: Set<string>, links: MarkdownLink[]): void {
  for (const [, id] of html.matchAll(HTML_ANCHOR)) anchors.add(id);
  for (const [, href] of html.matchAll(HTML_LINK)) links.push({ href, line });
}

/** Where a link points inside the repository; null for links that leave it on purpose (https:, mailto:, ...). */
export interface LinkTarget {
  /** Repository-relative path, '' for the repository root; outside the repository it starts with '../'. */
  readonly path: string;
  /** The fragment after '#', decoded; null when there is none. */
  readonly anchor: string | null;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Resolves `href`, written in the repository-relative file `from`, the way GitHub resolves it in a clone. */
export function linkTarget(from: string, href: string): LinkTarget | null {
  if (SCHEME.test(href) || href.startsWith('//')) return null;
  const hash = href.indexOf('#');
  const rawPath = hash === -1 ? href : href.slice(0, hash);
  const rawAnchor = hash === -1 ? null : href.slice(hash + 1);
  const pathPart = decodeURIComponent(rawPath.split('?')[0]);
  const anchor = rawAnchor === null ? null : decodeURIComponent(rawAnchor);
  if (pathPart === '') return { path: from, anchor };
  const base = pathPart.startsWith('/') ? '.' : posix.dirname(from);
  const path = posix.normalize(posix.join(base, pathPart)).replace(/\/$/, '');
  return { path: path === '.' ? '' : path, anchor };
}

/** A link a reader of a clone cannot follow, and why. */
export interface BrokenLink {
  readonly file: string;
  readonly line: number;
  readonly href: string;
  readonly reason: string;
}

/**
 * Every link of every Markdown file that a clone cannot follow: a path outside the repository or not in it, or
 * an anchor that the target Markdown file does not have. `files` are the repository's files, relative paths.
 */
export function brokenLinks(files: readonly string[], read: (file: string) => string): BrokenLink[] {
  const fileSet = new Set(files);
  const directories = new Set(files.flatMap((file) => ancestors(file)));
  const facts = new Map<string, MarkdownFacts>();
  const factsOf = (file: string): MarkdownFacts => {
    let known = facts.get(file);
    if (!known) facts.set(file, (known = markdownFacts(read(file))));
    return known;
  };
  const broken: BrokenLink[] = [];
  for (const file of files.filter(isMarkdown)) {
    for (const { href, line } of factsOf(file).links) {
      const target = linkTarget(file, href);
      if (!target) continue;
      const reason = whyBroken(target, fileSet, directories, factsOf);
      if (reason) broken.push({ file, line, href, reason });
    }
  }
  return broken;
}

function whyBroken(
  { path, anchor }: LinkTarget,
  files: ReadonlySet<string>,
  directories: ReadonlySet<string>,
  factsOf: (file: string) => MarkdownFacts,
): string | null {
  if (path === '..' || path.startsWith('../')) return 'points outside the repository';
  if (!files.has(path) && !directories.has(path)) return `no such file in the repository: ${path || '/'}`;
  if (anchor === null || anchor === '' || !files.has(path) || !isMarkdown(path)) return null;
  if (!factsOf(path).anchors.has(anchor)) return `no heading or anchor #${anchor} in ${path}`;
  return null;
}

function isMarkdown(file: string): boolean {
  return file.toLowerCase().endsWith('.md');
}

function ancestors(file: string): string[] {
  const parts = file.split('/');
  return parts
    .slice(0, -1)
    .map((_, i) => parts.slice(0, i + 1).join('/'))
    .concat('');
}
