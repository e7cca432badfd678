// Every relative link and anchor in README.md and docs/**/*.md leads somewhere: the file (or
// folder) exists in the repository, and an anchor names a heading of the target page as GitHub
// slugs it (or an explicit id/name anchor).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** README.md and every Markdown file under docs/, as repository-relative paths. */
function documentationFiles() {
	const docs = fs
		.readdirSync(path.join(ROOT, 'docs'), { recursive: true })
		.filter((file) => file.endsWith('.md'))
		.map((file) => path.join('docs', file));
	return ['README.md', ...docs.sort()];
}

/** The text with code (fenced and inline) and HTML comments blanked: links there are not links. */
function prose(markdown) {
	return markdown
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '')
		.replace(/(`+)[\s\S]*?\1/g, '');
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading) {
	const text = heading
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images keep their text
		.replace(/<[^>]+>/g, '') // inline HTML
		.replace(/[`*]/g, '') // code and emphasis markers
		.trim()
		.toLowerCase();
	return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
}

/** Every anchor a page offers: heading slugs (repeats get -1, -2 …) and explicit id/name anchors. */
function anchorsOf(markdown) {
	const anchors = new Set();
	const seen = new Map();
	const text = markdown.replace(/<!--[\s\S]*?-->/g, '').replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '');
	for (const [, heading] of text.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
		const base = slug(heading);
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		anchors.add(count === 0 ? base : `${base}-${count}`);
	}
	for (const [, id] of text.matchAll(/<[a-z]+[^>]*\s(?:id|name)="([^"]+)"/gi)) anchors.add(id);
	return anchors;
}

/** The link targets of a page: inline links and images, reference definitions, href/src. */
function linksOf(markdown) {
	const text = prose(markdown);
	const targets = [];
	for (const [, target] of text.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push(target);
	for (const [, target] of text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)) targets.push(target);
	for (const [, target] of text.matchAll(/\s(?:href|src)="([^"]+)"/g)) targets.push(target);
	return targets;
}

/** The broken links of one page: [{ target, problem }]. `read` gives a repository file's text. */
export function brokenLinks(file, read = (f) => fs.readFileSync(path.join(ROOT, f), 'utf8'), exists = (f) => fs.existsSync(path.join(ROOT, f))) {
	const problems = [];
	for (const target of linksOf(read(file))) {
		if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue; // absolute URL
		const [rawPath, anchor] = target.split('#', 2);
		let linked = file;
		if (rawPath) {
			linked = path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURIComponent(rawPath)));
			if (linked.startsWith('..') || path.posix.isAbsolute(linked)) {
				problems.push({ target, problem: 'points outside the repository' });
				continue;
			}
			if (!exists(linked)) {
				problems.push({ target, problem: `${linked} does not exist` });
				continue;
			}
		}
		if (anchor !== undefined && linked.endsWith('.md') && !anchorsOf(read(linked)).has(decodeURIComponent(anchor))) {
			problems.push({ target, problem: `${linked} has no heading with the anchor #${anchor}` });
		}
	}
	return problems;
}

describe('documentation links', () => {
	it('finds broken files and anchors, and follows GitHub slugs (the checker itself)', () => {
		const pages = {
			'docs/a.md': '# Queue mode (n8n 2.x)\n## `Call` → Get\n## Same\n## Same\n<a id="custom"></a>\n',
			'docs/b.md': [
				'[ok](a.md#queue-mode-n8n-2x) [ok](a.md#call--get) [ok](a.md#same-1) [ok](a.md#custom) [ok](#top)',
				'# Top',
				'[gone](missing.md) [bad anchor](a.md#nope) [outside](../../etc/passwd)',
				'`[in code](nowhere.md)` <!-- [in a comment](nowhere.md) -->',
				'```\n[in a block](nowhere.md)\n```',
				'[ext](https://example.com/x.md#y) ![img](../README.md)',
			].join('\n'),
			'README.md': '',
		};
		const problems = brokenLinks('docs/b.md', (f) => pages[f], (f) => f in pages);
		assert.deepEqual(problems.map((p) => p.target), ['missing.md', 'a.md#nope', '../../etc/passwd']);
	});

	for (const file of documentationFiles()) {
		it(`${file}: every relative link and anchor resolves`, () => {
			const problems = brokenLinks(file);
			assert.deepEqual(problems, [], problems.map((p) => `${p.target}: ${p.problem}`).join('\n'));
		});
	}
});
