// Pacing in the shared transport, through the real routing engine against simulators that
// enforce a limit: counts of refusals and failed items, never timings.
import { convoSuite } from '../convo/setup';
import { OTHER_COMPANY_KEY, rl, timelySuite } from '../timely/setup';

const limitTo = (url: string, rateLimit: object) =>
	fetch(`${url}/_sim/config`, { method: 'POST', body: JSON.stringify({ rateLimit: { enabled: true, ...rateLimit } }) });
const items = (n: number) => Array.from({ length: n }, () => ({ json: {} }));

describe('shared transport › pacing from X-RateLimit headers (Timely AI)', () => {
	const timely = timelySuite();
	const getAgent = () => ({ resource: 'agent', operation: 'get', agentId: rl(timely.data().agents[0].id) });
	const refusals = () => timely.requests().filter((r) => r.status === 429).length;
	let run = 0;
	// A fresh credential per test: pacing state lives with the credential.
	const credentialId = () => `timely-pacing-${++run}`;

	it.each(['bucket', 'window'])('spreads 60 items over a 20 req/s %s with no item lost and at most one 429', async (mode) => {
		await limitTo(timely.url, { limit: 20, windowMs: 1000, mode });
		const { items: out, error } = await timely.run(getAgent(), { items: items(60), credentialId: credentialId() });
		expect(error).toBeUndefined();
		expect(out).toHaveLength(60);
		expect(out.every((item) => item.json.id === timely.data().agents[0].id)).toBe(true);
		expect(refusals()).toBeLessThanOrEqual(1);
		expect(timely.requests().filter((r) => r.status === undefined)).toHaveLength(60);
	}, 30_000);

	it('waits for the reset when the budget is spent instead of sending into a 429', async () => {
		// 5 per 2-s window for 12 items: the budget runs out twice before the work is done.
		await limitTo(timely.url, { limit: 5, windowMs: 2000, mode: 'window' });
		const { items: out, error } = await timely.run(getAgent(), { items: items(12), credentialId: credentialId() });
		expect(error).toBeUndefined();
		expect(out).toHaveLength(12);
		expect(refusals()).toBe(0);
	}, 30_000);

	it('never shares a spent budget between two credentials', async () => {
		// A spends its whole 60-s budget; B, another key with its own budget, must not wait for A's reset.
		await limitTo(timely.url, { limit: 3, windowMs: 60_000, mode: 'window' });
		const list = { resource: 'agent', operation: 'getAll', returnAll: false, limit: 1 };
		const a = await timely.run(list, { items: items(3), credentialId: 'timely-a' });
		expect(a.error).toBeUndefined();
		timely.credentials.timelyAiApi.apiKey = OTHER_COMPANY_KEY;
		const b = await timely.run(list, { items: items(3), credentialId: 'timely-b' });
		expect(b.error).toBeUndefined();
		expect(timely.requests().filter((r) => r.status === undefined)).toHaveLength(6);
		expect(refusals()).toBe(0);
	}, 20_000);
});

describe('shared transport › pacing learned from Retry-After (Convo)', () => {
	const convo = convoSuite();
	const refusals = () => convo.requests().filter((r) => r.status === 429).length;

	it.each(['bucket', 'window'])('learns a 20 req/s %s from the first refusals: 100 items, none lost, at most 10 answered 429', async (mode) => {
		await limitTo(convo.url, { limit: 20, windowMs: 1000, mode });
		const agentId = convo.data().agents[0].id;
		const { items: out, error } = await convo.run(
			{ resource: 'agent', operation: 'get', agentId: { __rl: true, mode: 'id', value: agentId } },
			{ items: items(100), credentialId: `convo-learn-${mode}` },
		);
		expect(error).toBeUndefined();
		expect(out).toHaveLength(100);
		expect(out.every((item) => item.json.id === agentId)).toBe(true);
		// Unpaced, the same run meets the limit about once for every item served beyond the first 20.
		expect(refusals()).toBeLessThanOrEqual(10);
	}, 40_000);
});
