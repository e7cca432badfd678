// GitHub Actions cannot run here: parse both workflows and check what makes them correct.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import YAML from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const load = (name) => {
	const doc = YAML.parseDocument(fs.readFileSync(path.join(ROOT, '.github/workflows', name), 'utf8'));
	assert.deepEqual(doc.errors, [], `${name} is valid YAML`);
	return doc.toJS();
};
const runs = (job) => job.steps.filter((step) => step.run).map((step) => step.run.trim());

describe('GitHub Actions workflows', () => {
	it('ci.yml runs .ci/run on every push to main and every pull request, read-only', () => {
		const ci = load('ci.yml');
		assert.deepEqual(Object.keys(ci.on).sort(), ['pull_request', 'push']);
		assert.deepEqual(ci.on.push.branches, ['main']);
		assert.deepEqual(ci.permissions, { contents: 'read' });
		const [job] = Object.values(ci.jobs);
		assert.ok(job.steps.some((step) => /^actions\/checkout@v\d+$/.test(step.uses)));
		assert.deepEqual(runs(job), ['bash .ci/run']);
		assert.ok(job['timeout-minutes'] <= 90);
	});

	it('publish.yml publishes a version tag with provenance through trusted publishing', () => {
		const publish = load('publish.yml');
		assert.deepEqual(Object.keys(publish.on), ['push']);
		assert.deepEqual(publish.on.push.tags, ['v*']);
		assert.equal(publish.permissions['id-token'], 'write');
		assert.equal(publish.permissions.contents, 'read');
		const [job] = Object.values(publish.jobs);
		const commands = runs(job);
		const testAt = commands.indexOf('bash .ci/run');
		const publishAt = commands.indexOf('npm publish --provenance --access public');
		assert.ok(testAt >= 0, 'installs with npm ci and runs npm test through .ci/run');
		assert.ok(publishAt > testAt, 'publishes only after the tests passed');
		assert.ok(commands.some((c) => /GITHUB_REF_NAME/.test(c) && /version/.test(c)), 'checks the tag against package.json');
		assert.ok(commands.some((c) => /npm install --global npm@\^11\.5/.test(c)), 'npm new enough for trusted publishing');
		// Trusted publishing: no long-lived token anywhere in the workflow.
		const text = fs.readFileSync(path.join(ROOT, '.github/workflows/publish.yml'), 'utf8');
		assert.doesNotMatch(text, /NODE_AUTH_TOKEN|NPM_TOKEN|secrets\./);
		const setup = job.steps.find((step) => /^actions\/setup-node@/.test(step.uses ?? ''));
		assert.equal(setup.with['registry-url'], 'https://registry.npmjs.org');
	});
});
