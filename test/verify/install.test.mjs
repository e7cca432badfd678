// The README's commands are what CI runs, and the install works without lifecycle scripts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const manifest = JSON.parse(read('package.json'));

/** The commands of the README's "The two commands" block, comments stripped, `&&` split. */
function readmeCommands() {
	const block = /## The two commands\s+```bash\n([\s\S]*?)```/.exec(read('README.md'));
	assert.ok(block, 'README has a "The two commands" bash block');
	return block[1]
		.split('\n')
		.map((line) => line.replace(/#.*/, '').trim())
		.filter(Boolean)
		.flatMap((line) => line.split('&&').map((part) => part.trim()));
}

/** The npm commands .ci/run executes (lines starting with npm, comments stripped). */
function ciCommands() {
	return read('.ci/run')
		.split('\n')
		.map((line) => line.replace(/#.*/, '').trim())
		.filter((line) => /^npm\s/.test(line));
}

describe('a newcomer runs what CI runs', () => {
	it(".ci/run installs with exactly the README's install command", () => {
		const install = readmeCommands().filter((c) => /^npm (ci|install)\b/.test(c));
		assert.deepEqual(install, ['npm ci']);
		assert.deepEqual(ciCommands().filter((c) => /^npm (ci|install)\b/.test(c)), install);
	});

	it(".ci/run runs the README's test command", () => {
		assert.ok(readmeCommands().includes('npm test'));
		assert.ok(ciCommands().includes('npm test'));
	});

	it('the project .npmrc turns off install scripts, and no npm script relies on a pre/post hook', () => {
		// eslint-plugin-n8n-nodes-base's preinstall (`npx only-allow pnpm`) fails without a TTY.
		assert.match(read('.npmrc'), /^ignore-scripts=true$/m);
		// With ignore-scripts npm still runs a named script, but skips its pre/post hooks.
		const names = Object.keys(manifest.scripts);
		const hooks = names.filter((name) => /^(pre|post)/.test(name) && names.includes(name.replace(/^(pre|post)/, '')));
		const lifecycle = names.filter((name) => ['preinstall', 'install', 'postinstall', 'prepare', 'prepack', 'postpack', 'prepublishOnly'].includes(name));
		assert.deepEqual([...hooks, ...lifecycle], []);
	});

	it('the package has no runtime dependencies and is ready for verification', () => {
		assert.equal(manifest.dependencies, undefined);
		assert.match(manifest.author.email, /^[^@\s]+@[^@\s]+\.[a-z]+$/);
		assert.match(manifest.homepage, /^https:\/\//);
		assert.match(manifest.repository.url, /^git\+https:\/\/.+\.git$/);
		assert.match(manifest.bugs.url, /^https:\/\/.+\/issues$/);
	});
});
