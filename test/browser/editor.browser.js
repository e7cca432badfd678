'use strict';
// The editor as a person sees it: Debian's headless Chromium driven by playwright-core against
// the real n8n that `npm start` runs (package from `npm pack`, sandbox simulators, examples).
// For every provider: find it in the node panel, open its actions (every resource), add the
// trigger and read its webhook URLs, create each credential in the editor and see its test pass;
// then the example workflows in the light and the dark theme with every icon loaded.
// Screenshots go to docs/screenshots/ (the README shows them).
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, describe, it } = require('node:test');
const { chromium } = require('playwright-core');

const { startN8n, ROOT } = require('../e2e/n8n');
const { startSimulators, createSandboxCredentials, importExamples, sandboxCredentialData } = require('../e2e/sandbox');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const PACKAGE = 'n8n-nodes-agent-platforms';

const PROVIDERS = [
	{ slug: 'convo', name: 'Convo', node: 'Convo/Convo.node.js', credentials: ['convoApi'], examples: 'convo-' },
	{ slug: 'velents', name: 'Velents', node: 'Velents/Velents.node.js', credentials: ['velentsAgentApi', 'velentsSupportApi'], examples: 'velents-' },
	{ slug: 'voxstack', name: 'VoxStack', node: 'VoxStack/VoxStack.node.js', credentials: ['voxStackApi'], examples: 'voxstack-call-' },
	{ slug: 'timely', name: 'Timely AI', node: 'TimelyAi/TimelyAi.node.js', credentials: ['timelyAiApi'], examples: 'timely-' },
	{ slug: 'raia', name: 'raia', node: 'Raia/Raia.node.js', credentials: ['raiaAgentApi', 'raiaOrganizationApi'], examples: 'raia-' },
];

/** How many operations the node has over all its resources: the action panel must list as many. */
function operationsOf(provider) {
	const module = require(path.join(ROOT, 'dist', 'nodes', provider.node));
	const NodeClass = Object.values(module)[0];
	const operations = new NodeClass().description.properties.filter((p) => p.name === 'operation');
	return operations.reduce((total, p) => total + p.options.length, 0);
}

/** Display names of credential options, for fields that are dropdowns. */
const OPTION_LABELS = { region: { custom: 'Custom' } };

describe('the editor in a real n8n (headless Chromium)', { timeout: 1_200_000 }, () => {
	let n8n;
	let sims;
	let browser;
	let page;
	let examples;

	const shot = async (name) => await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
	const byTestId = (id) => page.locator(`[data-test-id="${id}"]`);
	async function newWorkflow() {
		await page.goto(`${n8n.baseUrl}/workflow/new`);
		await byTestId('canvas-plus-button').waitFor({ timeout: 120_000 });
	}
	/** Opens the node panel on an empty canvas, searches and opens the provider's entry. */
	async function openProvider(provider) {
		await byTestId('canvas-plus-button').click();
		await byTestId('node-creator-search-bar').fill(provider.name);
		const entry = page.locator(`[data-test-id="node-creator-item-name"]:text-is("${provider.name}")`);
		await entry.waitFor({ timeout: 10_000 });
		await entry.click();
	}

	before(async () => {
		fs.mkdirSync(SHOTS, { recursive: true });
		sims = await startSimulators();
		n8n = await startN8n();
		examples = await importExamples(n8n, sims, await createSandboxCredentials(n8n, sims));
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			// As root, and on a machine without internet: no sandbox, no background fetches.
			args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
		});
		page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		page.setDefaultTimeout(30_000);
	});

	after(async () => {
		await browser?.close();
		await n8n?.stop();
		await sims?.close();
	});

	it('signs in', async () => {
		await page.goto(`${n8n.baseUrl}/signin`);
		await page.locator('[data-test-id="emailOrLdapLoginId"] input').fill(n8n.owner.email);
		await page.locator('[data-test-id="password"] input').fill(n8n.owner.password);
		await byTestId('form-submit-button').click();
		await page.waitForURL(/\/home\//, { timeout: 60_000 });
	});

	for (const provider of PROVIDERS) {
		it(`${provider.name}: found in the node panel, every operation listed, trigger shows its webhook URLs`, async () => {
			await newWorkflow();
			await openProvider(provider);
			const categories = await byTestId('node-creator-category-item').allInnerTexts();
			const actionsHeader = categories.find((c) => /^Actions \(\d+\)/.test(c));
			assert.ok(actionsHeader, `no Actions section: ${categories.join(', ')}`);
			assert.equal(Number(/\((\d+)\)/.exec(actionsHeader)[1]), operationsOf(provider), 'actions listed ≠ operations of the node');
			assert.ok(categories.some((c) => /^Triggers \(\d+\)/.test(c)), `no Triggers section: ${categories.join(', ')}`);
			// Expand the actions: every resource's operations, grouped by resource.
			await page.locator('[data-test-id="node-creator-category-item"]', { hasText: 'Actions' }).click();
			await shot(`${provider.slug}-actions`);

			// Triggers come first (expanded): the first entry adds the trigger node and opens it.
			await byTestId('node-creator-item-name').first().click();
			await byTestId('ndv').waitFor();
			await page.getByText('Webhook URLs').first().click();
			const ndvText = await byTestId('ndv').innerText();
			assert.match(ndvText, new RegExp(`${n8n.baseUrl.replace(/[.:/]/g, '\\$&')}/webhook-test/[0-9a-f-]{36}/`), 'test webhook URL missing');
			await byTestId('radio-button-production').click();
			assert.match(await byTestId('ndv').innerText(), new RegExp(`${n8n.baseUrl.replace(/[.:/]/g, '\\$&')}/webhook/[0-9a-f-]{36}/`), 'production webhook URL missing');
			await shot(`${provider.slug}-trigger`);
		});

		it(`${provider.name}: credentials created in the editor pass their test against the sandbox`, async () => {
			const sandbox = sandboxCredentialData(sims);
			for (const type of provider.credentials) {
				await page.goto(`${n8n.baseUrl}/home/credentials/create`);
				const search = page.locator('[data-test-id="new-credential-type-select"] input');
				await search.waitFor({ timeout: 60_000 });
				await search.fill(provider.name);
				const module = require(path.join(ROOT, 'dist', 'credentials', `${type[0].toUpperCase()}${type.slice(1)}.credentials.js`));
				const label = new (Object.values(module)[0])().displayName;
				await page.locator('[data-test-id="new-credential-type-select-option"]', { hasText: label }).first().click();
				await byTestId('new-credential-type-button').click();
				const modal = byTestId('editCredential-modal');
				await modal.waitFor();
				for (const [key, value] of Object.entries(sandbox[type].data)) {
					const field = modal.locator(`[data-test-id="parameter-input-${key}"]`);
					if (OPTION_LABELS[key]) {
						await field.click();
						await page.locator('.el-select-dropdown__item:visible', { hasText: OPTION_LABELS[key][value] }).first().click();
					} else {
						await field.locator('input, textarea').first().fill(value);
					}
				}
				await byTestId('credential-save-button').click();
				await modal.getByText(/tested successfully/i).waitFor({ timeout: 30_000 });
				await page.screenshot({ path: path.join(SHOTS, `credential-${type}.png`) });
				await page.keyboard.press('Escape');
			}
		});
	}

	it('VoxStack Live Transcript Trigger: found in the node panel, opens with its filters; its example loads', async () => {
		await newWorkflow();
		await byTestId('canvas-plus-button').click();
		await byTestId('node-creator-search-bar').fill('VoxStack Live Transcript');
		const entry = page.locator('[data-test-id="node-creator-item-name"]:text-is("VoxStack Live Transcript Trigger")');
		await entry.waitFor({ timeout: 10_000 });
		await entry.click();
		// A package node with no actions of its own opens n8n's community-node details first.
		await page.getByRole('button', { name: /Add to workflow/ }).click();
		await byTestId('ndv').waitFor();
		const ndvText = await byTestId('ndv').innerText();
		for (const label of ['Agent Names or IDs', 'Task Names or IDs', 'Caller Only', 'Match']) assert.ok(ndvText.includes(label), `${label} missing`);
		await shot('voxstack-live-trigger');
		await page.keyboard.press('Escape');
		const example = examples.find((e) => e.file.startsWith('voxstack-alert-on-cancel'));
		await page.goto(`${n8n.baseUrl}/workflow/${example.id}`);
		await byTestId('canvas-node').first().waitFor({ timeout: 120_000 });
		await page.waitForLoadState('networkidle');
		const checklist = byTestId('suggested-actions-close');
		if (await checklist.isVisible()) await checklist.click();
		await shot('example-voxstack-live-light');
	});

	for (const theme of ['light', 'dark']) {
		it(`example workflows show every node icon in the ${theme} theme`, async () => {
			await page.evaluate((t) => localStorage.setItem('N8N_THEME', t), theme);
			for (const provider of PROVIDERS) {
				const example = examples.find((e) => e.file.startsWith(provider.examples));
				await page.goto(`${n8n.baseUrl}/workflow/${example.id}`);
				await byTestId('canvas-node').first().waitFor({ timeout: 120_000 });
				await page.waitForLoadState('networkidle');
				// n8n pops a production checklist over active workflows; close it for the picture.
				const checklist = byTestId('suggested-actions-close');
				if (await checklist.isVisible()) await checklist.click();
				const icons = await page.$$eval(`img[src*="${PACKAGE}"]`, (imgs) => imgs.map((img) => ({ src: img.getAttribute('src'), width: img.naturalWidth })));
				assert.ok(icons.length >= 1, `${example.file}: no package icons on the canvas`);
				for (const icon of icons) {
					assert.ok(icon.width > 0, `${icon.src} did not load`);
					assert.equal(icon.src.includes('.dark.svg'), theme === 'dark', `${icon.src} in the ${theme} theme`);
				}
				await shot(`example-${provider.slug}-${theme}`);
			}
		});
	}
});
