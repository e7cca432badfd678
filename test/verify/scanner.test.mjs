// n8n's own verification scanner (@n8n/scan-community-package) over what `npm publish` uploads
// and over the sources, failing on any error or warning. The scanner's CLI also checks npm
// provenance and downloads the attested source from the registry: both need the internet, so
// only those two steps are skipped; the lint pass that decides verification runs in full.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, it, before } from 'node:test';

import { ESLint } from 'eslint';
import { analyzePackage, buildScanConfig, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const require = createRequire(import.meta.url);
const { packPackage, ROOT } = require('../e2e/n8n.js');

/**
 * analyzePackage() only fails on errors; warnings (e.g. a missing homepage) stay in its report.
 * Linting the same files with the scanner's own config counts both.
 */
async function scan(dir, patterns) {
	const verdict = await analyzePackage(dir, patterns);
	const eslint = new ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: await buildScanConfig() });
	const files = (await import('fast-glob')).default.sync(patterns ?? ['**/*.js', '**/*.ts', '**/*.json'], {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = await eslint.lintFiles(files);
	const report = await (await eslint.loadFormatter('stylish')).format(results);
	const count = (key) => results.reduce((sum, r) => sum + r[key], 0);
	return { verdict, files: files.length, errors: count('errorCount'), warnings: count('warningCount'), report };
}

describe("n8n's verification scanner (provenance and source-download steps skipped: they need the internet)", () => {
	let packageDir;
	before(() => {
		const tarball = packPackage();
		packageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-platforms-scan-'));
		execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	});

	it('passes the published tarball with 0 errors and 0 warnings', async () => {
		const result = await scan(packageDir);
		console.log(`tarball: ${result.files} files, ${result.errors} errors, ${result.warnings} warnings${result.report}`);
		assert.ok(result.files > 20, 'the tarball holds the built nodes and credentials');
		assert.equal(result.verdict.passed, true, result.verdict.details ?? result.verdict.message);
		assert.equal(result.errors + result.warnings, 0, result.report);
	});

	it('passes the sources with 0 errors and 0 warnings', async () => {
		const result = await scan(ROOT, SOURCE_FILE_PATTERNS);
		console.log(`sources: ${result.files} files, ${result.errors} errors, ${result.warnings} warnings${result.report}`);
		assert.ok(result.files > 20, 'the sources were found');
		assert.equal(result.verdict.passed, true, result.verdict.details ?? result.verdict.message);
		assert.equal(result.errors + result.warnings, 0, result.report);
	});

	it('would catch a package that breaks the rules (the scan is not a no-op)', async () => {
		const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-platforms-scan-broken-'));
		fs.cpSync(packageDir, broken, { recursive: true });
		const manifest = JSON.parse(fs.readFileSync(path.join(broken, 'package.json'), 'utf8'));
		delete manifest.homepage;
		manifest.author = { name: 'nobody' };
		fs.writeFileSync(path.join(broken, 'package.json'), JSON.stringify(manifest, null, 2));
		const result = await scan(broken);
		assert.equal(result.verdict.passed, false);
		assert.match(result.report, /valid-author/);
		assert.match(result.report, /require-homepage/);
	});
});
