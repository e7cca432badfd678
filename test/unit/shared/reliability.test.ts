// The shared transport, exercised through the Convo node against injected faults.
import { convoSuite } from '../convo/setup';

const fault = (url: string, spec: object) =>
	fetch(`${url}/_sim/faults`, { method: 'POST', body: JSON.stringify(spec) });

describe('shared transport › retries, rate limits and faults', () => {
	const convo = convoSuite();
	const listAgents = { resource: 'agent', operation: 'getAll', returnAll: true };
	const agentCalls = () => convo.requests().filter((r) => r.path === '/api/v1/agents');

	it('retries a GET after a burst of 5xx and succeeds', async () => {
		await fault(convo.url, { method: 'GET', path: '/agents$', status: 503, remaining: 2 });
		const { items, error } = await convo.run(listAgents);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(agentCalls()).toHaveLength(3);
	});

	it('gives up on a GET after three 5xx with the provider message and request id', async () => {
		await fault(convo.url, { method: 'GET', path: '/agents$', status: 500, remaining: 5 });
		const { error } = await convo.run(listAgents);
		expect(agentCalls()).toHaveLength(3);
		expect(error?.message).toBe('Convo: Injected failure');
		expect(error?.description).toMatch(/Request ID for Convo support: [0-9a-f-]{36}/);
	});

	it('never retries a POST after a 5xx (no duplicate lead)', async () => {
		await fault(convo.url, { method: 'POST', path: '/leads$', status: 502, remaining: 1 });
		const { error } = await convo.run({ resource: 'lead', operation: 'create', fieldsMode: 'json', fieldsJson: '{"name":"once"}' });
		expect(error?.httpCode).toBe('502');
		expect(convo.requests().filter((r) => r.method === 'POST')).toHaveLength(1);
	});

	it('with Continue On Fail, a failing POST leaves the other items to succeed', async () => {
		await fault(convo.url, { method: 'POST', path: '/leads$', status: 500, remaining: 1, skip: 1 });
		const items = [1, 2, 3].map((n) => ({ json: { name: `Lead ${n}` } }));
		const { items: out, error } = await convo.run(
			{ resource: 'lead', operation: 'create', fieldsMode: 'json', fieldsJson: '={{ JSON.stringify({ name: $json.name }) }}' },
			{ items, continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(out).toHaveLength(3);
		expect(out.filter((i) => i.json.error)).toHaveLength(1);
		expect(out.filter((i) => i.json.id)).toHaveLength(2);
		expect(convo.requests().filter((r) => r.method === 'POST')).toHaveLength(3);
	});

	it('with Continue On Fail, bad input on one item fails only that item and sends nothing for it', async () => {
		const lead = convo.data().leads[0];
		const items = [{ json: { id: lead.id } }, { json: { id: '' } }, { json: { id: lead.id } }];
		const { items: out } = await convo.run({ resource: 'lead', operation: 'updateStatus', leadId: '={{ $json.id }}', status: 'CONTACTED' }, { items, continueOnFail: true });
		expect(out.map((i) => (i.json.error ? 'error' : i.json.status))).toEqual(['CONTACTED', 'error', 'CONTACTED']);
		expect(String(out[1].json.error)).toContain('Lead is required [item 1]');
		expect(convo.requests()).toHaveLength(2);
	});

	it('retries a GET after a connection reset', async () => {
		await fault(convo.url, { method: 'GET', path: '/agents$', kind: 'reset', remaining: 1 });
		const { items, error } = await convo.run(listAgents);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
	});

	it('does not retry a POST after a connection reset and says why', async () => {
		await fault(convo.url, { method: 'POST', path: '/leads$', kind: 'reset', remaining: 1 });
		const { error } = await convo.run({ resource: 'lead', operation: 'create', fieldsMode: 'json', fieldsJson: '{"name":"x"}' });
		expect(error?.message).toBe('Could not reach Convo: the connection was reset');
		expect(error?.description).toContain('was not retried because it may already have been applied');
		expect(convo.requests().filter((r) => r.method === 'POST')).toHaveLength(1);
	});

	it('times out a hung request per the node timeout and retries the GET', async () => {
		await fault(convo.url, { method: 'GET', path: '/agents$', kind: 'timeout', holdMs: 5000, remaining: 1 });
		const { items, error } = await convo.run({ ...listAgents, requestOptions: { timeout: 300 } });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(agentCalls()).toHaveLength(2);
	});

	it('reports malformed JSON clearly instead of emitting a string item', async () => {
		await fault(convo.url, { method: 'GET', path: '/agents$', kind: 'malformed', remaining: 1 });
		const { error } = await convo.run(listAgents);
		expect(error?.message).toBe('Convo returned a response that is not valid JSON');
	});

	it('reports an HTML error page with its status and text', async () => {
		await fault(convo.url, { method: 'GET', path: '/agents$', kind: 'html', status: 502, remaining: 3 });
		const { error } = await convo.run(listAgents);
		expect(error?.message).toBe('Convo: The service answered 502 with a non-JSON body');
		expect(error?.description).toContain('502 Bad Gateway');
	});

	it('waits out 429s (Retry-After) so that every item succeeds', async () => {
		await fetch(`${convo.url}/_sim/config`, { method: 'POST', body: JSON.stringify({ rateLimit: { enabled: true, limit: 4, windowMs: 1000 } }) });
		const items = Array.from({ length: 10 }, () => ({ json: {} }));
		const { items: out, error } = await convo.run({ resource: 'channel', operation: 'getAll', returnAll: true }, { items });
		expect(error).toBeUndefined();
		expect(out).toHaveLength(30);
		const served = convo.requests().filter((r) => r.path === '/api/v1/channels' && r.status === undefined);
		expect(served).toHaveLength(10);
	});

	it('keeps to a steady per-second limit (token bucket) without losing items', async () => {
		await fetch(`${convo.url}/_sim/config`, { method: 'POST', body: JSON.stringify({ rateLimit: { enabled: true, limit: 5, windowMs: 1000, mode: 'bucket' } }) });
		const items = Array.from({ length: 12 }, () => ({ json: {} }));
		const { items: out, error } = await convo.run({ resource: 'channel', operation: 'getAll', returnAll: true }, { items });
		expect(error).toBeUndefined();
		expect(out).toHaveLength(36);
		expect(convo.requests().filter((r) => r.path === '/api/v1/channels' && r.status === undefined)).toHaveLength(12);
	});

	it('fails with a clear message when the rate-limit window is longer than the node will wait', async () => {
		await fetch(`${convo.url}/_sim/config`, { method: 'POST', body: JSON.stringify({ rateLimit: { enabled: true, limit: 1, windowMs: 86_400_000 } }) });
		await convo.run(listAgents);
		const { error } = await convo.run(listAgents);
		expect(error?.httpCode).toBe('429');
		expect(error?.message).toBe('Convo: Too Many Requests');
		expect(error?.description).toMatch(/kept answering 429 after 1 attempts \(next window in \d+ s\)/);
	});

	it('never puts the API token into outputs or errors', async () => {
		const runs = [
			await convo.run({ resource: 'lead', operation: 'updateStatus', leadId: 'missing', status: 'WON' }),
			await convo.run({ resource: 'agent', operation: 'get', agentId: { __rl: true, mode: 'id', value: '00000000-0000-4000-8000-000000000000' } }),
			await convo.run(listAgents),
		];
		await fault(convo.url, { method: 'POST', path: '/leads$', kind: 'reset', remaining: 1 });
		runs.push(await convo.run({ resource: 'lead', operation: 'create', fieldsMode: 'json', fieldsJson: '{"name":"x"}' }));
		for (const run of runs) {
			const serialized = JSON.stringify({ items: run.items, error: run.error, description: run.error?.description, data: run.run.data });
			expect(serialized).not.toContain(convo.token);
			expect(serialized).not.toContain(convo.token.slice(6));
		}
	});
});
