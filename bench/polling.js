'use strict';
// Section 7: what a Record Trigger (polling) costs the provider. Three Timely AI simulators with
// 10,000 contacts each and one "New Contact" poller per simulator in one real n8n; after the
// activation poll, 0, 1 and 250 contacts arrive, and the next tick's list requests are counted.
const crypto = require('node:crypto');

const timely = require('../test/simulators/timely/server');
const { startN8n, waitFor } = require('../test/e2e/n8n');
const { node } = require('../test/e2e/workflows');

const EXISTING = 10_000;
const PAGE = 100;
const NEW = [0, 1, 250];

function addContacts(sim, count, fromSecond) {
	const contacts = sim.data().contacts;
	const base = Date.UTC(2026, 0, 1);
	for (let i = 0; i < count; i++) {
		const at = new Date(base + (fromSecond + i) * 1000).toISOString();
		contacts.push({ id: crypto.randomUUID(), company_id: 'c1', customer_name: `Contact ${fromSecond + i}`, status: 'active', created_at: at, updated_at: at });
	}
}

const lists = (sim) => sim.state.requests.filter((r) => r.method === 'GET' && r.path === '/v1/contacts').length;

async function benchPolling(report) {
	const sims = NEW.map(() => timely.createTimelySimulator());
	let n8n;
	try {
		for (const sim of sims) {
			await sim.listen();
			addContacts(sim, EXISTING, 0);
		}
		n8n = await startN8n();
		const key = Object.keys(timely.DEFAULT_KEYS)[0];
		for (const [i, sim] of sims.entries()) {
			const credentialId = await n8n.createCredential(`Timely ${i}`, 'timelyAiApi', { apiKey: key, baseUrl: sim.url });
			const poller = node('New Contact', n8n.type('timelyAiRecordTrigger'), { event: 'contactCreated', pollTimes: { item: [{ mode: 'everyMinute' }] } }, { credentials: { timelyAiApi: { id: credentialId, name: `Timely ${i}` } } });
			const id = await n8n.createWorkflow({ name: `poll bench ${i}`, nodes: [poller], connections: {} });
			await n8n.activate(id);
		}
		// The activation poll has read the first page; from here on, the next tick is measured.
		const before = sims.map(lists);
		for (const [i, sim] of sims.entries()) addContacts(sim, NEW[i], EXISTING + 10);
		await waitFor('the next poll tick', () => sims.every((sim, i) => lists(sim) > before[i]), 75_000, 500);
		// Let the tick read every page it needs.
		await new Promise((resolve) => setTimeout(resolve, 5000));
		for (const [i, sim] of sims.entries()) {
			const requests = lists(sim) - before[i];
			const target = NEW[i] <= 1 ? 1 : Math.ceil(NEW[i] / PAGE) + 1;
			report('7 Polling', `Timely AI Record Trigger, ${EXISTING.toLocaleString('en')} existing + ${NEW[i]} new`, `${requests} request${requests === 1 ? '' : 's'}`, `${target}${NEW[i] > 1 ? ` (= ⌈${NEW[i]}/${PAGE}⌉ + 1)` : ''}`, requests <= target ? 'met' : `+${requests - target}`, 'newest first, stops at the first record already seen');
		}
	} finally {
		await n8n?.stop();
		for (const sim of sims) await sim.close();
	}
}

module.exports = { benchPolling };
