import { velentsSuite, webhookReceiver, WEBHOOK_SECRET } from './setup';

describe('Velents › Agent.sa conversations', () => {
	const velents = velentsSuite();
	const receiver = webhookReceiver();
	const dispatch = (extra: Record<string, unknown> = {}) => ({
		authentication: 'velentsAgentApi',
		resource: 'conversation',
		operation: 'dispatch',
		channel: 3,
		phone: '+966 50 000 0001',
		valuesMode: 'keyValue',
		values: { value: [{ key: 'company_name', value: 'acme' }, { key: 'order_id', value: '1212' }] },
		...extra,
	});

	// The receiver stands in for this n8n: its origin is the instance's base URL, and the link is
	// shaped like a Velents Trigger URL (only those get the credential's Webhook Secret).
	const TRIGGER_PATH = '/webhook/3f1c2b7e-1d2a-4c5b-9e8f-0123456789ab/webhook';
	const instance = () => ({ instanceBaseUrl: new URL(receiver.url).origin });
	const triggerLink = () => `${new URL(receiver.url).origin}${TRIGGER_PATH}`;

	it('dispatches one conversation and the lifecycle events reach the webhook link with the secret', async () => {
		const { items, error } = await velents.run(
			dispatch({ webhook: { link: triggerLink(), bodyJson: '{"crm_id":"42"}', headers: { header: [{ name: 'X-Source', value: 'n8n' }] } } }),
			instance(),
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ conversation_id: expect.any(Number), phone: '+966500000001', status: 'queued' });
		const [request] = velents.requests();
		expect(request.headers.authorization).toBe(`Bearer ${velents.credentials.velentsAgentApi.token}`);
		expect(request.body).toEqual({
			channel_id: 3,
			phone: '+966500000001',
			values: { company_name: 'acme', order_id: '1212' },
			webhook: { link: triggerLink(), body: { crm_id: '42' }, headers: { 'X-Source': 'n8n', 'X-Webhook-Secret': WEBHOOK_SECRET } },
		});
		await velents.sim.idle();
		expect(receiver.received.map((r) => (r.body.event as { type: string }).type)).toEqual(['onStarted', 'onMessage', 'onUpdate', 'onEnded']);
		for (const delivery of receiver.received) {
			expect(delivery.headers['x-webhook-secret']).toBe(WEBHOOK_SECRET);
			expect(delivery.headers['x-velents-authorization']).toBe(velents.sim.platformAuthorization);
			expect(delivery.body.crm_id).toBe('42');
		}
	});

	it('sends no Webhook Secret to a link that is not a trigger of this n8n (another server, plain http)', async () => {
		const { error } = await velents.run(dispatch({ webhook: { link: receiver.url, headers: { header: [{ name: 'X-Source', value: 'n8n' }] } } }), instance());
		expect(error).toBeUndefined();
		expect(velents.requests()[0].body).toMatchObject({ webhook: { link: receiver.url, headers: { 'X-Source': 'n8n' } } });
		await velents.sim.idle();
		expect(receiver.received.length).toBeGreaterThan(0);
		for (const delivery of receiver.received) expect(delivery.headers['x-webhook-secret']).toBeUndefined();
	});

	it('refuses a trigger-shaped link on another host before sending anything', async () => {
		const { error } = await velents.run(dispatch({ webhook: { link: `http://attacker.example.net${TRIGGER_PATH}` } }), instance());
		expect(error?.message).toMatch(/^Webhook Link is a trigger URL on another host than this n8n \(http:\/\/127\.0\.0\.1:\d+\); the Webhook Secret is sent only to this n8n's own triggers/);
		expect(velents.requests()).toHaveLength(0);
	});

	it('sends a number without a leading + (no format is published), spacing removed', async () => {
		const { error } = await velents.run(dispatch({ phone: '050 000 0001' }));
		expect(error).toBeUndefined();
		expect(velents.requests()[0].body).toMatchObject({ phone: '0500000001' });
	});

	it('sends values given as JSON and a custom channel id', async () => {
		const { error } = await velents.run(dispatch({ valuesMode: 'json', valuesJson: '{"customer_name":"Sara"}', channel: 'custom', channelId: 7 }));
		expect(error).toBeUndefined();
		expect(velents.requests()[0].body).toMatchObject({ channel_id: 7, values: { customer_name: 'Sara' } });
	});

	it.each([
		['an empty phone', { phone: ' ' }, 'Phone is required'],
		['invalid values JSON', { valuesMode: 'json', valuesJson: '{"a":' }, /^Values \(JSON\) is not valid JSON .*$/],
		['values JSON that is a list', { valuesMode: 'json', valuesJson: '[1,2]' }, 'Values (JSON) must be a JSON object of variable names and values'],
		['a webhook link that is not a URL', { webhook: { link: 'not a url' } }, 'Webhook Link must be an http(s) URL'],
	])('refuses %s before sending', async (_name, extra, message) => {
		const { error } = await velents.run(dispatch(extra));
		if (typeof message === 'string') expect(error?.message).toBe(message);
		else expect(error?.message).toMatch(message);
		expect(velents.requests()).toHaveLength(0);
	});

	const batchItems = (count: number) => Array.from({ length: count }, (_, i) => ({ json: { phone: `+9665${String(i).padStart(8, '0')}`, name: `Customer ${i}` } }));
	const batch = (extra: Record<string, unknown> = {}) => ({
		authentication: 'velentsAgentApi',
		resource: 'conversation',
		operation: 'dispatchBatch',
		batchName: 'November renewals',
		channel: 3,
		phone: '={{ $json.phone }}',
		valuesMode: 'keyValue',
		values: { value: [{ key: 'customer_name', value: '={{ $json.name }}' }] },
		...extra,
	});

	it('turns 1,000 input items into exactly one Batch request with 1,000 rows', async () => {
		const { items, error } = await velents.run(batch(), { items: batchItems(1000) });
		expect(error).toBeUndefined();
		const calls = velents.requests().filter((r) => r.path === '/Integration/Agent/Batch');
		expect(calls).toHaveLength(1);
		const body = calls[0].body as { name: string; channel_id: number; rows: Array<{ phone: string; values: Record<string, string> }> };
		expect(body.name).toBe('November renewals');
		expect(body.rows).toHaveLength(1000);
		expect(body.rows[999]).toEqual({ phone: '+966500000999', values: { customer_name: 'Customer 999' } });
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ batch_id: 1, rows: 1000, rowsSent: 1000, rowsRejected: 0 });
		expect(velents.data().conversations).toHaveLength(1000);
	});

	it('names the bad row and sends nothing when one item has no phone', async () => {
		const items = batchItems(5);
		items[3].json.phone = '';
		const { error } = await velents.run(batch(), { items });
		expect(error?.message).toBe('Phone is required [item 3]');
		expect(velents.requests()).toHaveLength(0);
	});

	it('with Continue On Fail and no valid row, returns each row\'s own error and sends nothing', async () => {
		const items = batchItems(2);
		for (const item of items) item.json.phone = '';
		const { items: out, error } = await velents.run(batch(), { items, continueOnFail: true });
		expect(error).toBeUndefined();
		expect(out.map((o) => o.json.error)).toEqual(['Phone is required [item 0]', 'Phone is required [item 1]']);
		expect(velents.requests()).toHaveLength(0);
	});

	it('with Continue On Fail, sends the valid rows and returns the bad one as an error item', async () => {
		const items = batchItems(4);
		items[1].json.phone = '';
		const { items: out, error } = await velents.run(batch(), { items, continueOnFail: true });
		expect(error).toBeUndefined();
		expect((velents.requests()[0].body as { rows: unknown[] }).rows).toHaveLength(3);
		expect(out[0].json).toMatchObject({ rowsSent: 3, rowsRejected: 1 });
		expect(out[1]).toMatchObject({ json: { error: expect.stringContaining('[item 1]') }, pairedItem: { item: 1 } });
	});

	it('turns a 422 into one readable message naming the fields', async () => {
		await velents.control('faults', {
			method: 'POST',
			path: 'Dispatch',
			status: 422,
			body: { message: 'The given data was invalid.', errors: { phone: ['The phone has already been contacted today.'], channel_id: ['The selected channel id is invalid.'] } },
		});
		const { error } = await velents.run(dispatch());
		expect(error?.message).toBe('Velents: Invalid phone, channel_id');
		expect(error?.description).toBe('phone: The phone has already been contacted today.; channel_id: The selected channel id is invalid.');
	});

	it('reports a rejected agent token as 401 with the provider message', async () => {
		velents.credentials.velentsAgentApi.token = 'wrong-token';
		const { error } = await velents.run(dispatch());
		expect(error?.httpCode).toBe('401');
		expect(error?.message).toBe('Velents: Unauthenticated.');
		expect(JSON.stringify(error)).not.toContain(WEBHOOK_SECRET);
	});
});
